"""Touring pay: a tour rate (per week or per day) over the days of an engagement, with
travel days and days off paid as a share of a day's rate, and per diems per day in their
own currency.

The rules are data (`TourPayRules`), so an organisation or an engagement can change them
without code. A week's rate is seven days' pay: 2,100 a week is 300 a day, and a whole
week of show days pays exactly the week's rate. Amounts in different currencies are never
added together; totals are kept per currency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SHOW, TRAVEL, OFF = "show", "travel", "off"
KINDS = (SHOW, TRAVEL, OFF)
WEEK, DAY = "week", "day"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class TourPayRules:
    """What a travel day and a day off pay, as a share of a show day's pay (1 = a full
    day, 0.5 = half, 0 = unpaid)."""

    travel_day_share: Decimal = Decimal("1")
    day_off_share: Decimal = Decimal("0.5")


@dataclass(frozen=True)
class TourRate:
    amount: Decimal
    unit: str  # WEEK or DAY
    currency: str


@dataclass(frozen=True)
class TourDay:
    date: dt.date
    kind: str  # SHOW, TRAVEL or OFF
    per_diem: Decimal = Decimal("0")
    per_diem_currency: str = ""


@dataclass(frozen=True)
class TourPayLine:
    date: dt.date
    kind: str  # "wage" or "per diem"
    day_kind: str
    amount: Decimal
    currency: str
    note: str


@dataclass(frozen=True)
class TourPay:
    lines: tuple[TourPayLine, ...]
    totals: dict[str, Decimal] = field(default_factory=dict)

    def total(self, currency: str) -> Decimal:
        return self.totals.get(currency, Decimal("0"))

    @property
    def wages(self) -> Decimal:
        """The wage lines alone (all in the rate's currency): what the tour pays for work,
        per diems aside."""
        return sum((line.amount for line in self.lines if line.kind == "wage"), Decimal("0"))


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def day_rate(rate: TourRate) -> Decimal:
    """A show day's pay: the day rate, or a seventh of the week's rate (unrounded, so seven
    days add up to the week exactly; lines round once each)."""
    if rate.unit == DAY:
        return rate.amount
    if rate.unit == WEEK:
        return rate.amount / 7
    raise ValueError(f"unknown rate unit {rate.unit!r}")


DAY_WORDS = {SHOW: "show day", TRAVEL: "travel day", OFF: "day off"}


def tour_pay(rate: TourRate, days: Sequence[TourDay], rules: TourPayRules) -> TourPay:
    """Wages and per diems for the engaged days, one wage line per day and one per diem
    line where the day has one. Whole weeks of show days are paid exactly the week's rate:
    the day shares are summed unrounded and rounded once per day kind's remainder."""
    share = {SHOW: Decimal("1"), TRAVEL: rules.travel_day_share, OFF: rules.day_off_share}
    per_day = day_rate(rate)
    lines: list[TourPayLine] = []
    exact = Decimal("0")
    paid = Decimal("0")
    for day in sorted(days, key=lambda d: d.date):
        if day.kind not in share:
            raise ValueError(f"unknown day kind {day.kind!r}")
        exact += per_day * share[day.kind]
        # Each line is the running total rounded minus what earlier lines paid, so the
        # lines always add up to the exact sum rounded once (2,100 a week: 300.00 x 7).
        amount = _cents(exact) - paid
        paid += amount
        pct = (share[day.kind] * 100).normalize()
        note = DAY_WORDS[day.kind] if share[day.kind] == 1 else f"{DAY_WORDS[day.kind]}, {pct:f}%"
        lines.append(TourPayLine(day.date, "wage", day.kind, amount, rate.currency, note))
        if day.per_diem:
            lines.append(
                TourPayLine(
                    day.date,
                    "per diem",
                    day.kind,
                    _cents(day.per_diem),
                    day.per_diem_currency or rate.currency,
                    "per diem",
                )
            )
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.currency] = totals.get(line.currency, Decimal("0")) + line.amount
    return TourPay(tuple(lines), totals)


@dataclass(frozen=True)
class LegTimes:
    """A travel leg read in its own zones: how long it takes and which calendar days it
    touches where it leaves and where it lands."""

    hours: Decimal
    depart_date: dt.date
    arrive_date: dt.date

    @property
    def date_shift(self) -> int:
        """Calendar days between the local departure and arrival dates (negative when a
        westward flight over the date line lands 'before' it left)."""
        return (self.arrive_date - self.depart_date).days


def leg_times(depart: dt.datetime, arrive: dt.datetime) -> LegTimes:
    """The leg's duration from the two aware moments, whatever their zones, and its local
    dates. Raises ValueError for a naive moment or an arrival not after the departure."""
    if depart.tzinfo is None or arrive.tzinfo is None:
        raise ValueError("departure and arrival need their time zones")
    if arrive <= depart:
        raise ValueError("arrival must be after departure")
    seconds = Decimal((arrive - depart).total_seconds())
    hours = (seconds / 3600).quantize(CENT, rounding=ROUND_HALF_UP)
    return LegTimes(hours, depart.date(), arrive.date())


def lost_dates(leg: LegTimes) -> tuple[dt.date, ...]:
    """The calendar days a leg skips over the date line: the dates strictly between its
    local departure and arrival dates when it is shorter than a day (a longer leg spends
    them in transit, so they are travel, not lost)."""
    if leg.hours >= 24 or leg.date_shift < 2:
        return ()
    return tuple(leg.depart_date + dt.timedelta(days=n) for n in range(1, leg.date_shift))


def engaged_days(
    first: dt.date,
    last: dt.date,
    itinerary: dict[dt.date, TourDay],
    lost: Sequence[dt.date] = (),
) -> list[TourDay]:
    """The paid days of an engagement from `first` to `last`: the itinerary's day where
    there is one, a show day (no per diem) where the itinerary is not planned yet, and
    nothing for a day lost crossing the date line, which never happens for the party."""
    out = []
    day = first
    while day <= last:
        if day in itinerary:
            out.append(itinerary[day])
        elif day not in lost:
            out.append(TourDay(day, SHOW))
        day += dt.timedelta(days=1)
    return out
