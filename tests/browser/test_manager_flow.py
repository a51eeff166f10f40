import pytest

from stagedoor.gigs.models import Position, Show
from tests.factories import YEAR, show_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_creates_a_show_with_two_positions(live_server, page, catalog, log_in):
    # `catalog` is the shared fixture (tests/conftest.py): the flushed database gets the
    # shipped catalog back. The manager creates the show, so the world stops before one.
    show_world(
        org={"slug": "northern-lights", "name": "Northern Lights Presents"},
        venue={"name": "Kraftwerkhalle", "slug": "kraftwerk"},
        with_show=False,
        manager="pat",
        password="backstage-pass",
    )

    log_in("pat")
    page.click("text=Manage")
    page.click("text=New show")

    page.select_option("select[name=venue]", label="Kraftwerkhalle, Berlin")
    page.fill("input[name=artist]", "Juniper Static")
    page.fill("input[name=date]", f"{YEAR}-12-11")
    page.fill("input[name=doors]", "19:00")
    page.fill("input[name=show_time]", "20:00")
    page.select_option("select[name=status]", "published")
    page.click("button:has-text('Create show')")
    page.wait_for_selector("text=Show created: Juniper Static")

    positions = [
        ("foh-engineer", "senior", "1", f"{YEAR}-12-11T14:00", f"{YEAR}-12-11T23:30", "450", "day"),
        ("stagehand", "entry", "6", f"{YEAR}-12-11T09:00", f"{YEAR}-12-11T14:00", "28", "hour"),
    ]
    for role, level, headcount, start, end, pay, unit in positions:
        page.click("text=Add position")
        page.select_option("select[name=role]", role)
        page.select_option("select[name=level]", level)
        page.fill("input[name=headcount]", headcount)
        page.fill("input[name=call_start]", start)
        page.fill("input[name=call_end]", end)
        page.fill("input[name=pay_amount]", pay)
        page.select_option("select[name=pay_unit]", unit)
        page.fill("input[name=currency]", "EUR")
        page.click("button:has-text('Save position')")
        page.wait_for_selector("text=Position saved.")

    page.click("text=View public page")
    page.wait_for_selector("h1:has-text('Juniper Static')")
    rows = page.locator("table.crew-call tbody tr").all_inner_texts()
    assert rows == [
        "Stagehand\nLocal crew (hired in each city)"
        "\t6\tFri 11 Dec 09:00–14:00 CET\t€28.00 an hour\t",
        "Front of House Engineer\nLocal crew (hired in each city)"
        "\t1\tFri 11 Dec 14:00–23:30 CET\t€450.00 a day\t",
    ]

    show = Show.objects.get()
    assert (show.artist, show.status) == ("Juniper Static", "published")
    assert sorted(Position.objects.values_list("role__slug", "headcount")) == [
        ("foh-engineer", 1),
        ("stagehand", 6),
    ]
    # The public sees it without logging in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{show.get_absolute_url()}")
    assert page.locator("table.crew-call tbody tr").count() == 2
