"""Mentoring in a real browser: a Chicago newcomer who wants to rig finds the arena rigger
in their plan, asks them, the mentor accepts and plans a session, and the session shows in
the newcomer's plan. Phone-width screenshots go to /tmp/mentoring-shots for a look."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from stagedoor.core.text import day
from stagedoor.mentoring.models import Mentorship
from tests.mentoring.world import mentoring_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]

SHOTS = os.environ.get("STAGEDOOR_SHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_newcomer_finds_a_mentor_who_accepts_and_the_session_lands_in_the_plan(
    live_server, page, log_in
):
    world = mentoring_world()
    dana = world["dana"]
    page.set_viewport_size({"width": 390, "height": 844})

    log_in("rosa-rigger")
    page.goto(f"{live_server.url}/careers/rigger/")
    section = page.locator("#find-a-mentor")
    first = section.locator("li.path-link").first
    assert first.inner_text() == (
        "Dana Whitfield: Rigs arenas in Chicago, 1 km from you; mentors toward Rigger; "
        "has room for 1 more; meets monthly"
    )
    shot(page, "plan-find-a-mentor")
    first.locator("a").click()
    page.wait_for_selector(f"#mentor-{dana.pk}")
    card = page.locator(f"#mentor-{dana.pk}")
    assert "Rigs arenas in Chicago, 1 km from you" in card.inner_text()
    card.locator("input[name=note]").fill("I want to rig arenas.")
    shot(page, "hub-suggestions")
    card.locator("button.ask").click()
    page.wait_for_selector("text=Asked Dana Whitfield; you will hear back here.")
    m = Mentorship.objects.get(mentee=world["rosa"])
    assert (m.status, m.note) == ("asked", "I want to rig arenas.")

    log_in("dana-whitfield")
    page.goto(f"{live_server.url}/me/mentoring/")
    box = page.locator(f"#mentorship-{m.pk}")
    assert "You mentor Rosa Rigger toward Rigger" in box.inner_text()
    shot(page, "hub-mentor-asked")
    box.locator("button.accept").click()
    page.wait_for_selector("text=You mentor Rosa Rigger now.")
    box = page.locator(f"#mentorship-{m.pk}")
    box.locator(f"#log-{m.pk} summary").click()
    ahead = timezone.localdate() + dt.timedelta(days=5)
    box.locator(f"input[name=s{m.pk}-held_on]").fill(ahead.isoformat())
    box.locator(f"input[name=s{m.pk}-at]").fill("18:00")
    box.locator(f"input[name=s{m.pk}-minutes]").fill("60")
    box.locator(f"input[name=s{m.pk}-covered]").fill("Walk an arena load-in")
    shot(page, "hub-mentor-log")
    box.locator("button:has-text('Log the session')").click()
    page.wait_for_selector(f"text=Session planned for {day(ahead)}, 18:00.")

    log_in("rosa-rigger")
    page.goto(f"{live_server.url}/careers/rigger/")
    mine = page.locator("#your-mentor")
    assert (
        mine.locator("li.path-link")
        .first.inner_text()
        .startswith(f"Next session with Dana Whitfield: {day(ahead)}, 18:00, Walk an arena load-in")
    )
    assert page.locator("#find-a-mentor").count() == 0
    shot(page, "plan-your-mentor")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
