"""Openings on every face: the plan's and Start here's "Ways in near you", the pages, the
API, the CLI and the calendar feed."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from stagedoor.booking.calendars import worker_calendar
from stagedoor.careers import pathways
from stagedoor.core.text import day
from stagedoor.engine.geo import haversine_km
from stagedoor.openings import services
from stagedoor.openings.models import Application
from stagedoor.people.models import Credit
from tests.factories import WorkerFactory, bearer

from .world import EVANSTON, LOOP, chicago_world, post, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = chicago_world()
    w["festival"] = post(w)  # Chicago's centre, 3 km from the Loop
    w["apprenticeship"] = post(
        w,
        title="Stage crew apprenticeship",
        kind="apprenticeship",
        work_for="",
        venue="riverside-ballroom",  # Evanston, 19 km
        city="",
        paid=True,
        pay_amount="18",
        pay_unit="hour",
        currency="USD",
        deadline=today() + dt.timedelta(days=5),
    )
    w["online"] = post(w, title="Lighting theory course (online)", city="", remote=True)
    post(w, title="Milwaukee volunteers", city="Milwaukee")  # 130 km: out of reach
    post(w, title="Audio internship", kind="internship", target_roles=["audio-tech"])
    post(
        w,
        title="Last year's festival",
        starts_on=today() - dt.timedelta(days=30),
        ends_on=today() - dt.timedelta(days=29),
        deadline=None,
    )
    return w


def _context(**kw):
    base = {
        "user": None,
        "worker": None,
        "role": "rigger",
        "place": pathways.Place("Chicago", LOOP[0], LOOP[1], 50),
        "today": today(),
        "route": ("stagehand", "rigger"),
    }
    return pathways.PathContext(**{**base, **kw})


def _km(lat, lon):
    return haversine_km(LOOP[0], LOOP[1], lat, lon)


def test_the_plan_lists_ways_in_on_the_route_nearest_first(world):
    (section,) = [s for s in pathways.plan_sections(_context()) if s.key == "ways-in"]
    festival, apprenticeship = world["festival"], world["apprenticeship"]
    near = _km(festival.latitude, festival.longitude)
    far = _km(*EVANSTON)
    assert section.title == "Ways in near you"
    assert [link.text for link in section.links] == [
        f"Festival crew volunteers \u2014 Lakefront Sound Festival, {day(festival.starts_on)} "
        f"\u2013 {day(festival.ends_on)}, {round(near)} km",
        f"Stage crew apprenticeship \u2014 Northern Lights Presents, "
        f"{day(apprenticeship.starts_on)} \u2013 {day(apprenticeship.ends_on)}, {round(far)} km",
        f"Lighting theory course (online) \u2014 Lakefront Sound Festival, "
        f"{day(festival.starts_on)} \u2013 {day(festival.ends_on)}, Online",
    ]
    # The pay is said once, in the tag, with its amount (not "Paid" and "Paid: $18.00").
    assert [link.tag for link in section.links] == ["Unpaid", "Paid: $18.00 an hour", "Unpaid"]
    assert section.links[0].detail == f"apply by {day(festival.deadline)} · 2 of 2 places left"
    assert section.links[1].detail == (
        f"apply by {day(apprenticeship.deadline)} · 2 of 2 places left"
    )
    assert [round(link.distance_km or 0, 1) for link in section.links] == [
        round(near, 1),
        round(far, 1),
        0.0,
    ]


def test_start_here_lists_the_start_roles_ways_in(world):
    context = _context(role=None, route=(), start_roles=("audio-tech",))
    (section,) = [s for s in pathways.start_sections(context) if s.key == "ways-in"]
    assert [link.url for link in section.links] == ["/openings/audio-internship/"]


def test_the_plan_page_shows_the_section(client, world):
    client.login(username="rosa", password="backstage-pass")
    page = client.get("/careers/rigger/").content.decode()
    assert 'id="ways-in"' in page
    assert page.index("Festival crew volunteers") < page.index("Stage crew apprenticeship")


def test_pages_list_apply_and_decide(client, world):
    listing = client.get("/openings/?near=Chicago&pay=unpaid").content.decode()
    assert "Festival crew volunteers" in listing and "Stage crew apprenticeship" not in listing
    assert "Milwaukee volunteers" not in listing
    paid = client.get("/openings/?near=Chicago&pay=paid").content.decode()
    apprenticeship = world["apprenticeship"]
    # The list says the pay once, amount included, and writes the deadline like the dates.
    assert '<span class="tag tag-paid">Paid: $18.00 an hour</span>' in paid
    assert f" · apply by {day(apprenticeship.deadline)}</small>" in paid
    assert ">Paid</span>" not in paid
    detail = client.get("/openings/festival-crew-volunteers/").content.decode()
    assert "Unpaid" in detail and "You are not paid for this." in detail
    client.login(username="rosa", password="backstage-pass")
    client.post(
        "/openings/festival-crew-volunteers/apply/", {"note": "Both days", "interested": "0"}
    )
    applied = Application.objects.get()
    assert (applied.status, applied.note) == ("applied", "Both days")
    assert "Applied" in client.get("/openings/mine/").content.decode()
    assert client.get("/openings/festival-crew-volunteers/applicants/").status_code == 403
    client.login(username="pat", password="backstage-pass")
    assert (
        "Rosa Reyes"
        in client.get("/openings/festival-crew-volunteers/applicants/").content.decode()
    )
    client.post(f"/openings/applications/{applied.pk}/accept/")
    client.post(f"/openings/applications/{applied.pk}/complete/")
    assert Credit.objects.get().title == "Volunteer, Lakefront Sound Festival"
    manage = client.get("/manage/orgs/northern-lights/openings/").content.decode()
    assert "Festival crew volunteers" in manage
    edit = client.get("/openings/festival-crew-volunteers/edit/").content.decode()
    assert 'value="Festival crew volunteers"' in edit
    form = {
        "kind": "volunteer",
        "title": "Festival crew volunteers",
        "teaches": "Truss and ground support.",
        "target_roles": ["stagehand"],
        "city": "Chicago",
        "starts_on": today().isoformat(),
        "ends_on": (today() - dt.timedelta(days=1)).isoformat(),
        "places": "2",
    }
    refused = client.post("/openings/festival-crew-volunteers/edit/", form)
    assert "It cannot end before it starts." in refused.content.decode()
    client.post("/openings/festival-crew-volunteers/close/")
    assert "Festival crew volunteers" not in client.get("/openings/").content.decode()


def test_the_api_lists_applies_and_decides(client, world):
    body = client.get("/api/openings?near=Chicago&km=50").json()
    assert body["count"] == 4
    assert [o["slug"] for o in body["items"]] == [
        "festival-crew-volunteers",
        "audio-internship",
        "stage-crew-apprenticeship",
        "lighting-theory-course-online",
    ]
    first = body["items"][0]
    assert first["pay"] == "Unpaid" and first["places_left"] == 2
    bad = client.get("/api/openings?kind=gig&near=Xyzzyville")
    assert bad.status_code == 422
    assert {e["loc"][-1] for e in bad.json()["detail"]} == {"kind"}
    assert client.get("/api/openings?near=Xyzzyville").json()["detail"][0]["loc"][-1] == "near"
    rosa, pat = bearer(world["user"]), bearer(world["manager"])
    made = client.post(
        "/api/openings/festival-crew-volunteers/apply",
        {"note": "Saturday"},
        content_type="application/json",
        **rosa,
    )
    assert made.status_code == 201 and made.json()["status"] == "applied"
    again = client.post(
        "/api/openings/festival-crew-volunteers/apply",
        {},
        content_type="application/json",
        **rosa,
    )
    assert again.status_code == 422
    pk = made.json()["id"]
    assert (
        client.post(
            f"/api/openings/applications/{pk}/decision",
            {"accept": True},
            content_type="application/json",
            **rosa,
        ).status_code
        == 403
    )
    decided = client.post(
        f"/api/openings/applications/{pk}/decision",
        {"accept": True},
        content_type="application/json",
        **pat,
    )
    assert decided.json()["status"] == "accepted"
    done = client.post(f"/api/openings/applications/{pk}/complete", **pat).json()
    assert done["credit"] == Credit.objects.get().pk
    assert [a["status"] for a in client.get("/api/me/applications", **rosa).json()] == ["completed"]


def test_the_cli_lists_near_a_city(world):
    out = io.StringIO()
    call_command("openings", "list", "--near", "Chicago", "--kind", "volunteer", stdout=out)
    text = out.getvalue()
    assert "Festival crew" in text and "Milwaukee" not in text and "Audio" not in text
    assert "Ways in near Chicago, IL, US: 2" in text  # the festival, and the online one


def test_an_accepted_place_is_in_the_calendar_feed(world):
    applied = services.application_apply(actor=world["user"], opportunity=world["festival"])
    services.application_decide(actor=world["manager"], application=applied, accept=True)
    feed = Calendar.from_ical(worker_calendar(world["rosa"]))
    (event,) = feed.walk("VEVENT")
    assert str(event["summary"]) == "Volunteer call: Festival crew volunteers"
    assert event["dtstart"].dt.date() == world["festival"].starts_on


def test_the_plan_says_where_she_stands_and_leaves_out_what_was_declined(world):
    rosa = world["rosa"]
    festival, apprenticeship = world["festival"], world["apprenticeship"]
    online = world["online"]
    applied = services.application_apply(actor=rosa.user, opportunity=festival, note="Free")
    Application.objects.filter(pk=applied.pk).update(
        created_at=dt.datetime(2026, 12, 4, 3, 0, tzinfo=dt.UTC)  # 3 Dec in Chicago
    )
    taken = services.application_apply(actor=rosa.user, opportunity=apprenticeship)
    services.application_decide(actor=world["manager"], application=taken, accept=True)
    # Once accepted, the deadline passing does not take it off her plan.
    type(apprenticeship).objects.filter(pk=apprenticeship.pk).update(deadline=today())
    no = services.application_apply(actor=rosa.user, opportunity=online)
    services.application_decide(actor=world["manager"], application=no, accept=False)

    context = _context(worker=rosa, user=rosa.user, today=today() + dt.timedelta(days=1))
    (section,) = [s for s in pathways.plan_sections(context) if s.key == "ways-in"]

    assert [(link.url, link.tag, link.detail) for link in section.links] == [
        (
            apprenticeship.get_absolute_url(),
            "Accepted",
            "Paid: $18.00 an hour · 1 of 2 places left",
        ),
        (festival.get_absolute_url(), "Applied 3 Dec", "Unpaid · 2 of 2 places left"),
    ]


def test_her_own_openings_cost_the_same_queries_however_many(world):
    rosa = world["rosa"]
    context = _context(worker=rosa, user=rosa.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            pathways.plan_sections(context)
        return len(seen.captured_queries)

    services.application_apply(actor=rosa.user, opportunity=world["festival"])
    one = queries()
    for key in ("apprenticeship", "online"):
        services.application_apply(actor=rosa.user, opportunity=world[key])
    assert queries() == one


def _listing(client, path, **auth):
    with CaptureQueriesContext(connection) as seen:
        body = client.get(path, **auth).json()
    return body, len(seen)


def test_the_api_pages_openings_in_the_same_queries_for_a_longer_list(client, world):
    body, few = _listing(client, "/api/openings?near=Chicago&km=50&page=2&page_size=3")
    assert body["count"] == 4
    assert [(o["slug"], o["target_roles"]) for o in body["items"]] == [
        ("lighting-theory-course-online", ["rigger", "stagehand"])
    ]
    post(world, title="Rigging basics", target_roles=["rigger"])
    post(world, title="Ushers wanted", target_roles=["stagehand"])
    body, more = _listing(client, "/api/openings?near=Chicago&km=50&page=2&page_size=3")
    assert body["count"] == 6
    assert len(body["items"]) == 3
    assert more == few


def test_the_api_pages_who_applied_first_to_apply_first(client, world):
    festival, pat = world["festival"], bearer(world["manager"])
    for n in range(3):
        worker = WorkerFactory(slug=f"hand-{n}", display_name=f"Hand {n}")
        services.application_apply(actor=worker.user, opportunity=festival, note=f"note {n}")
    path = "/api/openings/festival-crew-volunteers/applications?page=2&page_size=2"
    body, few = _listing(client, path, **pat)
    assert body["count"] == 3
    assert [(a["worker"], a["note"], a["status"]) for a in body["items"]] == [
        ("hand-2", "note 2", "applied")
    ]
    first = client.get(path.replace("page=2", "page=1"), **pat).json()["items"]
    assert [a["worker"] for a in first] == ["hand-0", "hand-1"]
    for n in range(3, 5):
        worker = WorkerFactory(slug=f"hand-{n}", display_name=f"Hand {n}")
        services.application_apply(actor=worker.user, opportunity=festival)
    body, more = _listing(client, path, **pat)
    assert [a["worker"] for a in body["items"]] == ["hand-2", "hand-3"]
    assert more == few
    refused = client.get(path, **bearer(world["user"]))
    assert refused.status_code == 403
