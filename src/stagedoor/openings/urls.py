from django.urls import path

from . import views

app_name = "openings"
urlpatterns = [
    path("openings/", views.opening_list, name="list"),
    path("openings/mine/", views.mine, name="mine"),
    path("openings/<slug:slug>/", views.detail, name="detail"),
    path("openings/<slug:slug>/apply/", views.apply, name="apply"),
    path("openings/<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("openings/<slug:slug>/applicants/", views.applicants, name="applicants"),
    path("openings/<slug:slug>/edit/", views.edit, name="edit"),
    path("openings/<slug:slug>/close/", views.close, name="close"),
    path("openings/applications/<int:pk>/<str:action>/", views.decide, name="decide"),
    path("manage/orgs/<slug:org_slug>/openings/", views.manage, name="manage"),
    path("manage/orgs/<slug:org_slug>/openings/new/", views.new, name="new"),
]
