from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from stagedoor.api.urls import api

urlpatterns = [
    path("", include("stagedoor.site.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("stagedoor.core.urls")),
    path("", include("stagedoor.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Before the directory: /orgs/new/ is a page, not an organisation called "new".
    path("", include("stagedoor.industry.urls")),
    path("", include("stagedoor.site.directory_urls")),
    path("", include("stagedoor.gigs.urls")),
    path("", include("stagedoor.people.urls")),
    path("", include("stagedoor.matching.urls")),
    path("", include("stagedoor.staffing.urls")),
    path("", include("stagedoor.hall.urls")),
    path("", include("stagedoor.booking.urls")),
    path("", include("stagedoor.careers.urls")),
    path("", include("stagedoor.studio.urls")),
    path("", include("stagedoor.touring.urls")),
    path("", include("stagedoor.mentoring.urls")),
    path("", include("stagedoor.training.urls")),
    path("", include("stagedoor.boards.urls")),
    path("", include("stagedoor.openings.urls")),
    path("", include("stagedoor.events.urls")),
]
