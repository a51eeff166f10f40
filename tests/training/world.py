"""A Chicago training world: Lakeshore Safety Institute and its manager, an online
provider, and Rosa, a newcomer in Chicago (40 km radius) with a sparse profile."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from stagedoor.core.permissions import OPERATOR
from stagedoor.training import services
from tests.factories import OrganisationFactory, UserFactory, WorkerFactory, manager_of

CHICAGO_TZ = zoneinfo.ZoneInfo("America/Chicago")
CHICAGO = (41.8781, -87.6298)
WEST_LOOP = (41.8842, -87.6588)  # about 2.5 km west of the centre
MILWAUKEE = (43.0389, -87.9065)  # about 131 km north


def day(days: int) -> dt.date:
    return timezone.localtime(timezone.now(), CHICAGO_TZ).date() + dt.timedelta(days=days)


def at(days: int, hour: int = 9) -> dt.datetime:
    d = day(days)
    return dt.datetime(d.year, d.month, d.day, hour, tzinfo=CHICAGO_TZ)


def providers():
    lakeshore = OrganisationFactory(
        slug="lakeshore", name="Lakeshore Safety Institute", kind="training", city="Chicago"
    )
    online = OrganisationFactory(
        slug="stagesafe", name="StageSafe Online", kind="training", city=""
    )
    lena = manager_of(lakeshore, "lena")
    manager_of(online, "owen")
    return lakeshore, online, lena


def course(provider, title: str, cert: str | None, price="89", **extra):
    return services.course_create(
        actor=OPERATOR,
        provider=provider,
        title=title,
        kind="certification" if cert else "programme",
        certification=cert,
        price=Decimal(price),
        currency="USD",
        duration_hours=extra.pop("duration_hours", 10),
        **extra,
    )


def session(course, days: int, *, where=WEST_LOOP, city="Chicago", seats=12, hours=5, now=None):
    place = (
        {"online": True}
        if where is None
        else {
            "city": city,
            "address": "1450 W Randolph St",
            "latitude": where[0],
            "longitude": where[1],
        }
    )
    return services.session_create(
        actor=OPERATOR,
        course=course,
        starts_at=at(days, 8),
        ends_at=at(days, 8 + hours),
        timezone_name="America/Chicago",
        seats=seats,
        now=now,
        **place,
    )


def rosa(**extra):
    user = UserFactory(username="rosa", password="backstage-pass")
    return WorkerFactory(
        user=user,
        slug="rosa",
        display_name="Rosa Delgado",
        headline="New to the trade",
        home_city="Chicago",
        country="US",
        latitude=CHICAGO[0],
        longitude=CHICAGO[1],
        travel_radius_km=40,
        currency="USD",
        **extra,
    )
