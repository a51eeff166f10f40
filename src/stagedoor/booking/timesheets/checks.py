"""What makes recorded times sound: each check adds field-named problems to an `Errors`."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from django.conf import settings

from stagedoor.core.validation import Errors, check_aware
from stagedoor.gigs.labels import call_label, call_time

from ..models import Booking, Timesheet
from .selectors import LIVE_STATUSES

# How far check-in may lie from the scheduled call before it is taken for a typo.
CHECK_IN_SLACK = dt.timedelta(hours=12)
MAX_SHIFT = dt.timedelta(hours=24)


def check_in_opens(position) -> dt.datetime:
    """When the call's timesheet opens: the call minus STAGEDOOR_CHECKIN_EARLY_MINUTES."""
    return position.call_start - dt.timedelta(minutes=settings.STAGEDOOR_CHECKIN_EARLY_MINUTES)


def _early(minutes: int) -> str:
    """60 -> 'an hour', 90 -> '90 minutes', 120 -> '2 hours'."""
    if minutes == 60:
        return "an hour"
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60} hours"
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def check_open(errors: Errors, booking: Booking, now: dt.datetime) -> None:
    """Times are kept from check-in on: nothing is recorded or submitted before it opens."""
    position = booking.position
    opens = check_in_opens(position)
    if now < opens:
        minutes = settings.STAGEDOOR_CHECKIN_EARLY_MINUTES
        before = f", {_early(minutes)} before the call" if minutes else ", when the call starts"
        errors.add(
            "check_in",
            "Check-in has not opened yet: it opens "
            f"{call_time(opens, position, bracket_zone=False)}{before}.",
        )


def check_not_future(
    errors: Errors, check_in: dt.datetime, check_out: dt.datetime | None, now: dt.datetime
) -> None:
    """Times are what happened: neither check-in nor check-out lies ahead of `now`."""
    if check_in > now:
        errors.add("check_in", "Check-in cannot be in the future; record it once you are in.")
    if check_out is not None and check_out > now:
        errors.add("check_out", "Check-out cannot be in the future; record it when you leave.")


def check_live(errors: Errors, booking: Booking) -> None:
    if booking.status == Booking.Status.CANCELLED:
        errors.add("booking", "This booking was cancelled, so it has no timesheet.")
    elif booking.status == Booking.Status.NO_SHOW:
        errors.add("booking", "This booking was marked as a no-show, so it has no timesheet.")


def check_breaks(
    errors: Errors,
    breaks: Sequence,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The breaks as (start, end) pairs sorted by start; each problem names 'breaks'."""
    spans: list[tuple[dt.datetime, dt.datetime, int]] = []
    for number, pair in enumerate(breaks, start=1):
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            errors.add("breaks", f"Break {number} needs a start and an end.")
            continue
        start, end = pair
        probe = Errors()
        check_aware(probe, "start", start)
        check_aware(probe, "end", end)
        if probe:
            errors.add(
                "breaks",
                f"Break {number} needs a start and an end with a time zone or UTC offset.",
            )
            continue
        if end <= start:
            errors.add("breaks", f"Break {number} must end after it starts.")
            continue
        if check_in is not None and (
            start < check_in or (check_out is not None and end > check_out)
        ):
            errors.add("breaks", f"Break {number} lies outside the time between check-in and out.")
            continue
        spans.append((start, end, number))
    spans.sort()
    for (_, first_end, a), (second_start, _, b) in itertools.pairwise(spans):
        if second_start < first_end:
            errors.add("breaks", f"Breaks {min(a, b)} and {max(a, b)} overlap.")
    return [(start, end) for start, end, _ in spans]


def check_times(
    errors: Errors,
    booking: Booking,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    now: dt.datetime,
) -> None:
    position = booking.position
    check_aware(errors, "check_in", check_in)
    if check_out is not None:
        check_aware(errors, "check_out", check_out)
    if "check_in" in errors.by_field or "check_out" in errors.by_field:
        return
    check_not_future(errors, check_in, check_out, now)
    if check_out is not None and check_out <= check_in:
        errors.add("check_out", "Check-out must be after check-in.")
    elif check_out is not None and check_out - check_in > MAX_SHIFT:
        errors.add("check_out", "A shift lasts at most 24 hours; check the date of check-out.")
    earliest = position.call_start - CHECK_IN_SLACK
    latest = position.call_end + CHECK_IN_SLACK
    if not earliest <= check_in <= latest:
        start = call_time(position.call_start, position, bracket_zone=False)
        end = call_time(position.call_end, position, bracket_zone=False)
        errors.add(
            "check_in",
            f"Check-in must be within 12 hours of the scheduled call ({start} to {end}).",
        )
    if check_out is None or errors:
        return
    other = (
        Timesheet.objects.filter(
            booking__worker_id=booking.worker_id,
            booking__status__in=LIVE_STATUSES,
            check_in__lt=check_out,
            check_out__gt=check_in,
        )
        .exclude(booking_id=booking.pk)
        .select_related("booking__position__show", "booking__position__project")
        .first()
    )
    if other is not None:
        label = call_label(other.booking.position, venue=False, bracket_zone=False)
        errors.add(
            "check_in",
            f"These times overlap {booking.worker.display_name}'s timesheet for {label}.",
        )
