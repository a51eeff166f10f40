"""Call sheets (data, page, PDF, API, CLI), calendar feeds and 'call sheet changed'."""

import contextlib
import datetime as dt
import io
import re
import zlib

import icalendar
import pytest
import vobject
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from stagedoor.booking import calendars
from stagedoor.booking import services as booking_services
from stagedoor.booking.callsheets import render as callsheet_render
from stagedoor.booking.callsheets import selectors as callsheets
from stagedoor.booking.models import Booking, CalendarFeed, Notification
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.text import span
from stagedoor.gigs import services as gig_services
from stagedoor.industry.models import Role
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    WorkerFactory,
    bearer,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

SITE = "https://crew.example"
UTC = dt.UTC


@pytest.fixture(autouse=True)
def _site(settings):
    settings.STAGEDOOR_SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "crew.example"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The fixture makes a dozen users; the production hasher would spend seconds on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def served_at_site(client):
    """Ask on SITE's address: links in feeds follow the address a request came to."""
    client.defaults.update({"HTTP_HOST": "crew.example", "HTTP_X_FORWARDED_PROTO": "https"})
    return client


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def world():
    world = show_world(
        org={"slug": "northern-lights", "name": "Northern Lights"},
        venue={
            "slug": "kraftwerk",
            "name": "Kraftwerk",
            "load_in_notes": "Dock on Schillingstraße, two trucks at a time.",
            "parking_notes": "Crew parking in the yard, gate code 4711.",
        },
        show={
            "slug": "mara-berlin",
            "artist": "Mara Quinn",
            "title": "Weather Systems",
            "notes": "No confetti.",
            "catering_notes": "Lunch 13:00, dinner 18:00.",
        },
    )
    show = world["show"]
    load_in = PositionFactory(
        show=show,
        role=Role.objects.get(slug="stagehand"),
        title="Load-in",
        headcount=4,
        call_start=at(YEAR, 12, 4, 9),
        call_end=at(YEAR, 12, 4, 14),
    )
    foh = PositionFactory(
        show=show,
        role=Role.objects.get(slug="foh-engineer"),
        headcount=1,
        call_start=at(YEAR, 12, 4, 14),
        call_end=at(YEAR, 12, 4, 23, 30),
    )
    lights = PositionFactory(
        show=show,
        role=Role.objects.get(slug="lighting-tech"),
        title="Lighting",
        headcount=2,
        call_start=at(YEAR, 12, 4, 15),
        call_end=at(YEAR, 12, 5, 0, 30),
    )

    def worker(username, name, phone):
        return WorkerFactory(user__username=username, display_name=name, phone=phone)

    alice = worker("alice", "Alice Adler", "+49 30 1111111")
    bob = worker("bob", "Bob Brandt", "+49 30 2222222")
    carol = worker("carol", "Carol Clay", "+49 30 3333333")
    dana = worker("dana", "Dana Dorn", "")
    eve = worker("eve", "Eve Ernst", "+49 30 5555555")  # booked on nothing here
    bookings = {
        "alice": BookingFactory(position=load_in, worker=alice, is_crew_chief=True),
        "bob": BookingFactory(position=load_in, worker=bob),
        "carol": BookingFactory(position=load_in, worker=carol, status="cancelled"),
        "dana": BookingFactory(position=foh, worker=dana, status="completed"),
    }
    return world | {
        "load_in": load_in,
        "foh": foh,
        "lights": lights,
        "alice": alice,
        "bob": bob,
        "carol": carol,
        "dana": dana,
        "eve": eve,
        "bookings": bookings,
    }


def calls_of(sheet):
    return [
        (call.title, call.role, call.when, [(m.name, m.phone, m.is_crew_chief) for m in call.crew])
        for call in sheet.calls
    ]


