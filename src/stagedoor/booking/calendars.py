"""iCalendar for crew: a personal feed per worker and a download per show.

A worker's feed lives at a secret address (`CalendarFeed.token`) that calendar apps poll
without logging in, so the token is the only key; revoking it issues a new one and the
old address stops working at once.

Times are written in the venue's time zone with a VTIMEZONE component, so a call at
09:00 in Berlin stays 09:00 Berlin time in any client, whatever zone the phone is in.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from stagedoor.core.http import site_url
from stagedoor.core.text import clock, in_zone, local_time, span
from stagedoor.gigs.labels import call_label
from stagedoor.gigs.models import Position, Show, Status
from stagedoor.people.models import WorkerProfile

from .callsheets.rules import callsheet_access
from .links import callsheet_path
from .models import BUSY_STATUSES, Booking, CalendarFeed, Hold, Notification, Offer
from .rules import require_worker, worker_of

PRODID = "-//Stagedoor//Crew calendar//EN"
REFRESH = dt.timedelta(hours=1)
TOKEN_BYTES = 32  # 43 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def absolute(path: str, base: str | None = None) -> str:
    return f"{(base or site_url()).rstrip('/')}{path}"


def feed_url(feed: CalendarFeed, base: str | None = None) -> str:
    """The feed's address on `base` (the site the person is browsing), else the site URL."""
    return absolute(feed.get_absolute_url(), base)


def webcal_url(feed: CalendarFeed, base: str | None = None) -> str:
    """The same address with the scheme calendar apps open as a subscription."""
    url = feed_url(feed, base)
    return "webcal://" + url.split("://", 1)[1]


@transaction.atomic
def calendar_feed_get_or_create(*, actor, worker: WorkerProfile) -> CalendarFeed:
    """The worker's calendar feed, created on first use; only the worker may see it."""
    require_worker(actor, worker, "see this calendar address")
    feed, _ = CalendarFeed.objects.get_or_create(worker=worker, defaults={"token": new_token()})
    return feed


@transaction.atomic
def calendar_feed_revoke(*, actor, worker: WorkerProfile) -> CalendarFeed:
    """Issue a new secret address for the worker's feed; the old one stops working."""
    require_worker(actor, worker, "renew this calendar address")
    feed, _ = CalendarFeed.objects.update_or_create(worker=worker, defaults={"token": new_token()})
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("worker").filter(token=token).first()


@dataclass(frozen=True)
class Entry:
    """One VEVENT, already resolved to text and venue-local times."""

    uid: str
    summary: str
    location: str
    geo: tuple[float, float] | None
    description: str
    url: str
    start: dt.datetime
    end: dt.datetime
    status: str  # CONFIRMED, TENTATIVE or CANCELLED (RFC 5545 STATUS)
    last_modified: dt.datetime | None


def _changes_by_sheet(
    paths: Iterable[str], *, user_id: int | None = None
) -> dict[str, dt.datetime]:
    """When each call sheet last changed, read from the 'call sheet changed' notifications.

    Shows and positions keep no modification time of their own; every change to them
    notifies the booked crew (see `callsheet_changed`), so the newest such notification
    is when the sheet last changed for that crew.
    """
    notes = Notification.objects.filter(kind=Notification.Kind.CALL_SHEET, url__in=set(paths))
    if user_id is not None:
        notes = notes.filter(user_id=user_id)
    return {
        row["url"]: row["latest"] for row in notes.values("url").annotate(latest=Max("created_at"))
    }


def _show_lines(show: Show) -> list[str]:
    times = [
        f"{label} {clock(in_zone(value, show.venue.timezone))}"
        for label, value in (
            ("Doors", show.doors_at),
            ("Show", show.show_at),
            ("Curfew", show.curfew_at),
        )
        if value
    ]
    return [" · ".join(times)] if times else []


