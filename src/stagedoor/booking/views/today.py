"""The worker's Today page and the one-tap "I'm here" / "I'm done" at the venue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from stagedoor.core.text import clock, in_zone

from .. import today as today_selectors
from ..models import Booking
from ..rules import worker_of
from ..timesheets import stamps
from ._common import attempt, on_call


def render_today(request, worker):
    """The Today page for `worker`; the home page shows it to a logged-in worker too."""
    return render(
        request,
        "booking/today.html",
        {"worker": worker, "today": today_selectors.today(worker)},
    )


@login_required
def today(request):
    worker = worker_of(request.user)
    if worker is None:
        raise PermissionDenied("This page is for crew with a worker profile.")
    return render_today(request, worker)


def _stamped(moment, booking) -> str:
    return clock(in_zone(moment, booking.position.timezone_name))


@login_required
@require_POST
def check_in(request, pk: int):
    found = on_call(Booking, pk)
    return attempt(
        request,
        lambda: stamps.timesheet_check_in(actor=request.user, booking=found),
        lambda sheet: f"Checked in at {_stamped(sheet.check_in, found)}. Have a good call.",
        reverse("booking:today"),
    )


@login_required
@require_POST
def check_out(request, pk: int):
    found = on_call(Booking, pk)
    return attempt(
        request,
        lambda: stamps.timesheet_check_out(actor=request.user, booking=found),
        lambda sheet: (
            f"Checked out at {_stamped(sheet.check_out, found)}. "
            "Submit your times on the timesheet when they look right."
        ),
        reverse("booking:today"),
    )


urlpatterns = [
    path("me/", today, name="today"),
    path("bookings/<int:pk>/check-in/", check_in, name="check-in"),
    path("bookings/<int:pk>/check-out/", check_out, name="check-out"),
]
