"""Gigs' writes on a booked call keep the promises an accept keeps.

`gigs.services.position_update` and the deletes send `gigs.signals.position_changing` /
`position_deleting` inside their transaction with the call's row locked; these checks
(connected in `booking.receivers`) lock the booked workers too, in the same order an
accept takes them (`core.locking.lock_rows`: positions, then workers), and add the
problems, named by field, for gigs to raise. So a headcount lowered under the bookings, a
move onto a booked worker's other call, or the delete of a call with a record is refused
on every face (page, API, admin, CLI), and cannot slip between an accept's check and save.
"""

from __future__ import annotations

from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors
from stagedoor.gigs.labels import call_label
from stagedoor.gigs.models import Position
from stagedoor.people.models import WorkerProfile

from .. import messages
from ..models import BUSY_STATUSES, Booking, PositionEvent, Timesheet
from ..selectors import clashes
from .notify import notify_many


def _booked(position: Position) -> list[Booking]:
    return list(
        position.bookings.filter(status__in=BUSY_STATUSES)
        .select_related("worker__user")
        .order_by("worker_id")
    )


def check_position_change(position: Position, changes: dict, errors: Errors) -> None:
    """Refuse a headcount under the live bookings, or new times that clash for a booked
    worker. The caller (gigs) holds the position's lock, so no booking is added meanwhile."""
    booked = _booked(position)
    lock_rows((Position, [position.pk]), (WorkerProfile, [b.worker_id for b in booked]))
    headcount = changes.get("headcount")
    if headcount is not None and headcount < len(booked):
        people = "1 person is" if len(booked) == 1 else f"{len(booked)} people are"
        errors.add(
            "headcount",
            f"{people} booked on this call; cancel a booking before lowering the headcount "
            f"to {headcount}.",
        )
    if "call_start" not in changes and "call_end" not in changes:
        return
    # The clash rule of an accept, asked of the call as it would be after the move.
    moved = Position(
        pk=position.pk,
        show=position.show,
        project=position.project,
        call_start=changes.get("call_start", position.call_start),
        call_end=changes.get("call_end", position.call_end),
    )
    field = "call_start" if "call_start" in changes else "call_end"
    for booking in booked:
        for other in clashes(booking.worker, moved):
            errors.add(
                field,
                f"{booking.worker.display_name} is booked on {call_label(other.position)}, "
                "which the new time overlaps or leaves less than the "
                f"{position.organisation.turnaround_hours} h turnaround; "
                "cancel that booking or pick another time.",
            )


def check_positions_deletable(positions: list[Position], errors: Errors, whole: str) -> None:
    """A call with bookings, timesheets or history is cancelled, not deleted."""
    ids = [p.pk for p in positions]
    kept = []
    if Booking.objects.filter(position_id__in=ids).exists():
        kept.append("bookings")
    if Timesheet.objects.filter(booking__position_id__in=ids).exists():
        kept.append("timesheets")
    if PositionEvent.objects.filter(position_id__in=ids).exists():
        kept.append("history")
    if not kept:
        return
    what = ", ".join(kept[:-1]) + " and " + kept[-1] if len(kept) > 1 else kept[0]
    subject = {"call": "This call has", "show": "This show's calls have"}.get(
        whole, "This project's calls have"
    )
    field = {"call": "position"}.get(whole, whole)
    errors.add(field, f"{subject} {what}; cancel it instead, which keeps the record.")


def tell_crew_of_new_time(position_id: int, before: dict) -> list:
    """The booked crew hear of a new call time, in the venue's local time (after commit,
    reading the call afresh)."""
    if "call_start" not in before and "call_end" not in before:
        return []
    position = (
        Position.objects.select_related("show__venue", "show__organisation", "project", "role")
        .filter(pk=position_id)
        .first()
    )
    if position is None:
        return []
    crew = [b.worker.user for b in _booked(position)]
    return notify_many(crew, **messages.call_moved(position, before))
