"""The hiring hall in a real browser: a venue requests 6 stagehands with one by name; the
dispatcher dispatches; two pass and one declines; the call fills in list order, and a
registrant passed over reads why."""

import pytest

from stagedoor.booking.models import Booking
from tests.hall.world import hall_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_a_call_request_fills_in_list_order(live_server, page, log_in):
    hall = hall_world(password="backstage-pass")
    position = hall["position"]

    # The venue's manager sends the union call to the hall from the show page, Jo by name.
    log_in("vera")
    page.goto(f"{live_server.url}/manage/shows/mara/")
    page.get_by_role("link", name="Union hall").click()
    # The by-name list folds away, so Send sits near the top on a phone.
    assert not page.get_by_label("Jo").is_visible()
    page.get_by_text("Ask for people by name (optional)").click()
    page.get_by_label("Jo").check()
    page.get_by_role("button", name="Send to Lakeshore Stagehands, Local 88").click()
    assert page.locator("#request-status").inner_text() == (
        "0 of 6 booked · 6 seats still to offer · by name: Jo"
    )

    # The dispatcher sees who is next and dispatches with one action.
    log_in("dana")
    page.get_by_role("link", name="Dispatch desk").click()
    assert page.locator(".next-in-line").inner_text() == "Jo, Ana, Bo, Cy, Di, Ed"
    page.get_by_role("button", name="Dispatch this call").click()
    assert "6 offers sent" in page.locator(".messages").inner_text()

    answers = {
        "ana": "Pass: not this call",
        "bo": "Pass: not this call",
        "cy": "Decline: not available today",
        "di": "Accept",
        "ed": "Accept",
        "jo": "Accept",
    }
    for name, button in answers.items():
        log_in(name)
        page.goto(f"{live_server.url}/hall/me/")
        page.get_by_role("button", name=button).click()
        page.wait_for_load_state()
    assert page.locator(".messages").inner_text() == "Accepted: you are booked."

    # The next run goes on down the list: group A is done, so group B in order.
    log_in("dana")
    page.goto(f"{live_server.url}/hall/local-88/")
    assert page.locator(".next-in-line").inner_text() == "Flo, Gus, Hal"
    page.get_by_role("button", name="Dispatch this call").click()
    for name in ("flo", "gus", "hal"):
        log_in(name)
        page.goto(f"{live_server.url}/hall/me/")
        page.get_by_role("button", name="Accept").click()
        page.wait_for_load_state()
    booked = Booking.objects.filter(position=position).order_by("offer__created_at", "pk")
    assert [b.worker.display_name for b in booked] == ["Jo", "Di", "Ed", "Flo", "Gus", "Hal"]

    # The employer sees the call filled; Ivy, next after Hal, reads why she was passed over.
    log_in("vera")
    page.goto(f"{live_server.url}/hall/calls/{position.pk}/")
    assert page.locator("#request-status").inner_text().startswith("6 of 6 booked")
    log_in("ivy")
    page.goto(f"{live_server.url}/hall/me/")
    assert (
        page.locator(".hall-passed li")
        .inner_text()
        .endswith("List order: 8 people ahead of you were available. 1 seat went by name.")
    )
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") == 390
