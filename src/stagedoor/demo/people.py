"""The demo's crew: planned from a seeded RNG (and Will, the worker login), then saved."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from stagedoor.accounts.models import Onboarding, SignUp
from stagedoor.booking.models import Booking
from stagedoor.core.places import Place
from stagedoor.engine.levels import LEVELS
from stagedoor.engine.months import add_months
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.enums import LEVEL_RANK
from stagedoor.industry.models import Organisation, Role
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
from .common import SEED, UNION_ROLES, Catalog, money, pay_for

WORKER_COUNT = 320

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
    day_pay, unit = pay_for(catalog, role, currency, rng)
    day_rate = day_pay if unit == "day" else money(float(day_pay) * 10)
    hourly = money(float(day_rate) / 10) if unit != "flat" else None
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
        # Every other crew member chooses to show their rates on the public profile.
        "show_rates": n % 2 == 0,
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
            "show_rates": True,
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


@transaction.atomic
def save_logins(password_users: list[tuple[str, str, str]]) -> dict[str, Any]:
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
def save_newcomers(users) -> None:
    """Logins that signed up and confirmed their address, with no profile yet: the
    onboarding at /welcome/ is theirs to try."""
    for user in users:
        SignUp.objects.get_or_create(
            user=user,
            defaults={
                "email": user.email,
                "last_sent_at": timezone.now(),
                "confirmed_at": timezone.now(),
            },
        )
        Onboarding.objects.get_or_create(user=user)


@transaction.atomic
def save_worker(plan: WorkerPlan, catalog: Catalog, orgs: dict[str, Organisation]) -> bool:
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
def save_crew_lists(orgs: dict[str, Organisation]) -> None:
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
