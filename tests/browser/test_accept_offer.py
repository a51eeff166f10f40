"""The main booking flow in a real browser: accept an offer, find it on the call sheet and
in the calendar feed."""

import datetime as dt

import icalendar
import pytest

from stagedoor.booking import services
from stagedoor.booking.models import Booking
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    UserFactory,
    WorkerFactory,
    show_world,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_worker_accepts_an_offer_and_finds_it_on_the_call_sheet_and_calendar(
    live_server, page, log_in
):
    world = show_world(
        org={"name": "Spree Kultur"},
        venue={"name": "Kraftwerk", "address": "Köpenicker Str. 70"},
        show={"artist": "Mara Quinn", "slug": "mara-quinn-berlin"},
    )
    manager, show = world["manager"], world["show"]
    position = PositionFactory(
        show=show,
        title="Load-in",
        headcount=2,
        call_start=dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN),
    )
    ada = WorkerFactory(
        display_name="Ada Lindqvist",
        user=UserFactory(username="ada", password="backstage-pass"),
        phone="+49 30 5550101",
    )
    offer = services.offer_send(actor=manager, position=position, worker=ada)

    log_in("ada")
    page.click("nav >> text=Inbox")
    card = page.locator(f"#offer-{offer.pk}")
    assert "Load-in" in card.inner_text()
    assert "Call Fri 4 Dec 09:00–14:00 CET · €28.00 an hour" in card.inner_text()
    card.locator("button:has-text('Accept')").click()
    page.wait_for_selector("text=Booked: Load-in. It is on your schedule and calendar.")
    booking = Booking.objects.get(worker=ada, position=position)

    page.click("nav >> text=Schedule")
    page.click(f"#booking-{booking.pk} >> text=Call sheet")
    page.wait_for_selector("h1:has-text('Mara Quinn')")
    crew = page.locator("ul.crew").first.inner_text()
    assert "Ada Lindqvist" in crew
    assert "+49 30 5550101" in crew  # booked crew see each other's phones

    page.goto(f"{live_server.url}/me/calendar/")
    feed_url = page.input_value("#feed-url")
    response = page.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"booking-{booking.pk}@stagedoor"
    assert event.decoded("DTSTART") == dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
    assert "Mara Quinn" in str(event["SUMMARY"])
