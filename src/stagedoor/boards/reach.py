"""Where a job search reaches: the venues within a distance of a city, and the shows and
studio projects there, picked before the calls (PostgreSQL's search; see selectors._bounded)."""

from __future__ import annotations

import math

from django.db.models import DateField, DateTimeField, F, Func, Q, QuerySet, Value
from django.db.models.functions import ASin, Cast, Coalesce, Cos, Least, Power, Radians, Sin, Sqrt

from stagedoor.engine.geo import EARTH_RADIUS_KM, haversine_km
from stagedoor.gigs.models import Show, Status, StudioProject
from stagedoor.industry.models import Venue

# The most shows in reach a search names by key (a city's are a few hundred, Chicago's
# 2,300 in the national world): a search over more of the map filters by the venue instead,
# as the calls there are a good share of all. A search with nothing but the place (and
# dates) finds its first page soonest first among the calls everywhere unless the place
# holds few of them, so it names fewer.
SHOWS_MOST = 3000
SHOWS_FEW = 600

# How far "near a city" reaches when the search does not say.
DEFAULT_KM = 50


def box(near: tuple[float, float], km: float, lat: str, lon: str) -> Q:
    """A box around `near` that holds the circle of `km`: cuts rows before the exact check."""
    dlat = km / 111.0 + 0.01
    dlon = km / max(1.0, 111.0 * math.cos(math.radians(near[0]))) + 0.01
    return Q(
        **{
            f"{lat}__gte": near[0] - dlat,
            f"{lat}__lte": near[0] + dlat,
            f"{lon}__gte": near[1] - dlon,
            f"{lon}__lte": near[1] + dlon,
        }
    )


def venues_within(near: tuple[float, float], km: float) -> list[int]:
    """The keys of the venues within `km` of `near` (a box first, then the exact distance)."""
    return [
        pk
        for pk, lat, lon in Venue.objects.filter(
            box(near, km, "latitude", "longitude")
        ).values_list("pk", "latitude", "longitude")
        if haversine_km(near[0], near[1], lat, lon) <= km
    ]


def held_at(venues: list[int], most: int) -> tuple[Q, int | None]:
    """Calls at these venues, and studio projects' calls open to remote crew. The shows and
    projects there are picked first, in one query on tables far smaller than the calls, so
    PostgreSQL reads their calls through the show and project indexes: filtering on the
    joined show's venue instead made it walk every open call soonest first (the planner
    cannot tell how few are in one city), 150-300 ms for a word in a city. Also says how
    many it named (None: more than `most`, filtered by their venue instead)."""
    by_venue = (
        Q(show__venue_id__in=venues)
        | Q(project__venue_id__in=venues)
        | Q(project__remote_allowed=True)
    )
    if len(venues) > most:
        # Most of the map (a venue seldom holds no show): not worth listing its shows.
        return by_venue, None
    hidden = (Status.DRAFT, Status.CANCELLED)
    shows = Show.objects.filter(venue_id__in=venues).exclude(status__in=hidden)
    projects = StudioProject.objects.filter(
        Q(venue_id__in=venues) | Q(remote_allowed=True)
    ).exclude(status__in=hidden)
    picked = list(
        shows.values_list("pk", Value(True)).union(
            projects.values_list("pk", Value(False)), all=True
        )[: most + 1]
    )
    if len(picked) > most:
        return by_venue, None
    shows = [pk for pk, show in picked if show]
    projects = [pk for pk, show in picked if not show]
    return Q(show_id__in=shows) | Q(project_id__in=projects), len(picked)


def km_from(near: tuple[float, float], lat, lon):
    """The great-circle distance from `near` to a row's `lat` and `lon` (expressions or
    field names) in SQL: engine.geo.haversine_km, row by row in the database."""
    if isinstance(lat, str):
        lat, lon = F(lat), F(lon)
    p1, l1 = math.radians(near[0]), math.radians(near[1])
    half_dp = (Radians(lat) - p1) / 2
    half_dl = (Radians(lon) - l1) / 2
    a = Power(Sin(half_dp), 2) + math.cos(p1) * Cos(Radians(lat)) * Power(Sin(half_dl), 2)
    return 2 * EARTH_RADIUS_KM * ASin(Least(Value(1.0), Sqrt(a)))


def exactly(positions: QuerySet, filters) -> QuerySet:
    """The exact distance and calendar-day checks in SQL (PostgreSQL), so a search over a
    national pool never carries its rows into Python; the same tests as the selectors' `_Where`."""
    lat = Coalesce("show__venue__latitude", "project__venue__latitude")
    lon = Coalesce("show__venue__longitude", "project__venue__longitude")
    zone = Coalesce("show__venue__timezone", "project__venue__timezone", Value("UTC"))
    if filters.near is not None:
        km = filters.km if filters.km is not None else DEFAULT_KM
        positions = positions.alias(km_away=km_from(filters.near, lat, lon)).filter(
            Q(project__remote_allowed=True) | Q(km_away__lte=km)
        )
    if filters.date_from is not None or filters.date_to is not None:
        local = Func(zone, "call_start", function="timezone", output_field=DateTimeField())
        positions = positions.alias(local_day=Cast(local, DateField()))
        if filters.date_from is not None:
            positions = positions.filter(local_day__gte=filters.date_from)
        if filters.date_to is not None:
            positions = positions.filter(local_day__lte=filters.date_to)
    return positions
