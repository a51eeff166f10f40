"""The job search: every match counted, paged 25 at a time, filtered by role, city and
distance, dates (the venue's calendar) and pay, on the page and in the API."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from decimal import Decimal

import pytest

from stagedoor.boards import reach
from stagedoor.boards.models import ExternalPosting
from stagedoor.industry.models import Role
from tests.factories import PositionFactory, ShowFactory, VenueFactory

from .world import at, build_world, day_in

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


@pytest.fixture
def world():
    """The boards world (Berlin: hands 28.50 EUR/h and a rigger 320 EUR/day; a remote album
    mix, 4,500 EUR flat) plus 30 late-night stagehand calls in Chicago, one a day from three
    days out at 23:30 local (already the next day in UTC), 250 USD a day, and one in Potsdam,
    27 km from Berlin's centre."""
    w = build_world()
    chicago = VenueFactory(
        slug="metro-hall",
        name="Metro Hall",
        city="Chicago",
        country="US",
        latitude=41.8781,
        longitude=-87.6298,
        timezone="America/Chicago",
    )
    show = ShowFactory(organisation=w["org"], venue=chicago, date=day_in(3))
    w["chicago"] = []
    for i in range(30):
        start = dt.datetime.combine(day_in(3 + i), dt.time(23, 30), tzinfo=CHICAGO)
        w["chicago"].append(
            PositionFactory(
                show=show,
                call_start=start,
                call_end=start + dt.timedelta(hours=4),
                pay_amount=Decimal("250.00"),
                pay_unit="day",
                currency="USD",
            )
        )
    potsdam = VenueFactory(
        slug="waschhaus", name="Waschhaus", city="Potsdam", latitude=52.4009, longitude=13.0591
    )
    w["potsdam"] = PositionFactory(
        show=ShowFactory(organisation=w["org"], venue=potsdam, date=day_in(5)),
        role=Role.objects.get(slug="rigger"),
        call_start=at(day_in(5), 9),
        call_end=at(day_in(5), 17),
        pay_amount=Decimal("300.00"),
        pay_unit="day",
    )
    return w


