from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("me/mentoring/", views.hub, name="hub"),
    path("me/mentoring/offer/", views.offer, name="offer"),
    path("me/mentoring/request/", views.ask_for_mentor, name="request"),
    path("me/mentoring/ask/<int:offer_id>/", views.ask, name="ask"),
    path("me/mentoring/<int:pk>/answer/", views.answer, name="answer"),
    path("me/mentoring/<int:pk>/end/", views.end, name="end"),
    path("me/mentoring/<int:pk>/sessions/", views.log_session, name="session"),
    path("me/mentoring/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("mentors/", views.mentors, name="mentors"),
]
