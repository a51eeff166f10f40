"""Industry events: iCalendar import (create, update by UID, bad files), "I'll go" into the
calendar feed, the plan's "Events on your path", the pages, the API and the CLI."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from stagedoor.booking.calendars import worker_calendar
from stagedoor.careers import pathways
from stagedoor.core.validation import messages_of
from stagedoor.engine.geo import haversine_km
from stagedoor.events import services
from stagedoor.events.models import IndustryEvent
from tests.factories import bearer
from tests.openings.world import LOOP, chicago_world, today

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def feed(title="Rigging night", start="20301015T183000", extra="") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:rig-1@local88\r\n"
        f"DTSTART;TZID=America/Chicago:{start}\r\nDTEND;TZID=America/Chicago:20301015T210000\r\n"
        f"SUMMARY:{title}\r\nLOCATION:The Steel Bar\\, Chicago\r\nCATEGORIES:Meet-up\r\n{extra}"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:expo-1@local88\r\nDTSTART;VALUE=DATE:20301101\r\n"
        "DTEND;VALUE=DATE:20301104\r\nSUMMARY:StageTech Expo\r\nLOCATION:Las Vegas\r\n"
        "CATEGORIES:Trade show\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.fixture
def world():
    return chicago_world()


def test_import_creates_then_updates_by_uid(world):
    first = services.events_import(actor=world["manager"], organisation=world["org"], text=feed())
    assert (first.created, first.updated) == (2, 0)
    rig = IndustryEvent.objects.get(uid="rig-1@local88")
    assert (rig.kind, rig.venue_name, rig.city, rig.timezone) == (
        "meetup",
        "The Steel Bar",
        "Chicago",
        "America/Chicago",
    )
    assert rig.starts_at == dt.datetime(2030, 10, 15, 18, 30, tzinfo=CHICAGO)
    expo = IndustryEvent.objects.get(uid="expo-1@local88")
    assert (expo.kind, expo.city, expo.timezone) == (
        "trade_show",
        "Las Vegas",
        "America/Los_Angeles",
    )
    again = services.events_import(
        actor=world["manager"], organisation=world["org"], text=feed(title="Rigging night: motors")
    )
    assert (again.created, again.updated) == (0, 2)
    assert IndustryEvent.objects.count() == 2
    assert IndustryEvent.objects.get(uid="rig-1@local88").title == "Rigging night: motors"


def test_a_bad_file_is_refused_naming_the_line_and_saves_nothing(world):
    def refused(text):
        with pytest.raises(ValidationError) as caught:
            services.events_import(actor=world["manager"], organisation=world["org"], text=text)
        return messages_of(caught.value)

    assert refused("hello") == {"file": ["Line 1: an iCalendar file starts with BEGIN:VCALENDAR."]}
    broken = feed().replace("SUMMARY:StageTech Expo", "this line has no colon")
    assert refused(broken) == {"file": ["Line 16: 'this line has no colon' is not NAME:VALUE."]}
    no_start = feed().replace("DTSTART;VALUE=DATE:20301101\r\n", "")
    assert refused(no_start) == {
        "file": ["Line 12 (the event starting there): no DTSTART (when it starts)."]
    }
    no_uid = feed().replace("UID:rig-1@local88\r\n", "")
    assert refused(no_uid) == {
        "file": [
            "Line 4 (the event starting there): no UID; each event needs one so a new "
            "import updates it."
        ]
    }
    assert IndustryEvent.objects.count() == 0


def test_going_puts_it_in_the_calendar_feed_and_withdrawing_takes_it_out(world):
    services.events_import(actor=world["manager"], organisation=world["org"], text=feed())
    rig = IndustryEvent.objects.get(uid="rig-1@local88")
    services.event_attend(actor=world["user"], event=rig, going=True)
    services.event_attend(actor=world["user"], event=rig, going=True)  # twice is once
    (event,) = Calendar.from_ical(worker_calendar(world["rosa"])).walk("VEVENT")
    assert str(event["summary"]) == "Meet-up: Rigging night"
    assert event["dtstart"].dt == dt.datetime(2030, 10, 15, 18, 30, tzinfo=CHICAGO)
    assert str(event["location"]) == "The Steel Bar, Chicago"
    services.event_attend(actor=world["user"], event=rig, going=False)
    assert Calendar.from_ical(worker_calendar(world["rosa"])).walk("VEVENT") == []


def _post(world, title, start, city="Chicago", **kw):
    data = {
        "kind": "meetup",
        "title": title,
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3),
        "city": city,
        **kw,
    }
    return services.event_save(actor=world["manager"], organisation=world["org"], data=data)


def test_the_plan_lists_events_on_the_path_soonest_first(world):
    soon = dt.datetime.combine(today() + dt.timedelta(days=3), dt.time(18, 30), tzinfo=CHICAGO)
    later = soon + dt.timedelta(days=10)
    meetup = _post(world, "Chicago crew meet-up", later)
    _post(world, "Expo", soon, city="Las Vegas", kind="trade_show", national=True)
    _post(world, "Denver meet-up", soon, city="Denver")  # far and not national: left out
    _post(world, "Audio night", soon, roles=["audio-tech"])  # not on the path
    context = pathways.PathContext(
        user=None,
        worker=None,
        role="rigger",
        place=pathways.Place("Chicago", LOOP[0], LOOP[1], 50),
        today=today(),
        route=("stagehand", "rigger"),
    )
    (section,) = [s for s in pathways.plan_sections(context) if s.key == "events"]
    vegas = haversine_km(LOOP[0], LOOP[1], 36.17497, -115.13722)
    near = haversine_km(LOOP[0], LOOP[1], meetup.latitude, meetup.longitude)
    assert [link.text for link in section.links] == [
        f"Expo \u2014 {_span(soon, 'America/Los_Angeles')}, Las Vegas, {round(vegas):,} km",
        f"Chicago crew meet-up \u2014 {_span(later, 'America/Chicago')}, Chicago, {round(near)} km",
    ]
    assert [link.tag for link in section.links] == ["Trade show", "Meet-up"]


def _span(start, zone):
    from stagedoor.core.text import in_zone, span

    return span(in_zone(start, zone), in_zone(start + dt.timedelta(hours=3), zone))


def test_pages_api_and_cli(client, world, tmp_path):
    path = tmp_path / "meetups.ics"
    path.write_text(feed())
    out = io.StringIO()
    call_command("events", "import", str(path), "--org", "northern-lights", stdout=out)
    assert "Northern Lights Presents: 2 new, 0 updated." in out.getvalue()
    with pytest.raises(CommandError, match="--org: no organisation 'nope'"):
        call_command("events", "import", str(path), "--org", "nope")
    bad = tmp_path / "bad.ics"
    bad.write_text("nonsense")
    with pytest.raises(CommandError, match="Line 1: an iCalendar file starts with BEGIN:VCALENDAR"):
        call_command("events", "import", str(bad), "--org", "northern-lights")
    rig = IndustryEvent.objects.get(uid="rig-1@local88")
    assert "Rigging night" in client.get("/events/?near=Chicago").content.decode()
    client.login(username="rosa", password="backstage-pass")
    client.post(f"/events/{rig.slug}/going/", {"going": "1"})
    assert "You're going" in client.get(f"/events/{rig.slug}/").content.decode()
    assert "Rigging night" in client.get("/events/mine/").content.decode()
    rosa, pat = bearer(world["user"]), bearer(world["manager"])
    assert client.delete(f"/api/events/{rig.slug}/going", **rosa).json() == {
        "event": rig.slug,
        "going": False,
    }
    assert client.get("/api/me/events", **rosa).json() == []
    assert client.post(f"/api/events/{rig.slug}/going", **rosa).json()["going"] is True
    listed = client.get("/api/events?near=Chicago&km=50").json()
    assert listed["count"] == 1
    assert [(e["title"], e["going"]) for e in listed["items"]] == [("Rigging night", 1)]
    imported = client.post(
        "/api/events/import",
        {"organisation": "northern-lights", "ics": feed(title="Rigging night: slings")},
        content_type="application/json",
        **pat,
    )
    assert imported.status_code == 200, imported.json()
    assert imported.json()["created"] == 0 and imported.json()["updated"] == 2
    refused = client.post(
        "/api/events/import",
        {"organisation": "northern-lights", "ics": "nonsense"},
        content_type="application/json",
        **pat,
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"][-1] == "file"
    assert (
        client.post(
            "/api/events/import",
            {"organisation": "northern-lights", "ics": feed()},
            content_type="application/json",
            **rosa,
        ).status_code
        == 403
    )
    upload = io.BytesIO(feed(title="Rigging night: uploaded").encode())
    upload.name = "feed.ics"
    client.login(username="pat", password="backstage-pass")
    client.post("/manage/orgs/northern-lights/events/", {"ics-file": upload, "ics-kind": "meetup"})
    assert IndustryEvent.objects.get(uid="rig-1@local88").title == "Rigging night: uploaded"
    posted = client.post(
        "/manage/orgs/northern-lights/events/",
        {
            "event-kind": "meetup",
            "event-title": "Crew breakfast",
            "event-starts_at": "2030-10-20T09:00",
            "event-ends_at": "2030-10-20T11:00",
            "event-city": "Chicago",
        },
    )
    made = IndustryEvent.objects.get(title="Crew breakfast")
    assert posted.url == made.get_absolute_url()
    assert made.starts_at == dt.datetime(2030, 10, 20, 9, tzinfo=CHICAGO)


def test_the_plan_says_you_are_going_and_leaves_out_past_events(world):
    soon = dt.datetime.combine(today() + dt.timedelta(days=3), dt.time(18, 30), tzinfo=CHICAGO)
    meetup = _post(world, "Chicago crew meet-up", soon + dt.timedelta(days=10))
    expo = _post(world, "Expo", soon, city="Las Vegas", kind="trade_show", national=True)
    past = _post(world, "Last month's meet-up", soon - dt.timedelta(days=30))
    for event in (meetup, past):
        services.event_attend(actor=world["user"], event=event, going=True)
    context = pathways.PathContext(
        user=world["user"],
        worker=world["rosa"],
        role="rigger",
        place=pathways.Place("Chicago", LOOP[0], LOOP[1], 50),
        today=today(),
        route=("stagehand", "rigger"),
    )
    (section,) = [s for s in pathways.plan_sections(context) if s.key == "events"]
    assert [(link.url, link.tag) for link in section.links] == [
        (meetup.get_absolute_url(), "You're going"),
        (expo.get_absolute_url(), "Trade show"),
    ]


def _listing(client, path):
    with CaptureQueriesContext(connection) as seen:
        body = client.get(path).json()
    return body, len(seen)


def test_the_api_pages_events_and_a_page_costs_the_same_queries_however_many(client, world):
    first = dt.datetime.combine(today() + dt.timedelta(days=3), dt.time(18, 30), tzinfo=CHICAGO)
    made = [
        _post(world, f"Meet-up {n}", first + dt.timedelta(days=n), roles=["rigger"])
        for n in range(1, 4)
    ]
    services.event_attend(actor=world["user"], event=made[2], going=True)
    body, few = _listing(client, "/api/events?near=Chicago&km=50&page=2&page_size=2")
    assert body["count"] == 3
    assert [(e["title"], e["going"], e["roles"]) for e in body["items"]] == [
        ("Meet-up 3", 1, ["rigger"])
    ]
    assert [e["title"] for e in client.get("/api/events?page_size=2").json()["items"]] == [
        "Meet-up 1",
        "Meet-up 2",
    ]
    for n in range(4, 8):
        _post(world, f"Meet-up {n}", first + dt.timedelta(days=n), roles=["rigger"])
    body, more = _listing(client, "/api/events?near=Chicago&km=50&page=2&page_size=2")
    assert (body["count"], [e["title"] for e in body["items"]]) == (7, ["Meet-up 3", "Meet-up 4"])
    assert more == few
