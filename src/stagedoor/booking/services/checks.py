"""The rules a hold, an offer or a booking must pass, checked against the locked rows.

Each adds field-named problems to an `Errors`; the services raise them all at once.
"""

from __future__ import annotations

import datetime as dt

from stagedoor.core.validation import Errors, check_aware
from stagedoor.gigs.labels import call_label, call_time
from stagedoor.gigs.models import Position, Status
from stagedoor.people.models import WorkerProfile

from ..models import BUSY_STATUSES, Offer
from ..selectors import clashes, live_bookings

DEFAULT_OFFER_HOURS = 48
MIN_OFFER_MINUTES = 15


def check_open(errors: Errors, position: Position, now: dt.datetime) -> None:
    # Read afresh: the caller's copy may predate a cancellation that committed while it
    # waited for the lock.
    fresh = (
        Position.objects.filter(pk=position.pk)
        .values("cancelled_at", "show__status", "project__status")
        .first()
        or {}
    )
    if Status.CANCELLED in (fresh.get("show__status"), fresh.get("project__status")):
        errors.add("position", "The show was cancelled.")
    elif fresh.get("cancelled_at") is not None:
        errors.add("position", "The call was cancelled.")
    elif position.call_start <= now:
        errors.add("position", "The call has already started.")


def check_not_booked(errors: Errors, position: Position, worker: WorkerProfile) -> None:
    if position.bookings.filter(worker=worker, status__in=BUSY_STATUSES).exists():
        errors.add("worker", f"{worker.display_name} is already booked on this call.")


def check_bookable(errors: Errors, position: Position, worker: WorkerProfile, now) -> None:
    """The rules a new booking must pass; call with the position and worker locked."""
    check_open(errors, position, now)
    booked = live_bookings(position)
    if booked >= position.headcount:
        errors.add(
            "position",
            "The only seat of this call is already booked."
            if position.headcount == 1
            else f"All {position.headcount} seats of this call are already booked.",
        )
    check_not_booked(errors, position, worker)
    for other in clashes(worker, position):
        errors.add(
            "worker",
            f"{worker.display_name} is booked on {call_label(other.position)}, which overlaps "
            f"this call or leaves less than the {position.organisation.turnaround_hours} h "
            "turnaround.",
        )


def offer_expiry(errors: Errors, position, expires_at, now) -> dt.datetime | None:
    """When a new offer expires: as asked, or 48 h from now but before the call starts."""
    if expires_at is None:
        expires_at = min(now + dt.timedelta(hours=DEFAULT_OFFER_HOURS), position.call_start)
        if expires_at - now < dt.timedelta(minutes=MIN_OFFER_MINUTES):
            errors.add("position", "The call starts too soon to send an offer.")
        return expires_at
    check_aware(errors, "expires_at", expires_at)
    if "expires_at" in errors.by_field:
        return None
    if expires_at <= now + dt.timedelta(minutes=MIN_OFFER_MINUTES - 1):
        errors.add("expires_at", f"Give the worker at least {MIN_OFFER_MINUTES} minutes to answer.")
    elif expires_at > position.call_start:
        errors.add("expires_at", "The offer must expire before the call starts.")
    return expires_at


def check_answerable(errors: Errors, offer: Offer, now: dt.datetime) -> None:
    """An offer can be accepted or declined only while it is pending and not yet expired."""
    if offer.status == Offer.Status.WITHDRAWN:
        errors.add("offer", f"This offer was withdrawn: {offer.reason or 'by the manager.'}")
    elif offer.status == Offer.Status.EXPIRED or (
        offer.status == Offer.Status.PENDING and offer.expires_at <= now
    ):
        errors.add("offer", f"This offer expired at {call_time(offer.expires_at, offer.position)}.")
    elif offer.status == Offer.Status.ACCEPTED:
        errors.add("offer", "This offer was already accepted.")
    elif offer.status == Offer.Status.DECLINED:
        errors.add("offer", "This offer was declined.")
