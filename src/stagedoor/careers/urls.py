from django.urls import path

from . import views

app_name = "careers"
urlpatterns = [
    path("careers/", views.index, name="index"),
    path("careers/start/", views.start, name="start"),
    path("careers/<slug:slug>/", views.role, name="role"),
    path("careers/<slug:slug>/goal/", views.goal, name="goal"),
    path("me/income/", views.income_page, name="income"),
    path("me/income.csv", views.income_csv, name="income-csv"),
]
