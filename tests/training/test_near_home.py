"""The catalog for a signed-in worker with "Near" left empty: sessions near their home
city and online ones, never a course an ocean away as if it were an option; "Show all"
lists every session with its distance. The API answers the same way."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import bearer

from .world import MILWAUKEE, course, providers, rosa, session

pytestmark = pytest.mark.django_db

LONDON = (51.5072, -0.1276)


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/training/sessions/\d+/"><strong>([^<]+)</strong>', html)


def world():
    lakeshore, online, _ = providers()
    here = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), 6)
    north = session(
        course(lakeshore, "Rigging in Milwaukee", None), 7, where=MILWAUKEE, city="Milwaukee"
    )
    web = session(course(online, "OSHA 10 online", "osha-10", price="79"), 8, where=None)
    london = session(course(lakeshore, "Rigging in London", None), 9, where=LONDON, city="London")
    return here, north, web, london


def test_near_left_empty_lists_courses_near_her_home_and_online_ones_and_says_so():
    world()
    client = Client()
    client.force_login(rosa().user)

    near = client.get("/training/").content.decode()
    assert titles(near) == ["OSHA 10 for Entertainment", "OSHA 10 online"]
    assert (
        '<p class="muted" id="reach">Showing courses within 100 km of Chicago, your home city, '
        'and online ones. <a href="?everywhere=1">Show all</a></p>'
    ) in near
    assert "London" not in near

    everywhere = client.get("/training/?everywhere=1").content.decode()
    assert titles(everywhere) == [
        "OSHA 10 for Entertainment",
        "Rigging in Milwaukee",
        "OSHA 10 online",
        "Rigging in London",
    ]
    assert re.findall(r"Lakeshore Safety Institute · ([^·]+?) ·", everywhere) == [
        "Chicago, 2 km",
        "Milwaukee, 131 km",
        "London, 6353 km",
    ]
    assert (
        '<p class="muted" id="reach">Every course, with how far each is from Chicago. '
        '<a href="?">Show only courses near Chicago</a></p>'
    ) in everywhere


def test_a_typed_city_still_wins_and_a_visitor_sees_every_course():
    world()
    client = Client()
    assert titles(client.get("/training/").content.decode()) == [
        "OSHA 10 for Entertainment",
        "Rigging in Milwaukee",
        "OSHA 10 online",
        "Rigging in London",
    ]
    client.force_login(rosa().user)
    typed = client.get("/training/?near=London, GB").content.decode()
    assert titles(typed) == ["OSHA 10 online", "Rigging in London"]
    assert 'id="reach"' not in typed


def test_the_api_lists_from_the_workers_home_too_unless_asked_for_everywhere():
    here, north, web, london = world()
    worker = rosa()
    anonymous = Client().get("/api/training/sessions").json()
    assert [s["id"] for s in anonymous] == [here.pk, north.pk, web.pk, london.pk]

    me = bearer(worker.user)
    near = Client().get("/api/training/sessions", **me).json()
    assert [(s["id"], s["distance_km"]) for s in near] == [(here.pk, 2.5), (web.pk, None)]
    every = Client().get("/api/training/sessions?everywhere=true", **me).json()
    assert [(s["id"], s["distance_km"]) for s in every] == [
        (here.pk, 2.5),
        (north.pk, 131.1),
        (web.pk, None),
        (london.pk, 6353.0),
    ]
