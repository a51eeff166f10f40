"""Build the demo world: plan everything from a seeded RNG, then save what is missing.

Planning is pure and deterministic, so a second run plans the same world and, finding
every entity already saved (matched by its natural key), changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from stagedoor.booking.models import Booking
from stagedoor.core.models import SiteSetting
from stagedoor.core.places import Place, find_place
from stagedoor.engine.levels import LEVELS
from stagedoor.engine.months import add_months
from stagedoor.gigs.models import Position, PositionSkill, Show, Status, StudioProject, Tour
from stagedoor.industry.enums import LEVEL_RANK, MemberRole
from stagedoor.industry.models import Certification, Membership, Organisation, Role, Venue
from stagedoor.matching.models import Block, FirstCall
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    PortfolioLink,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)

from . import cast

SEED = 20261121
WORKER_COUNT = 320
WEEKS = 8

# How common each role is in a city's crew pool (others weigh 3).
ROLE_WEIGHTS = {
    "stagehand": 40,
    "security-staff": 22,
    "audio-tech": 16,
    "lighting-tech": 14,
    "rigger": 12,
    "foh-engineer": 12,
    "door-staff": 10,
    "box-office-agent": 8,
    "merch-seller": 8,
    "runner": 8,
    "spot-operator": 8,
    "monitor-engineer": 8,
    "lighting-director": 7,
    "carpenter": 6,
    "backline-tech": 6,
    "stage-manager": 5,
    "production-manager": 5,
    "security-manager": 4,
    "recording-engineer": 6,
    "mixing-engineer": 5,
    "studio-assistant": 6,
}
UNION_ROLES = {"stagehand", "rigger", "lighting-tech", "audio-tech", "spot-operator", "carpenter"}


class ProgressLike(Protocol):
    def start(self, total: int, message: str = "") -> None: ...
    def advance(self, steps: int = 1, message: str | None = None) -> None: ...


class NoProgress:
    def start(self, total: int, message: str = "") -> None:
        pass

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        pass


@dataclass
class WorkerPlan:
    username: str
    first: str
    last: str
    email: str
    profile: dict[str, Any]
    roles: list[tuple[str, str, int, bool]]  # role slug, level, years, primary
    skills: dict[str, int]
    certs: list[tuple[str, dt.date, dt.date | None]]
    union: tuple[str, str, str] | None  # local slug, card, status
    unavailable: list[tuple[dt.datetime, dt.datetime, str]]
    credits: list[tuple[str, str, dt.date, str | None, bool, int | None]]
    links: list[tuple[str, str]] = field(default_factory=list)
    password: str | None = None


@dataclass
class PositionPlan:
    role: str
    level: str
    title: str
    headcount: int
    start: dt.datetime
    end: dt.datetime
    pay: Decimal
    unit: str
    currency: str
    union: bool
    skills: dict[str, int]
    certs: list[str]


@dataclass
class ShowPlan:
    slug: str
    organisation: str
    venue: str
    artist: str
    title: str
    date: dt.date
    doors: dt.datetime
    show: dt.datetime
    curfew: dt.datetime
    status: str
    tour_order: int | None
    positions: list[PositionPlan]


def demo_anchor() -> dt.date:
    """The day the demo's eight weeks start from, fixed at the first run."""
    setting = SiteSetting.objects.filter(key="demo_anchor").first()
    if setting:
        return dt.date.fromisoformat(setting.value)
    anchor = timezone.localdate()
    SiteSetting.objects.create(key="demo_anchor", value=anchor.isoformat())
    return anchor


class Catalog:
    """The catalog as the planner needs it, read once."""

    def __init__(self) -> None:
        self.roles = {r.slug: r for r in Role.objects.prefetch_related("skills", "certifications")}
        self.certs = {c.slug: c for c in Certification.objects.all()}

    def skills_of(self, role: str, category: str | None = None) -> list[str]:
        return [
            s.slug
            for s in sorted(self.roles[role].skills.all(), key=lambda s: s.slug)
            if category is None or s.category == category
        ]

    def certs_of(self, role: str) -> list[str]:
        return sorted(c.slug for c in self.roles[role].certifications.all())


