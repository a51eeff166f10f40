from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from stagedoor.api.urls import api
from stagedoor.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tasks/<int:pk>/", core_views.task_progress, name="task"),
    path("ops/", core_views.operations, name="operations"),
    path("ops/demo-data/", core_views.operations_demo_data, name="operations-demo-data"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("stagedoor.industry.urls")),
    path("", include("stagedoor.gigs.urls")),
    path("", include("stagedoor.people.urls")),
    path("", include("stagedoor.matching.urls")),
    path("", include("stagedoor.staffing.urls")),
    path("", include("stagedoor.booking.urls")),
    path("", include("stagedoor.careers.urls")),
    path("", include("stagedoor.boards.urls")),
]
