"""Ways in and events in a real browser: a Chicago newcomer who wants to rig finds the
lakefront festival's volunteer call on "Start here", applies, then says they'll go to the
trade show from their plan, and both are in their calendar feed."""

import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar

from stagedoor.booking.calendars import worker_calendar
from stagedoor.events import services as events
from stagedoor.openings.models import Application
from tests.openings.world import chicago_world, post, today

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_a_chicago_newcomer_applies_to_the_festival_and_goes_to_the_trade_show(
    live_server, page, log_in
):
    world = chicago_world()
    post(world)
    start = dt.datetime.combine(
        today() + dt.timedelta(days=30), dt.time(9), tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles")
    )
    events.event_save(
        actor=world["manager"],
        organisation=world["org"],
        data={
            "kind": "trade_show",
            "title": "StageTech Expo",
            "starts_at": start,
            "ends_at": start + dt.timedelta(days=2, hours=8),
            "city": "Las Vegas",
            "venue_name": "Convention Center",
            "national": True,
        },
    )

    log_in("rosa")
    page.goto(f"{live_server.url}/careers/start/?interests=rigging&city=Chicago")
    festival = page.locator("#ways-in a", has_text="Festival crew volunteers")
    assert festival.inner_text().endswith(", under 1 km")
    assert "Unpaid" in page.locator("#ways-in li", has_text="Festival crew volunteers").inner_text()
    festival.click()
    page.wait_for_selector("h1:has-text('Festival crew volunteers')")
    assert "You are not paid for this." in page.locator(".opening-pay").inner_text()
    page.fill("textarea[name=note]", "Free both days; I want to learn rigging.")
    page.click("#apply button:has-text('Apply')")
    page.wait_for_selector("text=Your application: Applied")
    applied = Application.objects.get()
    assert (applied.worker, applied.status) == (world["rosa"], "applied")

    page.goto(f"{live_server.url}/careers/rigger/")
    expo = page.locator("#events a", has_text="StageTech Expo")
    assert expo.inner_text().endswith(" km") and "Las Vegas" in expo.inner_text()
    expo.click()
    page.click('button:has-text("I\'ll go")')
    page.wait_for_selector("text=You're going")
    feed = Calendar.from_ical(worker_calendar(world["rosa"]))
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Trade show: StageTech Expo"]
