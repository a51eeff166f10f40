"""Live market facts on a role page, on a constructed world."""

from decimal import Decimal

import pytest
from django.utils import timezone

from stagedoor.careers.selectors.market import role_market
from stagedoor.industry.models import Role
from tests.factories import WorkerFactory

from .world import credit, month_day, position_at, show_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    audio = Role.objects.get(slug="audio-tech")
    # Open calls this month and in two months, one far in the past year, a draft.
    position_at(month_day(1, 3), "audio-tech", pay="30.00")
    position_at(month_day(1, 20), "audio-tech", pay="34.00")
    position_at(month_day(3, 5), "audio-tech", pay="260.00", unit="day")
    position_at(-40, "audio-tech", pay="26.00")  # recent, no longer open
    position_at(-400, "audio-tech", pay="99.00")  # older than a year
    position_at(month_day(2, 5), "audio-tech", show=show_at(month_day(2, 5), status="draft"))
    position_at(month_day(2, 5), "audio-tech", pay="300.00", unit="day", currency="USD")
    # Careers from credits: two people came up from stagehand, one from runner via
    # stagehand, one went on to FOH; back-and-forth counts once per person.
    a, b, c, d = (WorkerFactory() for _ in range(4))
    for worker, history in (
        (a, ["stagehand", "audio-tech", "foh-engineer"]),
        (b, ["stagehand", "stagehand", "audio-tech", "stagehand", "audio-tech"]),
        (c, ["runner", "stagehand"]),
        (d, ["monitor-engineer", "audio-tech"]),
    ):
        for n, role in enumerate(history):
            credit(worker, role, 500 - 50 * n)
    return audio


def test_market_facts_are_exact(world):
    market = role_market(world)
    assert market.open_positions == 4
    assert [(p.unit, p.currency, p.low, p.median, p.high, p.positions) for p in market.pay] == [
        ("hour", "EUR", Decimal("26.00"), Decimal("30.00"), Decimal("34.00"), 3),
        ("day", "EUR", Decimal("260.00"), Decimal("260.00"), Decimal("260.00"), 1),
        ("day", "USD", Decimal("300.00"), Decimal("300.00"), Decimal("300.00"), 1),
    ]
    assert [n for _, n in market.demand] == [0, 2, 1, 1, 0, 0]
    assert market.demand[0][0] == timezone.localdate().replace(day=1)
    assert [(r.slug, n) for r, n in market.came_from] == [
        ("stagehand", 2),
        ("monitor-engineer", 1),
    ]
    assert [(r.slug, n) for r, n in market.went_to] == [("foh-engineer", 1), ("stagehand", 1)]


def test_the_role_page_shows_them_with_a_link_to_plan_the_path(client, world):
    html = client.get("/roles/audio-tech/").content.decode()
    assert '<dd id="market-open">4</dd>' in html
    assert "€26.00–€34.00 an hour <small>(median €30.00, 3 positions)</small>" in html
    link = '<a href="/careers/audio-tech/" role="button" class="outline" id="plan-path">'
    assert f"{link}Plan my path to Audio Technician</a>" in html
    assert '<a href="/roles/stagehand/">Stagehand</a> (2)' in html


def test_the_role_page_makes_the_same_queries_however_much_history(
    client, world, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES_ROLE_PAGE):
        client.get("/roles/audio-tech/")
    for n in range(3):
        w = WorkerFactory()
        credit(w, "lighting-tech", 90)
        credit(w, "audio-tech", 30 + n)
        position_at(month_day(4, 2 + n), "audio-tech")
    with django_assert_num_queries(QUERIES_ROLE_PAGE):
        html = client.get("/roles/audio-tech/").content.decode()
    assert '<dd id="market-open">7</dd>' in html


QUERIES_ROLE_PAGE = 10
