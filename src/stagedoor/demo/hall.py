"""The demo's hiring hall: Lakeshore Stagehands, Local 88, with its classifications, posted
rules (a version in force and a change announced), 60+ registrants in groups A/B/C, a history
of past dispatches on the record, and call requests from the Chicago venues, one of them
dispatched with answers coming in. Built through the hall's services where they apply."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from stagedoor.booking.models import Offer
from stagedoor.gigs.models import Position
from stagedoor.hall import services
from stagedoor.hall.models import Classification, ListEntry, LogEntry, Registrant, RuleVersion
from stagedoor.hall.selectors import seats_left
from stagedoor.industry.models import Role
from stagedoor.people.models import UnionMembership, WorkerProfile, WorkerRole

from .common import SEED

LOCAL = "lakeshore-local-88"
TARGET = 66  # registrants
# slug, name, catalog role, specialties that need proof
CLASSIFICATIONS = [
    ("stagehand", "Stagehand", "stagehand", ["Forklift certificate", "Riverside Ballroom rigging"]),
    ("rigger", "Rigger (up and down)", "rigger", ["Up rigger", "Down rigger", "Motor tech"]),
    ("electrician", "Electrician", "lighting-tech", ["grandMA console", "Power distro"]),
    ("audio", "Audio", "audio-tech", ["DiGiCo console", "RF coordination"]),
    ("carpenter", "Carpenter", "carpenter", ["Automation"]),
    ("spot", "Spot operator", "spot-operator", []),
]
PLACEMENT = [
    {"name": "A", "min_years": 6, "min_hours": 0, "exam": True},
    {"name": "B", "min_years": 2, "min_acceptance": 0.5},
    {"name": "C"},
]
PENALTIES_V1 = {
    "free_turndowns": 2,
    "roll_off_at": 3,
    "to_bottom": True,
    "pass_counts": False,
    "short_call_hours": "8",
    "rejection_restores": True,
}
PENALTIES_V2 = PENALTIES_V1 | {"short_call_hours": "10"}


def _dispatcher(local):
    return local.membership_set.filter(role="dispatcher").select_related("user").first().user


def _extra_workers(n: int, rng: random.Random) -> list[WorkerProfile]:
    """Hall regulars the crew planner did not make: Chicago stagehands with a card."""
    faker = Faker("en_US")
    faker.seed_instance(SEED + 88)
    User = get_user_model()
    stagehand = Role.objects.get(slug="stagehand")
    made = []
    for i in range(n):
        first, last = faker.first_name(), faker.last_name()
        username = f"hall{i:02d}.{slugify(last)}"
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@stagedoor.localhost",
            },
        )
        if hasattr(user, "worker"):
            made.append(user.worker)
            continue
        user.set_unusable_password()
        user.save(update_fields=["password"])
        worker = WorkerProfile.objects.create(
            user=user,
            slug=slugify(f"{first} {last} {username}"),
            display_name=f"{first} {last}",
            headline="Stagehand, Local 88",
            home_city="Chicago",
            country="US",
            latitude=41.88 + rng.uniform(-0.1, 0.1),
            longitude=-87.63 + rng.uniform(-0.1, 0.1),
            day_rate=Decimal(rng.choice([280, 300, 320, 340])),
            currency="USD",
            show_rates=i % 2 == 0,
        )
        WorkerRole.objects.create(
            worker=worker, role=stagehand, level="mid", years=rng.randint(1, 14), is_primary=True
        )
        made.append(worker)
    return made


@transaction.atomic
def save_hall(orgs) -> int:
    """Build the hall once; a second run changes nothing. Returns the registrants made."""
    local = orgs[LOCAL]
    if RuleVersion.objects.filter(local=local).exists():
        return 0
    rng = random.Random(SEED + 19)
    dana = _dispatcher(local)
    now = timezone.now()
    start = now - dt.timedelta(days=60)
    services.rules_announce(
        actor=dana,
        local=local,
        placement=PLACEMENT,
        penalties=PENALTIES_V1,
        dispatch={"by_name_cap": 1, "answer_minutes": 120},
        in_force_from=start,
        now=start,
        summary="Out-of-work lists in three groups; two free turndowns, the third rolls you off.",
    )
    services.rules_announce(
        actor=dana,
        local=local,
        placement=PLACEMENT,
        penalties=PENALTIES_V2,
        dispatch={"by_name_cap": 2, "answer_minutes": 120},
        in_force_from=now + dt.timedelta(days=5),
        now=now - dt.timedelta(days=3),
        summary="Voted at the November meeting: calls up to 10 hours keep your place, and "
        "employers may ask for two people by name.",
    )
    classes = {}
    for slug, name, role, specialties in CLASSIFICATIONS:
        classes[role] = Classification.objects.create(
            local=local,
            slug=slug,
            name=name,
            role=Role.objects.get(slug=role),
            specialties=specialties,
        )
    cards = list(
        UnionMembership.objects.filter(local=local)
        .exclude(status="lapsed")
        .select_related("worker")
    )
    workers = [(c.worker, "member" if c.status == "good" else "permit") for c in cards]
    workers += [(w, "member") for w in _extra_workers(max(TARGET - len(workers), 0), rng)]
    registrants = []
    for n, (worker, kind) in enumerate(workers):
        roles = list(worker.roles.select_related("role"))
        years = max((r.years for r in roles), default=1)
        mine = [classes[r.role.slug] for r in roles if r.role.slug in classes]
        specialties = sorted({s for c in mine for s in c.specialties if rng.random() < 0.4})
        reg = Registrant.objects.create(
            local=local,
            worker=worker,
            kind=kind,
            years=years,
            exam_passed=rng.random() < 0.6,
            specialties=specialties,
        )
        for classification in {classes["stagehand"], *mine}:
            ListEntry.objects.create(registrant=reg, classification=classification)
        at = start + dt.timedelta(days=1, minutes=37 * n)
        LogEntry.objects.create(
            local=local,
            kind=LogEntry.Kind.SIGN,
            at=at,
            registrant=reg,
            channel="phone",
        )
        registrants.append(reg)
    _past_dispatches(local, dana, registrants, rng, start)
    services.lists_recompute(actor=dana, local=local, now=now - dt.timedelta(days=1))
    probation = registrants[5]
    services.registrant_set_status(
        actor=dana,
        registrant=probation,
        status="probation",
        reason="New permit worker",
        probation_until=(now + dt.timedelta(days=45)).date(),
    )
    services.registrant_set_status(
        actor=dana,
        registrant=registrants[9],
        status="suspended",
        appeal="pending",
        reason="Left a call without notice; appeal heard at the next executive board.",
    )
    _requests(local, dana, now)
    return len(registrants)


def _past_dispatches(local, dana, registrants, rng, start) -> None:
    """A month of past calls on the record: offers and their answers, as the log keeps them."""
    venues = ["Riverside Ballroom load-in", "Riverside Ballroom load-out", "Convention stage set"]
    answers = [LogEntry.Kind.ACCEPT] * 6 + [
        LogEntry.Kind.PASS,
        LogEntry.Kind.DECLINE,
        LogEntry.Kind.NO_ANSWER,
    ]
    for day in range(8, 52, 4):
        at = start + dt.timedelta(days=day, hours=9)
        hours = Decimal(rng.choice([4, 6, 8, 10]))
        call = rng.choice(venues)
        for reg in rng.sample(registrants, 4):
            LogEntry.objects.create(
                local=local,
                kind=LogEntry.Kind.OFFER,
                at=at,
                registrant=reg,
                actor=dana,
                hours=hours,
                deadline=at + dt.timedelta(hours=2),
                reason=f"{call}, {hours} h; list order; rules v1.",
            )
            kind = rng.choice(answers)
            LogEntry.objects.create(
                local=local,
                kind=kind,
                at=at + dt.timedelta(minutes=rng.randint(5, 110)),
                registrant=reg,
                hours=hours,
                channel=rng.choice(["phone", "web"]),
                reason=f"{call}: {LogEntry.Kind(kind).label.lower()}.",
            )


def _requests(local, dana, now) -> None:
    """The Chicago venues' union calls go to the hall; the earliest is dispatched and answered."""
    positions = [
        p
        for p in Position.objects.filter(
            show__venue__union_local=local,
            union_required=True,
            call_start__gt=now + dt.timedelta(hours=3),
            cancelled_at__isnull=True,
            show__status="published",
        ).select_related("show__venue", "role", "show__organisation")
        if seats_left(p) > 0 and Classification.objects.filter(local=local, role=p.role).exists()
    ][:5]
    requests = [services.request_from_position(actor=dana, position=p, now=now) for p in positions]
    if not requests:
        return
    biggest = max(requests, key=lambda r: (r.position.headcount, -r.pk))
    services.dispatch_run(actor=dana, local=local, request_ids=[biggest.pk], now=now)
    pending = Offer.objects.filter(position=biggest.position, status="pending")
    for n, offer in enumerate(pending.select_related("worker__user")):
        if n % 3 == 1:
            services.offer_answer(actor=offer.worker.user, offer=offer, answer="pass", now=now)
        elif n % 3 == 2:
            services.offer_answer(actor=offer.worker.user, offer=offer, answer="accept", now=now)
