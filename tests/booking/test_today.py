"""Issue 17, phone first: the worker's Today page, one-tap "I'm here" / "I'm done" stamped
now, and the lead's correction that keeps the worker's stamps beside it. Pages and the API
read a fixed clock: Django's `timezone.now` is set to 17:30 Berlin, half an hour before a
18:00 call on Friday 11 December."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stagedoor.booking import services
from stagedoor.booking.models import Offer, Timesheet
from stagedoor.booking.timesheets import stamps
from stagedoor.core.validation import messages_of
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    PositionFactory,
    ShowFactory,
    bearer,
    crew,
    show_world,
)

pytestmark = pytest.mark.django_db

CALL = dt.datetime(YEAR, 12, 11, 18, 0, tzinfo=BERLIN)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
NOW = CALL - 30 * MINUTE
MAP = (
    "https://www.openstreetmap.org/search?query="
    "Kraftwerk%2C%20K%C3%B6penicker%20Str.%2070%2C%20Berlin%2C%20DE"
)


@pytest.fixture
def world():
    world = show_world(
        org={"name": "Spree Kultur"},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn", "slug": "mara", "date": CALL.date()},
    )
    world["position"] = PositionFactory(
        show=world["show"], title="Load-in", call_start=CALL, call_end=CALL + 5 * HOUR
    )
    world |= crew(("Ada", "Ben"), years=(4, 2))
    world["booking"] = BookingFactory(position=world["position"], worker=world["ada"])
    return world


@pytest.fixture
def clock(monkeypatch):
    """Django's clock stands at NOW (set it before logging in: sessions expire by it)."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def refused(fn, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        fn(**kwargs)
    return messages_of(info.value)


# --- services -----------------------------------------------------------------------------


def test_check_in_and_out_are_stamped_now(world):
    booking, ada = world["booking"], world["ada"].user
    sheet = stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    assert (sheet.check_in, sheet.stamped_in, sheet.check_out) == (NOW, NOW, None)
    out = CALL + 5 * HOUR + 7 * MINUTE
    sheet = stamps.timesheet_check_out(actor=ada, booking=booking, now=out)
    sheet.refresh_from_db()
    assert (sheet.check_in, sheet.check_out) == (NOW, out)
    assert (sheet.stamped_in, sheet.stamped_out) == (NOW, out)
    assert (sheet.status, sheet.updated_by, sheet.corrected_by) == ("open", ada, None)


def test_check_in_before_the_window_is_refused_and_saves_nothing(world):
    errors = refused(
        stamps.timesheet_check_in,
        actor=world["ada"].user,
        booking=world["booking"],
        now=CALL - 61 * MINUTE,
    )
    assert errors == {
        "check_in": [
            "Check-in has not opened yet: it opens Fri 11 Dec 17:00 CET, an hour before the call."
        ]
    }
    assert not Timesheet.objects.exists()
    sheet = stamps.timesheet_check_in(
        actor=world["ada"].user, booking=world["booking"], now=CALL - 60 * MINUTE
    )
    assert sheet.check_in == CALL - HOUR


def test_the_early_window_is_the_setting(world, settings):
    settings.STAGEDOOR_CHECKIN_EARLY_MINUTES = 15
    errors = refused(
        stamps.timesheet_check_in, actor=world["ada"].user, booking=world["booking"], now=NOW
    )
    assert errors == {
        "check_in": [
            "Check-in has not opened yet: it opens Fri 11 Dec 17:45 CET, "
            "15 minutes before the call."
        ]
    }


def test_a_second_check_in_is_refused_and_keeps_the_first(world):
    ada, booking = world["ada"].user, world["booking"]
    stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    errors = refused(stamps.timesheet_check_in, actor=ada, booking=booking, now=NOW + 20 * MINUTE)
    assert errors == {"check_in": ["You are already checked in, since 17:30 CET."]}
    assert Timesheet.objects.get().stamped_in == NOW


