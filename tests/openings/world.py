"""A small Chicago world for the openings and events tests; dates relative to the clock."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

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


def chicago_world() -> dict:
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
    user = UserFactory(username="rosa", password="backstage-pass")
    rosa = WorkerFactory(
        user=user,
        slug="rosa",
        display_name="Rosa Reyes",
        home_city="Chicago",
        country="US",
        latitude=LOOP[0],
        longitude=LOOP[1],
        travel_radius_km=50,
        currency="USD",
    )
    return {"org": org, "manager": manager, "venue": venue, "rosa": rosa, "user": user}


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
