from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("orgs/<slug:slug>/auto-staff/", views.org_auto_staff, name="org"),
    path("shows/<slug:slug>/auto-staff/", views.show_auto_staff, name="show"),
    path("tours/<slug:slug>/auto-staff/", views.tour_auto_staff, name="tour"),
    path("studio/<slug:slug>/auto-staff/", views.project_auto_staff, name="project"),
    path("auto-staff/runs/<int:pk>/", views.run_detail, name="run"),
    path("auto-staff/runs/<int:pk>/accept/", views.run_accept, name="accept"),
    path("auto-staff/runs/<int:pk>/sending/", views.run_sending, name="sending"),
    path("auto-staff/runs/<int:pk>/sending/stop/", views.run_cancel_sending, name="cancel-sending"),
]
