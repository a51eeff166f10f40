"""Training in a real browser, on a phone: a newcomer in Chicago who wants to rig opens
their plan, finds the OSHA 10 session near them with its distance, signs up, and the
session is in their calendar feed."""

import pytest

from stagedoor.booking.calendars import calendar_feed_get_or_create
from tests.training.world import course, providers, rosa, session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_a_chicago_newcomer_finds_osha_10_on_the_plan_signs_up_and_it_is_in_the_calendar(
    live_server, page, log_in
):
    lakeshore, _, _ = providers()
    osha = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), 6)
    worker = rosa()
    page.set_viewport_size({"width": 390, "height": 844})

    log_in("rosa")
    page.goto(f"{live_server.url}/careers/rigger/")
    step = page.locator("#career-plan li.step-certification", has_text="OSHA Outreach 10-hour")
    link = step.locator("li.path-link a")
    assert link.count() == 1
    assert link.inner_text().startswith("OSHA 10 for Entertainment — ")
    assert "Lakeshore Safety Institute, Chicago, 2 km · $89.00 · 12 of 12 seats left" in (
        link.inner_text()
    )
    page.screenshot(path="/tmp/training-shots/plan.png", full_page=True)
    link.click()
    page.wait_for_url(f"**{osha.get_absolute_url()}")
    page.click("#sign-up")
    page.wait_for_selector("#enrolment-status")
    assert page.locator("#enrolment-status").inner_text() == "Signed up. It is in your calendar."
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/training-shots/session.png", full_page=True)

    feed = calendar_feed_get_or_create(actor=worker.user, worker=worker)
    ics = page.request.get(f"{live_server.url}{feed.get_absolute_url()}").text()
    assert "SUMMARY:Training: OSHA 10 for Entertainment" in ics.replace("\r\n ", "")

    page.goto(f"{live_server.url}/careers/rigger/")
    assert "OSHA 10 for Entertainment" in page.locator("#training-mine").inner_text()
    page.goto(f"{live_server.url}/training/mine/")
    assert "OSHA 10 for Entertainment" in page.locator("#my-training").inner_text()
    page.screenshot(path="/tmp/training-shots/mine.png", full_page=True)
    page.goto(f"{live_server.url}/training/?near=Chicago, US")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/training-shots/catalog.png", full_page=True)


def test_on_a_phone_the_providers_change_links_are_a_finger_tall(live_server, page, log_in):
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6)
    page.set_viewport_size({"width": 390, "height": 844})

    log_in("lena", "correct horse battery staple")
    page.goto(f"{live_server.url}/orgs/lakeshore/training/")
    changes = page.locator("main a.change")
    assert changes.count() == 2  # the session's and the course's
    assert [changes.nth(i).bounding_box()["height"] >= 44 for i in range(2)] == [True, True]
    page.goto(f"{live_server.url}/training/sessions/{soon.pk}/roster/")
    change = page.locator("main a.change")
    assert change.inner_text() == "Change"
    assert change.bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