def test_check_out_needs_a_check_in_and_happens_once(world):
    ada, booking = world["ada"].user, world["booking"]
    errors = refused(stamps.timesheet_check_out, actor=ada, booking=booking, now=NOW)
    assert errors == {"check_out": ["Check in first: tap “I'm here” when you arrive."]}
    stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    stamps.timesheet_check_out(actor=ada, booking=booking, now=CALL + 5 * HOUR)
    errors = refused(stamps.timesheet_check_out, actor=ada, booking=booking, now=CALL + 6 * HOUR)
    assert errors == {"check_out": ["You are already checked out, at 23:00 CET."]}


def test_only_the_worker_taps_in(world):
    for actor in (world["manager"], world["ben"].user):
        with pytest.raises(PermissionDenied) as info:
            stamps.timesheet_check_in(actor=actor, booking=world["booking"], now=NOW)
        assert str(info.value) == (
            "Only the worker booked can check in with one tap; the crew chief corrects times on "
            "the timesheet."
        )
    assert not Timesheet.objects.exists()


def test_a_cancelled_booking_cannot_check_in(world):
    booking = world["booking"]
    booking.status = "cancelled"
    booking.save()
    errors = refused(stamps.timesheet_check_in, actor=world["ada"].user, booking=booking, now=NOW)
    assert errors == {"booking": ["This booking was cancelled, so it has no timesheet."]}


def test_a_correction_keeps_the_workers_stamps(world):
    ada, booking, manager = world["ada"].user, world["booking"], world["manager"]
    stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    stamps.timesheet_check_out(actor=ada, booking=booking, now=CALL + 5 * HOUR + 40 * MINUTE)
    at = CALL + 6 * HOUR
    stamps.timesheet_correct(
        actor=manager, booking=booking, check_in=CALL, check_out=CALL + 5 * HOUR, now=at
    )
    sheet = Timesheet.objects.get()
    assert (sheet.check_in, sheet.check_out) == (CALL, CALL + 5 * HOUR)
    assert (sheet.stamped_in, sheet.stamped_out) == (NOW, CALL + 5 * HOUR + 40 * MINUTE)
    assert (sheet.corrected_by, sheet.corrected_at) == (manager, at)


def test_only_a_lead_corrects(world):
    ada, booking = world["ada"].user, world["booking"]
    stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    with pytest.raises(PermissionDenied) as info:
        stamps.timesheet_correct(actor=ada, booking=booking, check_in=CALL, now=CALL + HOUR)
    assert str(info.value) == "Only the crew chief or a manager can correct times."
    assert Timesheet.objects.get().check_in == NOW


# --- pages --------------------------------------------------------------------------------


def test_today_shows_the_next_call_with_map_call_sheet_and_i_am_here(client, world, clock):
    client.force_login(world["ada"].user)
    for url in ("/me/", "/"):
        page = client.get(url).content.decode()
        assert "<h1>Today</h1>" in page
        assert "<strong>Fri 11 Dec 18:00 CET</strong>" in page
        assert "Kraftwerk<br><small>Köpenicker Str. 70, Berlin, DE</small>" in page
        assert f'<a href="{MAP}" rel="noopener">Map</a>' in page
        assert '<a href="/shows/mara/call-sheet/">Call sheet</a>' in page
        assert ">I'm here</button>" in page
        assert "I'm done" not in page


def test_today_before_the_window_says_when_it_opens(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: CALL - 2 * HOUR)
    client.force_login(world["ada"].user)
    page = client.get("/me/").content.decode()
    assert "Check-in opens Fri 11 Dec 17:00 CET." in page
    assert "I'm here" not in page


def test_one_tap_check_in_and_out_from_today(client, world, clock, monkeypatch):
    client.force_login(world["ada"].user)
    booking = world["booking"]
    response = client.post(f"/bookings/{booking.pk}/check-in/", {"next": "/me/"}, follow=True)
    assert response.redirect_chain == [("/me/", 302)]
    page = response.content.decode()
    assert "Checked in at 17:30 CET. Have a good call." in page
    assert "Checked in Fri 11 Dec 17:30 CET" in page
    assert ">I'm done</button>" in page
    again = client.post(f"/bookings/{booking.pk}/check-in/", {"next": "/me/"}, follow=True)
    assert "Nothing changed. Check in: You are already checked in, since 17:30 CET." in (
        again.content.decode()
    )
    monkeypatch.setattr(timezone, "now", lambda: CALL + 5 * HOUR)
    done = client.post(f"/bookings/{booking.pk}/check-out/", {"next": "/me/"}, follow=True)
    assert "Checked out at 23:00 CET. Submit your times on the timesheet" in done.content.decode()
    sheet = Timesheet.objects.get()
    assert (sheet.stamped_in, sheet.stamped_out) == (NOW, CALL + 5 * HOUR)


