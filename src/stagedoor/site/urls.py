from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("ops/", views.operations, name="operations"),
    path("ops/demo-data/", views.operations_demo_data, name="operations-demo-data"),
]
