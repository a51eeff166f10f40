"""Every write on events: post or change one, import a feed (updated by UID, never
duplicated), and a worker's "I'll go" or withdrawal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from stagedoor.boards.fetch import fetch
from stagedoor.boards.sources import SourceError
from stagedoor.core.locking import lock_rows
from stagedoor.core.places import find_place
from stagedoor.core.validation import Errors, check_aware, check_choice, check_timezone, refuse
from stagedoor.industry.models import Role
from stagedoor.industry.rules import require_manager

from .enums import Kind
from .icalfile import Row, read_events
from .models import Attendance, IndustryEvent
from .rules import require_event_manager, require_goer


def _new_slug(title: str, when: dt.datetime) -> str:
    base = f"{slugify(title)[:55] or 'event'}-{when:%Y-%m-%d}"
    slug, n = base, 2
    while IndustryEvent.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _roles(errors: Errors, slugs) -> list[Role]:
    slugs = list(dict.fromkeys(slugs or []))
    found = {r.slug: r for r in Role.objects.filter(slug__in=slugs)}
    for slug in slugs:
        if slug not in found:
            errors.add("roles", f"'{slug}' is not in the catalog.")
    return [found[s] for s in slugs if s in found]


@transaction.atomic
def event_save(
    *, actor, organisation, data: dict, event: IndustryEvent | None = None
) -> IndustryEvent:
    """Post an event for `organisation` (or change `event`): its managers only."""
    require_manager(actor, organisation, "post its events")
    errors = Errors()
    title = str(data.get("title") or "").strip()
    if not title:
        errors.add("title", "Give the event a title.")
    elif len(title) > 200:
        errors.add("title", "At most 200 characters.")
    if len(str(data.get("description") or "")) > 10000:
        errors.add("description", "At most 10,000 characters.")
    check_choice(errors, "kind", data.get("kind"), Kind.values)
    starts, ends = data.get("starts_at"), data.get("ends_at")
    check_aware(errors, "starts_at", starts)
    check_aware(errors, "ends_at", ends)
    if starts and ends and ends < starts:
        errors.add("ends_at", "It cannot end before it starts.")
    online = bool(data.get("online"))
    city = str(data.get("city") or "").strip()
    place = find_place(city) if city else None
    given = getattr(getattr(starts, "tzinfo", None), "key", None)
    zone = data.get("timezone") or (place.timezone if place else given or "UTC")
    check_timezone(errors, "timezone", zone)
    if not online and place is None:
        errors.add(
            "city",
            f"We do not know a city called '{city}'."
            if city
            else "Give a city, or mark it online.",
        )
    roles = _roles(errors, data.get("roles"))
    errors.raise_if_any()
    if event is None:
        event = IndustryEvent(organisation=organisation, slug=_new_slug(title, starts))
    else:
        lock_rows((IndustryEvent, [event.pk]))
    event.kind, event.title, event.online = data["kind"], title, online
    event.description = str(data.get("description") or "")
    event.starts_at, event.ends_at, event.timezone = starts, ends, zone
    event.venue_name = str(data.get("venue_name") or "")[:200]
    event.city = "" if online or place is None else place.name
    event.latitude = None if online or place is None else place.latitude
    event.longitude = None if online or place is None else place.longitude
    event.url = str(data.get("url") or "")[:500]
    event.topics = str(data.get("topics") or "")[:300]
    event.national = bool(data.get("national"))
    event.save()
    event.roles.set(roles)
    return event


@transaction.atomic
def event_attend(*, actor, event: IndustryEvent, going: bool = True) -> bool:
    """Say "I'll go" (it lands in the worker's calendar) or withdraw; saying it twice is
    the same as once."""
    worker = require_goer(actor)
    if going:
        Attendance.objects.get_or_create(event=event, worker=worker)
    else:
        Attendance.objects.filter(event=event, worker=worker).delete()
    return going


@dataclass(frozen=True)
class Imported:
    created: int
    updated: int
    events: list[IndustryEvent]


def _apply_row(event: IndustryEvent, row: Row, kind: str) -> None:
    event.kind = row.kind or event.kind or kind
    for name in (
        "title",
        "starts_at",
        "ends_at",
        "timezone",
        "description",
        "venue_name",
        "city",
        "latitude",
        "longitude",
        "online",
        "url",
    ):
        setattr(event, name, getattr(row, name))
    event.topics = ", ".join(row.topics)[:300]


@transaction.atomic
def events_import(
    *, actor, organisation, text: str, source: str = "", kind: str = Kind.MEETUP
) -> Imported:
    """Import an iCalendar feed's events for `organisation`. An event already imported (same
    UID) is updated, never copied; a bad file is refused whole, naming its line."""
    require_manager(actor, organisation, "import its events")
    errors = Errors()
    check_choice(errors, "kind", kind, Kind.values)
    errors.raise_if_any()
    home = find_place(organisation.city or "")
    rows = read_events(text, home.timezone if home else "UTC")
    known = {
        e.uid: e
        for e in IndustryEvent.objects.select_for_update().filter(
            organisation=organisation, uid__in=[r.uid for r in rows]
        )
    }
    created = updated = 0
    saved = []
    for row in rows:
        event = known.get(row.uid)
        if event is None:
            event = IndustryEvent(
                organisation=organisation, uid=row.uid, slug=_new_slug(row.title, row.starts_at)
            )
            created += 1
        else:
            updated += 1
        _apply_row(event, row, kind)
        event.source = source[:300]
        event.save()
        saved.append(event)
    return Imported(created, updated, saved)


def events_import_url(*, actor, organisation, url: str, kind: str = Kind.MEETUP) -> Imported:
    """Fetch a public feed (through the job boards' guarded fetcher) and import it."""
    require_manager(actor, organisation, "import its events")
    if not url.startswith(("http://", "https://")):
        refuse("url", "Give an http:// or https:// address.")
    try:
        text, _ = fetch(url)
    except SourceError as exc:
        refuse("url", str(exc))
    return events_import(actor=actor, organisation=organisation, text=text, source=url, kind=kind)


@transaction.atomic
def event_delete(*, actor, event: IndustryEvent) -> None:
    require_event_manager(actor, event, "remove this event")
    event.delete()
