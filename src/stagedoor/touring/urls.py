from django.urls import path

from . import views

app_name = "touring"
urlpatterns = [
    path("tours/<slug:slug>/plan/", views.plan, name="plan"),
    path("tours/<slug:slug>/plan/days/", views.day_add, name="day-add"),
    path("tours/<slug:slug>/plan/days/<int:pk>/delete/", views.day_delete, name="day-delete"),
    path("tours/<slug:slug>/plan/days/<int:pk>/legs/", views.leg_add, name="leg-add"),
    path("tours/<slug:slug>/plan/legs/<int:pk>/delete/", views.leg_delete, name="leg-delete"),
    path("tours/<slug:slug>/plan/budget/", views.budget_set, name="budget"),
    path("tours/<slug:slug>/plan/engage/", views.engage, name="engage"),
    path("tours/<slug:slug>/itinerary/", views.itinerary_page, name="itinerary"),
    path("tours/<slug:slug>/itinerary.ics", views.itinerary_ics, name="itinerary-ics"),
    path("tours/<slug:slug>/itinerary.csv", views.itinerary_csv, name="itinerary-csv"),
    path("tours/<slug:slug>/days/<str:date>/", views.daysheet, name="daysheet"),
    path("tours/<slug:slug>/days/<str:date>/pdf/", views.daysheet_pdf, name="daysheet-pdf"),
]
