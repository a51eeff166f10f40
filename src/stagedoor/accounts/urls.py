from django.urls import path

from .views import join, welcome

app_name = "accounts"
urlpatterns = [
    path("join/", join.join, name="join"),
    path("join/sent/", join.sent, name="sent"),
    path("join/new-link/", join.resend, name="resend"),
    path("join/confirm/<str:token>/", join.confirm, name="confirm"),
    path("welcome/", welcome.welcome, name="welcome"),
    path("welcome/<int:step>/", welcome.step, name="welcome-step"),
]
