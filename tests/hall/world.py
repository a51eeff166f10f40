"""A hiring hall to test with: a local, its dispatcher, a stagehand list of registrants in
groups A and B, rules in force, and an employer with a union call at a venue in the local's
jurisdiction (Chicago time)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from stagedoor.hall import services
from stagedoor.hall.models import Classification, ListEntry, Registrant
from stagedoor.industry.models import Role
from tests.factories import (
    YEAR,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    VenueFactory,
    WorkerFactory,
    manager_of,
)

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
RULES_88 = {
    "placement": [
        {"name": "A", "min_years": 5, "min_hours": 0, "exam": True},
        {"name": "B", "min_years": 2},
        {"name": "C"},
    ],
    "penalties": {
        "free_turndowns": 2,
        "roll_off_at": 3,
        "pass_counts": False,
        "short_call_hours": "8",
        "rejection_restores": True,
    },
    "dispatch": {"by_name_cap": 1, "answer_minutes": 120},
}


def hall_world(
    names=("Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo"),
    *,
    signed_at=None,
    password: str | None = None,
) -> dict:
    """Registrants sign in the order of `names` (so that is the list order within a group);
    the first half is in group A, the rest in group B."""
    local = OrganisationFactory(
        slug="local-88",
        name="Lakeshore Stagehands, Local 88",
        kind="union_local",
        city="Chicago",
        jurisdiction="Chicago",
        turnaround_hours=10,
    )
    dispatcher = manager_of(local, "dana", role="dispatcher", password=password)
    employer = OrganisationFactory(name="Riverside Venues", kind="venue", turnaround_hours=8)
    venue = VenueFactory(
        organisation=employer,
        name="Riverside Ballroom",
        city="Chicago",
        country="US",
        timezone="America/Chicago",
        union_local=local,
        latitude=41.88,
        longitude=-87.63,
    )
    manager = manager_of(employer, "vera", password=password)
    show = ShowFactory(
        organisation=employer,
        venue=venue,
        artist="Mara Quinn",
        slug="mara",
        date=dt.date(YEAR, 12, 4),
    )
    position = PositionFactory(
        show=show,
        headcount=6,
        title="Load-in hands",
        union_required=True,
        currency="USD",
        call_start=dt.datetime(YEAR, 12, 4, 8, 0, tzinfo=CHICAGO),
        call_end=dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=CHICAGO),
        pay_amount=Decimal("38"),
    )
    stagehand = Classification.objects.create(
        local=local,
        slug="stagehand",
        name="Stagehand",
        role=Role.objects.get(slug="stagehand"),
        specialties=["Up rigger", "Forklift"],
    )
    start = signed_at or (timezone.now() - dt.timedelta(days=30))
    services.rules_announce(
        actor=dispatcher,
        local=local,
        in_force_from=start,
        now=start,
        summary="Posted rules",
        **RULES_88,
    )
    registrants = {}
    for n, name in enumerate(names):
        key = name.lower()
        user_kw = {"user__username": key}
        if password:
            user_kw["user__password"] = password
        worker = WorkerFactory(display_name=name, slug=key, home_city="Chicago", **user_kw)
        reg = Registrant.objects.create(
            local=local, worker=worker, years=8 if n < len(names) // 2 else 3, exam_passed=True
        )
        ListEntry.objects.create(
            registrant=reg, classification=stagehand, group=0 if n < len(names) // 2 else 1
        )
        services.list_sign(actor=worker.user, registrant=reg, now=start + dt.timedelta(minutes=n))
        registrants[key] = reg
    return {
        "local": local,
        "dispatcher": dispatcher,
        "employer": employer,
        "venue": venue,
        "manager": manager,
        "show": show,
        "position": position,
        "stagehand": stagehand,
        "registrants": registrants,
    }
