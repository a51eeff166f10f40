"""A freelancer's income forecast: expected pay per week and month, the months that fall
short of expenses, how uneven the income is, and what to save to cover the gaps. No Django.

Semantics:

* Each `Earning` is money due on one day: a confirmed booking's pay (probability 1), a
  pending offer's pay (weighted by `offer_weight`, default 0.5: about half of the offers
  crew receive turn into work), or a "what if" earning (probability 1).
* The horizon is `months` calendar months from the month of `start` (its first day
  included, so work already done this month counts). Earnings outside it are left out.
* Weeks run Monday to Sunday, from the Monday on or before the first day of the horizon to
  the week holding its last day; a week is bucketed by its Monday even when it straddles
  two months.
* Expected income of a bucket = booked + what-if + offer_weight x offers, each rounded
  to cents ROUND_HALF_UP once per bucket.
* A gap month is one whose expected income is below `monthly_expenses`; its gap is the
  difference. With zero expenses no month has a gap.
* Variability is the coefficient of variation of the monthly expected income: population
  standard deviation / mean, to 4 decimals; None when the mean is zero.
* Savings target = the sum of the monthly gaps + `cushion_months` x monthly expenses (a
  reserve the worker chooses on top), in cents; also given in months of expenses.
* Money is Decimal in one currency; the caller converts or leaves out other currencies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..months import month_start

KINDS = ("booked", "offer", "what-if")
CENT = Decimal("0.01")
DEFAULT_OFFER_WEIGHT = Decimal("0.5")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Earning:
    """Money due on `day`: `kind` is one of KINDS; `label` says what it is for."""

    day: dt.date
    amount: Decimal
    kind: str = "booked"
    label: str = ""


@dataclass(frozen=True)
class Bucket:
    """Income of one week or month starting `start` and ending `end` (inclusive)."""

    start: dt.date
    end: dt.date
    booked: Decimal
    offers: Decimal
    what_if: Decimal
    expected: Decimal
    expenses: Decimal = ZERO

    @property
    def gap(self) -> Decimal:
        return max(ZERO, self.expenses - self.expected)

    @property
    def label(self) -> str:
        return self.start.strftime("%b %Y")


@dataclass(frozen=True)
class Forecast:
    start: dt.date
    months: tuple[Bucket, ...]
    weeks: tuple[Bucket, ...]
    monthly_expenses: Decimal
    offer_weight: Decimal
    cushion_months: int
    total_expected: Decimal
    variability: Decimal | None
    savings_target: Decimal

    @property
    def gap_months(self) -> tuple[Bucket, ...]:
        return tuple(m for m in self.months if m.gap > 0)

    @property
    def total_gap(self) -> Decimal:
        return sum((m.gap for m in self.months), ZERO)

    @property
    def savings_months(self) -> Decimal | None:
        """The savings target in months of expenses (2 decimals); None without expenses."""
        if not self.monthly_expenses:
            return None
        return (self.savings_target / self.monthly_expenses).quantize(CENT, ROUND_HALF_UP)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def coefficient_of_variation(values: Iterable[Decimal]) -> Decimal | None:
    """Population standard deviation / mean, to 4 decimals; None for no values or mean 0."""
    values = [Decimal(v) for v in values]
    if not values:
        return None
    mean = sum(values) / len(values)
    if mean == 0:
        return None
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return (variance.sqrt() / mean).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _bucket(start: dt.date, end: dt.date, items: list[Earning], weight: Decimal, expenses):
    sums = dict.fromkeys(KINDS, Decimal(0))
    for item in items:
        sums[item.kind] += item.amount
    booked, offers, what_if = (_cents(sums[k]) for k in KINDS)
    expected = _cents(sums["booked"] + sums["what-if"] + weight * sums["offer"])
    return Bucket(start, end, booked, offers, what_if, expected, expenses)


def validate(
    *, months: int, monthly_expenses: Decimal, offer_weight: Decimal, cushion_months: int
) -> list[tuple[str, str]]:
    """(field, reason) for every input the forecast cannot use."""
    problems = []
    if not 1 <= months <= 12:
        problems.append(("months", "must be between 1 and 12"))
    if monthly_expenses < 0:
        problems.append(("expenses", "must not be negative"))
    if not 0 <= offer_weight <= 1:
        problems.append(("offer_weight", "must be between 0 and 1"))
    if not 0 <= cushion_months <= 24:
        problems.append(("cushion_months", "must be between 0 and 24"))
    return problems


def forecast(
    earnings: Iterable[Earning],
    *,
    start: dt.date,
    months: int = 6,
    monthly_expenses: Decimal = ZERO,
    offer_weight: Decimal = DEFAULT_OFFER_WEIGHT,
    cushion_months: int = 0,
    skip_months: Iterable[dt.date] = (),
) -> Forecast:
    """Bucket `earnings` into weeks and months over the horizon and plan for the gaps.

    `skip_months` (any day in them) are "what if I earn nothing that month": every
    earning in them is dropped. Bad inputs raise ValueError("<field>: <reason>").
    """
    problems = validate(
        months=months,
        monthly_expenses=monthly_expenses,
        offer_weight=offer_weight,
        cushion_months=cushion_months,
    )
    if problems:
        raise ValueError("; ".join(f"{field}: {reason}" for field, reason in problems))
    earnings = list(earnings)
    for item in earnings:
        if item.kind not in KINDS:
            raise ValueError(f"kind: unknown earning kind {item.kind!r}")
    first = month_start(start)
    end = month_start(first, months)  # exclusive
    skipped = {month_start(d) for d in skip_months}
    kept = [e for e in earnings if first <= e.day < end and month_start(e.day) not in skipped]
    expenses = _cents(Decimal(monthly_expenses))
    by_month: dict[dt.date, list[Earning]] = {}
    by_week: dict[dt.date, list[Earning]] = {}
    for item in kept:
        by_month.setdefault(month_start(item.day), []).append(item)
        by_week.setdefault(week_start(item.day), []).append(item)
    month_buckets = []
    for n in range(months):
        m = month_start(first, n)
        last = month_start(first, n + 1) - dt.timedelta(days=1)
        month_buckets.append(_bucket(m, last, by_month.get(m, []), offer_weight, expenses))
    week_buckets = []
    week = week_start(first)
    while week < end:
        week_buckets.append(
            _bucket(week, week + dt.timedelta(days=6), by_week.get(week, []), offer_weight, ZERO)
        )
        week += dt.timedelta(days=7)
    total_gap = sum((m.gap for m in month_buckets), ZERO)
    return Forecast(
        start=first,
        months=tuple(month_buckets),
        weeks=tuple(week_buckets),
        monthly_expenses=expenses,
        offer_weight=Decimal(offer_weight),
        cushion_months=cushion_months,
        total_expected=sum((m.expected for m in month_buckets), ZERO),
        variability=coefficient_of_variation(m.expected for m in month_buckets),
        savings_target=_cents(total_gap + cushion_months * expenses),
    )


def tour_earnings(
    first_day: dt.date, last_day: dt.date, day_rate: Decimal, label: str = "what-if tour"
) -> list[Earning]:
    """A hypothetical tour: one day rate for every day from `first_day` to `last_day`."""
    if last_day < first_day:
        raise ValueError("tour_end: must not be before the tour's first day")
    if day_rate < 0:
        raise ValueError("tour_day_rate: must not be negative")
    days = (last_day - first_day).days + 1
    return [
        Earning(first_day + dt.timedelta(days=i), Decimal(day_rate), "what-if", label)
        for i in range(days)
    ]
