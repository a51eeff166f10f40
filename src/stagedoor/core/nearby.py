"""Where a thing is and how far it is from someone: the words and the sums that the
openings, events and other "near you" lists share, so each says "6 km" and "Online" alike."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from stagedoor.engine.geo import haversine_km

from .places import Place, find_place
from .validation import refuse

ONLINE = "Online"
# How far "near you" reaches when the reader has not said (a visitor's typed city).
DEFAULT_RADIUS_KM = 80


@dataclass(frozen=True)
class Spot:
    """A point to measure from: a worker's home or a typed city."""

    label: str
    latitude: float
    longitude: float
    radius_km: int = DEFAULT_RADIUS_KM


def city_spot(text: str, field: str, radius_km: int | None = None) -> Spot:
    """The city someone typed, or a refusal naming `field`."""
    place: Place | None = find_place(text or "")
    if place is None:
        refuse(field, f"We do not know a city called '{text}'. Try 'Chicago' or 'Berlin, DE'.")
    return Spot(place.label, place.latitude, place.longitude, radius_km or DEFAULT_RADIUS_KM)


def spot_near(typed: str, worker=None) -> tuple[Spot | None, str]:
    """Where a list measures from: the city typed, else the worker's home, else nowhere.
    The second value is the typed text when no city is called that (the page says so)."""
    if typed:
        place = find_place(typed)
        if place is None:
            return None, typed
        return Spot(place.label, place.latitude, place.longitude), ""
    if worker is not None:
        return Spot(
            worker.home_city, worker.latitude, worker.longitude, worker.travel_radius_km
        ), ""
    return None, ""


def path_roles(context) -> tuple[str, ...]:
    """The role slugs a plan (or "Start here") suggests things for: the route and the
    target on a plan, the start roles on "Start here"."""
    if context.start_roles and not context.route:
        return tuple(context.start_roles)
    target = (context.role,) if context.role else ()
    return tuple(dict.fromkeys((*context.route, *target)))


def distance_km(spot, latitude: float | None, longitude: float | None) -> float | None:
    """Kilometres from `spot` (anything with latitude/longitude) to a point, None when
    either end has no place (online, or a visitor who gave no city)."""
    if spot is None or latitude is None or longitude is None:
        return None
    return haversine_km(spot.latitude, spot.longitude, latitude, longitude)


def distance_words(km: float | None, online: bool = False) -> str:
    """'6 km', 'under 1 km', 'Online', or '' when there is nothing to say."""
    if online:
        return ONLINE
    if km is None:
        return ""
    if km < 1:
        return "under 1 km"
    return f"{round(km):,} km"


def within(spot, km: float | None, online: bool, radius_km: int | None = None) -> bool:
    """Online things are near everyone; a place is near when inside the radius."""
    if online:
        return True
    if km is None:
        return spot is None
    return km <= (radius_km or getattr(spot, "radius_km", None) or DEFAULT_RADIUS_KM)


def today_in(zone: str, now: dt.datetime) -> dt.date:
    """The calendar day it is in `zone` (a deadline is the venue's day, not the server's)."""
    return now.astimezone(zoneinfo.ZoneInfo(zone or "UTC")).date()


__all__ = [
    "DEFAULT_RADIUS_KM",
    "ONLINE",
    "Spot",
    "city_spot",
    "distance_km",
    "distance_words",
    "path_roles",
    "spot_near",
    "today_in",
    "within",
]
