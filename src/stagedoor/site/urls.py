from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import account, tokens, views

urlpatterns = [
    path("", views.home, name="home"),
    path("ops/", views.operations, name="operations"),
    path("ops/demo-data/", views.operations_demo_data, name="operations-demo-data"),
    path("account/", account.account, name="account"),
    path("account/tokens/", tokens.tokens, name="account-tokens"),
    path("account/tokens/<int:pk>/revoke/", tokens.revoke, name="account-token-revoke"),
    path("account/sign-out-everywhere/", account.sign_out_everywhere, name="sign-out-everywhere"),
    # Django's own password views, with the templates in templates/registration/.
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "account/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
