import datetime as dt
from decimal import Decimal

import pytest

from stagedoor.industry.catalog_sync import sync_catalog
from stagedoor.industry.models import Certification, Role, Skill
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    WorkerFactory,
    give_role,
    show_world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_ranks_crew_and_asks_why_not(live_server, page, log_in):
    sync_catalog(Skill, Certification, Role)
    show = show_world(
        org={"name": "Spree Kultur"},
        venue={"latitude": 52.5106, "longitude": 13.4224},
        manager="vera",
        password="backstage-pass",
    )["show"]
    start = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
    position = PositionFactory(
        show=show, role=Role.objects.get(slug="rigger"), level="mid", headcount=2,
        call_start=start, call_end=start + dt.timedelta(hours=5),
        pay_amount=Decimal("300.00"), pay_unit="day", currency="EUR",
    )  # fmt: skip
    for name, level, km in (("Ana Ruiz", "senior", 0.05), ("Ben Ode", "mid", 0.2)):
        w = WorkerFactory(display_name=name, latitude=52.5106 + km, longitude=13.4224)
        give_role(w, "rigger", level)
    junior = WorkerFactory(display_name="Cleo Park", latitude=52.52, longitude=13.42)
    give_role(junior, "rigger", "entry")

    log_in("vera")
    page.goto(f"{live_server.url}{show.get_absolute_url()}")
    page.click("text=Edit show and crew call")
    page.click(f"#position-{position.pk} >> text=Find crew")
    page.wait_for_selector("h1:has-text('Find crew')")
    names = page.locator("table.candidates tbody tr td:nth-child(2) a").all_inner_texts()
    assert names == ["Ana Ruiz", "Ben Ode"]
    first_reasons = page.locator("table.candidates tbody tr").first.inner_text()
    assert "senior Rigger (needs mid)" in first_reasons
    assert "6 km from the venue" in first_reasons

    page.fill("input[name=why_not]", "Cleo")
    page.click("button:has-text('Update')")
    page.wait_for_selector("#why-not")
    assert page.locator("#why-not").inner_text() == (
        "Why not Cleo Park?\nis entry Rigger; the position needs mid"
    )
