"""A small world for the job-board tests: one promoter with a venue, a show and a studio."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from stagedoor.industry.models import Role
from tests.factories import (
    BERLIN,
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    WorkerFactory,
    give_role,
    show_world,
)


def day_in(days: int) -> dt.date:
    return (timezone.now() + dt.timedelta(days=days)).astimezone(BERLIN).date()


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def build_world(manager_username: str = "mara", password: str | None = None) -> dict:
    day = day_in(10)
    shared = show_world(
        org={
            "slug": "spree-live",
            "name": "Spree Live",
            "kind": "promoter",
            "city": "Berlin",
            "country": "DE",
            "website": "https://spree-live.example",
        },
        venue={
            "slug": "halle-ost",
            "name": "Halle Ost",
            "address": "Köpenicker Str. 70",
            "city": "Berlin",
            "region": "BE",
            "postal_code": "10179",
            "country": "DE",
        },
        own_venue=True,
        show={
            "slug": "nightjar",
            "artist": "Nightjar",
            "date": day,
            "doors_at": at(day, 19),
            "show_at": at(day, 20),
            "curfew_at": at(day, 23),
        },
        manager=manager_username,
        password=password,
    )
    org, venue, show, manager = shared["org"], shared["venue"], shared["show"], shared["manager"]
    hands = PositionFactory(
        show=show,
        role=Role.objects.get(slug="stagehand"),
        title="Load-in hands",
        headcount=6,
        call_start=at(day, 9),
        call_end=at(day, 14),
        pay_amount=Decimal("28.50"),
        pay_unit="hour",
        currency="EUR",
    )
    rigger = PositionFactory(
        show=show,
        role=Role.objects.get(slug="rigger"),
        title="",
        level="mid",
        headcount=2,
        call_start=at(day, 8),
        call_end=at(day, 13),
        pay_amount=Decimal("320.00"),
        pay_unit="day",
        currency="EUR",
    )
    project = ProjectFactory(
        slug="low-tide",
        organisation=org,
        title="Low Tide (album)",
        deadline=day_in(40),
        remote_allowed=True,
        venue=None,
    )
    mixing = PositionFactory(
        show=None,
        project=project,
        role=Role.objects.get(slug="mixing-engineer"),
        title="Album mix",
        level="senior",
        headcount=1,
        call_start=at(day_in(20), 10),
        call_end=at(day_in(20), 18),
        pay_amount=Decimal("4500.00"),
        pay_unit="flat",
        currency="EUR",
    )
    other_org = OrganisationFactory(slug="elsewhere", name="Elsewhere Booking", country="DE")
    draft = PositionFactory(
        show=ShowFactory(organisation=other_org, status="draft", date=day),
        call_start=at(day, 9),
        call_end=at(day, 12),
    )
    worker = WorkerFactory(
        display_name="Ada Lind", slug="ada-lind", home_city="Berlin", travel_radius_km=50
    )
    give_role(worker, "rigger", level="entry")
    if password:
        worker.user.username = "ada"
        worker.user.set_password(password)
        worker.user.save()
    return {
        "org": org,
        "venue": venue,
        "show": show,
        "day": day,
        "hands": hands,
        "rigger": rigger,
        "project": project,
        "mixing": mixing,
        "draft": draft,
        "manager": manager,
        "worker": worker,
    }
