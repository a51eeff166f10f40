"""The newcomer start: entry-level roles for someone's interests, with openings nearby."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from stagedoor.booking.models import BUSY_STATUSES
from stagedoor.core.nearby import distance_words
from stagedoor.core.places import Place, find_place
from stagedoor.core.text import in_zone
from stagedoor.core.validation import Errors
from stagedoor.engine.careers import StartRole, start_here
from stagedoor.engine.careers.data import INTERESTS
from stagedoor.engine.geo import haversine_km
from stagedoor.gigs.models import Position
from stagedoor.gigs.selectors import position_list

from .graph import career_graph

DEFAULT_RADIUS_KM = 50
MAX_RADIUS_KM = 500
AVAILABILITY = {
    "weekdays": "Weekdays (Monday to Friday)",
    "weekends": "Weekends (Saturday and Sunday)",
    "evenings": "Evenings (calls from 17:00)",
}
EVENING_FROM_HOUR = 17
OPENINGS_PER_START_ROLE = 10


@dataclass(frozen=True)
class NearbyOpening:
    position: Position
    distance_km: float

    @property
    def venue(self):
        return self.position.show.venue if self.position.show_id else self.position.project.venue

    @property
    def distance(self) -> str:
        """'2 km', 'under 1 km': as the plan's sections beside it write a distance."""
        return distance_words(self.distance_km)


@dataclass(frozen=True)
class StartOption:
    start: StartRole
    openings: tuple[NearbyOpening, ...]


@dataclass(frozen=True)
class Start:
    place: Place
    radius_km: int
    interests: tuple[str, ...]
    availability: tuple[str, ...]
    options: tuple[StartOption, ...]

    @property
    def opening_count(self) -> int:
        return sum(len(o.openings) for o in self.options)


def parse_interests(raw) -> list[str]:
    """'sound,light' or a list of them; names as in career_data.INTERESTS."""
    if isinstance(raw, str):
        raw = raw.split(",")
    return [item.strip().lower() for item in raw or () if item and item.strip()]


def _fits(position: Position, availability: tuple[str, ...]) -> bool:
    if not availability:
        return True
    local = in_zone(position.call_start, position.timezone_name)
    weekend = local.weekday() >= 5
    return (
        ("weekdays" in availability and not weekend)
        or ("weekends" in availability and weekend)
        or ("evenings" in availability and local.hour >= EVENING_FROM_HOUR)
    )


def newcomer_start(
    *,
    interests,
    city: str,
    radius_km: int = DEFAULT_RADIUS_KM,
    availability=(),
) -> Start:
    """Entry-level roles for a newcomer's interests, each with the live entry-level
    positions within `radius_km` of `city` (by the venue's coordinates) that fit the
    availability.

    Availability: any of "weekdays", "weekends", "evenings" (a call starting at 17:00 or
    later, venue time); a position fits when it fits any chosen one, and no choice means
    any time. Positions are published, not started and not yet fully booked.
    """
    errors = Errors()
    wanted = parse_interests(interests)
    unknown = [i for i in wanted if i.replace("-", " ").replace("_", " ") not in INTERESTS]
    if unknown:
        errors.add(
            "interests",
            f"Unknown interest '{unknown[0]}'; choose from {', '.join(sorted(INTERESTS))}.",
        )
    if not wanted and not unknown:
        errors.add("interests", "Choose at least one interest.")
    place = None
    if not (city or "").strip():
        errors.add("city", "This field is required.")
    else:
        place = find_place(city)
        if place is None:
            errors.add("city", f"No city called '{city}' is known; try 'City, CC'.")
    if not isinstance(radius_km, int) or not 1 <= radius_km <= MAX_RADIUS_KM:
        errors.add("radius_km", f"Give a distance from 1 to {MAX_RADIUS_KM} km.")
    availability = tuple(sorted({a.strip() for a in availability or () if a.strip()}))
    bad = [a for a in availability if a not in AVAILABILITY]
    if bad:
        errors.add(
            "availability", f"Unknown availability '{bad[0]}'; use {', '.join(AVAILABILITY)}."
        )
    errors.raise_if_any()
    graph = career_graph()
    starts = start_here(graph, wanted)
    slugs = {s.role for s in starts}
    positions = (
        position_list()
        .filter(role__slug__in=slugs, level="entry")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES), distinct=True)
        )
    )
    by_role: dict[str, list[NearbyOpening]] = {}
    for position in positions:
        if position.booked >= position.headcount or not _fits(position, availability):
            continue
        venue = position.show.venue if position.show_id else position.project.venue
        if venue is None:
            continue
        km = haversine_km(place.latitude, place.longitude, venue.latitude, venue.longitude)
        if km <= radius_km:
            by_role.setdefault(position.role.slug, []).append(NearbyOpening(position, round(km, 1)))
    options = tuple(
        StartOption(s, tuple(by_role.get(s.role, [])[:OPENINGS_PER_START_ROLE])) for s in starts
    )
    return Start(place, radius_km, tuple(wanted), availability, options)