def _money(value: float) -> Decimal:
    return (Decimal(str(value)) / 5).quantize(Decimal("1"), ROUND_HALF_UP) * 5


def _pay(catalog: Catalog, role: str, currency: str, rng: random.Random) -> tuple[Decimal, str]:
    r = catalog.roles[role]
    low, high = r.pay_low or 20, r.pay_high or 40
    value = rng.uniform(low, (low + high) / 2 + (high - low) / 4) * cast.FX[currency]
    return _money(value), r.pay_unit


def plan_workers(catalog: Catalog, places: dict[str, Place], anchor: dt.date) -> list[WorkerPlan]:
    rng = random.Random(SEED)
    fakers = {loc: Faker(loc) for loc in {c[3] for c in cast.CITIES}}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(SEED + i)
    role_slugs = sorted(catalog.roles)
    weights = [ROLE_WEIGHTS.get(s, 3) for s in role_slugs]
    # Everyone appears at least once, then the pool follows the weights.
    primaries = role_slugs + rng.choices(role_slugs, weights, k=WORKER_COUNT - len(role_slugs))
    cities = [c[0] for c in cast.CITIES]
    city_weights = [c[1] for c in cast.CITIES]
    plans = []
    for n, role in enumerate(primaries, start=1):
        city = rng.choices(cities, city_weights)[0]
        _, _, currency, locale = next(c for c in cast.CITIES if c[0] == city)
        faker = fakers[locale]
        first, last = faker.first_name(), faker.last_name()
        plans.append(
            _plan_worker(catalog, rng, n, role, city, currency, places, anchor, first, last)
        )
    plans.insert(0, _demo_worker(catalog, places, anchor))
    return plans


def _level_for(role: Role, rng: random.Random) -> str:
    rank = LEVEL_RANK[role.level] + rng.choice([-1, 0, 0, 0, 1])
    return LEVELS[max(0, min(3, rank))]


