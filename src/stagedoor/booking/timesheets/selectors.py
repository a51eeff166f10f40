"""Reads for timesheets: a booking's sheet, a show's approval queue, hours worked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from stagedoor.gigs.models import Position, Show
from stagedoor.industry.enums import MemberRole
from stagedoor.industry.rules import managers_of

from ..models import Booking, Timesheet, TimesheetBreak

LIVE_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)
HOURS = Decimal("0.01")


def worked_hours(
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    breaks: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> Decimal | None:
    """Hours between check-in and check-out less unpaid breaks, to the cent of an hour."""
    if check_in is None or check_out is None:
        return None
    span = check_out - check_in - sum((end - start for start, end in breaks), dt.timedelta())
    minutes = span // dt.timedelta(minutes=1)
    return (Decimal(minutes) / 60).quantize(HOURS)


def sheet_hours(sheet: Timesheet | None) -> Decimal | None:
    if sheet is None:
        return None
    spans = [(b.starts_at, b.ends_at) for b in sheet.breaks.all()]
    return worked_hours(sheet.check_in, sheet.check_out, spans)


def leads(position: Position) -> list:
    """Who hears about a worker's dispute: the organisation's managers and crew chiefs,
    and the crew chiefs booked on the show."""
    org = position.organisation
    users = managers_of(org)
    users += [
        m.user for m in org.membership_set.filter(role=MemberRole.CREW_CHIEF).select_related("user")
    ]
    if position.show_id:
        users += [
            b.worker.user
            for b in Booking.objects.filter(
                position__show_id=position.show_id, is_crew_chief=True, status__in=LIVE_STATUSES
            ).select_related("worker__user")
        ]
    return users


def timesheet_of(booking: Booking) -> Timesheet | None:
    """The booking's timesheet with its breaks, or None before anything was recorded."""
    return (
        Timesheet.objects.filter(booking=booking)
        .select_related("approved_by", "updated_by", "corrected_by")
        .prefetch_related("breaks")
        .first()
    )


def booking_for_timesheet(pk: int) -> Booking:
    """A booking with everything its timesheet page shows; raises Booking.DoesNotExist."""
    return Booking.objects.select_related(
        "worker__user",
        "credit",
        "position__role",
        "position__show__venue",
        "position__show__organisation",
        "position__project__organisation",
        "position__project__venue",
    ).get(pk=pk)


@dataclass(frozen=True)
class TimesheetRow:
    """One booking on a show's approval queue."""

    booking: Booking
    timesheet: Timesheet | None
    worked_hours: Decimal | None

    @property
    def status(self) -> str:
        return self.timesheet.status if self.timesheet else ""

    @property
    def breaks(self) -> list[TimesheetBreak]:
        return list(self.timesheet.breaks.all()) if self.timesheet else []


def show_timesheets(show: Show) -> list[TimesheetRow]:
    """Every booking of the show that is not cancelled, with its timesheet: three queries."""
    bookings = (
        Booking.objects.filter(position__show=show)
        .exclude(status=Booking.Status.CANCELLED)
        # The venue gives each call's zone, for the "(+1 day)" marker.
        .select_related("worker", "position__role", "position__show__venue", "credit", "timesheet")
        .prefetch_related("timesheet__breaks")
        .order_by("position__call_start", "position_id", "worker__display_name", "pk")
    )
    rows = []
    for booking in bookings:
        sheet = booking.timesheet if hasattr(booking, "timesheet") else None
        rows.append(TimesheetRow(booking=booking, timesheet=sheet, worked_hours=sheet_hours(sheet)))
    return rows
