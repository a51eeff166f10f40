import pytest

from stagedoor.booking.models import Offer
from tests.staffing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_auto_staffs_a_show_and_sends_the_offers(
    live_server, page, catalog, settings, log_in
):
    # As in the demo: the run solves in a background thread while the page polls it.
    settings.STAGEDOOR_TASKS_INLINE = False
    world = build_world(manager_username="vera", password="backstage-pass")

    log_in("vera")
    page.goto(f"{live_server.url}/shows/juniper-static/staffing/")
    page.click("button:has-text('Auto-staff')")
    page.wait_for_selector("h1:has-text('Auto-staff run')")
    page.wait_for_selector("table.proposal", timeout=60000)

    assert page.locator("#run-headline").inner_text() == "2 of 2 seats filled"
    assert page.locator("#run-filled").inner_text() == "2/2"
    assert page.locator("#run-gap").inner_text() == "This plan is the best possible."
    page.click("summary:has-text('How this plan was found')")
    assert page.locator("#run-baseline").inner_text() == "1/2"
    rows = page.locator("table.proposal tbody tr")
    assert [rows.nth(i).locator("td").nth(2).inner_text() for i in range(2)] == [
        "Ben Ode",
        "Ana Ruiz",
    ]
    assert page.locator("input[name=assignment]:checked").count() == 2

    # Offers go out as a task with a progress record (polled on the page; tests/staffing/
    # test_words.py covers the polling). Here it runs before the answer: the test's shared
    # in-memory SQLite refuses a read of a table another connection is writing ("database
    # table is locked"), which PostgreSQL and the demo's file database wait out.
    settings.STAGEDOOR_TASKS_INLINE = True
    page.click("button:has-text('Send offers')")
    page.wait_for_selector("#sending-words:has-text('2 of 2 offers sent.')", timeout=30000)
    page.wait_for_selector("table.proposal tbody tr td:has-text('Offer sent')")
    assert page.locator("table.proposal tbody tr td:nth-child(6)").all_inner_texts() == [
        "Offer sent",
        "Offer sent",
    ]
    page.click("a:has-text('Juniper Static,')")
    page.wait_for_selector("#seats-booked")
    for position, name in ((world["day0"], "Ben Ode"), (world["day1"], "Ana Ruiz")):
        offers = page.locator(f"#position-{position.pk} section:nth-child(2) ul").first
        assert offers.inner_text().startswith(f"{name} until ")
    assert sorted(Offer.objects.values_list("worker__display_name", "status")) == [
        ("Ana Ruiz", "pending"),
        ("Ben Ode", "pending"),
    ]
