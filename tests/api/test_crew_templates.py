"""The crew-call template endpoints and the tour copy: exact times, 4xx naming the field,
and 403 for everyone but the organisation's managers, with nothing changed."""

import datetime as dt
import zoneinfo

import pytest

from stagedoor.gigs.crewtemplates import services as tmpl
from stagedoor.gigs.models import CrewTemplate, Position, Tour
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    bearer,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def world():
    w = show_world(
        org={"slug": "sightline", "name": "Sightline"},
        show={"slug": "berlin", "artist": "Mara Quinn"},
    )
    PositionFactory(
        show=w["show"],
        title="Load-out",
        headcount=6,
        crew="touring",
        call_start=dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 5, 2, 30, tzinfo=BERLIN),
    )
    london = VenueFactory(name="Roundhouse", city="London", country="GB", timezone="Europe/London")
    # The night the UK's clocks go forward (01:00 GMT, 29 March).
    w["london"] = ShowFactory(
        slug="london", organisation=w["org"], venue=london, date=dt.date(YEAR, 3, 28)
    )
    return w


def test_create_list_apply_and_delete_a_template(client, world):
    auth = bearer(world["manager"])
    response = client.post(
        "/api/crew-templates",
        {"show": "berlin", "name": "Club night"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    body = response.json()
    template_id = body["id"]
    assert body["organisation"] == "sightline"
    assert [
        (line["title"], line["headcount"], line["crew"], line["start_minutes"], line["times"])
        for line in body["lines"]
    ] == [("Load-out", 6, "touring", 1380, "Show day 23:00–02:30 (+1 day)")]
    assert body["lines"][0]["end_minutes"] == 1590

    listed = client.get("/api/crew-templates?organisation=sightline", **auth).json()
    assert [t["name"] for t in listed] == ["Club night"]
    assert [t["name"] for t in client.get("/api/crew-templates", **auth).json()] == ["Club night"]

    response = client.post(
        f"/api/crew-templates/{template_id}/apply",
        {"show": "london"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    created = response.json()["created"]
    assert [(p["title"], p["show"], p["call_start"], p["call_end"]) for p in created] == [
        ("Load-out", "london", f"{YEAR}-03-28T23:00:00Z", f"{YEAR}-03-29T01:30:00Z")
    ]

    assert client.delete(f"/api/crew-templates/{template_id}", **auth).status_code == 204
    assert CrewTemplate.objects.count() == 0
    assert Position.objects.filter(show=world["london"]).count() == 1


def test_bad_input_is_a_422_naming_the_field(client, world):
    auth = bearer(world["manager"])
    tmpl.crew_template_save(actor=world["manager"], show=world["show"], name="Club night")
    template = CrewTemplate.objects.get()

    def post(url, data):
        response = client.post(url, data, content_type="application/json", **auth)
        return response.status_code, [(e["loc"][-1], e["msg"]) for e in response.json()["detail"]]

    assert post("/api/crew-templates", {"show": "nowhere", "name": "X"}) == (
        422,
        [("show", "'nowhere' does not exist.")],
    )
    assert post("/api/crew-templates", {"show": "berlin", "name": "club NIGHT"}) == (
        422,
        [("name", "Sightline already has a template called 'club NIGHT'.")],
    )
    status, errors = post("/api/crew-templates", {"show": "berlin"})
    assert (status, [field for field, _ in errors]) == (422, ["name"])
    other = ShowFactory(slug="elsewhere")
    assert post(f"/api/crew-templates/{template.pk}/apply", {"show": "elsewhere"}) == (
        422,
        [("show", "That show is not one of Sightline's shows.")],
    )
    line = template.lines.get()
    line.headcount = 900
    line.save()
    assert post(f"/api/crew-templates/{template.pk}/apply", {"show": "london"}) == (
        422,
        [
            (
                "headcount",
                "Line 1 (Load-out × 900, Sat 28 Mar 23:00 GMT): "
                "At most 500 people in one crew call.",
            )
        ],
    )
    assert post("/api/shows/berlin/copy-crew-to-tour", {}) == (
        422,
        [("show", "This show is not a stop of a tour.")],
    )
    assert (
        client.post(
            "/api/crew-templates/999999/apply",
            {"show": "london"},
            content_type="application/json",
            **auth,
        ).status_code
        == 404
    )
    assert Position.objects.filter(show__in=[world["london"], other]).count() == 0


def test_copy_crew_to_tour_counts_what_it_copied_and_skipped(client, world):
    tour = Tour.objects.create(slug="t", organisation=world["org"], artist="Mara Quinn", name="T")
    for order, show in enumerate((world["show"], world["london"]), start=1):
        show.tour, show.tour_order = tour, order
        show.save()
    auth = bearer(world["manager"])
    first = client.post("/api/shows/berlin/copy-crew-to-tour", **auth)
    assert first.status_code == 200
    assert first.json() == {
        "created": 1,
        "skipped": 0,
        "stops_changed": 1,
        "stops_skipped": 0,
        "message": "Copied 1 call to 1 stop.",
    }
    again = client.post("/api/shows/berlin/copy-crew-to-tour", **auth).json()
    assert (again["created"], again["skipped"], again["stops_skipped"]) == (0, 1, 1)
    [call] = Position.objects.filter(show=world["london"])
    assert (call.call_start.astimezone(LONDON), call.call_end.astimezone(LONDON)) == (
        dt.datetime(YEAR, 3, 28, 23, 0, tzinfo=LONDON),
        dt.datetime(YEAR, 3, 29, 2, 30, tzinfo=LONDON),
    )


@pytest.mark.parametrize("who", ["chief", "stranger"])
def test_everyone_but_the_managers_gets_403_and_nothing_changes(client, world, who):
    template = tmpl.crew_template_save(actor=world["manager"], show=world["show"], name="Club")
    user = manager_of(world["org"], "chief", role="crew_chief") if who == "chief" else UserFactory()
    auth = bearer(user)
    json = {"content_type": "application/json", **auth}
    replies = [
        client.get("/api/crew-templates?organisation=sightline", **auth),
        client.get(f"/api/crew-templates/{template.pk}", **auth),
        client.post("/api/crew-templates", {"show": "berlin", "name": "Mine"}, **json),
        client.post(f"/api/crew-templates/{template.pk}/apply", {"show": "london"}, **json),
        client.delete(f"/api/crew-templates/{template.pk}", **auth),
        client.post("/api/shows/berlin/copy-crew-to-tour", **auth),
    ]
    assert [r.status_code for r in replies] == [403] * 6
    assert replies[2].json() == {
        "detail": "Only the organisation's managers can save its crew calls as templates."
    }
    assert client.get("/api/crew-templates", **auth).json() == []
    assert client.get("/api/crew-templates").status_code == 401
    assert [t.name for t in CrewTemplate.objects.all()] == ["Club"]
    assert Position.objects.filter(show=world["london"]).count() == 0
