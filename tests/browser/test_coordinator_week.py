"""The coordinator's week with fill and alerts: a production manager opens /manage/ on a
laptop and on a phone and sees each show's fill, an offer about to expire and a booked
worker whose certificate lapses before the call."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from stagedoor.booking.models import Offer
from stagedoor.industry.models import Certification, Role
from stagedoor.people.models import WorkerCertification
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    PositionFactory,
    crew,
    show_world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinators_week_with_fill_and_alerts(live_server, page, catalog, log_in):
    world = show_world(
        org={"name": "Sightline Production"},
        venue={"name": "Riverside Hall"},
        show={"artist": "Mara Quinn", "slug": "mara", "labour_budget": Decimal("200")},
        manager="parker",
        password="backstage-pass",
    )
    people = crew(("Ada", "Ben", "Cleo"))
    load_in = PositionFactory(show=world["show"], headcount=3, title="Load-in")
    sound = PositionFactory(
        show=world["show"],
        title="Sound",
        role=Role.objects.get(slug="audio-tech"),
        headcount=1,
        call_start=dt.datetime(YEAR, 12, 4, 15, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 20, 0, tzinfo=BERLIN),
    )
    arena = Certification.objects.get(slug="etcp-rigger-arena")
    sound.required_certifications.set([arena])
    BookingFactory(position=load_in, worker=people["ada"])
    BookingFactory(position=sound, worker=people["cleo"])
    WorkerCertification.objects.create(
        worker=people["cleo"],
        certification=arena,
        issued_on=dt.date(YEAR - 5, 12, 1),
        expires_on=dt.date(YEAR, 12, 1),
    )
    Offer.objects.create(
        position=load_in, worker=people["ben"], expires_at=timezone.now() + dt.timedelta(hours=5)
    )

    log_in("parker")
    page.goto(f"{live_server.url}/manage/?start={YEAR}-11-30")
    row = page.locator("table.week-shows tr", has_text="Mara Quinn")
    assert row.locator("td").nth(2).inner_text().splitlines() == ["2 of 4", "2 open"]
    assert row.locator("td").nth(3).inner_text() == "Audio 1 of 1 · Staging & carpentry 1 of 3"
    # Ada and Cleo 5 h x 28 = 140 each, two open load-in seats 140 each.
    assert row.locator("td").nth(4).inner_text() == "560 EUR"
    assert row.locator("td").nth(5).inner_text() == "360 EUR over the 200 EUR budget"
    expiring = page.locator("#expiring-offers li").all_inner_texts()
    assert len(expiring) == 1
    assert expiring[0].startswith("Ben, Load-in, Mara Quinn at Riverside Hall, Fri 4 Dec 09:00")
    assert "expires in 4 h" in expiring[0]
    assert page.locator("#lapsing-certs li").all_inner_texts() == [
        f"Cleo's ETCP Certified Rigger - Arena runs out Tue 1 Dec {YEAR}, before Sound, "
        "Mara Quinn at Riverside Hall, Fri 4 Dec 15:00 CET · Board"
    ]
    page.locator("#expiring-offers").get_by_role("link", name="Board").click()
    assert page.url.endswith("/shows/mara/staffing/")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/manage/?start={YEAR}-11-30")
    assert page.locator("#lapsing-certs li").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
