from django.urls import path

from . import views
from .crewtemplates import views as crew_templates

app_name = "gigs"
urlpatterns = [
    path("shows/", views.shows, name="shows"),
    path("shows/<slug:slug>/", views.show, name="show"),
    path("tours/<slug:slug>/", views.tour, name="tour"),
    path("studio/", views.projects, name="projects"),
    path("studio/<slug:slug>/", views.project, name="project"),
    path("manage/orgs/<slug:org_slug>/shows/new/", views.show_new, name="show-new"),
    path("manage/shows/<slug:slug>/", views.show_edit, name="show-edit"),
    path("manage/shows/<slug:slug>/positions/new/", views.position_new, name="position-new"),
    path("manage/positions/<int:pk>/", views.position_edit, name="position-edit"),
    path("manage/positions/<int:pk>/delete/", views.position_delete, name="position-delete"),
    *crew_templates.urlpatterns,
]
