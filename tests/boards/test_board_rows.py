"""The board's rows are read narrow (boards.selectors.listed): each kind of call shows its
place, pay and hirer without a query of its own."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def _calls(n: int) -> None:
    start = timezone.now() + dt.timedelta(days=10)
    room = VenueFactory(
        name="Studio B", city="Leeds", country="GB", timezone="Europe/London",
        latitude=53.8, longitude=-1.55,
    )  # fmt: skip
    for i in range(n):
        when = {
            "call_start": start + dt.timedelta(hours=i),
            "call_end": start + dt.timedelta(hours=i + 4),
        }
        PositionFactory(show=ShowFactory(), **when)
        studio = OrganisationFactory(kind="studio", name=f"Tape Room {i}")
        PositionFactory(show=None, project=ProjectFactory(organisation=studio, venue=room), **when)
        PositionFactory(show=None, project=ProjectFactory(venue=None), **when)
        PositionFactory(show=None, project=ProjectFactory(venue=room, remote_allowed=False), **when)


def _board(client) -> tuple[str, int]:
    client.get("/jobs/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/jobs/").content.decode()
    return page, len(queries)


def test_every_kind_of_call_reads_in_the_same_queries(client):
    _calls(1)
    page, few = _board(client)
    assert page.count('class="native"') == 4
    assert "Remote or Leeds" in page and ">Tape Room 0</a>" in page
    _calls(5)
    page, many = _board(client)
    assert page.count('class="native"') == 24
    assert many == few
