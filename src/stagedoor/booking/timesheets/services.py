"""Timesheet writes: record, submit, approve, dispute; verified credits and ratings.

Every write checks permission first, then every field, and runs in one transaction that
locks the position and the worker (`services.bookings.locked_booking`, the order every
booking write uses), so it cannot interleave with a cancellation of the same booking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from stagedoor.core.locking import lock_rows
from stagedoor.core.text import display_name, in_zone
from stagedoor.core.validation import Errors
from stagedoor.gigs.labels import parent_name
from stagedoor.people.models import Credit

from .. import messages
from ..models import Booking, PositionEvent, Timesheet, TimesheetBreak
from ..rules import require_lead
from ..selectors import sheet_of
from ..services.bookings import locked_booking
from ..services.events import actor_user, log_event
from ..services.notify import notify, notify_many
from .checks import check_breaks, check_live, check_open, check_times
from .rules import can_approve, is_own, require_timesheet_access
from .selectors import leads, sheet_hours

MAX_DISPUTE_NOTE = 2000
MAX_RATING_NOTE = 300


@transaction.atomic
def timesheet_record(
    *,
    actor,
    booking: Booking,
    check_in: dt.datetime,
    check_out: dt.datetime | None = None,
    breaks: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    now: dt.datetime | None = None,
) -> Timesheet:
    """Record (or correct) when the worker checked in and out and their unpaid breaks.

    The worker or a lead may; the timesheet goes back to OPEN and must be submitted again.
    Refused, with nothing saved, for an approved timesheet, a cancelled or no-show booking,
    naive times, check-out not after check-in, check-in more than 12 h from the scheduled
    call, breaks outside the shift or overlapping, or a shift overlapping another of the
    worker's timesheets; and before check-in opens (`checks.check_in_opens`), or with
    check-in or check-out still in the future.
    """
    require_timesheet_access(actor, booking, "record this timesheet")
    now = now or timezone.now()
    booking = locked_booking(booking)
    errors = Errors()
    check_live(errors, booking)
    check_open(errors, booking, now)
    sheet = sheet_of(booking)
    if sheet is not None and sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is approved and can no longer be changed.")
    if "check_in" not in errors.by_field:
        check_times(errors, booking, check_in, check_out, now)
    times_ok = "check_in" not in errors.by_field and "check_out" not in errors.by_field
    spans = check_breaks(
        errors, list(breaks or ()), check_in if times_ok else None, check_out if times_ok else None
    )
    errors.raise_if_any()
    sheet = sheet or Timesheet(booking=booking)
    sheet.check_in = check_in
    sheet.check_out = check_out
    sheet.status = Timesheet.Status.OPEN
    sheet.updated_by = actor_user(actor)
    if not is_own(actor, booking):
        # A lead's times are a correction: the worker's own stamps stay beside them.
        sheet.corrected_by = actor_user(actor)
        sheet.corrected_at = now
    sheet.save()
    sheet.breaks.all().delete()
    TimesheetBreak.objects.bulk_create(
        TimesheetBreak(timesheet=sheet, starts_at=start, ends_at=end) for start, end in spans
    )
    return sheet


def _locked_sheet(timesheet: Timesheet) -> tuple[Booking, Timesheet]:
    booking = locked_booking(timesheet.booking)
    # After the position and worker, as a write holding those may go on to save the sheet.
    lock_rows((Timesheet, [timesheet.pk]))
    sheet = Timesheet.objects.get(pk=timesheet.pk)
    sheet.booking = booking
    return booking, sheet


@transaction.atomic
def timesheet_submit(*, actor, timesheet: Timesheet, now: dt.datetime | None = None) -> Timesheet:
    """Hand a complete timesheet to the crew chief or manager for approval.

    Submitting one that is already waiting changes nothing. Refused before check-in opens
    and while check-out is still in the future (times kept before these rules existed)."""
    require_timesheet_access(actor, timesheet.booking, "submit this timesheet")
    now = now or timezone.now()
    booking, sheet = _locked_sheet(timesheet)
    errors = Errors()
    check_live(errors, booking)
    check_open(errors, booking, now)
    if sheet.check_out is not None and sheet.check_out > now:
        errors.add("check_out", "Check-out is still in the future; submit after you leave.")
    if sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is already approved.")
    if sheet.check_in is None:
        errors.add("check_in", "Record check-in before submitting.")
    if sheet.check_out is None:
        errors.add("check_out", "Record check-out before submitting.")
    errors.raise_if_any()
    if sheet.status != Timesheet.Status.SUBMITTED:
        sheet.status = Timesheet.Status.SUBMITTED
        sheet.updated_by = actor_user(actor)
        sheet.save(update_fields=["status", "updated_by", "updated_at"])
    return sheet


@transaction.atomic
def timesheet_approve(*, actor, timesheet: Timesheet, now: dt.datetime | None = None) -> Timesheet:
    """Approve a submitted timesheet: the booking counts as worked (COMPLETED).

    Only the crew chief or a manager may, and nobody approves their own times unless they
    manage the organisation. When the call is already over the verified credit is issued
    at once; otherwise `credits_issue` issues it after the call ends.
    """
    booking = timesheet.booking
    require_lead(actor, booking.position, "approve timesheets")
    if not can_approve(actor, booking):
        raise PermissionDenied("Someone else must approve your own timesheet.")
    now = now or timezone.now()
    booking, sheet = _locked_sheet(timesheet)
    errors = Errors()
    check_live(errors, booking)
    if sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is already approved.")
    elif sheet.status != Timesheet.Status.SUBMITTED:
        errors.add(
            "timesheet",
            "Only a submitted timesheet can be approved; "
            f"this one is {sheet.get_status_display().lower()}.",
        )
    if sheet.check_out is not None and sheet.check_out > now:
        errors.add("check_out", "Check-out is still in the future; approve after the shift.")
    errors.raise_if_any()
    sheet.status = Timesheet.Status.APPROVED
    sheet.approved_by = actor_user(actor)
    sheet.approved_at = now
    sheet.updated_by = actor_user(actor)
    sheet.save()
    booking.status = Booking.Status.COMPLETED
    booking.save(update_fields=["status"])
    hours = sheet_hours(sheet)
    worker = booking.worker
    by = display_name(actor)
    log_event(
        booking.position,
        PositionEvent.Kind.COMPLETED,
        f"{worker.display_name} worked {hours} h; timesheet approved by {by}.",
        actor=actor,
        worker=worker,
    )
    if booking.position.call_end <= now:
        _issue_credit(booking, sheet)
    notify(worker.user, **messages.timesheet_approved(booking, by=by, hours=hours))
    return sheet


@transaction.atomic
def timesheet_dispute(*, actor, timesheet: Timesheet, note: str) -> Timesheet:
    """Say the recorded times are wrong. The note is required; the other side is told, and
    the timesheet can then be corrected with `timesheet_record` and submitted again."""
    require_timesheet_access(actor, timesheet.booking, "dispute this timesheet")
    booking, sheet = _locked_sheet(timesheet)
    errors = Errors()
    check_live(errors, booking)
    if sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "An approved timesheet cannot be disputed.")
    note = (note or "").strip()
    if not note:
        errors.add("note", "Say what is wrong with the times.")
    elif len(note) > MAX_DISPUTE_NOTE:
        errors.add("note", f"At most {MAX_DISPUTE_NOTE} characters.")
    errors.raise_if_any()
    sheet.status = Timesheet.Status.DISPUTED
    sheet.dispute_note = note
    sheet.updated_by = actor_user(actor)
    sheet.save(update_fields=["status", "dispute_note", "updated_by", "updated_at"])
    message = messages.timesheet_disputed(booking, by=display_name(actor), note=note)
    if is_own(actor, booking):
        others = [u for u in leads(booking.position) if u.pk != booking.worker.user_id]
        notify_many(others, **message)
    else:
        notify(booking.worker.user, **message)
    return sheet


# --- credits and ratings ------------------------------------------------------------------


def _issue_credit(booking: Booking, sheet: Timesheet) -> Credit:
    """The verified credit for a worked booking; call with the booking locked."""
    position = booking.position
    credit = Credit.objects.create(
        worker=booking.worker,
        title=parent_name(position)[:200],
        role=position.role,
        date=in_zone(position.call_start, position.timezone_name).date(),
        organisation=position.organisation,
        show=position.show if position.show_id else None,
        verified=True,
        verified_by=sheet.approved_by,
    )
    booking.credit = credit
    booking.save(update_fields=["credit"])
    return credit


def _creditable(now: dt.datetime):
    return Booking.objects.filter(
        status=Booking.Status.COMPLETED,
        credit__isnull=True,
        timesheet__status=Timesheet.Status.APPROVED,
        position__call_end__lte=now,
    )


def credits_issue(now: dt.datetime | None = None) -> int:
    """Give every worked booking whose call is over a verified credit, once.

    Safe to run any number of times and alongside approvals: each booking is re-checked
    under its locks before its credit is created. Returns how many credits were issued.
    """
    now = now or timezone.now()
    issued = 0
    found = _creditable(now).order_by("pk").values_list("pk", "position_id", "worker_id")
    for pk, position_id, worker_id in list(found):
        with transaction.atomic():
            booking = locked_booking(Booking(pk=pk, position_id=position_id, worker_id=worker_id))
            if not _creditable(now).filter(pk=pk).exists():
                continue
            _issue_credit(
                booking, Timesheet.objects.select_related("approved_by").get(booking=booking)
            )
            issued += 1
    return issued


@transaction.atomic
def booking_rate(*, actor, booking: Booking, rating: int, note: str = "") -> Credit:
    """Rate a worked booking 1-5 on its verified credit; a lead may, and may rate again."""
    require_lead(actor, booking.position, "rate crew")
    if is_own(actor, booking):
        raise PermissionDenied("You cannot rate your own work.")
    booking = locked_booking(booking)
    errors = Errors()
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors.add("rating", "Give a rating from 1 to 5.")
    note = (note or "").strip()
    if len(note) > MAX_RATING_NOTE:
        errors.add("note", f"At most {MAX_RATING_NOTE} characters.")
    if booking.credit is None:
        errors.add("booking", "Rate after the timesheet is approved and the call is over.")
    errors.raise_if_any()
    credit = booking.credit
    credit.rating = rating
    credit.rating_note = note
    credit.save(update_fields=["rating", "rating_note"])
    log_event(
        booking.position,
        PositionEvent.Kind.RATED,
        f"{display_name(actor)} rated {booking.worker.display_name} {rating}/5.",
        actor=actor,
        worker=booking.worker,
    )
    return credit