def shown(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="posting-(\d+)"', page)]


def test_counts_every_match_and_pages_25_at_a_time(client, world):
    first = client.get("/jobs/").content.decode()
    assert '<h2 id="native-count">34 open calls <small>(1–25 shown)</small></h2>' in first
    assert len(shown(first)) == 25
    assert "Page 1 of 2" in first
    second = client.get("/jobs/?page=2").content.decode()
    assert len(shown(second)) == 9
    assert set(shown(first)).isdisjoint(shown(second))
    # Soonest first across the pages: the Potsdam call (5 days out) is on page 1 among them.
    assert world["potsdam"].pk in shown(first)


def test_filters_are_kept_in_every_page_link(client, world):
    page = client.get("/jobs/", {"role": "stagehand", "min_pay": "100"}).content.decode()
    assert '<h2 id="native-count">30 open calls <small>(1–25 shown)</small></h2>' in page
    assert 'href="?role=stagehand&amp;min_pay=100&amp;page=2" rel="next"' in page
    second = client.get("/jobs/?role=stagehand&min_pay=100&page=2").content.decode()
    assert shown(second) == [p.pk for p in world["chicago"][25:]]
    assert '<option value="stagehand" selected>' in second


def test_role_filter(client, world):
    page = client.get("/jobs/", {"role": "rigger"}).content.decode()
    assert shown(page) == [world["potsdam"].pk, world["rigger"].pk]
    assert '<h2 id="native-count">2 open calls</h2>' in page


def test_city_and_distance_from_the_city(client, world):
    near = client.get("/jobs/", {"city": "Berlin", "km": "10"}).content.decode()
    # The album mix is remote-friendly: it is near every city.
    assert shown(near) == [world["rigger"].pk, world["hands"].pk, world["mixing"].pk]
    wider = client.get("/jobs/", {"city": "Berlin", "km": "40"}).content.decode()
    assert shown(wider) == [
        world["potsdam"].pk,
        world["rigger"].pk,
        world["hands"].pk,
        world["mixing"].pk,
    ]
    chicago = client.get("/jobs/", {"city": "Chicago, US"}).content.decode()
    assert '<h2 id="native-count">31 open calls' in chicago  # 30 there, the remote mix


@pytest.mark.parametrize(
    ("most", "few"),
    [(3000, 600), (3000, 0), (0, 0)],
    ids=["shows picked, words checked row by row", "shows picked, words indexed", "by venue"],
)
def test_a_place_finds_the_same_calls_however_it_is_read(client, world, monkeypatch, most, few):
    """PostgreSQL picks the shows in reach before their calls unless the place holds more
    than reach.SHOWS_MOST (SHOWS_FEW with no other filter), and then filters by the venue:
    every way finds the same calls in the same order (SQLite always filters by the venue)."""
    monkeypatch.setattr(reach, "SHOWS_MOST", most)
    monkeypatch.setattr(reach, "SHOWS_FEW", few)
    rigging = client.get("/jobs/", {"q": "rigger", "city": "Berlin", "km": "40"}).content
    assert shown(rigging.decode()) == [world["potsdam"].pk, world["rigger"].pk]
    # The remote-friendly album mix is near every city; a word it lacks leaves it out.
    mix = client.get("/jobs/", {"q": "album", "city": "Chicago, US"}).content.decode()
    assert shown(mix) == [world["mixing"].pk]
    none = client.get("/jobs/", {"q": "rigger", "city": "Chicago, US"}).content.decode()
    assert shown(none) == []
    paid = client.get("/jobs/", {"city": "Chicago, US", "min_pay": "200"}).content.decode()
    assert '<h2 id="native-count">31 open calls' in paid
    chicago = [p.pk for p in world["chicago"]]
    # Soonest first: the mix (day 20, 10:00 in Berlin) after day 19's 23:30 in Chicago.
    assert shown(paid) == [*chicago[:17], world["mixing"].pk, *chicago[17:24]]
    near = client.get("/jobs/", {"city": "Berlin", "km": "10"}).content.decode()
    assert shown(near) == [world["rigger"].pk, world["hands"].pk, world["mixing"].pk]


def test_dates_are_the_venues_calendar_days(client, world):
    # 23:30 in Chicago is the next day in UTC; the call is on the Chicago day it starts.
    day = day_in(4)
    page = client.get("/jobs/", {"from": day.isoformat(), "to": day.isoformat()}).content
    assert shown(page.decode()) == [world["chicago"][1].pk]
    page = client.get("/jobs/", {"from": day_in(31).isoformat()}).content.decode()
    assert shown(page) == [world["chicago"][28].pk, world["chicago"][29].pk]


def test_minimum_pay(client, world):
    page = client.get("/jobs/", {"min_pay": "300"}).content.decode()
    assert shown(page) == [world["potsdam"].pk, world["rigger"].pk, world["mixing"].pk]


def test_bad_filters_are_named_and_nothing_breaks(client, world):
    response = client.get("/jobs/", {"city": "Nowhereville", "km": "-3", "from": "2026-13-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No city called &#x27;Nowhereville&#x27; is known" in page
    assert 'id="error-km"' in page and 'id="error-from"' in page
    assert '<h2 id="native-count">0 open calls</h2>' in page
    page = client.get("/jobs/", {"km": "20"}).content.decode()
    assert "Give a city to measure the distance from." in page
    page = client.get("/jobs/", {"from": "2030-05-02", "to": "2030-05-01"}).content.decode()
    assert "The last day is before the first." in page


def test_external_postings_are_filtered_and_counted_too(client, world):
    ExternalPosting.objects.create(
        source="crewboard",
        source_url="https://crewboard.example/jobs/1",
        employer_name="Kiez",
        title="Rigger",
        role=Role.objects.get(slug="rigger"),
        city="Berlin",
        country="DE",
        latitude=52.52,
        longitude=13.40,
        starts_on=day_in(12),
        pay_amount=Decimal("300"),
        pay_unit="day",
        currency="EUR",
        fingerprint="a",
        last_seen=dt.datetime.now(dt.UTC),
    )
    page = client.get("/jobs/", {"city": "Berlin", "km": "10"}).content.decode()
    assert '<h2 id="external-count">1 posting from other boards</h2>' in page
    assert "Apply at the source" in page
    page = client.get("/jobs/", {"city": "Chicago"}).content.decode()
    assert '<h2 id="external-count">0 postings from other boards</h2>' in page


def test_api_counts_pages_and_filters(client, world):
    body = client.get("/api/jobs").json()
    assert (body["count"], body["page"], body["pages"], len(body["results"])) == (34, 1, 2, 25)
    body = client.get("/api/jobs", {"role": "stagehand", "page": 2}).json()
    assert (body["count"], body["page"], [r["id"] for r in body["results"]]) == (
        31,
        2,
        [p.pk for p in world["chicago"][24:]],
    )
    body = client.get(
        "/api/jobs", {"city": "Berlin", "km": 40, "min_pay": 300, "from": day_in(1).isoformat()}
    ).json()
    assert [r["id"] for r in body["results"]] == [
        world["potsdam"].pk,
        world["rigger"].pk,
        world["mixing"].pk,
    ]
    assert body["results"][0] | {"url": ""} == {
        "id": world["potsdam"].pk,
        "title": "Rigger",
        "role": "rigger",
        "role_name": "Rigger",
        "organisation": "Spree Live",
        "where": "Waschhaus, Potsdam",
        "call_start": world["potsdam"]
        .call_start.astimezone(dt.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "call_end": world["potsdam"].call_end.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "timezone": "Europe/Berlin",
        "pay_amount": "300.00",
        "currency": "EUR",
        "pay_unit": "day",
        "headcount": 4,
        "url": "",
    }


def test_api_refuses_bad_filters_naming_them(client, world):
    response = client.get("/api/jobs", {"city": "Nowhereville", "to": "soon"})
    assert response.status_code == 422
    assert sorted(e["loc"][-1] for e in response.json()["detail"]) == ["city", "to"]
    response = client.get("/api/jobs", {"page": 9})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "page"], "msg": "There are 2 pages.", "type": "value_error"}
    ]


def test_cli_prints_the_count_and_a_page_and_refuses_bad_filters(world):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("jobs", "--city", "Berlin", "--km", "40", "--role", "rigger", stdout=out)
    text = out.getvalue()
    assert text.splitlines()[0] == "2 open calls; page 1 of 1"
    assert "Rigger (Rigger) × 4 │ Waschhaus, Potsdam" in text
    assert "€300.00 a day" in text
    with pytest.raises(CommandError) as refused:
        call_command("jobs", "--city", "Nowhereville", stdout=io.StringIO())
    assert str(refused.value).startswith("city: No city called 'Nowhereville' is known")
    with pytest.raises(CommandError, match=r"page: there are 2 pages\."):
        call_command("jobs", "--page", "3", stdout=io.StringIO())
