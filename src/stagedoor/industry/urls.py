from django.urls import path

from . import views

app_name = "industry"
urlpatterns = [
    path("roles/", views.roles, name="roles"),
    path("roles/<slug:slug>/", views.role, name="role"),
    path("orgs/", views.organisations, name="organisations"),
    path("orgs/<slug:slug>/", views.organisation, name="organisation"),
    path("venues/<slug:slug>/", views.venue, name="venue"),
]
