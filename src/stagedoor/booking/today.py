"""Reads for the worker's Today page: the next call with its one-tap times, the offers
waiting (each clash named before the tap), and the rest of the week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from django.utils import timezone

from stagedoor.core.text import in_zone, local_time
from stagedoor.people.models import WorkerProfile

from .links import callsheet_path
from .models import Booking, Timesheet
from .selectors import pending_offers, schedule, sheet_of
from .timesheets.checks import check_in_opens

WEEK = dt.timedelta(days=7)


def map_url(venue) -> str:
    """A maps search for the venue's address: a plain link that works on any phone."""
    return "https://www.openstreetmap.org/search?query=" + quote(
        f"{venue.name}, {venue.full_address}"
    )


def venue_of(position):
    return position.show.venue if position.show_id else position.project.venue


@dataclass(frozen=True)
class Stamp:
    """Where the one-tap times of a booking stand, as the worker reads them."""

    booking: Booking
    sheet: Timesheet | None
    opens: dt.datetime
    now: dt.datetime

    @property
    def zone(self) -> str:
        return self.booking.position.timezone_name

    @property
    def is_open(self) -> bool:
        return self.now >= self.opens

    @property
    def opens_at(self) -> str:
        return local_time(self.opens, self.zone)

    @property
    def checked_in(self) -> str:
        sheet = self.sheet
        return local_time(sheet.check_in, self.zone) if sheet and sheet.check_in else ""

    @property
    def checked_out(self) -> str:
        sheet = self.sheet
        return local_time(sheet.check_out, self.zone) if sheet and sheet.check_out else ""

    @property
    def can_check_in(self) -> bool:
        approved = self.sheet is not None and self.sheet.status == Timesheet.Status.APPROVED
        return self.is_open and not self.checked_in and not approved

    @property
    def can_check_out(self) -> bool:
        sheet = self.sheet
        return (
            bool(sheet and sheet.check_in and not sheet.check_out)
            and sheet.status != Timesheet.Status.APPROVED
        )


def stamp_of(booking: Booking, now: dt.datetime | None = None) -> Stamp:
    now = now or timezone.now()
    return Stamp(booking, sheet_of(booking), check_in_opens(booking.position), now)


@dataclass(frozen=True)
class NextCall:
    booking: Booking
    when: str
    venue_name: str
    address: str
    map_url: str
    callsheet_url: str
    stamp: Stamp


@dataclass(frozen=True)
class WaitingOffer:
    offer: object
    clashes: list[str]
    full: bool


def clash_text(booking: Booking) -> str:
    """'Clashes with your booking at Kraftwerk, Fri 18:00'."""
    position = booking.position
    venue = venue_of(position)
    where = venue.name if venue else position.project.title
    start = in_zone(position.call_start, position.timezone_name)
    return f"Clashes with your booking at {where}, {start:%a} {start:%H:%M}"


@dataclass(frozen=True)
class Today:
    next_call: NextCall | None
    offers: list[WaitingOffer]
    week: list[Booking]


def today(worker: WorkerProfile, now: dt.datetime | None = None) -> Today:
    """The worker's Today page. 'This week' is the seven days from now."""
    now = now or timezone.now()
    upcoming, _ = schedule(worker, now)
    upcoming = [b for b in upcoming if b.status == Booking.Status.CONFIRMED]
    next_call = None
    if upcoming:
        booking = upcoming[0]
        position = booking.position
        venue = venue_of(position)
        next_call = NextCall(
            booking=booking,
            when=local_time(position.call_start, position.timezone_name),
            venue_name=venue.name if venue else "Remote",
            address=venue.full_address if venue else "",
            map_url=map_url(venue) if venue else "",
            callsheet_url=callsheet_path(position.show) if position.show_id else "",
            stamp=stamp_of(booking, now),
        )
    offers = [
        WaitingOffer(item.offer, [clash_text(b) for b in item.clashes], item.full)
        for item in sorted(
            pending_offers(worker, now), key=lambda i: (i.offer.position.call_start, i.offer.pk)
        )
    ]
    week = [b for b in upcoming[1:] if b.position.call_start < now + WEEK]
    return Today(next_call=next_call, offers=offers, week=week)


def stamps_on_show(worker: WorkerProfile, show, now: dt.datetime | None = None) -> list[Stamp]:
    """The one-tap times of the worker's confirmed calls on a show that are not long over,
    for the call sheet."""
    now = now or timezone.now()
    bookings = Booking.objects.filter(
        worker=worker,
        position__show=show,
        status=Booking.Status.CONFIRMED,
        position__call_end__gt=now - dt.timedelta(hours=12),
    ).select_related("position__role", "position__show__venue")
    return [stamp_of(b, now) for b in bookings.order_by("position__call_start", "pk")]
