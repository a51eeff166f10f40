from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("crew/", views.crew, name="crew"),
    path("crew/<slug:slug>/", views.profile, name="profile"),
    path("me/profile/", views.edit, name="edit"),
    path("me/profile/<str:section>/", views.edit_section, name="edit-section"),
    path("me/profile/<str:section>/<int:pk>/remove/", views.remove_item, name="remove"),
]
