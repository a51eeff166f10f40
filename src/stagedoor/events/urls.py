from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/mine/", views.mine, name="mine"),
    path("events/<slug:slug>/", views.detail, name="detail"),
    path("events/<slug:slug>/going/", views.going, name="going"),
    path("manage/orgs/<slug:org_slug>/events/", views.manage, name="manage"),
]
