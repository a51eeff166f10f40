import pytest

from tests.factories import (
    YEAR,
    BookingFactory,
    PositionFactory,
    WorkerFactory,
    manager_of,
    show_world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_venue_manager_reads_a_visiting_show_and_exports_payroll(
    live_server, page, catalog, log_in
):
    world = show_world(
        org={"name": "Sightline Production"},
        venue={"name": "Riverside Hall", "organisation__name": "Riverside Venues"},
        show={"artist": "Mara Quinn", "slug": "mara"},
        manager="parker",
    )
    manager_of(world["venue"].organisation, "vera", password="backstage-pass")
    position = PositionFactory(show=world["show"], headcount=2, title="Load-in")
    ada = WorkerFactory(display_name="Ada", phone="+49 1")
    ben = WorkerFactory(display_name="Ben", phone="+49 2")
    BookingFactory(position=position, worker=ada, is_crew_chief=True)
    BookingFactory(position=position, worker=ben)

    page.set_viewport_size({"width": 390, "height": 844})
    log_in("vera")
    page.goto(f"{live_server.url}/manage/")
    hosted = page.locator("#hosted-shows")
    assert "Mara Quinn" in hosted.inner_text()
    hosted.get_by_role("link", name="Crew").click()
    assert page.locator("#run-by").inner_text() == (
        "Sightline Production runs this show and staffs it. You see its crew as the venue; "
        "changes go through Sightline Production."
    )
    assert page.locator("main form").count() == 0
    page.get_by_role("link", name="Call sheet").click()
    assert page.locator("a.phone").all_inner_texts() == ["+49 1"]
    assert "+49 2" not in page.content()

    page.goto(f"{live_server.url}/manage/")
    riverside = page.locator("section", has_text="Riverside Venues")
    riverside.get_by_role("button", name="Payroll").click()
    page.fill("input[name=from]", f"{YEAR}-12-31")
    page.fill("input[name=to]", f"{YEAR}-12-01")
    page.click("button:has-text('Show')")
    assert page.locator("#period-errors").inner_text() == (
        "Nothing to export: To: The end date must not be before the start date."
    )
    page.fill("input[name=from]", f"{YEAR}-12-01")
    page.fill("input[name=to]", f"{YEAR}-12-31")
    page.click("button:has-text('Show')")
    assert page.locator("text=Download CSV").count() == 1
