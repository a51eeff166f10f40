from django.urls import path

from . import views

app_name = "hall"
urlpatterns = [
    path("hall/", views.home, name="home"),
    path("hall/me/", views.me, name="me"),
    path("hall/me/<int:pk>/sign/", views.sign, name="sign"),
    path("hall/me/<int:pk>/record.<str:fmt>", views.export, name="export"),
    path("hall/offers/<int:pk>/answer/", views.answer, name="answer"),
    path("hall/calls/<int:pk>/", views.call, name="call"),
    path("hall/requests/<int:pk>/", views.request_detail, name="request"),
    path("hall/<slug:slug>/", views.desk, name="desk"),
    path("hall/<slug:slug>/dispatch/", views.dispatch, name="dispatch"),
    path("hall/<slug:slug>/lists/", views.lists, name="lists"),
    path("hall/<slug:slug>/lists/recompute/", views.recompute, name="recompute"),
    path("hall/<slug:slug>/rules/", views.rule_versions, name="rules"),
]