ALL_PHONES = [
    (
        "Load-in",
        "Stagehand",
        "Fri 4 Dec 09:00–14:00 CET",
        [("Alice Adler", "+49 30 1111111", True), ("Bob Brandt", "+49 30 2222222", False)],
    ),
    (
        "Front of House Engineer",
        "Front of House Engineer",
        "Fri 4 Dec 14:00–23:30 CET",
        [("Dana Dorn", "", False)],
    ),
    ("Lighting", "Lighting Technician", "Fri 4 Dec 15:00 CET – Sat 5 Dec 00:30 CET", []),
]


# --- the call sheet data -------------------------------------------------------------


def test_manager_gets_the_whole_sheet_in_venue_time(world):
    sheet = callsheets.callsheet_get(actor=world["manager"], show=world["show"])
    assert (sheet.artist, sheet.title, sheet.date, sheet.organisation) == (
        "Mara Quinn",
        "Weather Systems",
        dt.date(YEAR, 12, 4),
        "Northern Lights",
    )
    assert sheet.venue_name == "Kraftwerk"
    assert sheet.venue_address == "Köpenicker Str. 70, Berlin, DE"
    assert (sheet.latitude, sheet.longitude) == (52.5106, 13.4224)
    assert sheet.geo_url == "geo:52.5106,13.4224"
    assert sheet.osm_url == (
        "https://www.openstreetmap.org/?mlat=52.5106&mlon=13.4224#map=17/52.5106/13.4224"
    )
    assert sheet.load_in_notes == "Dock on Schillingstraße, two trucks at a time."
    assert sheet.parking_notes == "Crew parking in the yard, gate code 4711."
    assert sheet.catering_notes == "Lunch 13:00, dinner 18:00."
    assert sheet.notes == "No confetti."
    assert (sheet.doors_text, sheet.show_text, sheet.curfew_text) == (
        "19:00 CET",
        "20:00 CET",
        "23:00 CET",
    )
    assert sheet.doors_at == at(YEAR, 12, 4, 19)
    assert str(sheet.doors_at.tzinfo) == "Europe/Berlin"
    assert sheet.timezone == "Europe/Berlin"
    assert sheet.phones_visible is True
    assert calls_of(sheet) == ALL_PHONES
    assert [(c.headcount, c.open_seats) for c in sheet.calls] == [(4, 2), (1, 0), (2, 2)]
    assert [(m.name, m.call, m.phone) for m in sheet.crew_chiefs] == [
        ("Alice Adler", "Load-in", "+49 30 1111111")
    ]


def test_booked_crew_see_phone_numbers(world):
    for name in ("bob", "dana"):
        sheet = callsheets.callsheet_get(actor=world[name].user, show=world["show"])
        assert sheet.phones_visible is True
        assert calls_of(sheet) == ALL_PHONES


def test_crew_chief_member_sees_names_but_not_phones(world):
    chief = manager_of(world["org"], username="chief", role="crew_chief")
    sheet = callsheets.callsheet_get(actor=chief, show=world["show"])
    assert sheet.phones_visible is False
    assert calls_of(sheet)[0][3] == [("Alice Adler", None, True), ("Bob Brandt", None, False)]
    assert [(m.name, m.phone) for m in sheet.crew_chiefs] == [("Alice Adler", None)]


@pytest.mark.parametrize("who", ["eve", "carol", "anonymous", "other-manager"])
def test_everyone_else_is_refused(world, who):
    from django.contrib.auth.models import AnonymousUser

    actor = {
        "eve": lambda: world["eve"].user,
        "carol": lambda: world["carol"].user,  # her booking was cancelled
        "anonymous": AnonymousUser,
        "other-manager": lambda: manager_of(OrganisationFactory(), username="rival"),
    }[who]()
    with pytest.raises(PermissionDenied) as refused:
        callsheets.callsheet_get(actor=actor, show=world["show"])
    assert str(refused.value) == "Only the show's managers and booked crew can see its call sheet."


