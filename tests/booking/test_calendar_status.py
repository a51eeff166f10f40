"""Issue 17: the worker's calendar feed shows offers waiting and holds as tentative
("Offer:" / "On hold:"), bookings as confirmed, and calls cancelled under a booking as
cancelled. Read back with icalendar, as a phone's calendar would."""

import datetime as dt

import icalendar
import pytest

from stagedoor.booking import services
from stagedoor.booking.calendars import calendar_feed_get_or_create
from tests.factories import BERLIN, YEAR, PositionFactory, crew, show_world

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
CALL = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def world():
    world = show_world(
        org={"name": "Spree Kultur"},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn", "slug": "mara"},
    )
    show = world["show"]

    def call(title, days):
        start = CALL + days * DAY
        return PositionFactory(
            show=show, title=title, call_start=start, call_end=start + dt.timedelta(hours=5)
        )

    world["booked"] = call("Load-in", 0)
    world["offered"] = call("Show call", 2)
    world["held"] = call("Load-out", 4)
    world["dropped"] = call("Rehearsal", 6)
    return world | crew(("Ada",), years=(4,))


def events(client, worker) -> dict[str, icalendar.Event]:
    feed = calendar_feed_get_or_create(actor=worker.user, worker=worker)
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_offers_and_holds_are_tentative_bookings_confirmed_cancelled_cancelled(client, world):
    manager, ada = world["manager"], world["ada"]
    booked = services.offer_accept(
        actor=ada.user,
        offer=services.offer_send(actor=manager, position=world["booked"], worker=ada),
    )
    offer = services.offer_send(actor=manager, position=world["offered"], worker=ada)
    hold = services.hold_create(actor=manager, position=world["held"], worker=ada)
    dropped = services.offer_accept(
        actor=ada.user,
        offer=services.offer_send(actor=manager, position=world["dropped"], worker=ada),
    )
    services.position_cancel(actor=manager, position=world["dropped"], reason="Band ill")

    found = events(client, ada)
    assert {uid: str(e["STATUS"]) for uid, e in found.items()} == {
        f"booking-{booked.pk}@stagedoor": "CONFIRMED",
        f"offer-{offer.pk}@stagedoor": "TENTATIVE",
        f"hold-{hold.pk}@stagedoor": "TENTATIVE",
        f"booking-{dropped.pk}@stagedoor": "CANCELLED",
    }
    summaries = {uid: str(e["SUMMARY"]) for uid, e in found.items()}
    assert summaries[f"offer-{offer.pk}@stagedoor"] == "Offer: Show call (Stagehand) · Mara Quinn"
    assert summaries[f"hold-{hold.pk}@stagedoor"] == "On hold: Load-out (Stagehand) · Mara Quinn"
    assert summaries[f"booking-{booked.pk}@stagedoor"] == "Load-in (Stagehand) · Mara Quinn"


def test_an_accepted_offer_is_confirmed_and_a_released_hold_leaves(client, world):
    manager, ada = world["manager"], world["ada"]
    offer = services.offer_send(actor=manager, position=world["offered"], worker=ada)
    hold = services.hold_create(actor=manager, position=world["held"], worker=ada)
    assert sorted(events(client, ada)) == sorted(
        [f"offer-{offer.pk}@stagedoor", f"hold-{hold.pk}@stagedoor"]
    )
    booking = services.offer_accept(actor=ada.user, offer=offer)
    services.hold_release(actor=manager, hold=hold)
    found = events(client, ada)
    assert {uid: str(e["STATUS"]) for uid, e in found.items()} == {
        f"booking-{booking.pk}@stagedoor": "CONFIRMED"
    }
