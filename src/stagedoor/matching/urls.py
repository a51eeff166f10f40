from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("manage/positions/<int:pk>/crew/", views.find_crew, name="find-crew"),
]
