"""The income forecast on constructed earnings (pure engine: fixed dates, no clock)."""

import datetime as dt
from decimal import Decimal

import pytest

from stagedoor.engine.months import add_months, month_start
from stagedoor.engine.pay.income import (
    Earning,
    coefficient_of_variation,
    forecast,
    tour_earnings,
)

D = Decimal


def _earnings():
    return [
        Earning(dt.date(2026, 1, 5), D("300.00")),
        Earning(dt.date(2026, 1, 6), D("200.00")),
        Earning(dt.date(2026, 2, 10), D("400.00"), "offer"),
        Earning(dt.date(2026, 3, 31), D("1000.00")),
        Earning(dt.date(2026, 4, 1), D("999.00")),  # after the horizon
        Earning(dt.date(2025, 12, 31), D("50.00")),  # before it
    ]


def test_months_gaps_variability_and_savings_target():
    f = forecast(
        _earnings(),
        start=dt.date(2026, 1, 15),
        months=3,
        monthly_expenses=D("800"),
        cushion_months=1,
    )
    assert [(m.start, m.end) for m in f.months] == [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
    ]
    assert [(m.booked, m.offers, m.expected, m.gap) for m in f.months] == [
        (D("500.00"), D("0.00"), D("500.00"), D("300.00")),
        (D("0.00"), D("400.00"), D("200.00"), D("600.00")),
        (D("1000.00"), D("0.00"), D("1000.00"), D("0.00")),
    ]
    assert [m.start for m in f.gap_months] == [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert f.total_expected == D("1700.00")
    assert f.total_gap == D("900.00")
    # Mean 566.67, population standard deviation 329.98.
    assert f.variability == D("0.5823")
    # The gaps (900) plus one month of expenses (800) in reserve.
    assert f.savings_target == D("1700.00")
    assert f.savings_months == D("2.13")


def test_weeks_run_monday_to_sunday_across_the_whole_horizon():
    f = forecast(_earnings(), start=dt.date(2026, 1, 15), months=3)
    assert len(f.weeks) == 14
    assert (f.weeks[0].start, f.weeks[0].end) == (dt.date(2025, 12, 29), dt.date(2026, 1, 4))
    assert (f.weeks[-1].start, f.weeks[-1].end) == (dt.date(2026, 3, 30), dt.date(2026, 4, 5))
    assert [(w.start, w.expected) for w in f.weeks if w.expected] == [
        (dt.date(2026, 1, 5), D("500.00")),
        (dt.date(2026, 2, 9), D("200.00")),
        (dt.date(2026, 3, 30), D("1000.00")),
    ]
    # The December earning is before the horizon even though its week is in it.
    assert f.weeks[0].booked == D("0.00")


def test_no_expenses_no_gaps_and_offer_weight_is_a_parameter():
    f = forecast(_earnings(), start=dt.date(2026, 1, 1), months=3, offer_weight=D("1"))
    assert [m.expected for m in f.months] == [D("500.00"), D("400.00"), D("1000.00")]
    assert f.gap_months == ()
    assert f.savings_target == D("0.00")
    assert f.savings_months is None


def test_what_if_a_tour_fills_a_gap_and_a_month_off_opens_one():
    tour = tour_earnings(dt.date(2026, 2, 27), dt.date(2026, 3, 2), D("250.00"))
    assert [e.day for e in tour] == [
        dt.date(2026, 2, 27),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 2),
    ]
    f = forecast(
        [*_earnings(), *tour], start=dt.date(2026, 1, 1), months=3, monthly_expenses=D("800")
    )
    assert [(m.what_if, m.expected, m.gap) for m in f.months] == [
        (D("0.00"), D("500.00"), D("300.00")),
        (D("500.00"), D("700.00"), D("100.00")),
        (D("500.00"), D("1500.00"), D("0.00")),
    ]
    assert f.savings_target == D("400.00")
    off = forecast(
        _earnings(),
        start=dt.date(2026, 1, 1),
        months=3,
        monthly_expenses=D("800"),
        skip_months=[dt.date(2026, 3, 10)],
    )
    assert [m.gap for m in off.months] == [D("300.00"), D("600.00"), D("800.00")]
    assert off.savings_target == D("1700.00")


def test_flat_income_has_no_variability_and_no_income_has_none():
    assert coefficient_of_variation([D("100"), D("100")]) == D("0.0000")
    assert coefficient_of_variation([D("0"), D("0")]) is None
    assert coefficient_of_variation([]) is None
    f = forecast([], start=dt.date(2026, 11, 3), months=2, monthly_expenses=D("1000.50"))
    assert [m.start for m in f.months] == [dt.date(2026, 11, 1), dt.date(2026, 12, 1)]
    assert f.variability is None
    assert f.savings_target == D("2001.00")


def test_month_start_crosses_years():
    assert month_start(dt.date(2026, 11, 20), 3) == dt.date(2027, 2, 1)
    assert month_start(dt.date(2026, 1, 31), -1) == dt.date(2025, 12, 1)


def test_add_months_keeps_the_day_or_clamps_to_the_month_end():
    assert add_months(dt.date(2026, 11, 20), 3) == dt.date(2027, 2, 20)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 3, 31), -13) == dt.date(2025, 2, 28)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"monthly_expenses": D("-1")}, "expenses: must not be negative"),
        ({"months": 0}, "months: must be between 1 and 12"),
        ({"offer_weight": D("1.5")}, "offer_weight: must be between 0 and 1"),
        ({"cushion_months": -1}, "cushion_months: must be between 0 and 24"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(kwargs, message):
    with pytest.raises(ValueError) as err:
        forecast([], start=dt.date(2026, 1, 1), **kwargs)
    assert str(err.value) == message


def test_a_tour_must_not_end_before_it_starts():
    with pytest.raises(ValueError) as err:
        tour_earnings(dt.date(2026, 3, 2), dt.date(2026, 3, 1), D("250"))
    assert str(err.value) == "tour_end: must not be before the tour's first day"
