import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stagedoor.gigs.models import Position, Show
from tests.factories import (
    BERLIN,
    YEAR,
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    manager_of,
    position_form,
    show_world,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_show_page_lists_crew_call_in_venue_time(client):
    show = ShowFactory(slug="mara", artist="Mara Quinn")
    PositionFactory(show=show, headcount=6, title="Load-in")
    body = client.get("/shows/mara/").content.decode()
    assert "<h1>Mara Quinn" in body
    assert "Fri 4 Dec 09:00–14:00 CET" in body  # venue time, not UTC (08:00)
    assert "€28.00 an hour" in body
    assert "Load-in" in body
    assert "Europe/Berlin" in body


def test_show_page_query_count_is_flat(client):
    show = ShowFactory(slug="mara")
    PositionFactory(show=show)
    few, _ = queries_for(client, "/shows/mara/")
    for _ in range(5):
        PositionFactory(show=show)
    many, body = queries_for(client, "/shows/mara/")
    assert body.count('id="position-') == 6
    assert few == many == 4


def test_show_list_query_count_is_flat_and_paginated(client):
    for day in range(3):
        ShowFactory(date=dt.date(2099, 1, 1 + day))
    few, _ = queries_for(client, "/shows/")
    for day in range(30):
        ShowFactory(date=dt.date(2099, 2, 1) + dt.timedelta(days=day))
    many, body = queries_for(client, "/shows/")
    assert "Page 1 of 2" in body
    assert few == many == 2


def test_draft_show_is_hidden_except_from_its_managers(client):
    show = ShowFactory(slug="draft-show", status="draft")
    assert client.get("/shows/draft-show/").status_code == 404
    client.force_login(manager_of(show.organisation))
    assert client.get("/shows/draft-show/").status_code == 200


def test_studio_project_page(client):
    project = ProjectFactory(slug="album", title="Weather Systems")
    PositionFactory(show=None, project=project, pay_unit="day", pay_amount="600.00")
    body = client.get("/studio/album/").content.decode()
    assert "<h1>Weather Systems</h1>" in body
    assert "<li>10 mixes</li>" in body
    assert "€600.00 a day" in body
    assert "Weather Systems" in client.get("/studio/").content.decode()


def show_form(**overrides):
    venue = overrides.pop("venue")
    return {
        "venue": venue.pk,
        "artist": "Juniper Static",
        "title": "",
        "date": f"{YEAR}-12-11",
        "doors": "19:00",
        "show_time": "20:00",
        "curfew": "00:30",
        "status": "published",
        "notes": "",
        "catering_notes": "",
    } | overrides


def test_manager_creates_show_on_the_web(client):
    w = show_world(org={"slug": "nl"}, with_show=False)
    venue = w["venue"]
    client.force_login(w["manager"])
    response = client.post("/manage/orgs/nl/shows/new/", show_form(venue=venue))
    show = Show.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/manage/shows/{show.slug}/"
    assert show.doors_at == dt.datetime(YEAR, 12, 11, 19, 0, tzinfo=BERLIN)
    # A curfew earlier than doors is after midnight.
    assert show.curfew_at == dt.datetime(YEAR, 12, 12, 0, 30, tzinfo=BERLIN)


def test_web_show_form_names_bad_fields(client):
    w = show_world(org={"slug": "nl"}, with_show=False)
    venue = w["venue"]
    client.force_login(w["manager"])
    response = client.post(
        "/manage/orgs/nl/shows/new/", show_form(venue=venue, artist="", date="2026-13-45")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_artist-errors"><li>This field is required.</li>' in body
    assert 'id="id_date-errors"><li>Enter a valid date.</li>' in body
    assert Show.objects.count() == 0


def test_stranger_cannot_open_manager_forms(client):
    OrganisationFactory(slug="nl")
    client.force_login(UserFactory(username="stranger"))
    assert client.get("/manage/orgs/nl/shows/new/").status_code == 403
    assert client.get("/manage/").status_code == 200
    client.logout()
    assert client.get("/manage/orgs/nl/shows/new/").status_code == 302


def test_manager_adds_position_in_venue_time(client):
    client.force_login(show_world(show={"slug": "mara"})["manager"])
    response = client.post("/manage/shows/mara/positions/new/", position_form())
    assert response.status_code == 302
    position = Position.objects.get()
    assert position.call_start == dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN)
    assert (position.currency, position.level) == ("EUR", "senior")
    assert {n.skill.slug: n.min_level for n in position.skill_needs.all()} == {"digico-sd": 4}
    edit = client.get(f"/manage/positions/{position.pk}/").content.decode()
    assert f'value="{YEAR}-12-04T14:00"' in edit


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"call_end": f"{YEAR}-12-04T13:00"}, "call_end", "The call must end after it starts."),
        ({"headcount": "0"}, "headcount", "At least one person is needed."),
        ({"pay_amount": "-5"}, "pay_amount", "Must not be negative."),
        (
            {"currency": "ABC"},
            "currency",
            "&#x27;ABC&#x27; is not a known ISO 4217 currency code (e.g. EUR, USD, GBP).",
        ),
        (
            {"role": "dj"},
            "role",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
)
def test_web_position_form_refuses_bad_input(client, overrides, field, message):
    client.force_login(show_world(show={"slug": "mara"})["manager"])
    response = client.post("/manage/shows/mara/positions/new/", position_form(**overrides))
    assert response.status_code == 200
    assert f'id="id_{field}-errors"><li>{message}</li>' in response.content.decode()
    assert Position.objects.count() == 0