def _entry(
    *,
    uid: str,
    position: Position,
    extra: list[str],
    changed: dict[str, dt.datetime],
    booked_at: dt.datetime | None = None,
    cancelled_at: dt.datetime | None = None,
    pending: str = "",
) -> Entry:
    """One call as an event; `pending` ("Offer", "On hold") makes it tentative and heads
    its summary, as the worker is not booked yet."""
    zone = position.timezone_name
    start, end = in_zone(position.call_start, zone), in_zone(position.call_end, zone)
    show, project = position.show, position.project
    venue = show.venue if show else project.venue
    if show:
        heading, status, path = show.artist, show.status, callsheet_path(show)
        lines = [f"Call: {span(start, end)}", *_show_lines(show), *extra]
        lines.append(f"Call sheet: {absolute(path)}")
    else:
        heading, status, path = project.title, project.status, project.get_absolute_url()
        lines = [f"Call: {span(start, end)}", *extra, f"Project: {absolute(path)}"]
    if position.is_cancelled:
        lines.insert(1, f"Cancelled: {position.cancel_reason}")
    stamps = [t for t in (booked_at, cancelled_at, changed.get(path)) if t is not None]
    cancelled = status == Status.CANCELLED or position.is_cancelled
    summary = f"{call_label(position, parent=False, when=False, role=True)} · {heading}"
    return Entry(
        uid=uid,
        summary=f"{pending}: {summary}" if pending else summary,
        location=f"{venue.name}, {venue.full_address}" if venue else "",
        geo=(venue.latitude, venue.longitude) if venue else None,
        description="\n".join(lines),
        url=absolute(path),
        start=start,
        end=end,
        status="CANCELLED" if cancelled else "TENTATIVE" if pending else "CONFIRMED",
        last_modified=max(stamps) if stamps else None,
    )


def _booking_entries(bookings: Iterable[Booking], *, user_id: int) -> list[Entry]:
    bookings = list(bookings)
    paths = [callsheet_path(b.position.show) for b in bookings if b.position.show_id]
    changed = _changes_by_sheet(paths, user_id=user_id)
    return [
        _entry(
            uid=f"booking-{b.pk}@stagedoor",
            position=b.position,
            extra=["You are the crew chief."] if b.is_crew_chief else [],
            changed=changed,
            booked_at=b.created_at,
            cancelled_at=b.cancelled_at,
        )
        for b in bookings
    ]


def _bookings() -> QuerySet[Booking]:
    """Live bookings, and those cancelled because their call was: the calendar keeps
    those as cancelled events, so a phone shows the call struck out, not just gone. A
    booking cancelled on its own (before the call was) leaves the feed."""
    with_the_call = Q(
        status=Booking.Status.CANCELLED,
        position__cancelled_at__isnull=False,
        cancelled_at__gte=F("position__cancelled_at"),
    )
    return (
        Booking.objects.filter(Q(status__in=BUSY_STATUSES) | with_the_call)
        .select_related("position__role", "position__show__venue", "position__project__venue")
        .order_by("position__call_start", "pk")
    )


