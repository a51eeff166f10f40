"""Bookings once made: cancelling one, naming the crew chief, recording a no-show."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from stagedoor.core.locking import lock_rows
from stagedoor.core.text import display_name
from stagedoor.core.validation import Errors
from stagedoor.gigs.labels import call_time
from stagedoor.gigs.models import Position
from stagedoor.industry.rules import can_manage, managers_of, require_manager
from stagedoor.people.models import WorkerProfile

from .. import messages
from ..models import BUSY_STATUSES, Booking, PositionEvent
from ..rules import require_lead
from ..selectors import sheet_of
from .events import actor_user, log_event
from .notify import notify, notify_many
from .queue import backfill_later


def locked_booking(booking: Booking) -> Booking:
    """Lock the booking's position and worker (the order every booking write uses), and
    read the booking again so every check sees the committed state."""
    lock_rows((Position, [booking.position_id]), (WorkerProfile, [booking.worker_id]))
    return Booking.objects.select_related(
        "worker__user",
        "position__role",
        "position__show__venue",
        "position__show__organisation",
        "position__project__organisation",
        "position__project__venue",
        "credit",
    ).get(pk=booking.pk)


def mark_cancelled(booking: Booking, *, actor, reason: str, now, by_worker: bool) -> Booking:
    """Record a confirmed booking as cancelled (the caller holds the locks and checked it).
    Inside the organisation's late-cancellation window it is late: when the employer
    cancels late, pay owes the worker the minimum (`booking.pay`)."""
    position = booking.position
    window = dt.timedelta(hours=position.organisation.late_cancel_hours)
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = actor_user(actor)
    booking.cancelled_by_worker = by_worker
    booking.cancel_reason = reason.strip()
    booking.late_cancellation = position.call_start - now < window
    booking.is_crew_chief = False
    booking.save()
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, reason: str, now=None) -> Booking:
    """Either side cancels a confirmed booking, with a reason. Under the organisation's
    late-cancellation window the cancellation is recorded as late."""
    position = booking.position
    worker = booking.worker
    by_worker = getattr(actor, "pk", None) == worker.user_id
    if not by_worker and not can_manage(actor, position.organisation):
        raise PermissionDenied("Only the booked worker or a manager can cancel this booking.")
    now = now or timezone.now()
    lock_rows((Position, [position.pk]), (WorkerProfile, [worker.pk]))
    booking = Booking.objects.get(pk=booking.pk)
    errors = Errors()
    if booking.status != Booking.Status.CONFIRMED:
        state = booking.get_status_display().lower()
        errors.add("booking", f"Only a confirmed booking can be cancelled; this one is {state}.")
    if not reason.strip():
        errors.add("reason", "Say why the booking is cancelled.")
    elif len(reason) > 300:
        errors.add("reason", "At most 300 characters.")
    if position.call_end <= now:
        errors.add("booking", "The call is over; record a no-show or fix the timesheet instead.")
    errors.raise_if_any()
    mark_cancelled(booking, actor=actor, reason=reason, now=now, by_worker=by_worker)
    late = " (late cancellation)" if booking.late_cancellation else ""
    who = worker.display_name if by_worker else display_name(actor)
    log_event(
        position,
        PositionEvent.Kind.CANCELLED,
        f"{who} cancelled {worker.display_name}'s booking{late}: {booking.cancel_reason}",
        actor=actor,
        worker=worker,
    )
    message = messages.booking_cancelled(booking, who=who, to_managers=by_worker)
    if by_worker:
        notify_many(managers_of(position.organisation), **message)
    else:
        notify(worker.user, **message)
    backfill_later(position)
    return booking


@transaction.atomic
def booking_set_crew_chief(*, actor, booking: Booking, crew_chief: bool = True) -> Booking:
    require_manager(actor, booking.position.organisation, "name crew chiefs")
    errors = Errors()
    if booking.status not in BUSY_STATUSES:
        errors.add("booking", "Only a live booking can lead the crew.")
    if booking.position.show_id is None:
        errors.add("booking", "Crew chiefs lead show crews, not studio projects.")
    errors.raise_if_any()
    booking.is_crew_chief = crew_chief
    booking.save(update_fields=["is_crew_chief"])
    state = "is now" if crew_chief else "is no longer"
    log_event(
        booking.position,
        PositionEvent.Kind.CREW_CHIEF,
        f"{booking.worker.display_name} {state} crew chief.",
        actor=actor,
        worker=booking.worker,
    )
    return booking


@transaction.atomic
def booking_mark_no_show(*, actor, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """Record that a confirmed worker did not turn up; only a lead, once the call started."""
    require_lead(actor, booking.position, "mark no-shows")
    now = now or timezone.now()
    booking = locked_booking(booking)
    position = booking.position
    errors = Errors()
    if booking.status != Booking.Status.CONFIRMED:
        errors.add(
            "booking",
            "Only a confirmed booking can be marked as a no-show; "
            f"this one is {booking.get_status_display().lower()}.",
        )
    if now < position.call_start:
        errors.add("booking", "Mark a no-show only after the call has started.")
    sheet = sheet_of(booking)
    if sheet is not None and sheet.check_in is not None:
        errors.add(
            "booking",
            f"{booking.worker.display_name} checked in at "
            f"{call_time(sheet.check_in, position, bracket_zone=False)}; "
            "correct the timesheet instead.",
        )
    errors.raise_if_any()
    booking.status = Booking.Status.NO_SHOW
    booking.save(update_fields=["status"])
    by = display_name(actor)
    log_event(
        position,
        PositionEvent.Kind.NO_SHOW,
        f"{by} marked {booking.worker.display_name} as a no-show.",
        actor=actor,
        worker=booking.worker,
    )
    notify(booking.worker.user, **messages.no_show(position, by=by))
    return booking
