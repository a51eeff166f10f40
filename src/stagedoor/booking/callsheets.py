"""The call sheet of a show: where, when, who, and how to reach them.

`callsheet_get` is the one read every entry point uses (page, PDF, API, CLI); it checks
who may see the sheet and whether they may see phone numbers. `callsheet_changed` tells
the booked crew that their sheet changed.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

from stagedoor.core.validation import Errors
from stagedoor.gigs.models import Position, Show, Status
from stagedoor.industry.enums import Department
from stagedoor.industry.rules import can_manage

from .access import is_booked_on, is_crew_chief
from .models import BUSY_STATUSES, Booking, Notification
from .notifications import notify_many

PHONE_HIDDEN = "phone shown to booked crew"


@dataclass(frozen=True)
class Access:
    """What one person may see of one show's call sheet."""

    may_see: bool
    sees_phones: bool
    # Managers and crew chiefs get every call in the show's .ics; crew only their own.
    sees_all_calls: bool


@dataclass(frozen=True)
class CrewMember:
    booking_id: int
    name: str
    slug: str
    phone: str | None  # None when the viewer may not see it; "" when the worker gave none
    is_crew_chief: bool
    status: str
    call: str  # the display title of the call they are booked on

    @property
    def tel(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone or "" if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Call:
    position_id: int
    role: str
    department: str
    department_label: str
    title: str
    headcount: int
    start: dt.datetime  # in the venue's time zone
    end: dt.datetime
    when: str
    notes: str
    crew: tuple[CrewMember, ...]

    @property
    def open_seats(self) -> int:
        return max(self.headcount - len(self.crew), 0)


@dataclass(frozen=True)
class CallSheet:
    show_id: int
    slug: str
    artist: str
    title: str
    date: dt.date
    status: str
    organisation: str
    venue_name: str
    venue_address: str
    latitude: float
    longitude: float
    timezone: str
    load_in_notes: str
    parking_notes: str
    catering_notes: str
    notes: str
    doors_at: dt.datetime | None  # all times in the venue's time zone
    show_at: dt.datetime | None
    curfew_at: dt.datetime | None
    department: str | None
    calls: tuple[Call, ...]
    crew_chiefs: tuple[CrewMember, ...]
    phones_visible: bool

    @property
    def geo_url(self) -> str:
        return f"geo:{self.latitude},{self.longitude}"

    @property
    def osm_url(self) -> str:
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    @property
    def department_label(self) -> str:
        return Department(self.department).label if self.department else ""

    @property
    def cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    @property
    def doors_text(self) -> str:
        return clock(self.doors_at)

    @property
    def show_text(self) -> str:
        return clock(self.show_at)

    @property
    def curfew_text(self) -> str:
        return clock(self.curfew_at)


def clock(value: dt.datetime | None) -> str:
    """'19:00 CET': a venue-local time with its zone abbreviation."""
    return f"{value:%H:%M} {value.tzname()}" if value else ""


def call_span(start: dt.datetime, end: dt.datetime) -> str:
    """A call as 'Fri 4 Dec 09:00-14:00 CET' (en dash); the end in full on another day or zone."""
    day = f"{start:%a} {start.day} {start:%b}"
    if start.date() == end.date() and start.tzname() == end.tzname():
        return f"{day} {start:%H:%M}–{end:%H:%M} {start.tzname()}"
    return f"{day} {clock(start)} – {end:%a} {end.day} {end:%b} {clock(end)}"


def full_address(venue) -> str:
    return ", ".join(part for part in (venue.address, venue.city, venue.country) if part)


def callsheet_path(show: Show) -> str:
    return reverse("booking:callsheet", args=[show.slug])


def show_for_callsheet(key: str | int) -> Show:
    """The show by slug, or by primary key when `key` is all digits and no slug matches."""
    shows = Show.objects.select_related("venue", "organisation")
    found = shows.filter(slug=str(key)).first()
    if found is None and str(key).isdigit():
        found = shows.filter(pk=int(key)).first()
    if found is None:
        raise Show.DoesNotExist(f"No show '{key}'.")
    return found


def callsheet_access(user, show: Show) -> Access:
    """Managers and booked crew see everything; a crew chief who is not booked sees the
    sheet without phone numbers; everybody else sees nothing."""
    if can_manage(user, show.organisation):
        return Access(may_see=True, sees_phones=True, sees_all_calls=True)
    chief = is_crew_chief(user, show)
    booked = is_booked_on(user, show)
    return Access(may_see=booked or chief, sees_phones=booked, sees_all_calls=chief)


def callsheet_departments(show: Show) -> list[tuple[str, str]]:
    """(slug, label) of the departments the show has calls in, for the filter links."""
    labels = dict(Department.choices)
    found = (
        Position.objects.filter(show=show)
        .values_list("role__department", flat=True)
        .distinct()
        .order_by("role__department")
    )
    return [(slug, labels.get(slug, slug)) for slug in found]


def check_department(department: str | None) -> str | None:
    if department in (None, ""):
        return None
    if department not in Department.values:
        errors = Errors()
        errors.add("department", f"'{department}' is not one of {', '.join(Department.values)}.")
        errors.raise_if_any()
    return department


def callsheet_get(*, actor, show: Show, department: str | None = None) -> CallSheet:
    """The call sheet of `show` as `actor` may see it, optionally for one department.

    Raises PermissionDenied for anyone who is not a manager of the show's organisation,
    booked crew of the show, or its crew chief; ValidationError for an unknown department.
    """
    department = check_department(department)
    access = callsheet_access(actor, show)
    if not access.may_see:
        raise PermissionDenied("Only the show's managers and booked crew can see its call sheet.")
    return build_callsheet(show, department=department, phones=access.sees_phones)


def _crew_member(booking: Booking, *, phones: bool, call: str) -> CrewMember:
    return CrewMember(
        booking_id=booking.pk,
        name=booking.worker.display_name,
        slug=booking.worker.slug,
        phone=booking.worker.phone if phones else None,
        is_crew_chief=booking.is_crew_chief,
        status=booking.status,
        call=call,
    )


def build_callsheet(show: Show, *, department: str | None, phones: bool) -> CallSheet:
    """Assemble the sheet in three queries however many calls and crew the show has.
    Callers check permission first; `callsheet_get` does."""
    zone = zoneinfo.ZoneInfo(show.venue.timezone)
    crew = (
        Booking.objects.filter(status__in=BUSY_STATUSES)
        .select_related("worker")
        .order_by("-is_crew_chief", "worker__display_name", "pk")
    )
    positions = (
        Position.objects.filter(show=show)
        .select_related("role")
        .prefetch_related(Prefetch("bookings", queryset=crew, to_attr="crew"))
        .order_by("call_start", "role__name", "pk")
    )
    if department:
        positions = positions.filter(role__department=department)
    calls = []
    for position in positions:
        start, end = position.call_start.astimezone(zone), position.call_end.astimezone(zone)
        calls.append(
            Call(
                position_id=position.pk,
                role=position.role.name,
                department=position.role.department,
                department_label=position.role.get_department_display(),
                title=position.display_title,
                headcount=position.headcount,
                start=start,
                end=end,
                when=call_span(start, end),
                notes=position.notes,
                crew=tuple(
                    _crew_member(b, phones=phones, call=position.display_title)
                    for b in position.crew
                ),
            )
        )
    # The crew chiefs run the whole show, so a department's sheet lists them too.
    chiefs = (
        Booking.objects.filter(position__show=show, is_crew_chief=True, status__in=BUSY_STATUSES)
        .select_related("worker", "position__role")
        .order_by("worker__display_name", "pk")
    )
    venue = show.venue
    return CallSheet(
        show_id=show.pk,
        slug=show.slug,
        artist=show.artist,
        title=show.title,
        date=show.date,
        status=show.status,
        organisation=show.organisation.name,
        venue_name=venue.name,
        venue_address=full_address(venue),
        latitude=venue.latitude,
        longitude=venue.longitude,
        timezone=venue.timezone,
        load_in_notes=venue.load_in_notes,
        parking_notes=venue.parking_notes,
        catering_notes=show.catering_notes,
        notes=show.notes,
        doors_at=show.doors_at.astimezone(zone) if show.doors_at else None,
        show_at=show.show_at.astimezone(zone) if show.show_at else None,
        curfew_at=show.curfew_at.astimezone(zone) if show.curfew_at else None,
        department=department,
        calls=tuple(calls),
        crew_chiefs=tuple(
            _crew_member(b, phones=phones, call=b.position.display_title) for b in chiefs
        ),
        phones_visible=phones,
    )


def offline_fetcher(url: str, *args, **kwargs):
    """The PDF is rendered from inline CSS only; refuse any fetch so a stray URL in a
    template can never make the server call out."""
    raise ValueError(f"The call sheet PDF fetches nothing (asked for {url}).")


def callsheet_pdf(sheet: CallSheet, *, base_url: str, url_fetcher=offline_fetcher) -> bytes:
    """Render the printable call sheet to PDF bytes with WeasyPrint."""
    import weasyprint  # slow to import; only the PDF needs it

    html = render_to_string("booking/callsheet_print.html", {"sheet": sheet, "print": True})
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).write_pdf()


def callsheet_changed(show: Show) -> list[Notification]:
    """Tell everyone booked on `show` (confirmed or worked) that its call sheet changed.

    Runs after the change has committed, so it reads the show afresh."""
    show = Show.objects.select_related("venue").filter(pk=show.pk).first()
    if show is None:
        return []
    users = (
        get_user_model()
        .objects.filter(
            worker__bookings__position__show=show, worker__bookings__status__in=BUSY_STATUSES
        )
        .distinct()
        .order_by("pk")
    )
    where = f"{show.artist} at {show.venue.name}, {show.date:%a} {show.date.day} {show.date:%b}"
    if show.status == Status.CANCELLED:
        subject = f"Show cancelled: {where}"
        body = (
            f"{where} is marked as cancelled. Your booking stays on record; "
            "the organiser will tell you what happens next."
        )
    else:
        subject = f"Call sheet changed: {where}"
        body = (
            f"The call sheet for {where} has changed. "
            "Check your call time, the venue notes and who you are working with."
        )
    return notify_many(
        users,
        kind=Notification.Kind.CALL_SHEET,
        subject=subject,
        body=body,
        url=callsheet_path(show),
    )