def test_department_sheet_keeps_the_crew_chief(world):
    sheet = callsheets.callsheet_get(actor=world["manager"], show=world["show"], department="audio")
    assert sheet.department_label == "Audio"
    assert calls_of(sheet) == [ALL_PHONES[1]]
    assert [m.name for m in sheet.crew_chiefs] == ["Alice Adler"]
    with pytest.raises(ValidationError) as bad:
        callsheets.callsheet_get(actor=world["manager"], show=world["show"], department="kazoo")
    assert list(bad.value.message_dict) == ["department"]


def test_a_call_across_daylight_saving_names_both_zones(world):
    assert (
        span(at(YEAR + 1, 3, 27, 22), at(YEAR + 1, 3, 28, 6))
        == "Sat 27 Mar 22:00 CET – Sun 28 Mar 06:00 CEST"
    )
    assert span(at(YEAR + 1, 7, 10, 9), at(YEAR + 1, 7, 10, 17)) == ("Sat 10 Jul 09:00–17:00 CEST")


# --- the page and the PDF ------------------------------------------------------------


def test_page_shows_phones_to_booked_crew_and_managers(client, world):
    for user in (world["manager"], world["bob"].user):
        client.force_login(user)
        response = client.get("/shows/mara-berlin/call-sheet/")
        assert response.status_code == 200
        body = response.content.decode()
        assert '<a class="phone" href="tel:+49301111111">+49 30 1111111</a>' in body
        assert "phone shown to booked crew" not in body
        assert "Fri 4 Dec 09:00–14:00 CET" in body
        assert "Fri 4 Dec 15:00 CET – Sat 5 Dec 00:30 CET" in body
        assert '<a href="geo:52.5106,13.4224">geo:52.5106,13.4224</a>' in body
        assert "Dock on Schillingstraße, two trucks at a time." in body
        assert "Carol Clay" not in body
        # Print rules live in the page's own stylesheet (no inline style under the CSP).
        assert 'href="/static/stagedoor/callsheet.css"' in body
        assert response["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_page_hides_phones_from_a_crew_chief_who_is_not_booked(client, world):
    client.force_login(manager_of(world["org"], username="chief", role="crew_chief"))
    body = client.get("/shows/mara-berlin/call-sheet/").content.decode()
    assert body.count("phone shown to booked crew") == 4  # chief list + three crew rows
    assert "+49 30" not in body
    assert "Alice Adler" in body


def test_page_refuses_strangers_and_anonymous(client, world):
    assert client.get("/shows/mara-berlin/call-sheet/").status_code == 403
    assert client.get("/shows/mara-berlin/call-sheet.pdf").status_code == 403
    assert client.get("/shows/mara-berlin/calendar.ics").status_code == 403
    client.force_login(world["eve"].user)
    response = client.get("/shows/mara-berlin/call-sheet/")
    assert response.status_code == 403
    assert "Only the show&#x27;s managers and booked crew" in response.content.decode()
    assert client.get("/shows/no-such-show/call-sheet/").status_code == 404


def test_page_filters_by_department(client, world):
    client.force_login(world["manager"])
    body = client.get("/shows/mara-berlin/call-sheet/?department=audio").content.decode()
    assert f'id="call-{world["foh"].pk}"' in body
    assert f'id="call-{world["load_in"].pk}"' not in body
    assert "Audio only" in body
    response = client.get("/shows/mara-berlin/call-sheet/?department=kazoo")
    assert response.status_code == 400
    assert response.content.decode().startswith("department: 'kazoo' is not one of audio, ")


def test_page_query_count_does_not_grow_with_crew(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world["manager"])
    with CaptureQueriesContext(connection) as few:
        assert client.get("/shows/mara-berlin/call-sheet/").status_code == 200
    for n in range(8):
        position = PositionFactory(show=world["show"], headcount=3)
        for _ in range(3):
            BookingFactory(position=position, is_crew_chief=(n == 0))
    with django_assert_max_num_queries(len(few)):
        body = client.get("/shows/mara-berlin/call-sheet/").content.decode()
    assert body.count('id="call-') == 11
    assert body.count('<a class="phone"') == 2 * 3 + 8 * 3
    # Calls, their crew, and the crew chiefs: three queries however big the show.
    with django_assert_num_queries(3):
        callsheets.build_callsheet(world["show"], department=None, phones=True)


def test_link_snippet_for_the_show_page(world):
    html = render_to_string("booking/callsheet_link.html", {"show": world["show"]})
    assert '<a href="/shows/mara-berlin/call-sheet/" role="button"' in html
    assert '<a href="/shows/mara-berlin/call-sheet.pdf">PDF</a>' in html
    assert '<a href="/shows/mara-berlin/calendar.ics">' in html


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF, read from its page tree (WeasyPrint compresses object streams)."""
    text = data
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            text += zlib.decompressobj().decompress(stream.group(1))
    return int(re.search(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", text, re.S).group(1))


def test_pdf_download(client, world):
    client.force_login(world["bob"].user)
    response = client.get("/shows/mara-berlin/call-sheet.pdf?department=staging")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'inline; filename="call-sheet-mara-berlin-staging.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    assert pdf_page_count(response.content) == 1


def test_pdf_fetches_nothing(world):
    fetched = []

    def recorder(url, *args, **kwargs):
        fetched.append(url)
        raise ValueError("offline")

    for _ in range(30):  # enough calls to run onto a second page
        PositionFactory(show=world["show"], title="Extra hands", notes="Bring gloves\nand boots")
    sheet = callsheets.callsheet_get(actor=OPERATOR, show=world["show"])
    data = callsheet_render.callsheet_pdf(sheet, base_url=f"{SITE}/", url_fetcher=recorder)
    assert data.startswith(b"%PDF")
    assert pdf_page_count(data) >= 2
    assert fetched == []


# --- calendars -----------------------------------------------------------------------


def feed_of(worker):
    return calendars.calendar_feed_get_or_create(actor=worker.user, worker=worker)


def events_by_uid(data: bytes) -> dict:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_feed_parses_with_icalendar_in_venue_time(client, world):
    served_at_site(client)
    alice, booking = world["alice"], world["bookings"]["alice"]
    response = client.get(f"/calendar/{feed_of(alice).token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(response.content)
    assert [tz.tz_name for tz in cal.timezones] == ["Europe/Berlin"]
    assert str(cal["X-WR-CALNAME"]) == "Stagedoor: Alice Adler"
    assert cal.refresh_interval == dt.timedelta(hours=1)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content.decode()
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == f"booking-{booking.pk}@stagedoor"
    assert event.start == at(YEAR, 12, 4, 9)
    assert str(event.start.tzinfo) == "Europe/Berlin"
    assert event.start.astimezone(UTC) == dt.datetime(YEAR, 12, 4, 8, tzinfo=UTC)
    assert event.end.astimezone(UTC) == dt.datetime(YEAR, 12, 4, 13, tzinfo=UTC)
    assert f"DTSTART;TZID=Europe/Berlin:{YEAR}1204T090000" in response.content.decode()
    assert str(event["SUMMARY"]) == "Load-in (Stagehand) · Mara Quinn"
    assert str(event["LOCATION"]) == "Kraftwerk, Köpenicker Str. 70, Berlin, DE"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (52.5106, 13.4224)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["DESCRIPTION"]) == (
        "Call: Fri 4 Dec 09:00–14:00 CET\n"
        "Doors 19:00 CET · Show 20:00 CET · Curfew 23:00 CET\n"
        "You are the crew chief.\n"
        f"Call sheet: {SITE}/shows/mara-berlin/call-sheet/"
    )
    assert str(event["URL"]) == f"{SITE}/shows/mara-berlin/call-sheet/"
    assert event["LAST-MODIFIED"].dt == booking.created_at.replace(microsecond=0)
    assert event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)


def test_feed_parses_with_vobject_across_daylight_saving(client, world):
    summer = ShowFactory(
        slug="mara-summer", organisation=world["org"], venue=world["venue"], artist="Mara Quinn"
    )
    festival = PositionFactory(
        show=summer, call_start=at(YEAR + 1, 7, 10, 9), call_end=at(YEAR + 1, 7, 10, 17)
    )
    BookingFactory(position=festival, worker=world["alice"])
    text = client.get(f"/calendar/{feed_of(world['alice']).token}.ics").content.decode()
    parsed = vobject.readOne(text)
    starts = sorted(
        (str(e.uid.value), e.dtstart.value, e.dtstart.value.astimezone(UTC))
        for e in parsed.vevent_list
    )
    winter_uid = f"booking-{world['bookings']['alice'].pk}@stagedoor"
    assert [(uid, start.utcoffset(), utc) for uid, start, utc in starts] == [
        (winter_uid, dt.timedelta(hours=1), dt.datetime(YEAR, 12, 4, 8, tzinfo=UTC)),
        (
            f"booking-{festival.bookings.get().pk}@stagedoor",
            dt.timedelta(hours=2),
            dt.datetime(YEAR + 1, 7, 10, 7, tzinfo=UTC),
        ),
    ]
    assert [(s.hour, s.minute) for _, s, _ in starts] == [(9, 0), (9, 0)]


def test_cancelled_bookings_leave_the_feed(client, world):
    dana = world["dana"]
    url = f"/calendar/{feed_of(dana).token}.ics"
    booking = world["bookings"]["dana"]
    assert list(events_by_uid(client.get(url).content)) == [f"booking-{booking.pk}@stagedoor"]
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
    assert events_by_uid(client.get(url).content) == {}


def test_studio_sessions_are_in_the_feed_too(client, world):
    served_at_site(client)
    project = ProjectFactory(slug="weather-album", title="Weather Systems (album)")
    session = PositionFactory(
        show=None,
        project=project,
        title="Tracking",
        call_start=dt.datetime(YEAR + 1, 1, 12, 10, tzinfo=UTC),
        call_end=dt.datetime(YEAR + 1, 1, 12, 18, tzinfo=UTC),
    )
    booking = BookingFactory(position=session, worker=world["bob"])
    events = events_by_uid(client.get(f"/calendar/{feed_of(world['bob']).token}.ics").content)
    event = events[f"booking-{booking.pk}@stagedoor"]
    assert len(events) == 2
    assert event.start == dt.datetime(YEAR + 1, 1, 12, 10, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Tracking (Stagehand) · Weather Systems (album)"
    assert "LOCATION" not in event
    assert str(event["URL"]) == f"{SITE}/studio/weather-album/"


def test_cancelled_show_is_marked_cancelled(client, world):
    world["show"].status = "cancelled"
    world["show"].save()
    events = events_by_uid(client.get(f"/calendar/{feed_of(world['bob']).token}.ics").content)
    assert [str(e["STATUS"]) for e in events.values()] == ["CANCELLED"]


def test_feed_is_the_workers_own(world):
    alice, bob = world["alice"], world["bob"]
    assert feed_of(alice) == feed_of(alice)
    for service in (calendars.calendar_feed_get_or_create, calendars.calendar_feed_revoke):
        with pytest.raises(PermissionDenied):
            service(actor=bob.user, worker=alice)
    assert CalendarFeed.objects.filter(worker=alice).count() == 1


def test_revoking_makes_the_old_address_404(client, world):
    alice = world["alice"]
    old = feed_of(alice).token
    new = calendars.calendar_feed_revoke(actor=alice.user, worker=alice).token
    assert len(new) == 43 and new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert feed_of(alice).token == new


def test_my_calendar_page_and_renewal(client, world):
    assert client.get("/me/calendar/").status_code == 302  # to the login page
    client.force_login(world["alice"].user)
    body = client.get("/me/calendar/").content.decode()
    token = CalendarFeed.objects.get(worker=world["alice"]).token
    # The page gives the address on the host being browsed (the test client's).
    assert f'value="http://testserver/calendar/{token}.ics"' in body
    assert f'href="webcal://testserver/calendar/{token}.ics"' in body
    assert "Google Calendar" in body
    response = client.post("/me/calendar/revoke/", follow=True)
    assert response.redirect_chain == [("/me/calendar/", 302)]
    new = CalendarFeed.objects.get(worker=world["alice"]).token
    assert new != token
    assert f'value="http://testserver/calendar/{new}.ics"' in response.content.decode()
    assert "The old one no longer works" in response.content.decode()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/me/calendar/revoke/").status_code == 405


def test_my_calendar_page_without_a_profile(client, world):
    client.force_login(world["manager"])
    body = client.get("/me/calendar/").content.decode()
    assert "once you have a crew profile" in body
    assert CalendarFeed.objects.count() == 0
    assert client.post("/me/calendar/revoke/").status_code == 404


def test_show_calendar_has_every_call_for_managers(client, world):
    client.force_login(world["manager"])
    response = client.get("/shows/mara-berlin/calendar.ics")
    assert response["Content-Disposition"] == 'attachment; filename="mara-berlin.ics"'
    events = events_by_uid(response.content)
    load_in, foh, lights = world["load_in"], world["foh"], world["lights"]
    assert sorted(events) == sorted(f"position-{p.pk}@stagedoor" for p in (load_in, foh, lights))
    light_event = events[f"position-{lights.pk}@stagedoor"]
    assert light_event.end == at(YEAR, 12, 5, 0, 30)
    assert str(light_event["SUMMARY"]) == "Lighting (Lighting Technician) · Mara Quinn"
    assert "Crew (2 of 4): Alice Adler, Bob Brandt" in str(
        events[f"position-{load_in.pk}@stagedoor"]["DESCRIPTION"]
    )
    assert vobject.readOne(response.content.decode()).vevent.dtstart.value.tzname() == "CET"


def test_show_calendar_has_only_their_own_calls_for_crew(client, world):
    client.force_login(world["bob"].user)
    events = events_by_uid(client.get("/shows/mara-berlin/calendar.ics").content)
    assert list(events) == [f"booking-{world['bookings']['bob'].pk}@stagedoor"]
    client.force_login(world["eve"].user)
    assert client.get("/shows/mara-berlin/calendar.ics").status_code == 403


# --- "call sheet changed" ------------------------------------------------------------


def test_show_update_notifies_booked_crew_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        gig_services.show_update(
            actor=world["manager"], show=world["show"], notes="Bring ear plugs."
        )
    assert Notification.objects.count() == 0  # nothing before the commit
    assert len(pending) == 1
    with django_capture_on_commit_callbacks(execute=True):
        gig_services.show_update(actor=world["manager"], show=world["show"], notes="No ear plugs.")
    notes = Notification.objects.order_by("user__username")
    assert [(n.user.username, n.kind, n.subject, n.url) for n in notes] == [
        (
            name,
            "call_sheet",
            "Call sheet changed: Mara Quinn at Kraftwerk, Fri 4 Dec",
            "/shows/mara-berlin/call-sheet/",
        )
        for name in ("alice", "bob", "dana")
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.test",
        "bob@example.test",
        "dana@example.test",
    ]


def test_position_update_notifies_and_moves_last_modified(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        gig_services.position_update(
            actor=world["manager"], position=world["foh"], call_start=at(YEAR, 12, 4, 13)
        )
    # Issue 16: the crew of the moved call hear the new time in words of their own (once);
    # the rest of the show's crew get the call sheet notice as before.
    note = Notification.objects.get(user=world["dana"].user)
    assert note.subject == "New call time: Front of House Engineer, Mara Quinn at Kraftwerk"
    assert note.body == (
        "Northern Lights moved Front of House Engineer for Mara Quinn at Kraftwerk: it was "
        "Fri 4 Dec 14:00–23:30 CET, it is now Fri 4 Dec 13:00–23:30 CET. You stay booked; "
        "if you cannot make the new time, tell them."
    )
    assert set(Notification.objects.exclude(pk=note.pk).values_list("subject", flat=True)) == {
        "Call sheet changed: Mara Quinn at Kraftwerk, Fri 4 Dec"
    }
    assert Notification.objects.count() == 3
    (event,) = events_by_uid(
        client.get(f"/calendar/{feed_of(world['dana']).token}.ics").content
    ).values()
    assert event["LAST-MODIFIED"].dt == note.created_at.replace(microsecond=0)
    assert event.start == at(YEAR, 12, 4, 13)


def test_cancelling_the_show_says_so(world, django_capture_on_commit_callbacks):
    # Issue 16: editing the status no longer cancels a show (it would leave the bookings
    # standing); show_cancel does, and tells the crew.
    with pytest.raises(ValidationError) as info:
        gig_services.show_update(actor=world["manager"], show=world["show"], status="cancelled")
    assert list(info.value.message_dict) == ["status"]
    with django_capture_on_commit_callbacks(execute=True):
        booking_services.show_cancel(actor=world["manager"], show=world["show"], reason="Ill")
    assert set(Notification.objects.values_list("subject", flat=True)) == {
        "Show cancelled: Mara Quinn at Kraftwerk, Fri 4 Dec"
    }


# --- API -----------------------------------------------------------------------------


def test_api_call_sheet(client, world):
    data = client.get("/api/shows/mara-berlin/call-sheet", **bearer(world["bob"].user)).json()
    assert data["venue_address"] == "Köpenicker Str. 70, Berlin, DE"
    assert data["geo_url"] == "geo:52.5106,13.4224"
    assert data["doors_at"] == f"{YEAR}-12-04T19:00:00+01:00"
    assert data["phones_visible"] is True
    assert data["crew_chiefs"] == [
        {
            "name": "Alice Adler",
            "slug": world["alice"].slug,
            "phone": "+49 30 1111111",
            "is_crew_chief": True,
            "status": "confirmed",
            "call": "Load-in",
        }
    ]
    assert [
        (c["title"], c["start"], c["when"], [(m["name"], m["phone"]) for m in c["crew"]])
        for c in data["calls"]
    ] == [
        (
            "Load-in",
            f"{YEAR}-12-04T09:00:00+01:00",
            "Fri 4 Dec 09:00–14:00 CET",
            [("Alice Adler", "+49 30 1111111"), ("Bob Brandt", "+49 30 2222222")],
        ),
        (
            "Front of House Engineer",
            f"{YEAR}-12-04T14:00:00+01:00",
            "Fri 4 Dec 14:00–23:30 CET",
            [("Dana Dorn", "")],
        ),
        (
            "Lighting",
            f"{YEAR}-12-04T15:00:00+01:00",
            "Fri 4 Dec 15:00 CET – Sat 5 Dec 00:30 CET",
            [],
        ),
    ]


def test_api_call_sheet_permissions_and_department(client, world):
    url = "/api/shows/mara-berlin/call-sheet"
    assert client.get(url).status_code == 403
    assert client.get(url, **bearer(world["eve"].user)).status_code == 403
    # A token that is no token is refused as such (401), never read as anonymous.
    assert client.get(url, HTTP_AUTHORIZATION="Bearer sd_wrong").status_code == 401
    assert client.get("/api/shows/nope/call-sheet").status_code == 404
    chief = manager_of(world["org"], username="chief", role="crew_chief")
    hidden = client.get(url, **bearer(chief)).json()
    assert hidden["phones_visible"] is False
    assert [m["phone"] for c in hidden["calls"] for m in c["crew"]] == [None, None, None]
    client.force_login(world["manager"])
    audio = client.get(url, {"department": "audio"}).json()
    assert [c["title"] for c in audio["calls"]] == ["Front of House Engineer"]
    bad = client.get(url, {"department": "kazoo"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "department"]


def test_api_calendar_address_and_revoke(client, world):
    served_at_site(client)
    headers = bearer(world["alice"].user)
    assert client.get("/api/me/calendar").status_code == 401
    first = client.get("/api/me/calendar", **headers).json()
    token = CalendarFeed.objects.get(worker=world["alice"]).token
    assert first["url"] == f"{SITE}/calendar/{token}.ics"
    assert first["webcal_url"] == f"webcal://crew.example/calendar/{token}.ics"
    renewed = client.post("/api/me/calendar/revoke", **headers).json()
    new = CalendarFeed.objects.get(worker=world["alice"]).token
    assert renewed["url"] == f"{SITE}/calendar/{new}.ics"
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    no_profile = client.get("/api/me/calendar", **bearer(world["manager"]))
    assert no_profile.status_code == 404


# --- CLI -----------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_cli_prints_the_sheet_with_phones(world):
    out = run("callsheet", "mara-berlin")
    lines = out.splitlines()
    assert lines[:5] == [
        "Call sheet · Mara Quinn: Weather Systems",
        f"Date:     Friday 4 December {YEAR}",
        "Venue:    Kraftwerk, Köpenicker Str. 70, Berlin, DE",
        "Map:      52.5106, 13.4224  "
        "https://www.openstreetmap.org/?mlat=52.5106&mlon=13.4224#map=17/52.5106/13.4224",
        "Doors:    19:00 CET",
    ]
    assert "Chief:    Alice Adler (+49 30 1111111)" in lines
    assert "Bob Brandt · +49 30 2222222" in out
    assert "Dana Dorn · no phone" in out
    assert run("callsheet", str(world["show"].pk)) == out


def test_cli_department_and_unknown_show(world):
    out = run("callsheet", "mara-berlin", "--department", "audio")
    assert "Department: Audio" in out
    assert "Front of House Engineer" in out
    assert "Bob Brandt" not in out
    with pytest.raises(CommandError, match=r"^SHOW_ID: no show 'nope' \(give its id or slug\)\.$"):
        run("callsheet", "nope")
    with pytest.raises(CommandError, match=r"^--department: 'kazoo' is not one of"):
        run("callsheet", "mara-berlin", "--department", "kazoo")


def test_cli_writes_pdf(world, tmp_path, monkeypatch):
    target = tmp_path / "sheet.pdf"
    out = run("callsheet", "mara-berlin", "--pdf", "--output", str(target))
    assert out == f"Wrote the call sheet of mara-berlin to {target}\n"
    assert target.read_bytes().startswith(b"%PDF")
    assert pdf_page_count(target.read_bytes()) == 1
    monkeypatch.chdir(tmp_path)
    run("callsheet", str(world["show"].pk), "--pdf")
    assert (tmp_path / "call-sheet-mara-berlin.pdf").read_bytes().startswith(b"%PDF")


def test_the_venue_operator_is_not_the_promoter(world):
    # Managing the building is not managing the show that plays in it: since issue 16 the
    # venue reads the sheet (tests/booking/test_venue_view.py), without the crew's phones.
    venue_boss = manager_of(world["venue"].organisation, username="venue-boss")
    sheet = callsheets.callsheet_get(actor=venue_boss, show=world["show"])
    assert sheet.phones_visible is False
    assert [(m.name, m.phone) for call in sheet.calls for m in call.crew] == [
        ("Alice Adler", None),
        ("Bob Brandt", None),
        ("Dana Dorn", None),
    ]
    assert [(m.name, m.phone) for m in sheet.crew_chiefs] == [("Alice Adler", "+49 30 1111111")]
