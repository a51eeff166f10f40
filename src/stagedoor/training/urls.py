from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("training/", views.catalog, name="catalog"),
    path("training/mine/", views.mine, name="mine"),
    path("training/courses/<slug:slug>/", views.course, name="course"),
    path("training/sessions/<int:pk>/", views.session, name="session"),
    path("training/sessions/<int:pk>/sign-up/", views.sign_up, name="sign-up"),
    path("training/enrolments/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("training/enrolments/<int:pk>/completed/", views.claim, name="claim"),
    path("orgs/<slug:slug>/training/", views.manage, name="manage"),
    path("orgs/<slug:slug>/training/courses/", views.course_add, name="course-add"),
    path("orgs/<slug:slug>/training/sessions/", views.session_add, name="session-add"),
    path(
        "orgs/<slug:slug>/training/courses/<slug:course>/",
        views.course_edit,
        name="course-edit",
    ),
    path("training/sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("training/sessions/<int:pk>/roster/", views.roster, name="roster"),
    path("training/enrolments/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("training/enrolments/<int:pk>/decline/", views.decline, name="decline"),
]