def _plan_worker(catalog, rng, n, role, city, currency, places, anchor, first, last) -> WorkerPlan:
    place = places[city]
    r = catalog.roles[role]
    level = _level_for(r, rng)
    rank = LEVEL_RANK[level]
    years = rng.randint(*[(0, 2), (2, 6), (5, 12), (10, 25)][rank])
    roles = [(role, level, years, True)]
    feeders = sorted(x.slug for x in r.comes_from.all()) if rank > 0 else []
    if feeders and rng.random() < 0.6:
        roles.append((rng.choice(feeders), LEVELS[min(3, rank)], rng.randint(1, 6), False))
    skills: dict[str, int] = {}
    for slug, lvl, _, _ in roles:
        base = LEVEL_RANK[lvl]
        for skill in catalog.skills_of(slug):
            if rng.random() < 0.8:
                skills[skill] = max(skills.get(skill, 0), min(5, max(1, base + rng.randint(1, 2))))
    certs = []
    for slug in catalog.certs_of(role):
        if rng.random() < 0.35 + 0.15 * rank:
            cert = catalog.certs[slug]
            issued = anchor - dt.timedelta(days=rng.randint(60, 365 * 6))
            expires = add_months(issued, cert.validity_months) if cert.validity_months else None
            certs.append((slug, issued, expires))
    union = None
    if city.startswith("Chicago") and role in UNION_ROLES and rng.random() < 0.7:
        status = rng.choices(["good", "applicant", "lapsed"], [85, 10, 5])[0]
        union = ("lakeshore-local-88", f"88-{1000 + n}", status)
    unavailable = []
    if rng.random() < 0.2:
        start = dt.datetime.combine(
            anchor + dt.timedelta(days=rng.randint(0, 50)), dt.time(0, 0), tzinfo=dt.UTC
        )
        reason = rng.choice(["On tour", "Family holiday", "Festival season abroad", "Studio block"])
        unavailable.append((start, start + dt.timedelta(days=rng.randint(2, 12)), reason))
    credits = []
    for _ in range(rng.randint(0, min(6, 1 + years // 2))):
        day = anchor - dt.timedelta(days=rng.randint(20, 900))
        title = f"{rng.choice(cast.ARTISTS)} at {rng.choice(cast.VENUES)[1]}"
        org = rng.choice(cast.ORGANISATIONS)[0]
        verified = rng.random() < 0.55
        rating = rng.choice([3, 4, 4, 4, 5, 5]) if verified and rng.random() < 0.8 else None
        credits.append((title, role, day, org, verified, rating))
    day_pay, unit = _pay(catalog, role, currency, rng)
    day_rate = day_pay if unit == "day" else _money(float(day_pay) * 10)
    hourly = _money(float(day_rate) / 10) if unit != "flat" else None
    jitter = 0.12 if not place.name.startswith("Berlin") else 0.08
    lat = round(place.latitude + rng.uniform(-jitter, jitter), 5)
    lon = round(place.longitude + rng.uniform(-jitter, jitter), 5)
    title = r.name if rank < 2 else f"{['', '', 'Senior ', 'Lead '][rank]}{r.name}"
    profile = {
        "display_name": f"{first} {last}",
        "headline": f"{title}, {years} year{'s' if years != 1 else ''} in the trade",
        "home_city": place.name,
        "country": place.country,
        "latitude": lat,
        "longitude": lon,
        "travel_radius_km": rng.choice([25, 40, 50, 80, 120, 200]),
        "willing_to_tour": rng.random() < (0.25 + 0.1 * rank),
        "day_rate": day_rate,
        "hourly_rate": hourly,
        "currency": currency,
        "phone": f"+1 555 01{n:02d}" if currency == "USD" else f"+44 7700 9{n:05d}",
    }
    return WorkerPlan(
        username=f"crew{n:04d}",
        first=first,
        last=last,
        email=f"crew{n:04d}@crew.stagedoor.localhost",
        profile=profile,
        roles=roles,
        skills=skills,
        certs=certs,
        union=union,
        unavailable=unavailable,
        credits=credits,
    )


def _demo_worker(catalog: Catalog, places: dict[str, Place], anchor: dt.date) -> WorkerPlan:
    place = places["Chicago, US"]
    skills = {s: 3 for s in catalog.skills_of("audio-tech")}
    consoles = catalog.skills_of("foh-engineer", "audio-console")
    skills.update({s: 2 for s in consoles[:2]})
    certs = [
        (slug, anchor - dt.timedelta(days=400), None)
        for slug in ("osha-10", "dante-level-1")
        if slug in catalog.certs
    ]
    return WorkerPlan(
        username="will.worker",
        first="Will",
        last="Okafor",
        email="will.worker@crew.stagedoor.localhost",
        profile={
            "display_name": "Will Okafor",
            "headline": "A2 and patch tech, mixing support acts, aiming for FOH",
            "bio": "Started on stagehand calls through the local hall, moved to audio. "
            "Comfortable on Dante networks and stage patch; mixing openers on weekends.",
            "home_city": place.name,
            "country": place.country,
            "latitude": round(place.latitude + 0.03, 5),
            "longitude": round(place.longitude - 0.05, 5),
            "travel_radius_km": 80,
            "willing_to_tour": True,
            "day_rate": Decimal("280.00"),
            "hourly_rate": Decimal("32.00"),
            "currency": "USD",
            "phone": "+1 555 0100",
        },
        roles=[("audio-tech", "mid", 3, True), ("stagehand", "mid", 4, False)],
        skills=skills,
        certs=certs,
        union=("lakeshore-local-88", "88-0999", "good"),
        unavailable=[],
        credits=[
            (
                "Glass Harbour at Riverside Ballroom",
                "audio-tech",
                anchor - dt.timedelta(days=40),
                "riverside-venues",
                True,
                5,
            ),
            (
                "Neon Orchard at Cumberland Hall",
                "audio-tech",
                anchor - dt.timedelta(days=95),
                "sightline-production",
                True,
                4,
            ),
            (
                "Open Decks at Riverside Ballroom",
                "stagehand",
                anchor - dt.timedelta(days=300),
                "riverside-venues",
                False,
                None,
            ),
        ],
        links=[("Mixes on SoundCloud", "https://soundcloud.example/will-okafor")],
        password=cast.PASSWORD,
    )


def _crew_call(catalog, rng, venue_row, date, tz, currency, on_tour: bool) -> list[PositionPlan]:
    _, _, _, _, _, capacity, union_local, _, _ = venue_row
    union = union_local is not None

    def at(day_offset: int, hh: int, mm: int = 0) -> dt.datetime:
        return dt.datetime.combine(date + dt.timedelta(days=day_offset), dt.time(hh, mm), tzinfo=tz)

    hands = max(4, min(16, capacity // 300))
    calls = [
        # role, title, headcount, start, end
        ("stagehand", "Load-in", hands, at(0, 9), at(0, 14)),
        ("audio-tech", "Audio load-in and patch", 2, at(0, 9), at(0, 17)),
        ("lighting-tech", "Lighting load-in", 2, at(0, 9), at(0, 17)),
        ("foh-engineer", "", 1, at(0, 14), at(0, 23, 30)),
        ("monitor-engineer", "", 1, at(0, 14), at(0, 23, 30)),
        ("security-staff", "Show security", max(4, capacity // 250), at(0, 17), at(0, 23, 30)),
        ("door-staff", "Doors", 2 + capacity // 1500, at(0, 17, 30), at(0, 22)),
        ("box-office-agent", "Box office and will-call", 2, at(0, 16), at(0, 22)),
        ("merch-seller", "Merch stand", 1 + capacity // 2000, at(0, 18), at(0, 23, 30)),
        ("runner", "Day runner", 1, at(0, 10), at(0, 18)),
        ("hospitality-coordinator", "Artist hospitality", 1, at(0, 11), at(0, 22)),
        ("stagehand", "Load-out", hands, at(0, 23), at(1, 2, 30)),
    ]
    if not on_tour:
        calls.append(("lighting-director", "House LD", 1, at(0, 13), at(0, 23, 30)))
    if capacity >= 2000:
        calls += [
            ("rigger", "Rigging call", 2 + capacity // 2500, at(0, 8), at(0, 13)),
            ("spot-operator", "Follow-spots", 2, at(0, 18, 30), at(0, 23)),
            ("security-manager", "Head of security", 1, at(0, 16), at(1, 0)),
            ("box-office-manager", "", 1, at(0, 14), at(0, 23)),
        ]
    plans = []
    for role, title, headcount, start, end in calls:
        if role not in catalog.roles:
            continue
        pay, unit = _pay(catalog, role, currency, rng)
        skills: dict[str, int] = {}
        certs: list[str] = []
        if role == "foh-engineer":
            consoles = catalog.skills_of(role, "audio-console")
            if consoles:
                skills[rng.choice(consoles)] = 3
        elif role == "lighting-director":
            desks = catalog.skills_of(role, "lighting-console")
            if desks:
                skills[rng.choice(desks)] = 3
        elif role == "rigger" and capacity >= 3000 and "etcp-rigger-arena" in catalog.certs:
            certs.append("etcp-rigger-arena")
        plans.append(
            PositionPlan(
                role=role,
                level=catalog.roles[role].level,
                title=title,
                headcount=headcount,
                start=start,
                end=end,
                pay=pay,
                unit=unit,
                currency=currency,
                union=union and role in UNION_ROLES,
                skills=skills,
                certs=certs,
            )
        )
    return plans


def plan_shows(catalog: Catalog, anchor: dt.date) -> list[ShowPlan]:
    rng = random.Random(SEED + 1)
    venues = {v[0]: v for v in cast.VENUES if v[5] >= 500}
    currency_of = {c[0]: c[2] for c in cast.CITIES}
    booked: set[tuple[str, dt.date]] = set()
    shows: list[ShowPlan] = []

    def add(venue_slug, date, org, artist, title, status, tour_order=None):
        row = venues[venue_slug]
        tz = zoneinfo.ZoneInfo(find_place(row[3]).timezone)
        currency = currency_of[row[3]]
        booked.add((venue_slug, date))
        shows.append(
            ShowPlan(
                slug=slugify(f"{artist} {row[3].split(',')[0]} {date.isoformat()}")[:80],
                organisation=org,
                venue=venue_slug,
                artist=artist,
                title=title,
                date=date,
                doors=dt.datetime.combine(date, dt.time(19, 0), tzinfo=tz),
                show=dt.datetime.combine(date, dt.time(20, 0), tzinfo=tz),
                curfew=dt.datetime.combine(date, dt.time(23, 0), tzinfo=tz),
                status=status,
                tour_order=tour_order,
                positions=_crew_call(
                    catalog, rng, row, date, tz, currency, on_tour=tour_order is not None
                ),
            )
        )

    tour = cast.TOUR
    for i, venue_slug in enumerate(tour["stops"]):
        date = anchor + dt.timedelta(days=9 + 3 * i + (2 if "london" in venue_slug else 0))
        add(
            venue_slug, date, tour["organisation"], tour["artist"], tour["name"], "published", i + 1
        )

    artists = [a for a in cast.ARTISTS if a != tour["artist"]]
    for week in range(WEEKS):
        for venue_slug, row in sorted(venues.items()):
            if rng.random() > 0.8:
                continue
            date = anchor + dt.timedelta(days=7 * week + rng.choice([3, 4, 5]))
            if (venue_slug, date) in booked:
                continue
            operator = row[2]
            promoter = (
                "harbour-and-vine-live"
                if row[3].endswith(("GB", "DE"))
                else ("northern-lights-presents")
            )
            if rng.random() < 0.25:
                org, artist, title = operator, rng.choice(artists), rng.choice(cast.CLUB_NIGHTS)
            else:
                org, artist, title = promoter, rng.choice(artists), ""
            status = "published"
            roll = rng.random()
            if week >= 6 and roll < 0.15:
                status = "draft"
            elif roll > 0.985:
                status = "cancelled"
            add(venue_slug, date, org, artist, title, status)
    return shows


@transaction.atomic
def _save_logins(password_users: list[tuple[str, str, str]]) -> dict[str, Any]:
    User = get_user_model()
    users = {}
    for username, first, last in password_users:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@stagedoor.localhost",
            },
        )
        if created:
            user.set_password(cast.PASSWORD)
            if username == "admin":
                user.is_staff = user.is_superuser = True
            user.save()
        users[username] = user
    return users


@transaction.atomic
def _save_organisations(users, places) -> dict[str, Organisation]:
    orgs = {}
    for slug, name, kind, city, description, login, member_role in cast.ORGANISATIONS:
        place = find_place(city)
        org, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "city": city,
                "country": place.country if place else "",
                "description": description,
                "jurisdiction": "Chicago and Cook County, Illinois"
                if kind == "union_local"
                else "",
                "turnaround_hours": 10 if kind == "union_local" else 8,
            },
        )
        orgs[slug] = org
        if login:
            Membership.objects.get_or_create(
                organisation=org, user=users[login], defaults={"role": member_role}
            )
    # The venue manager also crew-chiefs at the Chicago local's shows; the production
    # manager is a member of the promoter that books the tour.
    Membership.objects.get_or_create(
        organisation=orgs["northern-lights-presents"],
        user=users["parker.production"],
        defaults={"role": MemberRole.CREW_CHIEF},
    )
    for slug, name, operator, city, address, capacity, local, parking, load_in in cast.VENUES:
        place = places[city]
        Venue.objects.get_or_create(
            slug=slug,
            defaults={
                "organisation": orgs[operator],
                "name": name,
                "address": address,
                "city": place.name,
                # GeoNames' admin1 code is a postal abbreviation only where it is letters.
                "region": place.region if place.region.isalpha() else "",
                "country": place.country,
                "latitude": round(place.latitude + 0.004, 5),
                "longitude": round(place.longitude - 0.006, 5),
                "timezone": place.timezone,
                "capacity": capacity,
                "union_local": orgs[local] if local else None,
                "parking_notes": parking,
                "load_in_notes": load_in,
            },
        )
    return orgs


@transaction.atomic
def _save_worker(plan: WorkerPlan, catalog: Catalog, orgs: dict[str, Organisation]) -> bool:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=plan.username,
        defaults={"first_name": plan.first, "last_name": plan.last, "email": plan.email},
    )
    if created:
        if plan.password:
            user.set_password(plan.password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    if hasattr(user, "worker"):
        return False
    worker = WorkerProfile.objects.create(
        user=user, slug=slugify(f"{plan.profile['display_name']} {plan.username}"), **plan.profile
    )
    roles = catalog.roles
    WorkerRole.objects.bulk_create(
        WorkerRole(worker=worker, role=roles[r], level=lvl, years=y, is_primary=p)
        for r, lvl, y, p in plan.roles
    )
    skill_ids = {s.slug: s.pk for r in roles.values() for s in r.skills.all()}
    WorkerSkill.objects.bulk_create(
        WorkerSkill(worker=worker, skill_id=skill_ids[s], level=lvl)
        for s, lvl in plan.skills.items()
    )
    WorkerCertification.objects.bulk_create(
        WorkerCertification(
            worker=worker, certification=catalog.certs[c], issued_on=issued, expires_on=expires
        )
        for c, issued, expires in plan.certs
    )
    if plan.union:
        local, card, status = plan.union
        UnionMembership.objects.create(
            worker=worker, local=orgs[local], card_number=card, status=status
        )
    AvailabilityBlock.objects.bulk_create(
        AvailabilityBlock(worker=worker, kind="unavailable", starts_at=s, ends_at=e, reason=why)
        for s, e, why in plan.unavailable
    )
    Credit.objects.bulk_create(
        Credit(
            worker=worker,
            title=title,
            role=roles[role],
            date=day,
            organisation=orgs.get(org),
            verified=verified,
            rating=rating,
        )
        for title, role, day, org, verified, rating in plan.credits
    )
    PortfolioLink.objects.bulk_create(
        PortfolioLink(worker=worker, label=label, url=url) for label, url in plan.links
    )
    return True


@transaction.atomic
def _save_show(plan: ShowPlan, catalog: Catalog, orgs, tour: Tour | None) -> bool:
    if Show.objects.filter(slug=plan.slug).exists():
        return False
    show = Show.objects.create(
        slug=plan.slug,
        organisation=orgs[plan.organisation],
        venue=Venue.objects.get(slug=plan.venue),
        tour=tour if plan.tour_order else None,
        tour_order=plan.tour_order,
        artist=plan.artist,
        title=plan.title,
        date=plan.date,
        doors_at=plan.doors,
        show_at=plan.show,
        curfew_at=plan.curfew,
        status=plan.status,
        catering_notes="Crew meal 17:00 in the green room; hot breakfast on load-in.",
    )
    _save_positions(plan.positions, catalog, show=show)
    return True


def _save_positions(plans: list[PositionPlan], catalog: Catalog, **parent) -> None:
    skill_ids = {s.slug: s.pk for r in catalog.roles.values() for s in r.skills.all()}
    for p in plans:
        position = Position.objects.create(
            role=catalog.roles[p.role],
            level=p.level,
            title=p.title,
            headcount=p.headcount,
            call_start=p.start,
            call_end=p.end,
            pay_amount=p.pay,
            pay_unit=p.unit,
            currency=p.currency,
            union_required=p.union,
            **parent,
        )
        PositionSkill.objects.bulk_create(
            PositionSkill(position=position, skill_id=skill_ids[s], min_level=lvl)
            for s, lvl in p.skills.items()
        )
        if p.certs:
            position.required_certifications.set([catalog.certs[c] for c in p.certs])


@transaction.atomic
def _save_project(row, anchor: dt.date, catalog: Catalog, orgs) -> bool:
    slug, studio, title, description, deliverables, weeks, remote, crew = row
    if StudioProject.objects.filter(slug=slug).exists():
        return False
    venue = Venue.objects.filter(organisation=orgs[studio]).order_by("pk").first()
    project = StudioProject.objects.create(
        slug=slug,
        organisation=orgs[studio],
        title=title,
        description=description,
        deliverables=deliverables,
        deadline=anchor + dt.timedelta(weeks=weeks),
        remote_allowed=remote,
        venue=venue,
        status=Status.PUBLISHED,
    )
    tz = zoneinfo.ZoneInfo(venue.timezone)
    currency = "GBP" if venue.country == "GB" else "USD"
    plans = []
    for role, level, headcount, days, unit, pay in crew:
        start = dt.datetime.combine(anchor + dt.timedelta(days=7), dt.time(10, 0), tzinfo=tz)
        plans.append(
            PositionPlan(
                role=role,
                level=level,
                title="",
                headcount=headcount,
                start=start,
                end=start + dt.timedelta(days=days - 1, hours=9),
                pay=_money(pay * cast.FX[currency]),
                unit=unit,
                currency=currency,
                union=False,
                skills={},
                certs=[],
            )
        )
    _save_positions([p for p in plans if p.role in catalog.roles], catalog, project=project)
    return True


@transaction.atomic
def _save_crew_lists(orgs: dict[str, Organisation]) -> None:
    """First-call lists, a block and the first week's confirmed load-in crews."""
    if FirstCall.objects.exists():
        return
    chicago = list(
        WorkerProfile.objects.filter(
            home_city="Chicago", roles__role__slug__in=["stagehand", "audio-tech", "rigger"]
        )
        .order_by("user__username")
        .distinct()[:10]
    )
    FirstCall.objects.bulk_create(
        FirstCall(organisation=orgs["riverside-venues"], worker=w, rank=n)
        for n, w in enumerate(chicago, start=1)
    )
    london = list(
        WorkerProfile.objects.filter(home_city="London").order_by("user__username").distinct()[:6]
    )
    FirstCall.objects.bulk_create(
        FirstCall(organisation=orgs["harbour-and-vine-live"], worker=w, rank=n)
        for n, w in enumerate(london, start=1)
    )
    if len(chicago) > 3:
        Block.objects.create(
            organisation=orgs["northern-lights-presents"],
            worker=chicago[-1],
            reason="Left a load-out early twice",
        )
    # The first shows' load-in stagehands are already booked: first from each city.
    taken: set[int] = set()
    for position in (
        Position.objects.filter(
            title="Load-in", role__slug="stagehand", show__status=Status.PUBLISHED
        )
        .select_related("show__venue")
        .order_by("call_start")[:6]
    ):
        crew = (
            WorkerProfile.objects.filter(
                home_city=position.show.venue.city, roles__role__slug="stagehand"
            )
            .exclude(pk__in=taken)
            .exclude(user__username="will.worker")
            .order_by("user__username")
            .distinct()[: max(1, position.headcount // 2)]
        )
        for worker in crew:
            taken.add(worker.pk)
            Booking.objects.create(position=position, worker=worker)


def build_demo_world(progress: ProgressLike | None = None) -> dict[str, int]:
    """Create the demo world, or top it up; a second run changes nothing."""
    progress = progress or NoProgress()
    anchor = demo_anchor()
    catalog = Catalog()
    places = {c[0]: find_place(c[0]) for c in cast.CITIES}
    places.update({v[3]: find_place(v[3]) for v in cast.VENUES})
    workers = plan_workers(catalog, places, anchor)
    shows = plan_shows(catalog, anchor)
    total = 2 + len(workers) + len(shows) + len(cast.PROJECTS)
    progress.start(total, "Organisations and logins")
    users = _save_logins([(u, f, last) for u, f, last, _ in cast.LOGINS if u != "will.worker"])
    orgs = _save_organisations(users, places)
    progress.advance(2, "Crew profiles")
    created = {"workers": 0, "shows": 0, "projects": 0}
    for plan in workers:
        created["workers"] += _save_worker(plan, catalog, orgs)
        progress.advance(1, f"Crew: {plan.profile['display_name']}")
    tour_row = cast.TOUR
    tour, _ = Tour.objects.get_or_create(
        slug=tour_row["slug"],
        defaults={
            "organisation": orgs[tour_row["organisation"]],
            "artist": tour_row["artist"],
            "name": tour_row["name"],
            "status": Status.PUBLISHED,
        },
    )
    for plan in shows:
        created["shows"] += _save_show(plan, catalog, orgs, tour)
        progress.advance(1, f"Show: {plan.artist}, {plan.date:%d %b}")
    for row in cast.PROJECTS:
        created["projects"] += _save_project(row, anchor, catalog, orgs)
        progress.advance(1, f"Studio project: {row[2]}")
    _save_crew_lists(orgs)
    from .staffing import save_staffing

    save_staffing()
    return {
        "anchor": anchor.isoformat(),
        "workers_created": created["workers"],
        "shows_created": created["shows"],
        "projects_created": created["projects"],
        "workers": WorkerProfile.objects.count(),
        "shows": Show.objects.count(),
        "positions": Position.objects.count(),
    }
