"""Industry events in the demo: a national lighting and sound trade show, an online
conference, Chicago crew meet-ups (imported by Local 88 from a small iCalendar feed built
here, as its website would publish it), and meet-ups and a trade show in London and Berlin."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from stagedoor.core.permissions import OPERATOR
from stagedoor.events import services
from stagedoor.events.models import IndustryEvent
from stagedoor.industry.models import Organisation

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
EXPO = (
    "stagetech-expo",
    "StageTech Expo",
    "promoter",
    "Las Vegas",
    "Runs the StageTech trade show.",
)


def _at(day: dt.date, hour: int, minute: int, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def local_88_feed(anchor: dt.date) -> str:
    """Local 88's meet-up calendar as an .ics file (two crew nights in Chicago)."""

    def stamp(day: dt.date, hour: int, minute: int) -> str:
        return f"{day:%Y%m%d}T{hour:02d}{minute:02d}00"

    first = anchor + dt.timedelta(days=(3 - anchor.weekday()) % 7 + 7)  # a Thursday
    second = first + dt.timedelta(days=28)
    events = []
    for uid, day, title, location in (
        (
            "rigging-night-1@local88.example",
            first,
            "Rigging night: crew meet-up",
            "The Steel Bar, 1200 W Lake St, Chicago",
        ),
        (
            "new-crew-coffee-1@local88.example",
            second,
            "New crew coffee: meet-up",
            "Local 88 hall, 410 S Wells St, Chicago",
        ),
    ):
        events += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{anchor:%Y%m%d}T000000Z",
            f"DTSTART;TZID=America/Chicago:{stamp(day, 18, 30)}",
            f"DTEND;TZID=America/Chicago:{stamp(day, 21, 0)}",
            f"SUMMARY:{title}",
            f"LOCATION:{location.replace(',', chr(92) + ',')}",
            "CATEGORIES:Meet-up",
            "DESCRIPTION:Riggers\\, stagehands and newcomers: talk shop and meet the hall's"
            " dispatchers. First drink on the local.",
            "END:VEVENT",
        ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Local 88//Meet-ups//EN",
        *events,
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def _rows(anchor: dt.date) -> list[tuple[str, dict]]:
    expo = anchor + dt.timedelta(days=40)
    return [
        (
            "stagetech-expo",
            {
                "kind": "trade_show",
                "title": "StageTech Expo",
                "starts_at": _at(expo, 9, 0, "America/Los_Angeles"),
                "ends_at": _at(expo + dt.timedelta(days=2), 17, 0, "America/Los_Angeles"),
                "venue_name": "Las Vegas Convention Center",
                "city": "Las Vegas",
                "url": "https://stagetech-expo.example/",
                "topics": "Lighting, sound, rigging and video gear; free training sessions",
                "national": True,
                "description": "The big North American show for lighting, sound and rigging: "
                "three floors of gear, rigging seminars and hiring companies on the floor.",
            },
        ),
        (
            "sightline-production",
            {
                "kind": "conference",
                "title": "Touring Crew Summit",
                "starts_at": _at(anchor + dt.timedelta(days=24), 10, 0, "America/Chicago"),
                "ends_at": _at(anchor + dt.timedelta(days=24), 16, 0, "America/Chicago"),
                "online": True,
                "url": "https://touring-crew-summit.example/",
                "topics": "Getting onto tours, rigging safety, life on the road",
                "description": "Talks by production managers and head riggers, online and free.",
            },
        ),
        (
            "kings-yard-halls",
            {
                "kind": "meetup",
                "title": "London crew meet-up",
                "starts_at": _at(anchor + dt.timedelta(days=12), 18, 30, "Europe/London"),
                "ends_at": _at(anchor + dt.timedelta(days=12), 21, 0, "Europe/London"),
                "venue_name": "Kings Yard bar",
                "city": "London, GB",
                "topics": "Meet the halls' technicians and local production companies",
            },
        ),
        (
            "spree-kultur",
            {
                "kind": "meetup",
                "title": "Stammtisch Veranstaltungstechnik",
                "starts_at": _at(anchor + dt.timedelta(days=16), 19, 0, "Europe/Berlin"),
                "ends_at": _at(anchor + dt.timedelta(days=16), 22, 0, "Europe/Berlin"),
                "venue_name": "Kraftwerk foyer",
                "city": "Berlin, DE",
                "topics": "Event technicians' monthly get-together",
            },
        ),
    ]


def save_events(anchor: dt.date) -> int:
    slug, name, kind, city, description = EXPO
    Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "city": city,
            "country": "US",
            "description": description,
        },
    )
    created = 0
    for org_slug, data in _rows(anchor):
        organisation = Organisation.objects.get(slug=org_slug)
        if IndustryEvent.objects.filter(organisation=organisation, title=data["title"]).exists():
            continue
        services.event_save(actor=OPERATOR, organisation=organisation, data=data)
        created += 1
    local = Organisation.objects.get(slug="lakeshore-local-88")
    imported = services.events_import(
        actor=OPERATOR,
        organisation=local,
        text=local_88_feed(anchor),
        source="Local 88 meet-ups (.ics)",
    )
    return created + imported.created
