from decimal import Decimal

import pytest

from stagedoor.engine.studio.fit import Brief, Quote, fit, price_fit, project_price, rank

# A 10-song mix with 6,500 USD to spend: 650 a song, or 650 a day over ten days.
BRIEF = Brief(
    budget=Decimal("6500"),
    currency="USD",
    songs=10,
    genres=frozenset({"indie", "rock"}),
    days_left=20,
    revisions=2,
)


def quote(key="a", **over) -> Quote:
    values = dict(
        key=key,
        price=Decimal("600"),
        unit="song",
        currency="USD",
        turnaround_days=10,
        revisions=2,
        credits=3,
        genres=frozenset({"rock"}),
        portfolio=1,
        in_progress=1,
    )
    values.update(over)
    return Quote(**values)


def test_project_price_in_each_unit():
    assert project_price(quote(unit="song"), BRIEF) == Decimal("6000.00")
    assert project_price(quote(unit="day", price=Decimal("1600")), BRIEF) == Decimal("16000.00")
    assert project_price(quote(unit="project", price=Decimal("5900")), BRIEF) == Decimal("5900.00")
    no_songs = Brief(Decimal("900"), "USD", 0, frozenset(), 10, 1)
    assert project_price(quote(unit="song"), no_songs) is None


def test_price_fit_falls_to_nothing_at_half_over_budget():
    budget = Decimal("1000")
    assert price_fit(Decimal("400"), budget) == 1
    assert price_fit(Decimal("1000"), budget) == 1
    assert price_fit(Decimal("1250"), budget) == Decimal("0.5")
    assert price_fit(Decimal("1500"), budget) == 0
    assert price_fit(Decimal("9000"), budget) == 0
    assert price_fit(None, budget) == 0


def test_a_day_rate_far_over_budget_ranks_below_a_song_rate_within_it():
    # The complaint: 1,600 a day ranked second on a 650 budget, as if it fitted.
    cheap = quote("cheap")
    dear = quote(
        "dear",
        price=Decimal("1600"),
        unit="day",
        credits=9,
        genres=frozenset({"indie", "rock"}),
        portfolio=4,
        in_progress=0,
    )
    fits = rank([dear, cheap], BRIEF)
    assert [f.key for f in fits] == ["cheap", "dear"]
    a, b = fits
    # 0.40 price + 0.20*3/5 + 0.15*1/2 + 0.10*1/3 + 0.15*1/2
    assert a.score == Decimal("0.7033")
    assert a.total == Decimal("6000.00")
    assert a.budget_in_unit == Decimal("650.00")
    assert a.over_budget == Decimal("0")
    assert a.genres_matched == ("rock",)
    # 0 price + 0.20 + 0.15 + 0.10 + 0.15
    assert b.score == Decimal("0.6000")
    assert b.total == Decimal("16000.00")
    assert b.budget_in_unit == Decimal("650.00")  # the budget per day over its ten days
    assert b.over_budget == Decimal("9500.00")
    assert b.parts["price"] == 0


def test_workload_counts_projects_in_progress_not_hours():
    idle = fit(quote("idle", in_progress=0), BRIEF)
    busy = fit(quote("busy", in_progress=3), BRIEF)
    assert idle.parts["workload"] == 1
    assert busy.parts["workload"] == Decimal("0.25")
    assert idle.score - busy.score == Decimal("0.1125")


def test_late_quotes_rank_after_on_time_ones_whatever_their_score():
    late = quote("late", turnaround_days=21, credits=5, portfolio=3, in_progress=0)
    weak = quote("weak", credits=0, portfolio=0, in_progress=4, genres=frozenset())
    fits = rank([late, weak], BRIEF)
    assert [(f.key, f.on_time) for f in fits] == [("weak", True), ("late", False)]
    assert fits[1].score > fits[0].score


def test_other_currency_is_not_compared_with_the_budget():
    euro = fit(quote(currency="EUR"), BRIEF)
    assert euro.comparable is False
    assert euro.parts["price"] == 0
    assert euro.budget_in_unit is None
    assert euro.over_budget is None
    assert euro.total == Decimal("6000.00")


def test_short_revisions_and_ties_break_on_price_then_key():
    assert fit(quote(revisions=0), BRIEF).short_revisions == 2
    assert fit(quote(revisions=5), BRIEF).short_revisions == 0
    one = quote("b", price=Decimal("300"))
    two = quote("a", price=Decimal("310"))
    same = quote("c", price=Decimal("300"))
    assert [f.key for f in rank([two, same, one], BRIEF)] == ["b", "c", "a"]


def test_unknown_unit_is_a_programming_error():
    with pytest.raises(ValueError):
        project_price(quote(unit="hour"), BRIEF)
