"""The demo's shows, tour stops and studio projects with their crew calls: planned, then
saved."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from stagedoor.core.places import find_place
from stagedoor.gigs.models import (
    Crew,
    Position,
    PositionSkill,
    Show,
    Status,
    StudioProject,
    Tour,
)
from stagedoor.industry.models import Venue

from . import cast
from .common import SEED, UNION_ROLES, Catalog, money, pay_for

WEEKS = 8
# On a tour stop these calls are the tour's own crew, who travel with it; every other call
# (hands, loaders, runners, security, the venue's staff) is hired locally in each city.
TOURING_ROLES = frozenset({"tour-manager", "foh-engineer", "monitor-engineer"})


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
    crew: str = Crew.LOCAL


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
        pay, unit = pay_for(catalog, role, currency, rng)
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
                crew=Crew.TOURING if on_tour and role in TOURING_ROLES else Crew.LOCAL,
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
def save_show(plan: ShowPlan, catalog: Catalog, orgs, tour: Tour | None) -> bool:
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
            crew=p.crew,
            **parent,
        )
        PositionSkill.objects.bulk_create(
            PositionSkill(position=position, skill_id=skill_ids[s], min_level=lvl)
            for s, lvl in p.skills.items()
        )
        if p.certs:
            position.required_certifications.set([catalog.certs[c] for c in p.certs])


@transaction.atomic
def save_project(row, anchor: dt.date, catalog: Catalog, orgs) -> bool:
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
                pay=money(pay * cast.FX[currency]),
                unit=unit,
                currency=currency,
                union=False,
                skills={},
                certs=[],
            )
        )
    _save_positions([p for p in plans if p.role in catalog.roles], catalog, project=project)
    return True
