from django.urls import path

from . import directory as views

# The namespace the directory had when industry served it; every template links to it.
app_name = "industry"
urlpatterns = [
    path("roles/", views.roles, name="roles"),
    path("roles/<slug:slug>/", views.role, name="role"),
    path("orgs/", views.organisations, name="organisations"),
    path("orgs/<slug:slug>/", views.organisation, name="organisation"),
    path("venues/<slug:slug>/", views.venue, name="venue"),
]
