"""Account pages: the account itself, sign out everywhere, the lockout page and password reset
(Django's own views, with our templates and words)."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from stagedoor.core.sessions import end_sessions
from stagedoor.industry import rules
from stagedoor.industry.selectors import memberships_of


@login_required
def account(request):
    memberships = [
        (m, rules.can_invite(request.user, m.organisation)) for m in memberships_of(request.user)
    ]
    return render(request, "registration/account.html", {"memberships": memberships})


@login_required
@require_POST
def sign_out_everywhere(request):
    """End every other session of this person; this browser stays logged in on a new key."""
    ended = end_sessions(request.user, keep=request.session.session_key)
    request.session.cycle_key()
    update_session_auth_hash(request, request.user)
    word = "browser or device" if ended == 1 else "browsers and devices"
    messages.success(
        request,
        f"Signed out of {ended} other {word}." if ended else "No other browser was signed in.",
    )
    return redirect("account")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password also lifts a lockout for that username."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): our words, and
    429 so scripts slow down."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failures": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