def test_the_call_sheet_has_the_one_tap_button(client, world, clock):
    client.force_login(world["ada"].user)
    page = client.get("/shows/mara/call-sheet/").content.decode()
    assert "Your call: Load-in" in page
    assert f'action="/bookings/{world["booking"].pk}/check-in/"' in page
    client.force_login(world["manager"])
    assert "Your call:" not in client.get("/shows/mara/call-sheet/").content.decode()


def test_today_names_the_clash_before_the_tap(client, world, clock):
    other_show = ShowFactory(organisation=world["org"], venue=world["venue"], slug="other")
    clashing = PositionFactory(
        show=other_show, title="Load-out", call_start=CALL + HOUR, call_end=CALL + 4 * HOUR
    )
    free = PositionFactory(
        show=other_show,
        title="Day two",
        call_start=CALL + 2 * 24 * HOUR,
        call_end=CALL + 2 * 24 * HOUR + 4 * HOUR,
    )
    # Sent before Ada was booked at 18:00 (sending it now would be refused).
    first = Offer.objects.create(
        position=clashing, worker=world["ada"], expires_at=NOW + 20 * MINUTE
    )
    second = services.offer_send(
        actor=world["manager"], position=free, worker=world["ada"], now=NOW
    )
    client.force_login(world["ada"].user)
    page = client.get("/me/").content.decode()
    assert (
        '<p class="message error clash">Clashes with your booking at Kraftwerk, Fri 18:00: '
        "accepting will be refused.</p>"
    ) in page
    assert page.count("Clashes with your booking") == 1
    assert f'id="offer-{first.pk}"' in page and f'id="offer-{second.pk}"' in page
    response = client.post(
        f"/offers/{second.pk}/accept/", {"next": "/me/"}, follow=True, HTTP_HX_REQUEST="true"
    )
    assert response.redirect_chain == [("/me/", 302)]
    body = response.content.decode()
    assert "Booked: Day two. It is on your schedule and calendar." in body
    assert f'id="offer-{second.pk}"' not in body
    assert "<strong>Sun 13 Dec 18:00–22:00 CET</strong>" in body  # now in this week


def test_today_is_for_crew(client, world):
    client.force_login(world["manager"])
    assert client.get("/me/").status_code == 403
    assert "The crew behind the show" in client.get("/").content.decode()


# --- API ----------------------------------------------------------------------------------


def test_api_check_in_check_out_and_correct(client, world, clock, monkeypatch):
    booking = world["booking"]
    url = f"/api/bookings/{booking.pk}/timesheet"
    ada, manager = bearer(world["ada"].user), bearer(world["manager"])
    assert client.post(url + "/check-in", **manager).status_code == 403
    stamped = client.post(url + "/check-in", **ada)
    assert stamped.status_code == 200
    body = stamped.json()
    assert (body["check_in"], body["stamped_in"], body["check_out"]) == (
        f"{YEAR}-12-11T16:30:00Z",
        f"{YEAR}-12-11T16:30:00Z",
        None,
    )
    again = client.post(url + "/check-in", **ada)
    assert again.status_code == 422
    assert again.json()["detail"] == [
        {
            "loc": ["body", "check_in"],
            "msg": "You are already checked in, since 17:30 CET.",
            "type": "value_error",
        }
    ]
    monkeypatch.setattr(timezone, "now", lambda: CALL + 5 * HOUR + 30 * MINUTE)
    out = client.post(url + "/check-out", **ada).json()
    assert out["stamped_out"] == f"{YEAR}-12-11T22:30:00Z"
    fixed = {
        "check_in": f"{YEAR}-12-11T18:00:00+01:00",
        "check_out": f"{YEAR}-12-11T23:00:00+01:00",
    }
    denied = client.post(
        url + "/correct", json.dumps(fixed), content_type="application/json", **ada
    )
    assert denied.status_code == 403
    corrected = client.post(
        url + "/correct", json.dumps(fixed), content_type="application/json", **manager
    )
    assert corrected.status_code == 200
    body = corrected.json()
    assert {k: body[k] for k in ("check_in", "check_out", "stamped_in", "stamped_out")} == {
        "check_in": f"{YEAR}-12-11T17:00:00Z",
        "check_out": f"{YEAR}-12-11T22:00:00Z",
        "stamped_in": f"{YEAR}-12-11T16:30:00Z",
        "stamped_out": f"{YEAR}-12-11T22:30:00Z",
    }
    assert (body["corrected_by"], body["corrected_at"]) == ("manager", f"{YEAR}-12-11T22:30:00Z")
    assert body["worked_hours"] == "5.00"


