"""One-tap times at the venue: "I'm here" and "I'm done", stamped now, and the lead's
correction that keeps the worker's stamps beside it.

The stamps go through the same checks as recorded times (`checks`): not before check-in
opens (STAGEDOOR_CHECKIN_EARLY_MINUTES before the call), not on a cancelled booking, not
on an approved timesheet, and only once each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from stagedoor.core.locking import lock_rows
from stagedoor.core.text import clock, in_zone
from stagedoor.core.validation import Errors

from ..models import Booking, Timesheet
from ..rules import require_lead
from ..selectors import sheet_of
from ..services.bookings import locked_booking
from ..services.events import actor_user
from .checks import check_live, check_open, check_times
from .rules import is_own
from .services import timesheet_record


def _require_own(actor, booking: Booking, action: str) -> None:
    if not is_own(actor, booking):
        raise PermissionDenied(
            f"Only the worker booked can {action} with one tap; "
            "the crew chief corrects times on the timesheet."
        )


def _at(moment: dt.datetime, booking: Booking) -> str:
    return clock(in_zone(moment, booking.position.timezone_name))


def _locked(booking: Booking) -> tuple[Booking, Timesheet | None]:
    booking = locked_booking(booking)
    sheet = sheet_of(booking)
    if sheet is not None:
        lock_rows((Timesheet, [sheet.pk]))
        sheet = Timesheet.objects.get(pk=sheet.pk)
    return booking, sheet


def _not_approved(errors: Errors, sheet: Timesheet | None) -> None:
    if sheet is not None and sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is approved and can no longer be changed.")


@transaction.atomic
def timesheet_check_in(*, actor, booking: Booking, now: dt.datetime | None = None) -> Timesheet:
    """ "I'm here": the worker's check-in, stamped `now`.

    Only the booked worker may. Refused before check-in opens, on a cancelled or no-show
    booking, more than 12 hours after the call, on an approved timesheet, and a second time.
    """
    _require_own(actor, booking, "check in")
    now = now or timezone.now()
    booking, sheet = _locked(booking)
    errors = Errors()
    check_live(errors, booking)
    check_open(errors, booking, now)
    _not_approved(errors, sheet)
    if sheet is not None and sheet.check_in is not None:
        errors.add("check_in", f"You are already checked in, since {_at(sheet.check_in, booking)}.")
    if not errors:
        check_times(errors, booking, now, None, now)
    errors.raise_if_any()
    sheet = sheet or Timesheet(booking=booking)
    sheet.check_in = sheet.stamped_in = now
    sheet.status = Timesheet.Status.OPEN
    sheet.updated_by = actor_user(actor)
    sheet.save()
    return sheet


@transaction.atomic
def timesheet_check_out(*, actor, booking: Booking, now: dt.datetime | None = None) -> Timesheet:
    """ "I'm done": the worker's check-out, stamped `now`, after their check-in.

    Refused without a check-in, a second time, on an approved timesheet, on a cancelled
    booking, and for a shift longer than 24 hours or overlapping another of their calls.
    """
    _require_own(actor, booking, "check out")
    now = now or timezone.now()
    booking, sheet = _locked(booking)
    errors = Errors()
    check_live(errors, booking)
    _not_approved(errors, sheet)
    if sheet is None or sheet.check_in is None:
        errors.add("check_out", "Check in first: tap “I'm here” when you arrive.")
    elif sheet.check_out is not None:
        errors.add("check_out", f"You are already checked out, at {_at(sheet.check_out, booking)}.")
    if not errors:
        check_times(errors, booking, sheet.check_in, now, now)
    errors.raise_if_any()
    sheet.check_out = sheet.stamped_out = now
    sheet.status = Timesheet.Status.OPEN
    sheet.updated_by = actor_user(actor)
    sheet.save()
    return sheet


def timesheet_correct(
    *,
    actor,
    booking: Booking,
    check_in: dt.datetime,
    check_out: dt.datetime | None = None,
    breaks: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    now: dt.datetime | None = None,
) -> Timesheet:
    """The crew chief's or a manager's correction of the worker's times.

    The corrected times become the timesheet's check-in and check-out, with who corrected
    them and when; the worker's own stamps stay as they were. Same checks as
    `timesheet_record`; only a lead may, and not on their own booking.
    """
    require_lead(actor, booking.position, "correct times")
    if is_own(actor, booking):
        raise PermissionDenied("Someone else must correct your own times.")
    return timesheet_record(
        actor=actor, booking=booking, check_in=check_in, check_out=check_out, breaks=breaks, now=now
    )
