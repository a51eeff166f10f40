from django.urls import path

from . import views
from .staffing import views as staffing

app_name = "matching"
urlpatterns = [
    path("manage/positions/<int:pk>/crew/", views.find_crew, name="find-crew"),
    path("me/gigs/", views.my_gigs, name="gigs"),
    path("orgs/<slug:slug>/auto-staff/", staffing.org_auto_staff, name="staffing-org"),
    path("shows/<slug:slug>/auto-staff/", staffing.show_auto_staff, name="staffing-show"),
    path("tours/<slug:slug>/auto-staff/", staffing.tour_auto_staff, name="staffing-tour"),
    path("studio/<slug:slug>/auto-staff/", staffing.project_auto_staff, name="staffing-project"),
    path("auto-staff/runs/<int:pk>/", staffing.run_detail, name="staffing-run"),
    path("auto-staff/runs/<int:pk>/accept/", staffing.run_accept, name="staffing-accept"),
]
