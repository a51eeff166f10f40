"""A small Chicago world for the openings and events tests; dates relative to the clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

from stagedoor.events import services as events
from stagedoor.openings import services
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    VenueFactory,
    WorkerFactory,
    manager_of,
)

# The Loop; Evanston (about 19 km north); Milwaukee (about 130 km north).
LOOP = (41.8781, -87.6298)
EVANSTON = (42.0451, -87.6877)


def today() -> dt.date:
    return timezone.localdate()


def chicago_world(rosa=None) -> dict:
    """Pass `rosa` (a worker) to make an existing newcomer the world's Rosa."""
    org = OrganisationFactory(
        slug="northern-lights", name="Northern Lights Presents", city="Chicago"
    )
    manager = manager_of(org, "pat", password="backstage-pass")
    venue = VenueFactory(
        slug="riverside-ballroom",
        organisation=org,
        name="Riverside Ballroom",
        city="Chicago",
        country="US",
        latitude=EVANSTON[0],
        longitude=EVANSTON[1],
        timezone="America/Chicago",
    )
    if rosa is None:
        rosa = WorkerFactory(
            user=UserFactory(username="rosa", password="backstage-pass"),
            slug="rosa",
            display_name="Rosa Reyes",
            home_city="Chicago",
            country="US",
            latitude=LOOP[0],
            longitude=LOOP[1],
            travel_radius_km=50,
            currency="USD",
        )
    return {"org": org, "manager": manager, "venue": venue, "rosa": rosa, "user": rosa.user}


def festival_data(**overrides) -> dict:
    start = today() + dt.timedelta(days=20)
    data = {
        "kind": "volunteer",
        "title": "Festival crew volunteers",
        "work_for": "Lakefront Sound Festival",
        "teaches": "Stage builds and ground support with the festival's riggers.",
        "target_roles": ["stagehand", "rigger"],
        "city": "Chicago",
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=1),
        "deadline": start - dt.timedelta(days=7),
        "places": 2,
    }
    data.update(overrides)
    return data


def post(world, **overrides):
    return services.opportunity_save(
        actor=world["manager"], organisation=world["org"], data=festival_data(**overrides)
    )


def trade_show(world, days: int = 30):
    """StageTech Expo, a national trade show in Las Vegas, `days` from today."""
    start = dt.datetime.combine(
        today() + dt.timedelta(days=days),
        dt.time(9),
        tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"),
    )
    return events.event_save(
        actor=world["manager"],
        organisation=world["org"],
        data={
            "kind": "trade_show",
            "title": "StageTech Expo",
            "starts_at": start,
            "ends_at": start + dt.timedelta(days=2, hours=8),
            "city": "Las Vegas",
            "venue_name": "Convention Center",
            "national": True,
        },
    )
