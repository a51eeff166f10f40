"""Careers in a real browser: a newcomer's start near their city, and a worker's plan to
FOH engineer with a live position in it."""

import pytest

from tests.careers.world import CITY, HAMBURG, audio_tech, credit, position_at, show_at
from tests.factories import UserFactory, VenueFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_a_newcomer_chooses_sound_and_a_city_and_gets_openings_near_them(live_server, page):
    town = VenueFactory(name="Spree Hall", **CITY)
    near = position_at(12, "stagehand", show=show_at(12, venue=town), title="Load-in hands")
    far = position_at(
        12, "stagehand", show=show_at(12, venue=VenueFactory(name="Docks", **HAMBURG))
    )

    page.goto(f"{live_server.url}/")
    page.click("nav >> text=Careers")
    page.click("text=Start here")
    page.check("input[name=interests][value=sound]")
    page.fill("input[name=city]", "Berlin")
    page.click("button:has-text('Find my start')")
    page.wait_for_selector("#start-summary")
    assert page.locator("#start-summary").inner_text() == (
        "Entry-level openings within 50 km of Berlin, DE: 1."
    )
    rows = page.locator("#start-stagehand tr.opening")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-position") == str(near.pk)
    assert "Load-in hands" in rows.first.inner_text()
    assert "Spree Hall, Berlin · 2 km" in rows.first.inner_text()  # as the plan writes it
    assert page.locator(f"tr[data-position='{far.pk}']").count() == 0


def test_a_worker_sees_their_plan_to_foh_with_a_live_position(live_server, page, log_in):
    worker = audio_tech(user=UserFactory(username="ada", password="backstage-pass"))
    credit(worker, "audio-tech", 30)
    a2 = position_at(14, "audio-tech", level="mid", title="A2 for the support")

    log_in("ada")
    page.goto(f"{live_server.url}/roles/foh-engineer/")
    page.click("text=Plan my path to Front of House Engineer")
    page.wait_for_selector("h1:has-text('Your path to Front of House Engineer')")
    steps = page.locator("#career-path ol.path li strong").all_inner_texts()
    assert steps == ["Audio Technician", "Front of House Engineer"]
    live = page.locator("#career-plan a.live-position")
    assert live.count() == 1
    assert live.inner_text().startswith("Apply for A2 for the support for ")
    live.click()
    page.wait_for_url(f"**{a2.show.get_absolute_url()}#position-{a2.pk}")
