"""The worker's side: offers to answer, notifications, and the schedule of bookings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.core.paging import page_of
from stagedoor.gigs.labels import call_label

from .. import selectors, services
from ..models import Booking, Notification, Offer
from ..rules import worker_of
from ._common import attempt, on_call


def _me(request):
    worker = worker_of(request.user)
    if worker is None:
        raise PermissionDenied("This page is for crew with a worker profile.")
    return worker


@login_required
def inbox(request):
    worker = worker_of(request.user)
    context = {
        "worker": worker,
        "offers": selectors.pending_offers(worker) if worker else [],
        "past_offers": page_of(request, selectors.past_offers(worker), param="earlier")
        if worker
        else None,
        "notifications": page_of(request, selectors.notifications(request.user)),
    }
    return render(request, "booking/inbox.html", context)


@login_required
@require_POST
def notifications_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("booking:inbox")


@login_required
@require_POST
def offer_accept(request, pk: int):
    found = on_call(Offer, pk)
    return attempt(
        request,
        lambda: services.offer_accept(actor=request.user, offer=found),
        f"Booked: {found.position.display_title}. It is on your schedule and calendar.",
        reverse("booking:inbox"),
    )


@login_required
@require_POST
def offer_decline(request, pk: int):
    found = on_call(Offer, pk)
    return attempt(
        request,
        lambda: services.offer_decline(
            actor=request.user, offer=found, reason=request.POST.get("reason", "")
        ),
        f"Declined: {call_label(found.position)}.",
        reverse("booking:inbox"),
    )


@login_required
def schedule(request):
    worker = _me(request)
    upcoming, past = selectors.schedule(worker)
    return render(
        request,
        "booking/schedule.html",
        {
            "worker": worker,
            "upcoming": page_of(request, upcoming),
            "past": page_of(request, past, param="worked"),
            "cancelled": page_of(request, selectors.cancelled_bookings(worker), param="cancelled"),
        },
    )


@login_required
@require_POST
def booking_cancel(request, pk: int):
    found = on_call(Booking, pk)
    return attempt(
        request,
        lambda: services.booking_cancel(
            actor=request.user, booking=found, reason=request.POST.get("reason", "")
        ),
        f"Booking of {found.worker.display_name} on {found.position.display_title} cancelled.",
        reverse("booking:schedule"),
    )


urlpatterns = [
    path("me/inbox/", inbox, name="inbox"),
    path("me/inbox/read/", notifications_read, name="notifications-read"),
    path("me/schedule/", schedule, name="schedule"),
    path("offers/<int:pk>/accept/", offer_accept, name="offer-accept"),
    path("offers/<int:pk>/decline/", offer_decline, name="offer-decline"),
    path("bookings/<int:pk>/cancel/", booking_cancel, name="booking-cancel"),
]
