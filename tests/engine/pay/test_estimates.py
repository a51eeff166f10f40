"""Estimates and the line readings (issue 16): a call not yet worked assumes its meals are
given on time, and every line reads as a person would check it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from stagedoor.engine.pay.rules import Call, PayRules, compute_pay

BERLIN = ZoneInfo("Europe/Berlin")
# 6 penalties of 25.00 on an 8-hour call without a meal is what made estimates 29 % high.
RULES = PayRules(meal_penalty=D(25))


def at(hour: int, minute: int = 0, day: int = 4) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


def call(start, end, rate="15.00", unit="hour", *, estimate=True, breaks=(), key="a"):
    return Call(key, start, end, D(rate), unit, "EUR", "Europe/Berlin", breaks, estimate=estimate)


def rows(result):
    return [(line.kind, line.reads) for line in result.lines]


def test_an_estimated_eight_hour_call_has_no_meal_penalties():
    result = compute_pay([call(at(9), at(17))], RULES)
    assert rows(result) == [("straight", "8 h x 15.00 = 120.00")]
    assert result.total_for("a") == D("120.00")


def test_an_estimated_overtime_call():
    # 08:00-18:00: 8 h straight, then 2 h at 1.5 x 15.00.
    result = compute_pay([call(at(8), at(18))], RULES)
    assert rows(result) == [
        ("straight", "8 h x 15.00 = 120.00"),
        ("overtime", "2 h x 22.50 = 45.00"),
    ]
    assert result.total_for("a") == D("165.00")


def test_an_estimated_day_rate_call():
    result = compute_pay([call(at(9), at(18), rate="280.00", unit="day")], RULES)
    assert rows(result) == [("day-rate", "1 day x 280.00 = 280.00")]
    # Past the 10 hours a day covers: the hourly equivalent at the first overtime rate.
    long = compute_pay([call(at(8), at(20), rate="280.00", unit="day")], RULES)
    assert rows(long) == [
        ("day-rate", "1 day x 280.00 = 280.00"),
        ("overtime", "2 h x 42.00 = 84.00"),
    ]


def test_the_minimum_call_tops_up_a_short_estimate():
    result = compute_pay([call(at(9), at(11, 30))], RULES)
    assert rows(result) == [
        ("straight", "2.5 h x 15.00 = 37.50"),
        ("minimum-call", "1.5 h x 15.00 = 22.50"),
    ]


def test_a_flat_fee_reads_as_one_fee():
    result = compute_pay([call(at(9), at(17), rate="300.00", unit="flat")], RULES)
    assert rows(result) == [("flat", "1 flat fee x 300.00 = 300.00")]


def test_worked_times_with_a_late_meal_are_still_charged():
    # Worked 08:00-17:00 with the meal at 14:00-14:30: due 13:00, so two started half
    # hours late (13:00-14:00) cost 2 x 25.00. 8.5 h worked: 8 h straight, 0.5 h at 1.5x.
    worked = call(at(8), at(17), estimate=False, breaks=((at(14), at(14, 30)),))
    result = compute_pay([worked], RULES)
    assert rows(result) == [
        ("straight", "8 h x 15.00 = 120.00"),
        ("overtime", "0.5 h x 22.50 = 11.25"),
        ("meal-penalty", "2 meal penalties x 25.00 = 50.00"),
    ]
    assert result.total_for("a") == D("181.25")


def test_late_cancellations_read_by_unit():
    rules = PayRules()
    hourly = Call("h", at(9), at(17), D("15.00"), "hour", "EUR", "Europe/Berlin", (), True)
    day = Call("d", at(9), at(17, day=5), D("280.00"), "day", "EUR", "Europe/Berlin", (), True)
    assert [line.reads for line in compute_pay([hourly, day], rules).lines] == [
        "4 h x 15.00 = 60.00",
        "1 day x 280.00 = 280.00",
    ]


def test_hours_with_a_long_tail_read_as_hours_and_minutes():
    from decimal import Decimal

    from stagedoor.engine.pay.reading import reading

    def line(hours: str) -> str:
        return reading(
            kind="straight",
            unit="hour",
            hours=Decimal(hours),
            quantity=Decimal(hours),
            multiplier=Decimal(1),
            rate=Decimal("20.00"),
            amount=(Decimal(hours) * 20).quantize(Decimal("0.01")),
        )

    assert [line("6.0833"), line("2.5"), line("8"), line("0.25")] == [
        "6 h 05 min x 20.00 = 121.67",
        "2.5 h x 20.00 = 50.00",
        "8 h x 20.00 = 160.00",
        "0.25 h x 20.00 = 5.00",
    ]
