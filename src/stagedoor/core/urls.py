from django.urls import path

from . import views

urlpatterns = [
    path("tasks/<int:pk>/", views.task_progress, name="task"),
    path("tasks/<int:pk>/stop/", views.task_stop, name="task-stop"),
]
