"""The crew pay-rules engine: hand-worked examples, then a Hypothesis check against a
minute-by-minute reference. Plain pytest, no database."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stagedoor.engine.pay.rules import Call, PayRules, compute_pay, validate_call, validate_rules

UTC = ZoneInfo("UTC")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
RULES = PayRules()


def at(day: int, hour: int, minute: int = 0, *, month: int = 5, tz=UTC) -> datetime:
    """A moment in 2026 (May by default), in `tz`."""
    return datetime(2026, month, day, hour, minute, tzinfo=tz)


def call(key, start, end, rate="40", unit="hour", *, breaks=(), cancelled=False, cur="USD"):
    zone = start.tzinfo.key if isinstance(start.tzinfo, ZoneInfo) else "UTC"
    return Call(key, start, end, D(rate), unit, cur, zone, tuple(breaks), cancelled)


def summary(result):
    """(key, kind, hours, multiplier, amount) per line, enough to pin the arithmetic."""
    return [(ln.key, ln.kind, ln.hours, ln.multiplier, ln.amount) for ln in result.lines]


# 1. Straight time and the minimum call ------------------------------------------------


def test_six_hour_call_is_all_straight():
    # 09:00-15:00 = 6h x 40 = 240.00
    result = compute_pay([call("a", at(4, 9), at(4, 15))], RULES)
    assert summary(result) == [("a", "straight", D(6), D(1), D("240.00"))]
    assert result.totals == {"USD": D("240.00")}
    assert result.worked_hours == {"a": D(6)}
    assert result.lines[0].note == "hours 0-6 of workday 2026-05-04 at straight rate"


def test_notes_name_the_workday_as_the_caller_writes_days():
    calls = [call("a", at(4, 9), at(4, 19)), call("b", at(5, 9), at(5, 12), "300", "day")]
    result = compute_pay(calls, RULES, day_name=lambda d: f"{d:%a} {d.day} {d:%b}")
    assert [line.note for line in result.lines] == [
        "hours 0-8 of workday Mon 4 May at straight rate",
        "hours 8-10 of workday Mon 4 May at 1.5x",
        "day rate for workday Tue 5 May, covers 10h",
    ]


def test_short_call_is_padded_to_the_minimum():
    # 2h worked x 40 = 80; minimum call 4h, so 2h more at straight rate = 80; total 160.00
    result = compute_pay([call("a", at(4, 9), at(4, 11))], RULES)
    assert summary(result) == [
        ("a", "straight", D(2), D(1), D("80.00")),
        ("a", "minimum-call", D(2), D(1), D("80.00")),
    ]
    assert result.total_for("a") == D("160.00")


def test_minimum_call_padding_does_not_count_toward_overtime():
    # A 2h call padded to 4h, then 7h: the workday has 9 worked hours, not 11.
    # first: 2h x 40 + 2h pad x 40 = 160; second: hours 2-8 straight (6h x 40 = 240) and
    # hours 8-9 at 1.5 (1h x 60 = 60) -> 300; total 460.00
    calls = [call("a", at(4, 8), at(4, 10)), call("b", at(4, 12), at(4, 19))]
    result = compute_pay(calls, RULES)
    assert summary(result) == [
        ("a", "straight", D(2), D(1), D("80.00")),
        ("a", "minimum-call", D(2), D(1), D("80.00")),
        ("b", "straight", D(6), D(1), D("240.00")),
        ("b", "overtime", D(1), D("1.5"), D("60.00")),
    ]
    assert result.totals["USD"] == D("460.00")


def test_line_amounts_round_half_up_to_cents():
    # 30 minutes at 10.05 = 5.025 -> 5.03 (half-even would give 5.02)
    rules = PayRules(min_call_hours=D(0))
    result = compute_pay([call("a", at(4, 9), at(4, 9, 30), "10.05")], rules)
    assert summary(result) == [("a", "straight", D("0.5"), D(1), D("5.03"))]


# 2. Overtime within one long call -----------------------------------------------------


def test_fourteen_hour_call_with_a_meal_at_hour_five():
    # 08:00-23:00 with a meal 13:00-14:00: 14 worked hours.
    # hours 0-8 (08-13, 14-17) straight: 8 x 40 = 320
    # hours 8-12 (17-21) at 1.5:           4 x 60 = 240
    # hours 12-14 (21-23) at 2:            2 x 80 = 160     total 720.00
    c = call("a", at(4, 8), at(4, 23), breaks=[(at(4, 13), at(4, 14))])
    result = compute_pay([c], RULES)
    assert summary(result) == [
        ("a", "straight", D(8), D(1), D("320.00")),
        ("a", "overtime", D(4), D("1.5"), D("240.00")),
        ("a", "overtime", D(2), D(2), D("160.00")),
    ]
    assert result.lines[1].note == "hours 8-12 of workday 2026-05-04 at 1.5x"
    assert result.totals["USD"] == D("720.00")
    assert result.worked_hours["a"] == D(14)


def test_fourteen_hour_call_misses_its_second_meal():
    # The 13:00 meal was on time; the next was due 19:00 and never came:
    # 19:00-23:00 = 240 min = 8 started half hours -> 8 x 10 = 80; total 720 + 80 = 800.00
    c = call("a", at(4, 8), at(4, 23), breaks=[(at(4, 13), at(4, 14))])
    result = compute_pay([c], PayRules(meal_penalty=D(10)))
    meal = result.lines[-1]
    assert (meal.kind, meal.hours, meal.quantity, meal.rate) == ("meal-penalty", 0, 8, 10)
    assert meal.amount == D("80.00")
    assert result.totals["USD"] == D("800.00")


# 3. Several calls in one workday ------------------------------------------------------


def test_load_in_and_show_share_the_workday():
    # load-in 08-12 (4h, exactly the minimum) + show 18-24 (6h) = 10 worked hours.
    # load-in: 4 x 40 = 160; show: hours 4-8 straight 4 x 40 = 160, hours 8-10 at 1.5
    # 2 x 60 = 120. The 6h gap is a split day, so no turnaround. Total 440.00
    calls = [call("show", at(4, 18), at(5, 0)), call("load", at(4, 8), at(4, 12))]
    result = compute_pay(calls, RULES)
    assert summary(result) == [
        ("load", "straight", D(4), D(1), D("160.00")),
        ("show", "straight", D(4), D(1), D("160.00")),
        ("show", "overtime", D(2), D("1.5"), D("120.00")),
    ]
    assert result.total_for("show") == D("280.00")
    assert result.totals["USD"] == D("440.00")


# 4. Workday boundaries ----------------------------------------------------------------


def test_call_across_midnight_stays_in_its_workday():
    # 20:00-04:00 London time (BST, no clock change) = 8h, all in workday 4 May:
    # 8 x 40 = 320.00, nothing at overtime.
    result = compute_pay([call("a", at(4, 20, tz=LONDON), at(5, 4, tz=LONDON))], RULES)
    assert summary(result) == [("a", "straight", D(8), D(1), D("320.00"))]
    assert "workday 2026-05-04" in result.lines[0].note


def test_call_at_two_in_the_morning_stacks_on_the_previous_workday():
    # 18:00-24:00 on 4 May (6h) then 02:00-06:00 on 5 May, before the 06:00 workday start,
    # so both are workday 4 May: the second call is hours 6-8 straight (2 x 40 = 80)
    # and hours 8-10 at 1.5 (2 x 60 = 120). Same workday, so no turnaround either.
    calls = [call("a", at(4, 18), at(5, 0)), call("b", at(5, 2), at(5, 6))]
    result = compute_pay(calls, RULES)
    assert summary(result)[1:] == [
        ("b", "straight", D(2), D(1), D("80.00")),
        ("b", "overtime", D(2), D("1.5"), D("120.00")),
    ]
    assert result.lines[1].note == "hours 6-8 of workday 2026-05-04 at straight rate"
    assert result.totals["USD"] == D("440.00")


def test_call_at_the_workday_start_hour_opens_a_new_workday():
    # 05:00-06:00 is still workday 3 May; 06:00-07:00 starts workday 4 May.
    calls = [call("a", at(4, 5), at(4, 6)), call("b", at(4, 6), at(4, 7))]
    rules = PayRules(turnaround_hours=D(0), min_call_hours=D(0))
    notes = [ln.note for ln in compute_pay(calls, rules).lines]
    assert notes == [
        "hours 0-1 of workday 2026-05-03 at straight rate",
        "hours 0-1 of workday 2026-05-04 at straight rate",
    ]


# 5. Meal penalties --------------------------------------------------------------------

MEALS = PayRules(meal_penalty=D(25))


def test_missed_meal_costs_a_penalty_per_started_half_hour():
    # 09:00-17:00, no break; meal due 14:00. 14:00-17:00 is 6 started half hours:
    # 6 x 25 = 150; plus 8 x 40 = 320; total 470.00
    result = compute_pay([call("a", at(4, 9), at(4, 17))], MEALS)
    assert summary(result)[-1] == ("a", "meal-penalty", D(0), D(1), D("150.00"))
    assert result.lines[-1].quantity == 6
    assert result.totals["USD"] == D("470.00")


def test_missed_meal_with_interval_zero_is_one_penalty():
    # Same day, but one penalty per missed meal: 1 x 25 = 25; total 345.00
    rules = PayRules(meal_penalty=D(25), meal_penalty_interval_minutes=0)
    result = compute_pay([call("a", at(4, 9), at(4, 17))], rules)
    assert result.lines[-1].quantity == 1
    assert result.totals["USD"] == D("345.00")


def test_a_partial_interval_still_counts():
    # 09:00-14:10: 10 minutes past the 14:00 due time is one started half hour.
    result = compute_pay([call("a", at(4, 9), at(4, 14, 10))], MEALS)
    assert result.lines[-1].quantity == 1


def test_meal_break_in_time_means_no_penalty():
    # A 30-min meal 13:30-14:00 (at 4:30); next meal due 19:00, after the 17:00 end.
    # 7.5 worked hours x 40 = 300.00, no penalty line.
    c = call("a", at(4, 9), at(4, 17), breaks=[(at(4, 13, 30), at(4, 14))])
    result = compute_pay([c], MEALS)
    assert summary(result) == [("a", "straight", D("7.5"), D(1), D("300.00"))]


def test_short_break_does_not_reset_the_meal_clock():
    # A 20-min break 13:30-13:50 is unpaid but not a meal: the meal is still due 14:00,
    # 14:00-17:00 = 6 penalties = 150; worked 7h40m = 460 min x 40/60 = 306.666.. -> 306.67
    c = call("a", at(4, 9), at(4, 17), breaks=[(at(4, 13, 30), at(4, 13, 50))])
    result = compute_pay([c], MEALS)
    assert result.lines[0].hours == D("7.6667")
    assert result.lines[0].amount == D("306.67")
    assert result.lines[-1].quantity == 6
    assert result.totals["USD"] == D("456.67")


def test_late_meal_then_second_meal_clock_restarts():
    # 08:00-20:00, meal 14:00-14:30: due 13:00, so 13:00-14:00 = 2 penalties; the next
    # meal is due 19:30 and the call ends 20:00: 1 more. 3 x 25 = 75.
    c = call("a", at(4, 8), at(4, 20), breaks=[(at(4, 14), at(4, 14, 30))])
    result = compute_pay([c], MEALS)
    assert result.lines[-1].quantity == 3
    assert result.lines[-1].amount == D("75.00")


# 6. Turnaround ------------------------------------------------------------------------


def test_short_rest_pays_double_until_the_turnaround_is_over():
    # a: 18:00-02:00 (8h straight = 320). b: 08:00-16:00 the next workday; the 10h rest
    # ends 12:00, so 08-12 at 2x (4 x 80 = 320) and 12-16 straight (4 x 40 = 160).
    calls = [call("a", at(4, 18), at(5, 2)), call("b", at(5, 8), at(5, 16))]
    result = compute_pay(calls, RULES)
    assert summary(result) == [
        ("a", "straight", D(8), D(1), D("320.00")),
        ("b", "turnaround", D(4), D(2), D("320.00")),
        ("b", "straight", D(4), D(1), D("160.00")),
    ]
    assert "inside the 10h rest" in result.lines[1].note
    assert result.totals["USD"] == D("800.00")


def test_turnaround_below_overtime_leaves_overtime_in_charge():
    # Turnaround floor 1.5, overtime tiers 8h->1.5, 9h->3. a: 20:00-02:00 (6h). b: 06:00
    # -16:00 (10h) inside the rest until 12:00. b hours 0-6 (06-12) at the 1.5 floor
    # = turnaround 6 x 60 = 360; hours 6-8 straight 2 x 40 = 80; hours 8-9 at 1.5 is
    # overtime (the floor changes nothing) 60; hours 9-10 at 3 = 120.
    rules = PayRules(overtime=((D(8), D("1.5")), (D(9), D(3))), turnaround_multiplier=D("1.5"))
    calls = [call("a", at(4, 20), at(5, 2)), call("b", at(5, 6), at(5, 16))]
    assert summary(compute_pay(calls, rules))[1:] == [
        ("b", "turnaround", D(6), D("1.5"), D("360.00")),
        ("b", "straight", D(2), D(1), D("80.00")),
        ("b", "overtime", D(1), D("1.5"), D("60.00")),
        ("b", "overtime", D(1), D(3), D("120.00")),
    ]


# 7. Day rates -------------------------------------------------------------------------


def test_twelve_hour_day_pays_day_rate_plus_overtime():
    # 08:00-20:00 at 500/day covering 10h; hourly equivalent 50.
    # 500 + 2h x 50 x 1.5 = 500 + 150 = 650.00
    result = compute_pay([call("d", at(4, 8), at(4, 20), "500", "day")], RULES)
    assert summary(result) == [
        ("d", "day-rate", D(10), D(1), D("500.00")),
        ("d", "overtime", D(2), D("1.5"), D("150.00")),
    ]
    assert result.lines[0].quantity == 1
    assert result.lines[1].rate == D(50)
    assert result.totals["USD"] == D("650.00")


def test_thirteen_hour_day_reaches_the_second_tier():
    # 500 + hours 10-12 at 1.5 (2 x 75 = 150) + hour 12-13 at 2 (1 x 100 = 100) = 750.00
    result = compute_pay([call("d", at(4, 8), at(4, 21), "500", "day")], RULES)
    assert result.totals["USD"] == D("750.00")
    assert [ln.multiplier for ln in result.lines] == [1, D("1.5"), 2]


def test_day_rate_past_its_hours_is_at_least_first_overtime_multiplier():
    # Only tier: 12h -> 2, so the first overtime multiplier is 2 and hours 10-12 (before
    # that tier) are still paid at it: 500 + 2h x 50 x 2 = 700.00
    rules = PayRules(overtime=((D(12), D(2)),))
    result = compute_pay([call("d", at(4, 8), at(4, 20), "500", "day")], rules)
    assert result.totals["USD"] == D("700.00")


def test_two_day_rate_calls_in_one_workday_pay_the_rate_once():
    # 08-12 and 18-24 (10h together) at 500/day: one day rate, no overtime.
    calls = [
        call("a", at(4, 8), at(4, 12), "500", "day"),
        call("b", at(4, 18), at(5, 0), "500", "day"),
    ]
    result = compute_pay(calls, RULES)
    assert summary(result) == [("a", "day-rate", D(10), D(1), D("500.00"))]
    assert result.total_for("b") == D("0.00")
    assert result.worked_hours == {"a": D(4), "b": D(6)}


def test_day_rate_inside_turnaround_earns_a_premium():
    # a: hourly 18:00-02:00. d: 08:00-20:00 at 500/day, rest owed until 12:00.
    # d: 500 + premium 08-12 at (2-1) x 50 x 4h = 200 + hours 10-12 at 1.5 = 150 -> 850.00
    calls = [call("a", at(4, 18), at(5, 2)), call("d", at(5, 8), at(5, 20), "500", "day")]
    result = compute_pay(calls, RULES)
    assert summary(result)[1:] == [
        ("d", "day-rate", D(10), D(1), D("500.00")),
        ("d", "turnaround", D(4), D(1), D("200.00")),
        ("d", "overtime", D(2), D("1.5"), D("150.00")),
    ]
    assert result.total_for("d") == D("850.00")


# 8. Flat fees -------------------------------------------------------------------------


def test_flat_fee_with_a_missed_meal():
    # 09:00-17:00 for a flat 300, no break: the meal due 14:00 is missed.
    # Interval 0: one penalty of 20 -> 300 + 20 = 320.00. No overtime or minimum.
    rules = PayRules(meal_penalty=D(20), meal_penalty_interval_minutes=0)
    result = compute_pay([call("f", at(4, 9), at(4, 17), "300", "flat")], rules)
    assert summary(result) == [
        ("f", "flat", D(8), D(1), D("300.00")),
        ("f", "meal-penalty", D(0), D(1), D("20.00")),
    ]
    assert result.totals["USD"] == D("320.00")


def test_flat_hours_still_count_toward_the_workday():
    # A 6h flat gig then a 4h hourly call: the hourly call is hours 6-10 of the workday,
    # so 2h straight (80) and 2h at 1.5 (120).
    calls = [call("f", at(4, 8), at(4, 14), "300", "flat"), call("h", at(4, 16), at(4, 20))]
    assert compute_pay(calls, RULES).total_for("h") == D("200.00")


# 9. Late cancellation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "rate", "expected"),
    # hourly: 4h x 40 = 160; day: the whole 500; flat: the whole 300
    [("hour", "40", D("160.00")), ("day", "500", D("500.00")), ("flat", "300", D("300.00"))],
)
def test_late_cancellation(unit, rate, expected):
    c = call("x", at(4, 8), at(4, 20), rate, unit, cancelled=True)
    result = compute_pay([c], MEALS)
    assert [ln.kind for ln in result.lines] == ["late-cancellation"]
    assert result.totals["USD"] == expected
    assert result.worked_hours == {"x": D(0)}


def test_late_cancellation_takes_no_part_in_turnaround_or_overtime():
    # The cancelled night call would have ended 02:00; b is still paid 8h straight.
    calls = [
        call("x", at(4, 18), at(5, 2), cancelled=True),
        call("b", at(5, 8), at(5, 16)),
    ]
    result = compute_pay(calls, RULES)
    assert summary(result)[1:] == [("b", "straight", D(8), D(1), D("320.00"))]
    assert result.totals["USD"] == D("480.00")  # 160 cancellation + 320


# 10. Time zones -----------------------------------------------------------------------


def test_spring_forward_night_is_one_hour_shorter():
    # New York, 7 March 20:00 to 8 March 04:00 local: clocks jump 02:00->03:00, so
    # 7 real hours x 40 = 280.00, all straight, all in workday 7 March.
    c = call("a", at(7, 20, month=3, tz=NEW_YORK), at(8, 4, month=3, tz=NEW_YORK))
    result = compute_pay([c], RULES)
    assert result.worked_hours["a"] == D(7)
    assert summary(result) == [("a", "straight", D(7), D(1), D("280.00"))]
    assert "workday 2026-03-07" in result.lines[0].note


def test_fall_back_night_is_one_hour_longer():
    # 31 Oct 20:00 to 1 Nov 04:00 local: 02:00 happens twice, 9 real hours:
    # 8 x 40 = 320 + 1 x 60 = 60 -> 380.00
    c = call("a", at(31, 20, month=10, tz=NEW_YORK), at(1, 4, month=11, tz=NEW_YORK))
    result = compute_pay([c], RULES)
    assert result.worked_hours["a"] == D(9)
    assert result.totals["USD"] == D("380.00")


def test_repeated_hour_is_ordered_by_real_time():
    # 1 Nov 01:30 EDT (first pass) to 01:10 EST (second pass) is 40 real minutes,
    # although 01:10 reads earlier on the wall clock. 40 min x 60/60 = 40.00
    start = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    end = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=NEW_YORK)
    c = call("a", start, end, "60")
    assert validate_call(c) == []
    result = compute_pay([c], PayRules(min_call_hours=D(0)))
    assert result.worked_hours["a"] == D("0.6667")
    assert result.totals["USD"] == D("40.00")


def test_workday_is_read_in_the_venue_zone():
    # 03:00 UTC is 23:00 the previous evening in New York: workday 3 May there.
    c = call("a", at(4, 3), at(4, 7))
    ny = Call(c.key, c.start, c.end, c.rate, c.unit, c.currency, "America/New_York")
    assert "workday 2026-05-03" in compute_pay([ny], RULES).lines[0].note
    assert "workday 2026-05-03" in compute_pay([c], RULES).lines[0].note  # UTC: before 06:00


def test_totals_are_kept_per_currency():
    calls = [call("a", at(4, 9), at(4, 15)), call("b", at(6, 9), at(6, 15), "30", cur="EUR")]
    result = compute_pay(calls, RULES)
    assert result.totals == {"USD": D("240.00"), "EUR": D("180.00")}


# 11. Validation -----------------------------------------------------------------------


def fields(problems):
    return [name for name, _ in problems]


def test_validate_call_names_the_field():
    good = call("a", at(4, 9), at(4, 17))
    assert validate_call(good) == []
    assert fields(validate_call(call("a", at(4, 9), at(4, 9)))) == ["end"]
    naive = Call("a", datetime(2026, 5, 4, 9), at(4, 17), D(1), "hour", "USD", "UTC")
    assert fields(validate_call(naive)) == ["start"]
    bad = Call("a", at(4, 9), at(4, 17), D(-1), "week", "USD", "Mars/Olympus")
    assert fields(validate_call(bad)) == ["rate", "unit", "timezone"]
    assert validate_call(bad)[1] == ("unit", "must be one of hour, day, flat, not 'week'")
    outside = call("a", at(4, 9), at(4, 17), breaks=[(at(4, 16), at(4, 18))])
    assert validate_call(outside) == [("breaks", "break 1 lies outside the call")]
    overlapping = call(
        "a", at(4, 9), at(4, 17), breaks=[(at(4, 13), at(4, 14)), (at(4, 12), at(4, 13, 30))]
    )
    assert validate_call(overlapping) == [("breaks", "breaks 1 and 2 overlap")]


def test_validate_rules_names_the_field():
    assert validate_rules(RULES) == []
    bad = PayRules(
        overtime=((D(12), D(2)), (D(8), D("1.5"))),
        meal_penalty=D(-1),
        turnaround_multiplier=D("0.5"),
        day_rate_hours=D(0),
        workday_starts=24,
    )
    assert validate_rules(bad) == [
        ("overtime", "tier 2: thresholds must be ascending"),
        ("meal_penalty", "must be at least 0"),
        ("turnaround_multiplier", "must be at least 1"),
        ("day_rate_hours", "must be greater than 0"),
        ("workday_starts", "must be between 0 and 23"),
    ]
    assert fields(validate_rules(PayRules(overtime=((D(8), D("0.5")),)))) == ["overtime"]


def test_compute_pay_refuses_invalid_input():
    with pytest.raises(ValueError, match=r"call 'a': end: must be after start"):
        compute_pay([call("a", at(4, 9), at(4, 8))], RULES)
    with pytest.raises(ValueError, match=r"rules: workday_starts"):
        compute_pay([], PayRules(workday_starts=-1))
    with pytest.raises(ValueError, match=r"call 'b': start: overlaps call 'a'"):
        compute_pay([call("a", at(4, 9), at(4, 17)), call("b", at(4, 16), at(4, 20))], RULES)
    with pytest.raises(ValueError, match=r"call 'a': key"):
        compute_pay([call("a", at(4, 9), at(4, 10)), call("a", at(5, 9), at(5, 10))], RULES)


def test_no_calls_no_pay():
    result = compute_pay([], RULES)
    assert (result.lines, result.totals, result.worked_hours) == ((), {}, {})


# 12. Against a minute-by-minute reference ---------------------------------------------

ANCHOR = at(4, 6)  # 06:00 UTC: the start of workday 0 under workday_starts=6


def reference_total(schedule, rules):
    """Pay for hourly calls without breaks, one minute at a time, the slow obvious way.

    `schedule` is [(start, end, rate)] in minutes after ANCHOR, sorted, not overlapping.
    Rates are multiples of 12 and multipliers multiples of 0.25, so every minute is worth
    whole cents and line rounding cannot make the totals differ.
    """
    per_call = []
    done_in_workday = defaultdict(int)
    for i, (start, end, rate) in enumerate(schedule):
        workday = start // (24 * 60)
        earlier = [e for s, e, _ in schedule[:i] if s // (24 * 60) != workday]
        rest_until = max(earlier) + rules.turnaround_hours * 60 if earlier else None
        pay = D(0)
        for minute in range(start, end):
            done = done_in_workday[workday]
            done_in_workday[workday] += 1
            multiplier = D(1)
            for after, tier_multiplier in rules.overtime:
                if done >= after * 60:
                    multiplier = tier_multiplier
            if rest_until is not None and minute < rest_until:
                multiplier = max(multiplier, rules.turnaround_multiplier)
            pay += rate * multiplier / 60
        worked = end - start
        if worked < rules.min_call_hours * 60:
            pay += rate * (rules.min_call_hours * 60 - worked) / 60
        due = rules.meal_after_hours * 60
        interval = rules.meal_penalty_interval_minutes
        penalties = 0
        for minute in range(worked):
            late = minute - due
            if late == 0 or (late > 0 and interval and late % interval == 0):
                penalties += 1
        pay += penalties * rules.meal_penalty
        per_call.append(pay)
    return per_call


multipliers = st.sampled_from([D(1), D("1.25"), D("1.5"), D(2), D(3)])


@st.composite
def rules_and_schedules(draw):
    cuts = sorted(draw(st.sets(st.integers(1, 28), max_size=3)))
    mults = sorted(draw(st.lists(multipliers, min_size=len(cuts), max_size=len(cuts))))
    rules = PayRules(
        min_call_hours=D(draw(st.integers(0, 6))),
        overtime=tuple((D(c) / 2, m) for c, m in zip(cuts, mults, strict=True)),
        meal_after_hours=D(draw(st.integers(6, 14))) / 2,
        meal_penalty=draw(st.sampled_from([D(0), D("12.50"), D("7.25")])),
        meal_penalty_interval_minutes=draw(st.sampled_from([0, 15, 30, 60])),
        turnaround_hours=D(draw(st.integers(0, 24))) / 2,
        turnaround_multiplier=draw(multipliers),
    )
    single_day = draw(st.booleans())
    schedule, cursor = [], draw(st.integers(0, 20 * 60))
    for _ in range(draw(st.integers(1, 4))):
        length = draw(st.integers(1, 16 * 60))
        rate = D(12 * draw(st.integers(0, 10)))
        if single_day and cursor >= 24 * 60:
            break
        schedule.append((cursor, cursor + length, rate))
        cursor += length + draw(st.integers(0, 14 * 60))
    return rules, schedule


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rules_and_schedules())
def test_matches_minute_by_minute_reference(case):
    rules, schedule = case
    calls = [
        call(f"c{i}", ANCHOR + timedelta(minutes=s), ANCHOR + timedelta(minutes=e), rate)
        for i, (s, e, rate) in enumerate(schedule)
    ]
    result = compute_pay(calls, rules)
    expected = reference_total(schedule, rules)
    assert [result.total_for(c.key) for c in calls] == expected
    assert result.totals["USD"] == sum(expected)
    assert sum(ln.amount for ln in result.lines) == sum(expected)