def test_manager_removes_position(client):
    position = PositionFactory()
    client.force_login(manager_of(position.show.organisation))
    response = client.post(f"/manage/positions/{position.pk}/delete/")
    assert response.status_code == 302
    assert Position.objects.count() == 0


def test_tour_page_lists_stops_in_order(client):
    from stagedoor.gigs.models import Tour

    org = OrganisationFactory()
    tour = Tour.objects.create(
        slug="lanterns", organisation=org, artist="Mara Quinn", name="Lanterns"
    )
    for order, city in ((2, "Austin"), (1, "Nashville")):
        ShowFactory(
            organisation=org,
            venue=VenueFactory(name=f"Hall {city}", city=city),
            tour=tour,
            tour_order=order,
            date=dt.date(YEAR, 12, order),
        )
    few, body = queries_for(client, "/tours/lanterns/")
    assert "<h1>Mara Quinn: Lanterns</h1>" in body
    assert body.index("Hall Nashville") < body.index("Hall Austin")
    assert few == 2


def test_crew_call_marks_the_next_day_in_the_venue_zone(client):
    """'(+1 day)' follows the venue's midnight: the Chicago evening call ending 23:30 local
    (05:30 UTC the next day) has none, the overnight load-out 23:00-02:30 has one."""
    world = show_world(
        venue={"city": "Chicago", "country": "US", "timezone": "America/Chicago"},
        show={"slug": "chicago", "date": dt.date(YEAR, 12, 5)},
    )
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    show = world["show"]
    PositionFactory(
        show=show,
        title="Show call",
        call_start=dt.datetime(YEAR, 12, 5, 14, 0, tzinfo=chicago),
        call_end=dt.datetime(YEAR, 12, 5, 23, 30, tzinfo=chicago),
    )
    PositionFactory(
        show=show,
        title="Load-out",
        call_start=dt.datetime(YEAR, 12, 5, 23, 0, tzinfo=chicago),
        call_end=dt.datetime(YEAR, 12, 6, 2, 30, tzinfo=chicago),
    )
    body = client.get("/shows/chicago/").content.decode()
    day = f"{dt.date(YEAR, 12, 5):%a} 5 Dec"
    assert f"{day} 14:00–23:30 CST</td>" in body
    assert f"{day} 23:00–02:30 CST (+1 day)</td>" in body
    assert body.count("(+1 day)") == 1
