"""A small world for auto-staffing tests, dated relative to now (never fixed dates).

Two rigging calls of one show: a mid-level call on day 0 from 14:00 to 23:30 and a
senior call on day 1 from 06:00 to 12:00, six and a half hours later, inside the 8 h
turnaround. Ana (senior) is the only one who may take day 1 and also the best match for
day 0; Ben (mid) may only take day 0; Cleo (entry) takes neither. Going call by call,
a coordinator gives day 0 to Ana and leaves day 1 empty; the optimizer staffs both.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from stagedoor.industry.models import Role
from tests.factories import (
    BERLIN,
    PositionFactory,
    WorkerFactory,
    give_role,
    show_world,
)

VENUE_LAT, VENUE_LON = 52.5106, 13.4224


def day(n: int, hour: int, minute: int = 0) -> dt.datetime:
    """Berlin time on the n-th day after the world's first show day (10 days from now)."""
    first = (timezone.now() + dt.timedelta(days=10)).astimezone(BERLIN).date()
    return dt.datetime.combine(first + dt.timedelta(days=n), dt.time(hour, minute), BERLIN)


def rigger(name: str, level: str):
    w = WorkerFactory(
        display_name=name, slug=name.split()[0].lower(), latitude=VENUE_LAT, longitude=VENUE_LON,
        day_rate=Decimal("250.00"), currency="EUR",
    )  # fmt: skip
    give_role(w, "rigger", level)
    return w


def build_world(manager_username: str = "vera", password: str | None = None) -> dict:
    world = show_world(
        org={"slug": "spree", "name": "Spree Kultur"},
        venue={"name": "Kraftwerkhalle", "latitude": VENUE_LAT, "longitude": VENUE_LON},
        show={
            "slug": "juniper-static", "artist": "Juniper Static", "date": day(0, 0).date(),
            "doors_at": day(0, 19), "show_at": day(0, 20), "curfew_at": day(0, 23),
        },
        manager=manager_username,
        password=password,
    )  # fmt: skip
    show = world["show"]
    role = Role.objects.get(slug="rigger")
    calls = {}
    for name, level, start, end in (
        ("Day 0 rig", "mid", day(0, 14), day(0, 23, 30)),
        ("Day 1 rig", "senior", day(1, 6), day(1, 12)),
    ):
        calls[name] = PositionFactory(
            show=show, role=role, title=name, level=level, headcount=1,
            call_start=start, call_end=end,
            pay_amount=Decimal("300.00"), pay_unit="day", currency="EUR",
        )  # fmt: skip
    return world | {
        "day0": calls["Day 0 rig"],
        "day1": calls["Day 1 rig"],
        "ana": rigger("Ana Ruiz", "senior"),
        "ben": rigger("Ben Ode", "mid"),
        "cleo": rigger("Cleo Park", "entry"),
    }
