from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("orgs/new/", views.organisation_new, name="new"),
    path("orgs/<slug:slug>/members/", views.members, name="members"),
    path(
        "orgs/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="revoke",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
