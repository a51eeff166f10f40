"""A small constructed world for the careers tests; dates relative to the clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from stagedoor.industry.models import Certification, Role, Skill
from stagedoor.people.models import Credit, WorkerCertification, WorkerSkill
from tests.factories import (
    BERLIN,
    PositionFactory,
    ShowFactory,
    VenueFactory,
    WorkerFactory,
    give_role,
)

# Two venues in Berlin (about 1 km and 20 km from the centre) and one in Hamburg (255 km).
CITY = {"latitude": 52.5106, "longitude": 13.4224, "city": "Berlin"}
SUBURB = {"latitude": 52.39, "longitude": 13.06, "city": "Potsdam"}
HAMBURG = {"latitude": 53.5511, "longitude": 9.9937, "city": "Hamburg"}


def today() -> dt.date:
    return timezone.localtime(timezone.now(), BERLIN).date()


def at(days: int, hour: int = 9, tz=BERLIN) -> dt.datetime:
    """`days` from today at `hour` o'clock, local time."""
    day = today() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def month_day(months: int, day: int = 11) -> int:
    """Days from today to `day` of the month `months` after this one."""
    first = today().replace(day=1)
    index = first.year * 12 + first.month - 1 + months
    target = dt.date(index // 12, index % 12 + 1, day)
    return (target - today()).days


def show_at(days: int, venue=None, status: str = "published", artist: str | None = None, org=None):
    venue = venue or VenueFactory(**CITY)
    local = at(days).date()
    extra = {"artist": artist} if artist else {}
    return ShowFactory(
        venue=venue,
        organisation=org or venue.organisation,
        date=local,
        doors_at=at(days, 19),
        show_at=at(days, 20),
        curfew_at=at(days, 23),
        status=status,
        **extra,
    )


def position_at(
    days: int,
    role: str,
    *,
    show=None,
    level: str = "entry",
    hour: int = 9,
    hours: int = 5,
    pay: str = "28.00",
    unit: str = "hour",
    currency: str = "EUR",
    title: str = "",
    headcount: int = 2,
):
    show = show or show_at(days)
    start = at(days, hour)
    return PositionFactory(
        show=show,
        role=Role.objects.get(slug=role),
        level=level,
        headcount=headcount,
        call_start=start,
        call_end=start + dt.timedelta(hours=hours),
        pay_amount=Decimal(pay),
        pay_unit=unit,
        currency=currency,
        title=title,
    )


def skill(worker, slug: str, level: int):
    return WorkerSkill.objects.create(
        worker=worker, skill=Skill.objects.get(slug=slug), level=level
    )


def cert(worker, slug: str, expires_in_days: int | None = None):
    issued = today() - dt.timedelta(days=400)
    expires = None if expires_in_days is None else today() + dt.timedelta(days=expires_in_days)
    return WorkerCertification.objects.create(
        worker=worker,
        certification=Certification.objects.get(slug=slug),
        issued_on=issued,
        expires_on=expires,
    )


def credit(worker, role: str, days_ago: int, title: str = "A show"):
    return Credit.objects.create(
        worker=worker,
        title=title,
        role=Role.objects.get(slug=role),
        date=today() - dt.timedelta(days=days_ago),
    )


def audio_tech(**kwargs):
    """A mid-level audio tech in Berlin on the way to FOH."""
    worker = WorkerFactory(display_name="Ada Okafor", slug="ada", **kwargs)
    give_role(worker, "audio-tech", "mid", years=3)
    skill(worker, "dante", 3)
    skill(worker, "stage-patching", 3)
    skill(worker, "microphone-technique", 3)
    skill(worker, "rf-coordination", 3)
    skill(worker, "problem-solving", 3)
    skill(worker, "physical-stamina", 3)
    skill(worker, "yamaha-cl-ql", 3)
    skill(worker, "mixing", 2)
    skill(worker, "critical-listening", 4)
    skill(worker, "communication", 4)
    cert(worker, "dante-level-1")
    cert(worker, "dante-level-2", expires_in_days=10)
    return worker
