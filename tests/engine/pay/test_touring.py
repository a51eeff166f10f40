"""Touring pay against hand-worked examples."""

import datetime as dt
import zoneinfo
from decimal import Decimal as D

import pytest

from stagedoor.engine.pay.touring import (
    OFF,
    SHOW,
    TRAVEL,
    TourDay,
    TourPayRules,
    TourRate,
    engaged_days,
    leg_times,
    lost_dates,
    tour_pay,
)

MON = dt.date(2026, 3, 2)


def week(kinds, per_diem=D("0"), currency="USD"):
    return [
        TourDay(MON + dt.timedelta(days=i), kind, per_diem, currency)
        for i, kind in enumerate(kinds)
    ]


def test_a_week_with_two_travel_days_and_a_day_off():
    # 2,100 USD a week is 300 a day. Travel days pay 80%, a day off half:
    # 4 show days 1,200 + 2 travel days 2 x 240 = 480 + a day off 150 = 1,830.
    # Per diems 35 a day for 7 days = 245.
    rate = TourRate(D("2100"), "week", "USD")
    days = week([SHOW, TRAVEL, SHOW, SHOW, TRAVEL, OFF, SHOW], per_diem=D("35"))
    pay = tour_pay(rate, days, TourPayRules(D("0.8"), D("0.5")))
    wages = [line.amount for line in pay.lines if line.kind == "wage"]
    cents = ["300.00", "240.00", "300.00", "300.00", "240.00", "150.00", "300.00"]
    assert wages == [D(c) for c in cents]
    assert pay.totals == {"USD": D("2075.00")}
    notes = [line.note for line in pay.lines if line.kind == "wage"]
    assert notes[:2] == ["show day", "travel day, 80%"]
    assert notes[5] == "day off, 50%"


def test_a_full_week_of_show_days_pays_the_week_rate_exactly():
    # 1,000 a week is 142.857... a day. Running totals 142.857, 285.714, 428.571, 571.429,
    # 714.286, 857.143, 1000 round to 142.86, 285.71, 428.57, 571.43, 714.29, 857.14,
    # 1000.00; each line is the step between them, so the week adds to 1,000.00.
    pay = tour_pay(TourRate(D("1000"), "week", "EUR"), week([SHOW] * 7), TourPayRules())
    amounts = [line.amount for line in pay.lines]
    cents = ["142.86", "142.85", "142.86", "142.86", "142.86", "142.85", "142.86"]
    assert amounts == [D(c) for c in cents]
    assert pay.totals == {"EUR": D("1000.00")}


def test_a_per_diem_in_another_currency_is_kept_apart():
    # A day rate of 400 GBP; two days in Tokyo with a 6,000 JPY per diem and one in London
    # with 40 GBP: wages 1,200 GBP + 40 GBP; 12,000 JPY never added to pounds.
    rate = TourRate(D("400"), "day", "GBP")
    days = [
        TourDay(MON, SHOW, D("40"), "GBP"),
        TourDay(MON + dt.timedelta(days=1), TRAVEL, D("6000"), "JPY"),
        TourDay(MON + dt.timedelta(days=2), SHOW, D("6000"), "JPY"),
    ]
    pay = tour_pay(rate, days, TourPayRules(D("1"), D("0")))
    assert pay.totals == {"GBP": D("1240.00"), "JPY": D("12000.00")}
    assert pay.total("JPY") == D("12000.00")
    assert pay.total("USD") == D("0")


def test_a_leg_crossing_the_date_line_eastward_loses_a_day():
    # Los Angeles Mon 2 Mar 23:00 (-08:00) to Sydney Wed 4 Mar 08:30 (+11:00) is 14 h 30 min
    # (07:00 to 21:30 UTC on Tue);
    # Tue 3 Mar never happens for the party, so it is not paid: Mon (travel) and Wed (off)
    # at 300 a day, 100% travel, 50% off = 450. Without the lost day, the unplanned
    # Tuesday would be paid as a working day: 750.
    la, syd = zoneinfo.ZoneInfo("America/Los_Angeles"), zoneinfo.ZoneInfo("Australia/Sydney")
    leg = leg_times(
        dt.datetime(2026, 3, 2, 23, 0, tzinfo=la), dt.datetime(2026, 3, 4, 8, 30, tzinfo=syd)
    )
    assert leg.hours == D("14.50")
    assert leg.date_shift == 2
    itinerary = {
        MON: TourDay(MON, TRAVEL),
        MON + dt.timedelta(days=2): TourDay(MON + dt.timedelta(days=2), OFF),
    }
    assert lost_dates(leg) == (MON + dt.timedelta(days=1),)
    days = engaged_days(MON, MON + dt.timedelta(days=2), itinerary, lost_dates(leg))
    rate = TourRate(D("300"), "day", "USD")
    assert tour_pay(rate, days, TourPayRules()).totals == {"USD": D("450.00")}
    unplanned = engaged_days(MON, MON + dt.timedelta(days=2), itinerary)
    assert tour_pay(rate, unplanned, TourPayRules()).totals == {"USD": D("750.00")}


def test_a_leg_crossing_the_date_line_westward_lands_the_day_before():
    # Auckland Sat 7 Mar 19:00 (+13:00) to Honolulu Sat 7 Mar 06:20 (-10:00): 06:00 to
    # 16:20 UTC, 10 h 20 min, landing on the same date it left.
    akl, hnl = zoneinfo.ZoneInfo("Pacific/Auckland"), zoneinfo.ZoneInfo("Pacific/Honolulu")
    leg = leg_times(
        dt.datetime(2026, 3, 7, 19, 0, tzinfo=akl), dt.datetime(2026, 3, 7, 6, 20, tzinfo=hnl)
    )
    assert leg.hours == D("10.33")
    assert leg.date_shift == 0
    assert lost_dates(leg) == ()


def test_a_long_leg_over_several_dates_loses_none():
    # Berlin Mon 23:00 to Berlin Wed 08:30 by bus is 33 h 30 min: Tuesday is spent on it.
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    leg = leg_times(
        dt.datetime(2026, 3, 2, 23, 0, tzinfo=berlin), dt.datetime(2026, 3, 4, 8, 30, tzinfo=berlin)
    )
    assert leg.hours == D("33.50")
    assert lost_dates(leg) == ()


def test_a_leg_arriving_before_it_departs_is_refused():
    utc = dt.UTC
    with pytest.raises(ValueError, match="arrival must be after departure"):
        leg_times(dt.datetime(2026, 3, 2, 10, tzinfo=utc), dt.datetime(2026, 3, 2, 9, tzinfo=utc))
