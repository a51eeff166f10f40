"""Issue 20 in a real browser: the tour manager builds three days of the itinerary (a show
day, a travel day with a flight and a hotel, a day off) on the planning page, and a crew
member engaged for the tour reads the travel day's sheet on a phone and finds the flight
and the hotel in her calendar feed."""

import datetime as dt
import urllib.request

import pytest

from stagedoor.core.text import day as day_words
from stagedoor.touring.models import TourDay, TravelLeg
from tests.touring.helpers import FIRST, tour_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SECOND = FIRST + dt.timedelta(days=1)
THIRD = FIRST + dt.timedelta(days=2)


def _log_in(page, url, username):
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "backstage-pass")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _add_day(page, date, kind, city, zone, **extra):
    add = page.locator("details#add-day")
    if add.get_attribute("open") is None:
        add.locator("summary").click()
    form = add.locator("form")
    form.locator("input[name=date]").fill(date.isoformat())
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=city]").fill(city)
    form.locator("input[name=timezone]").fill(zone)
    for name, value in extra.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button").click()
    page.wait_for_load_state()


def test_manager_builds_three_days_and_crew_reads_the_day_sheet(live_server, browser, catalog):
    world = tour_world()
    for user in (world["manager"], world["ada"].user):
        user.set_password("backstage-pass")
        user.save()
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.set_default_timeout(15000)
    _log_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/tours/night-drive/")
    page.get_by_role("link", name="Plan the itinerary, touring crew and budget").click()
    _add_day(page, FIRST, "show", "Berlin", "Europe/Berlin")
    _add_day(
        page,
        SECOND,
        "travel",
        "London",
        "Europe/London",
        per_diem="30",
        per_diem_currency="GBP",
        hotel_name="The Linden",
        hotel_address="12 Curtain Road, London",
        hotel_check_in=f"{SECOND.isoformat()}T15:00",
        hotel_confirmation="LND-4471",
    )
    _add_day(page, THIRD, "off", "London", "Europe/London")
    assert list(TourDay.objects.order_by("date").values_list("kind", flat=True)) == [
        "show",
        "travel",
        "off",
    ]
    card = page.locator(f"#day-{SECOND.isoformat()}")
    card.locator("summary", has_text="Add travel").click()
    leg = card.locator("form").first
    leg.locator("select[name$=mode]").select_option("flight")
    leg.locator("input[name$=depart_place]").fill("Berlin BER")
    leg.locator("input[name$=depart_at]").fill(f"{SECOND.isoformat()}T10:00")
    leg.locator("input[name$=depart_zone]").fill("Europe/Berlin")
    leg.locator("input[name$=arrive_place]").fill("London LHR")
    # First a typo: landing at 08:05 London time is before leaving Berlin at 10:00 CET.
    leg.locator("input[name$=arrive_at]").fill(f"{SECOND.isoformat()}T08:05")
    leg.locator("input[name$=arrive_zone]").fill("Europe/London")
    leg.locator("input[name$=carrier]").fill("British Airways")
    leg.locator("input[name$=reference]").fill("BA 983")
    leg.locator("button", has_text="Add travel").click()
    page.wait_for_load_state()
    assert page.get_by_text("The leg must arrive after it departs").is_visible()
    assert TravelLeg.objects.count() == 0
    leg = page.locator(f"#day-{SECOND.isoformat()}").locator("form").first
    leg.locator("input[name$=arrive_at]").fill(f"{SECOND.isoformat()}T11:05")
    leg.locator("button", has_text="Add travel").click()
    page.wait_for_load_state()
    assert TravelLeg.objects.count() == 1
    assert page.get_by_text("Flight: Berlin BER").is_visible()
    desk.close()

    phone = browser.new_context(viewport=PHONE)
    crew = phone.new_page()
    crew.set_default_timeout(15000)
    _log_in(crew, live_server.url, "ada")
    crew.goto(f"{live_server.url}/me/inbox/")
    # The notice that the day sheet changed opens the sheet.
    notice = crew.locator("li", has_text=f"day sheet for {day_words(SECOND)} changed").first
    notice.get_by_role("link", name="Open").click()
    crew.wait_for_load_state()
    assert crew.url == f"{live_server.url}/tours/night-drive/days/{SECOND.isoformat()}/"
    body = crew.locator("main")
    assert body.get_by_text("Flight: Berlin BER to London LHR").is_visible()
    assert body.get_by_text(f"{day_words(SECOND)} 10:00 CET").is_visible()
    assert body.get_by_text(f"{day_words(SECOND)} 11:05 GMT").is_visible()
    assert body.get_by_text("The Linden").is_visible()
    assert body.get_by_text("£30.00").is_visible()
    assert crew.evaluate("document.documentElement.scrollWidth") == 390
    crew.screenshot(path="/tmp/tours-shots/browser-daysheet-390.png", full_page=True)

    crew.goto(f"{live_server.url}/me/calendar/")
    feed = crew.locator("#feed-url").input_value()
    with urllib.request.urlopen(feed) as reply:
        ics = reply.read().decode()
    assert "SUMMARY:Flight: Berlin BER to London LHR" in ics
    assert "SUMMARY:Hotel: The Linden" in ics
    assert "SUMMARY:Nadia Velour: Day off in London" in ics
    phone.close()
