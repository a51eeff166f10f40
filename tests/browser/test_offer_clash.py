"""Offers that clash, in a real browser: a manager offers from Find crew and sees the row
marked; the worker accepts one offer and the clashing one leaves her inbox."""

import datetime as dt
from decimal import Decimal

import pytest

from stagedoor.booking import services
from stagedoor.booking.models import Offer
from stagedoor.industry.models import Role
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    UserFactory,
    WorkerFactory,
    give_role,
    show_world,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_offer_from_find_crew_then_accept_withdraws_the_clash(live_server, page, log_in):
    world = show_world(
        org={"name": "Spree Kultur"},
        venue={"name": "Kraftwerk", "latitude": 52.5106, "longitude": 13.4224},
        show={"artist": "Mara Quinn"},
        manager="vera",
        password="backstage-pass",
    )
    show = world["show"]
    start = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
    load_in, rigging = (
        PositionFactory(
            show=show,
            role=Role.objects.get(slug="rigger"),
            level="mid",
            headcount=1,
            title=title,
            call_start=start + dt.timedelta(hours=shift),
            call_end=start + dt.timedelta(hours=shift + 5),
            pay_amount=Decimal("300.00"),
            pay_unit="day",
            currency="EUR",
        )
        for title, shift in (("Load-in", 0), ("Rigging", 3))
    )
    ana = WorkerFactory(
        display_name="Ana Ruiz", slug="ana", latitude=52.5106, longitude=13.4224,
        user=UserFactory(username="ana", password="backstage-pass"),
    )  # fmt: skip
    give_role(ana, "rigger", "senior")
    ben = WorkerFactory(display_name="Ben Ode", slug="ben", latitude=52.51, longitude=13.42)
    give_role(ben, "rigger", "mid")

    log_in("vera")
    page.goto(f"{live_server.url}/manage/positions/{load_in.pk}/crew/")
    row = page.locator("tr[data-worker=ana]")
    row.locator("button:has-text('Offer')").click()
    # Only Ana's row swaps (htmx): marked, with no second Offer or Hold button, in place.
    page.wait_for_selector("tr[data-worker=ana] >> text=Offer sent")
    assert page.url.endswith(f"/manage/positions/{load_in.pk}/crew/")
    names = page.locator("table.candidates tbody tr td:nth-child(2) a").all_inner_texts()
    assert names == ["Ana Ruiz", "Ben Ode"]
    row = page.locator("tr[data-worker=ana]")
    assert "offered this call, waiting for an answer" in row.inner_text()
    assert row.locator("button").count() == 0
    assert page.locator("tr[data-worker=ben] button").all_inner_texts() == ["Offer", "Hold"]
    # Read again, the list ranks the offered below everyone else.
    page.reload()
    names = page.locator("table.candidates tbody tr td:nth-child(2) a").all_inner_texts()
    assert names == ["Ben Ode", "Ana Ruiz"]
    page.locator("tr[data-worker=ben] button:has-text('Hold')").click()
    page.wait_for_selector("tr[data-worker=ben] >> text=On hold #1")
    assert page.locator("tr[data-worker=ben] button").all_inner_texts() == ["Offer"]
    assert "1st hold on this call" in page.locator("tr[data-worker=ben]").inner_text()

    # On Find crew for the overlapping Rigging call, Ana's pending offer reads as a clash.
    page.goto(f"{live_server.url}/manage/positions/{rigging.pk}/crew/")
    assert "which clashes with this call" in page.locator("tr[data-worker=ana]").inner_text()
    clash = services.offer_send(actor=world["manager"], position=rigging, worker=ana)
    mine = Offer.objects.get(position=load_in, worker=ana)

    log_in("ana")
    page.click("nav >> text=Inbox")
    assert page.locator(f"#offer-{clash.pk}").count() == 1
    page.locator(f"#offer-{mine.pk} button:has-text('Accept')").click()
    page.wait_for_selector("text=Booked: Load-in. It is on your schedule and calendar.")
    assert page.locator(f"#offer-{clash.pk}").count() == 0
    assert "Offer withdrawn: you took Load-in, Mara Quinn at Kraftwerk" in page.content()
    clash.refresh_from_db()
    assert clash.status == "withdrawn"
