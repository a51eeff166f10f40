"""Phone first (issue 17), in a real browser on a 390 x 844 screen: every page a worker
uses fits the width exactly (no sideways scrolling), the menu folds into one button that
opens it, and a worker accepts an offer and checks in with one tap each."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from stagedoor.booking import services
from stagedoor.booking.models import Booking, Timesheet
from stagedoor.demo.world import build_demo_world
from tests.factories import PositionFactory, UserFactory, WorkerFactory, show_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "backstage-pass")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def first_link(page, pattern: str) -> str:
    hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
    return next(h for h in hrefs if h and re.fullmatch(pattern, h))


def test_every_worker_page_fits_a_phone_and_the_menu_opens(live_server, phone, catalog):
    build_demo_world()
    log_in(phone, live_server.url, "will.worker")
    booking = (
        Booking.objects.filter(worker__user__username="will.worker", status="confirmed")
        .exclude(position__show=None)
        .select_related("position__show")
        .order_by("position__call_start")
        .first()
    )
    show = booking.position.show
    pages = [
        "/",
        "/me/",
        "/me/gigs/",
        "/me/schedule/",
        "/me/inbox/",
        "/me/pay/",
        "/me/income/",
        "/me/profile/",
        "/me/calendar/",
        f"/shows/{show.slug}/call-sheet/",
        f"/shows/{show.slug}/",
        f"/bookings/{booking.pk}/timesheet/",
        "/jobs/",
        "/careers/",
        "/careers/start/",
    ]
    phone.goto(f"{live_server.url}/jobs/")
    pages.append(first_link(phone, r"/jobs/\d+/"))
    phone.goto(f"{live_server.url}/careers/")
    pages.append(first_link(phone, r"/careers/(?!start/)[a-z-]+/"))
    phone.goto(f"{live_server.url}/shows/{show.slug}/")
    pages.append(first_link(phone, r"/orgs/[a-z0-9-]+/") + "careers/")

    widths = {}
    for path in pages:
        response = phone.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        widths[path] = phone.evaluate("document.documentElement.scrollWidth")
    assert widths == dict.fromkeys(pages, 390)

    phone.goto(f"{live_server.url}/me/")
    button = phone.locator("button.menu-button")
    menu = phone.locator("#site-menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.locator("a:has-text('Gigs for you')").is_visible()
    assert menu.locator("a:has-text('Who hires')").is_visible()
    # Touch targets of at least 44 px, text at the phone's own size (no zooming).
    heights = menu.locator("a, button").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    # 18: Will holds a Local 88 card, so his menu has the hiring hall too, and his projects.
    assert menu.locator("a:has-text('Hiring hall')").is_visible()
    assert menu.locator("a:has-text('Projects')").is_visible()
    assert len(heights) == 18 and min(heights) >= 44
    assert phone.evaluate("getComputedStyle(document.body).fontSize") == "16px"
    phone.keyboard.press("Escape")
    assert not menu.is_visible()
    button.focus()
    phone.keyboard.press("Enter")  # works from the keyboard too
    assert menu.is_visible()
    menu.locator("a:has-text('Schedule')").click()
    phone.wait_for_selector("h1:has-text('My schedule')")


def test_on_a_phone_a_worker_accepts_an_offer_and_checks_in_with_one_tap(
    live_server, phone, catalog
):
    world = show_world(
        org={"name": "Spree Kultur"},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn", "slug": "mara"},
    )
    # A call starting in 40 minutes: check-in opens an hour before it, so it is open now.
    start = (timezone.now() + dt.timedelta(minutes=40)).replace(second=0, microsecond=0)
    position = PositionFactory(
        show=world["show"],
        title="Load-in",
        headcount=1,
        call_start=start,
        call_end=start + dt.timedelta(hours=5),
    )
    ada = WorkerFactory(
        display_name="Ada Lindqvist", user=UserFactory(username="ada", password="backstage-pass")
    )
    offer = services.offer_send(actor=world["manager"], position=position, worker=ada)

    log_in(phone, live_server.url, "ada")
    assert phone.locator("h1").inner_text() == "Today"
    card = phone.locator(f"#offer-{offer.pk}")
    assert "Load-in" in card.inner_text()
    accept = card.locator("button:has-text('Accept')")
    assert accept.bounding_box()["height"] >= 44
    accept.click()
    phone.wait_for_selector("text=Booked: Load-in. It is on your schedule and calendar.")
    booking = Booking.objects.get(worker=ada, position=position)
    assert phone.locator(f"#offer-{offer.pk}").count() == 0

    here = phone.locator(f'#next-{booking.pk} button:has-text("I\'m here")')
    assert here.bounding_box()["height"] >= 44
    here.click()
    phone.wait_for_selector("text=Have a good call.")
    sheet = Timesheet.objects.get(booking=booking)
    assert sheet.stamped_in == sheet.check_in
    assert abs(timezone.now() - sheet.stamped_in) < dt.timedelta(minutes=1)
    assert phone.locator(f'#next-{booking.pk} button:has-text("I\'m done")').is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
