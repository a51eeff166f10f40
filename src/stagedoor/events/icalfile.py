"""Reading an iCalendar file (RFC 5545) into plain event rows, refusing a bad file with the
line and the field at fault. Writes nothing: `services.events_import` saves the rows."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field

from icalendar import Calendar

from stagedoor.core.places import find_place
from stagedoor.core.validation import Errors, refuse

from .enums import Kind

CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
MAX_EVENTS = 2000
DEFAULT_LENGTH = dt.timedelta(hours=2)


@dataclass
class Row:
    line: int
    uid: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    kind: str | None
    description: str = ""
    venue_name: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    online: bool = False
    url: str = ""
    topics: list[str] = field(default_factory=list)


def _event_lines(text: str) -> list[int]:
    """Check every content line's shape; the line number of each BEGIN:VEVENT."""
    starts, first = [], None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw[0] in " \t":
            continue  # blank, or the folded continuation of the line before
        if first is None:
            first = raw.strip()
            if first.upper() != "BEGIN:VCALENDAR":
                refuse("file", f"Line {number}: an iCalendar file starts with BEGIN:VCALENDAR.")
        if not CONTENT_LINE.match(raw):
            refuse("file", f"Line {number}: '{raw[:60]}' is not NAME:VALUE.")
        if raw.strip().upper() == "BEGIN:VEVENT":
            starts.append(number)
    if first is None:
        refuse("file", "The file is empty.")
    return starts


def _kind(categories: list[str], summary: str) -> str | None:
    words = " ".join([*categories, summary]).casefold()
    if "trade show" in words or "tradeshow" in words or "expo" in words:
        return Kind.TRADE_SHOW
    if "conference" in words or "summit" in words:
        return Kind.CONFERENCE
    if "meet" in words or "mixer" in words:
        return Kind.MEETUP
    return None


def _categories(component) -> list[str]:
    found = component.get("categories")
    if found is None:
        return []
    items = found if isinstance(found, list) else [found]
    return [str(c) for item in items for c in getattr(item, "cats", [item])]


def _aware(value, zone: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return dt.datetime.combine(value, dt.time(), tzinfo=zoneinfo.ZoneInfo(zone))


def _place(location: str):
    for part in reversed([p.strip() for p in location.split(",") if p.strip()]):
        place = find_place(part)
        if place is not None:
            return place
    return None


def read_events(text: str, default_zone: str = "UTC") -> list[Row]:
    """The events of `text`, or a ValidationError on "file" naming each bad line."""
    starts = _event_lines(text)
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError) as exc:
        refuse("file", f"This is not a readable iCalendar file: {exc}")
    events = calendar.walk("VEVENT")
    if len(events) > MAX_EVENTS:
        refuse("file", f"At most {MAX_EVENTS:,} events in one file.")
    errors, rows, seen = Errors(), [], set()
    for number, event in zip(starts, events, strict=False):
        where = f"Line {number} (the event starting there)"
        uid, title = str(event.get("uid") or "").strip(), str(event.get("summary") or "").strip()
        if not uid:
            errors.add("file", f"{where}: no UID; each event needs one so a new import updates it.")
        elif uid in seen:
            errors.add("file", f"{where}: UID {uid} appears twice.")
        seen.add(uid)
        if not title:
            errors.add("file", f"{where}: no SUMMARY (the event's title).")
        start = event.get("dtstart")
        if start is None:
            errors.add("file", f"{where}: no DTSTART (when it starts).")
            continue
        location = str(event.get("location") or "").strip()
        place = _place(location) if location else None
        start_value = start.dt
        zone = getattr(getattr(start_value, "tzinfo", None), "key", None) or (
            place.timezone if place else default_zone
        )
        starts_at = _aware(start_value, zone)
        if event.get("dtend") is not None:
            ends_at = _aware(event.get("dtend").dt, zone)
        elif event.get("duration") is not None:
            ends_at = starts_at + event.get("duration").dt
        else:
            all_day = not isinstance(start_value, dt.datetime)
            ends_at = starts_at + (dt.timedelta(days=1) if all_day else DEFAULT_LENGTH)
        if ends_at < starts_at:
            errors.add("file", f"{where}: DTEND is before DTSTART.")
        geo = event.get("geo")
        categories = _categories(event)
        rows.append(
            Row(
                line=number,
                uid=uid[:255],
                title=title[:200],
                starts_at=starts_at,
                ends_at=ends_at,
                timezone=zone,
                kind=_kind(categories, title),
                description=str(event.get("description") or ""),
                venue_name=location.split(",")[0][:200] if location else "",
                city=place.name if place else "",
                latitude=geo.latitude if geo else (place.latitude if place else None),
                longitude=geo.longitude if geo else (place.longitude if place else None),
                online=not location or "online" in location.casefold(),
                url=str(event.get("url") or "")[:500],
                topics=[c for c in categories if _kind([c], "") is None],
            )
        )
    errors.raise_if_any()
    return rows
