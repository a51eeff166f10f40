"""A production manager saves a show's crew call as a template on a phone, applies it to a
show in another time zone and reads the same wall-clock times there; copies to the tour."""

import datetime as dt

import pytest

from stagedoor.gigs.models import Position, Tour
from tests.factories import BERLIN, YEAR, PositionFactory, ShowFactory, VenueFactory, show_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, selector: str) -> bool:
    """Nothing in `selector` reaches past the right edge of the window."""
    return page.evaluate(
        "s => [...document.querySelectorAll(s + ', ' + s + ' *')]"
        ".every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)",
        selector,
    )


def test_save_a_crew_call_as_a_template_and_apply_it(live_server, page, catalog, log_in):
    world = show_world(
        org={"name": "Sightline Production"},
        show={"slug": "berlin", "artist": "Mara Quinn"},
        manager="parker",
        password="backstage-pass",
    )
    PositionFactory(
        show=world["show"],
        title="Load-in",
        headcount=4,
        call_start=dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN),
    )
    PositionFactory(
        show=world["show"],
        title="Load-out",
        headcount=6,
        call_start=dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 5, 2, 30, tzinfo=BERLIN),
    )
    metro = VenueFactory(name="Metro", city="Chicago", country="US", timezone="America/Chicago")
    ShowFactory(
        slug="chicago",
        artist="Lena Park",
        organisation=world["org"],
        venue=metro,
        date=dt.date(YEAR, 12, 11),
    )
    tour = Tour.objects.create(
        slug="lanterns", organisation=world["org"], artist="Mara Quinn", name="Lanterns Tour"
    )
    stop = ShowFactory(
        slug="stop-2",
        organisation=world["org"],
        venue=metro,
        date=dt.date(YEAR, 12, 18),
        tour=tour,
        tour_order=2,
    )
    world["show"].tour, world["show"].tour_order = tour, 1
    world["show"].save()

    page.set_viewport_size({"width": 390, "height": 844})
    log_in("parker")
    page.goto(f"{live_server.url}/shows/berlin/")
    tools = page.locator("#crew-templates")
    assert "No templates yet" in tools.inner_text()
    assert fits(page, "#crew-templates")
    tools.get_by_label("Template name").fill("Club night")
    tools.get_by_role("button", name="Save as template").click()
    assert page.locator(".message").inner_text() == (
        "Saved the crew call as the template 'Club night' (2 calls)."
    )

    page.goto(f"{live_server.url}/shows/chicago/")
    tools = page.locator("#crew-templates")
    tools.get_by_label("Template to apply").select_option(label="Club night")
    tools.get_by_role("button", name="Apply template").click()
    assert page.locator(".message").inner_text() == "Added 2 calls from 'Club night'."
    rows = page.locator("table.crew-call tbody tr td:nth-child(3)").all_inner_texts()
    assert rows == ["Fri 11 Dec 09:00–14:00 CST", "Fri 11 Dec 23:00–02:30 CST (+1 day)"]
    assert fits(page, "#crew-templates")

    page.goto(f"{live_server.url}/shows/berlin/")
    page.locator("#copy-to-tour").get_by_role("button").click()
    assert page.locator(".message").inner_text() == "Copied 2 calls to 1 stop."
    assert Position.objects.filter(show=stop).count() == 2

    # The organisation's templates page, on the phone.
    page.goto(f"{live_server.url}/shows/berlin/")
    page.get_by_role("link", name="All templates of Sightline Production").click()
    card = page.locator("article.crew-template")
    assert card.locator("header").inner_text() == "Club night\n2 calls, 10 people"
    card.get_by_text("The calls").click()
    assert card.locator("li").all_inner_texts() == [
        "Load-in × 4 Stagehand\n"
        "Show day 09:00–14:00 · Staging & carpentry · Local crew · €28.00 an hour",
        "Load-out × 6 Stagehand\n"
        "Show day 23:00–02:30 (+1 day) · Staging & carpentry · Local crew · €28.00 an hour",
    ]
    assert fits(page, "main")