def to_ical(name: str, entries: list[Entry]) -> bytes:
    """Build a VCALENDAR of `entries` with the VTIMEZONEs their times need."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.calendar_name = name
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986
    cal.add("x-published-ttl", "PT1H")
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
        event.add("summary", entry.summary)
        if entry.location:
            event.add("location", entry.location)
        if entry.geo:
            event.add("geo", entry.geo)
        event.add("description", entry.description)
        event.add("url", entry.url)
        event.add("status", entry.status)
        if entry.last_modified:
            event.add(
                "last-modified", entry.last_modified.astimezone(dt.UTC).replace(microsecond=0)
            )
        cal.add_component(event)
    if entries:
        # A VTIMEZONE covering only the years the calls fall in keeps the feed small.
        first = min(e.start for e in entries).date() - dt.timedelta(days=1)
        last = max(e.end for e in entries).date() + dt.timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def _pending_entries(worker: WorkerProfile, now: dt.datetime) -> list[Entry]:
    """The worker's offers waiting for an answer and active holds, as tentative events:
    the date is pencilled, not booked. A call the worker is already booked on shows once,
    as the booking."""
    related = ("position__role", "position__show__venue", "position__project__venue")
    booked = Booking.objects.filter(worker=worker, status__in=BUSY_STATUSES).values("position")
    offers = (
        Offer.objects.filter(worker=worker, status=Offer.Status.PENDING, expires_at__gt=now)
        .exclude(position__in=booked)
        .select_related(*related)
    )
    offered = [o.position_id for o in offers]
    holds = (
        Hold.objects.filter(worker=worker, status=Hold.Status.ACTIVE, position__call_end__gt=now)
        .exclude(position__in=booked)
        .exclude(position__in=offered)
        .select_related(*related)
    )
    entries = [
        _entry(
            uid=f"offer-{o.pk}@stagedoor",
            position=o.position,
            extra=[f"Answer by {local_time(o.expires_at, o.position.timezone_name)}."],
            changed={},
            booked_at=o.created_at,
            pending="Offer",
        )
        for o in offers
    ]
    entries += [
        _entry(
            uid=f"hold-{h.pk}@stagedoor",
            position=h.position,
            extra=["Pencilled: not booked until you get and accept an offer."],
            changed={},
            booked_at=h.created_at,
            pending="On hold",
        )
        for h in holds
    ]
    return entries


# Apps above booking (touring: travel legs and hotels) add their own events to a worker's
# feed by registering a function of (worker, now) -> list[Entry] from their AppConfig.ready.
FEED_SOURCES: list = []


def register_feed_source(source) -> None:
    if source not in FEED_SOURCES:
        FEED_SOURCES.append(source)


def worker_calendar(worker: WorkerProfile, now: dt.datetime | None = None) -> bytes:
    """The worker's personal feed: every call they are booked on (confirmed or worked),
    and, as tentative, the offers waiting for their answer and their holds.
    The token in the address is the permission; callers look it up first."""
    now = now or timezone.now()
    entries = _booking_entries(_bookings().filter(worker=worker), user_id=worker.user_id)
    entries += _pending_entries(worker, now)
    for source in FEED_SOURCES:
        entries += source(worker, now)
    entries.sort(key=lambda e: (e.start, e.uid))
    return to_ical(f"Stagedoor: {worker.display_name}", entries)


def show_calendar(*, actor, show: Show) -> bytes:
    """The calls of one show: every call for its managers and crew chiefs, a worker's own
    calls for booked crew; PermissionDenied for everybody else."""
    access = callsheet_access(actor, show)
    if not access.may_see:
        raise PermissionDenied("Only the show's managers and booked crew can see its calls.")
    name = f"{show.artist} at {show.venue.name}"
    if not access.sees_all_calls:
        worker = worker_of(actor)
        bookings = _bookings().filter(worker=worker, position__show=show)
        return to_ical(name, _booking_entries(bookings, user_id=actor.pk))
    crew = Booking.objects.filter(status__in=BUSY_STATUSES).select_related("worker")
    positions = (
        Position.objects.filter(show=show)
        .select_related("role", "show__venue")
        .prefetch_related(Prefetch("bookings", queryset=crew, to_attr="booked_crew"))
        .order_by("call_start", "pk")
    )
    changed = _changes_by_sheet([callsheet_path(show)])
    entries = []
    for position in positions:
        names = ", ".join(b.worker.display_name for b in position.booked_crew) or "nobody yet"
        booked = f"Crew ({len(position.booked_crew)} of {position.headcount}): {names}"
        entries.append(
            _entry(
                uid=f"position-{position.pk}@stagedoor",
                position=position,
                extra=[booked],
                changed=changed,
            )
        )
    return to_ical(name, entries)