def test_api_check_in_before_the_window(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: CALL - 3 * HOUR)
    response = client.post(
        f"/api/bookings/{world['booking'].pk}/timesheet/check-in", **bearer(world["ada"].user)
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "check_in"],
            "msg": "Check-in has not opened yet: it opens Fri 11 Dec 17:00 CET, "
            "an hour before the call.",
            "type": "value_error",
        }
    ]
    assert not Timesheet.objects.exists()


def test_the_timesheet_page_shows_both_versions(client, world, clock):
    ada, booking, manager = world["ada"].user, world["booking"], world["manager"]
    manager.first_name, manager.last_name = "Mia", "Lead"
    manager.save()
    stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    stamps.timesheet_check_out(actor=ada, booking=booking, now=NOW + 6 * HOUR)
    stamps.timesheet_correct(
        actor=manager, booking=booking, check_in=CALL, check_out=CALL + 5 * HOUR, now=NOW + 7 * HOUR
    )
    client.force_login(ada)
    page = client.get(f"/bookings/{booking.pk}/timesheet/").content.decode()
    assert "<dt>Checked in</dt><dd>Fri 11 Dec 18:00 CET</dd>" in page
    assert "<dt>Checked out</dt><dd>Fri 11 Dec 23:00 CET</dd>" in page
    assert '<dd id="stamped">in Fri 11 Dec 17:30 CET, out Fri 11 Dec 23:30 CET</dd>' in page
    assert '<dd id="corrected">by Mia Lead, Sat 12 Dec 00:30 CET</dd>' in page


def test_a_crew_chief_corrects_too(world):
    chief = BookingFactory(position=world["position"], worker=world["ben"], is_crew_chief=True)
    ada, booking = world["ada"].user, world["booking"]
    stamps.timesheet_check_in(actor=ada, booking=booking, now=NOW)
    stamps.timesheet_correct(
        actor=chief.worker.user, booking=booking, check_in=CALL, now=CALL + HOUR
    )
    sheet = Timesheet.objects.get(booking=booking)
    assert (sheet.check_in, sheet.stamped_in, sheet.corrected_by) == (CALL, NOW, world["ben"].user)


def test_api_today(client, world, clock, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "crew.example"]
    ada = bearer(world["ada"].user)
    # Links follow the address the API was asked on, not the configured one.
    body = client.get("/api/me/today", HTTP_HOST="crew.example", **ada).json()
    booking = world["booking"]
    assert body["next_call"] | {"booking": None} == {
        "booking": None,
        "when": "Fri 11 Dec 18:00 CET",
        "venue": "Kraftwerk",
        "address": "Köpenicker Str. 70, Berlin, DE",
        "map_url": MAP,
        "callsheet_url": "http://crew.example/shows/mara/call-sheet/",
        "check_in_opens": f"{YEAR}-12-11T16:00:00Z",
        "checked_in": None,
        "checked_out": None,
        "can_check_in": True,
        "can_check_out": False,
    }
    assert body["next_call"]["booking"]["id"] == booking.pk
    assert (body["offers"], body["week"]) == ([], [])
    assert client.get("/api/me/today", **bearer(world["manager"])).status_code == 403
