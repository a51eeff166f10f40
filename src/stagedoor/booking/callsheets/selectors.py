"""The call sheet as one person may see it, assembled in three queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from stagedoor.core.text import clock, display_name, span
from stagedoor.core.validation import Errors, check_choice
from stagedoor.gigs.models import Position, Show, Status
from stagedoor.industry.enums import Department
from stagedoor.industry.rules import managers_of

from ..models import BUSY_STATUSES, Booking
from .rules import callsheet_access

PHONE_HIDDEN = "phone shown to booked crew"


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
    cancel_reason: str = ""
    cancelled: bool = False

    @property
    def open_seats(self) -> int:
        return 0 if self.cancelled else max(self.headcount - len(self.crew), 0)


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
    # (name, email) of the managers of the company running the show, for the venue.
    production_contacts: tuple[tuple[str, str], ...] = ()

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


def show_for_callsheet(key: str | int) -> Show:
    """The show by slug, or by primary key when `key` is all digits and no slug matches."""
    shows = Show.objects.select_related("venue", "organisation")
    found = shows.filter(slug=str(key)).first()
    if found is None and str(key).isdigit():
        found = shows.filter(pk=int(key)).first()
    if found is None:
        raise Show.DoesNotExist(f"No show '{key}'.")
    return found


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
    errors = Errors()
    check_choice(errors, "department", department, Department.values)
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
    return build_callsheet(
        show,
        department=department,
        phones=access.sees_phones,
        chief_phones=access.sees_chief_phones,
        contacts=access.sees_production_contacts,
    )


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


def build_callsheet(
    show: Show,
    *,
    department: str | None,
    phones: bool,
    chief_phones: bool | None = None,
    contacts: bool = False,
) -> CallSheet:
    """Assemble the sheet in three queries however many calls and crew the show has
    (four with the production's contacts). Callers check permission first;
    `callsheet_get` does. `chief_phones` defaults to `phones`."""
    chief_phones = phones if chief_phones is None else chief_phones
    zone = zoneinfo.ZoneInfo(show.venue.timezone)
    crew = (
        Booking.objects.filter(status__in=BUSY_STATUSES)
        .select_related("worker")
        .order_by("-is_crew_chief", "worker__display_name", "pk")
    )
    positions = (
        Position.objects.filter(show=show)
        .select_related("role")
        .prefetch_related(Prefetch("bookings", queryset=crew, to_attr="booked_crew"))
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
                when=span(start, end),
                notes=position.notes,
                cancelled=position.is_cancelled,
                cancel_reason=position.cancel_reason,
                crew=tuple(
                    _crew_member(b, phones=phones, call=position.display_title)
                    for b in position.booked_crew
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
        venue_address=venue.full_address,
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
            _crew_member(b, phones=chief_phones, call=b.position.display_title) for b in chiefs
        ),
        phones_visible=phones,
        production_contacts=_production_contacts(show) if contacts else (),
    )


def _production_contacts(show: Show) -> tuple[tuple[str, str], ...]:
    people = sorted(managers_of(show.organisation), key=lambda u: (display_name(u), u.pk))
    return tuple((display_name(u), u.email) for u in people)
