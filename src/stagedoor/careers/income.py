"""The income planner's reads: a worker's bookings and pending offers priced with the pay
rules, turned into a forecast by `stagedoor.engine.pay.income`, and its CSV.

Pay: confirmed and worked bookings are priced exactly as the pay page prices them
(`booking.pay.selectors.pay_for_worker`: the employer's pay rules across the worker's calls,
approved timesheets where there are any, the schedule otherwise). A pending offer is
priced on its own (`engine.pay.rules.compute_pay` over its scheduled call with the employer's
rules), since it is not yet work, and weighted by the offer weight (0.5 unless given).
Only the worker's own currency is forecast; money in other currencies is listed apart.

CSV columns, one row per month, then one per week:

    period,start,end,booked,offers,what_if,expected,expenses,gap,currency

`period` is "month" or "week", `start`/`end` the first and last day (YYYY-MM-DD), `offers`
the unweighted pay of pending offers, `expected` booked + what_if + weight x offers,
`expenses` and `gap` filled on month rows only (empty on weeks); amounts are plain
decimals with a dot.
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from stagedoor.booking.models import Offer, PayRules
from stagedoor.booking.pay.selectors import pay_for_worker
from stagedoor.booking.pay.summary import engine_rules
from stagedoor.core.csvsafe import safe_writer
from stagedoor.core.earnings import earnings_for
from stagedoor.core.text import money
from stagedoor.core.validation import Errors
from stagedoor.engine.months import month_start
from stagedoor.engine.pay import income as engine
from stagedoor.engine.pay.rules import Call, compute_pay
from stagedoor.gigs.labels import call_label
from stagedoor.people.models import WorkerProfile

CSV_HEADER = (
    "period",
    "start",
    "end",
    "booked",
    "offers",
    "what_if",
    "expected",
    "expenses",
    "gap",
    "currency",
)


@dataclass(frozen=True)
class IncomeLine:
    """One priced booking, offer or what-if day, for the table under the charts."""

    day: dt.date
    kind: str
    label: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class IncomePlan:
    worker: WorkerProfile
    currency: str
    forecast: engine.Forecast
    lines: tuple[IncomeLine, ...]
    other_currencies: tuple[IncomeLine, ...]
    what_if: tuple[str, ...]


TOO_LARGE = Decimal("1e11")


def _decimal(errors: Errors, name: str, value, default: Decimal | None) -> Decimal | None:
    if value in (None, ""):
        return default
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.add(name, f"'{value}' is not an amount of money.")
        return None
    if not amount.is_finite():
        errors.add(name, "Must be a finite amount.")
        return None
    if amount < 0:
        errors.add(name, "Must not be negative.")
        return None
    if amount >= TOO_LARGE:
        # 1e400 is a finite Decimal that no money column or quantize() takes.
        errors.add(name, "Too large.")
        return None
    return amount


def _spread(day: dt.date, amount: Decimal, position) -> list[tuple[dt.date, Decimal]]:
    """A flat fee for a call that spans several days (a touring engagement) counted as a
    worker counts it: an even share on each day of the call, cents to the first days, so a
    tour across a month's end lands in both months. Any other pay stays on its day."""
    zone = zoneinfo.ZoneInfo(position.timezone_name)
    first = position.call_start.astimezone(zone).date()
    last = (position.call_end - dt.timedelta(microseconds=1)).astimezone(zone).date()
    days = (last - first).days + 1
    if position.pay_unit != "flat" or days <= 1:
        return [(day, amount)]
    cents = int((amount * 100).to_integral_value())
    share, extra = divmod(cents, days)
    return [
        (first + dt.timedelta(days=i), Decimal(share + (1 if i < extra else 0)) / 100)
        for i in range(days)
    ]


def _offer_lines(worker: WorkerProfile, start: dt.date, end: dt.date, now) -> list[IncomeLine]:
    offers = (
        Offer.objects.filter(
            worker=worker,
            status=Offer.Status.PENDING,
            expires_at__gt=now,
            position__call_start__gte=dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
            - dt.timedelta(days=1),
            position__call_start__lt=dt.datetime.combine(end, dt.time(), tzinfo=dt.UTC)
            + dt.timedelta(days=2),
        )
        .select_related(
            "position__role",
            "position__show__venue",
            "position__show__organisation",
            "position__project__organisation",
            "position__project__venue",
        )
        .order_by("position__call_start", "pk")
    )
    offers = list(offers)
    orgs = {o.position.organisation.pk: o.position.organisation for o in offers}
    stored = {r.organisation_id: r for r in PayRules.objects.filter(organisation__in=orgs)}
    rules = {pk: engine_rules(org, stored.get(pk)) for pk, org in orgs.items()}
    lines = []
    for offer in offers:
        p = offer.position
        tz = p.timezone_name
        call = Call(
            key=str(offer.pk),
            start=p.call_start,
            end=p.call_end,
            rate=p.pay_amount,
            unit=p.pay_unit,
            currency=p.currency,
            timezone=tz,
            estimate=True,  # not worked yet: meals assumed on time
        )
        amount = compute_pay([call], rules[p.organisation.pk]).total_for(str(offer.pk))
        day = p.call_start.astimezone(zoneinfo.ZoneInfo(tz)).date()
        label = f"Offer: {call_label(p, venue=False, when=False)}"
        lines += [
            IncomeLine(when, "offer", label, share, p.currency)
            for when, share in _spread(day, amount, p)
        ]
    return lines


def income_plan(
    *,
    actor,
    worker: WorkerProfile,
    months: int = 6,
    expenses=None,
    cushion_months: int = 0,
    offer_weight=None,
    tour_start: dt.date | None = None,
    tour_end: dt.date | None = None,
    tour_day_rate=None,
    gap_month: dt.date | None = None,
    today: dt.date | None = None,
) -> IncomePlan:
    """A worker's expected income per week and month from the first of this month.

    Only the worker sees their own plan. What-ifs, saved nowhere: a tour (first day, last
    day, day rate: one day rate per day) and a gap month (any day in it: drop everything
    earned that month). Bad input is refused naming the field (expenses, months,
    cushion_months, offer_weight, tour_start, tour_end, tour_day_rate, gap_month).
    """
    if getattr(actor, "pk", None) is None or actor.pk != worker.user_id:
        raise PermissionDenied("Only the worker can see their income plan.")
    errors = Errors()
    monthly = _decimal(errors, "expenses", expenses, Decimal("0"))
    weight = _decimal(errors, "offer_weight", offer_weight, engine.DEFAULT_OFFER_WEIGHT)
    if weight is not None and weight > 1:
        errors.add("offer_weight", "Give a probability from 0 to 1.")
    if not isinstance(months, int) or not 1 <= months <= 12:
        errors.add("months", "Give 1 to 12 months.")
    if not isinstance(cushion_months, int) or not 0 <= cushion_months <= 24:
        errors.add("cushion_months", "Give 0 to 24 months.")
    rate = _decimal(errors, "tour_day_rate", tour_day_rate, None)
    touring = any(v not in (None, "") for v in (tour_start, tour_end, tour_day_rate))
    if touring:
        for name, value in (("tour_start", tour_start), ("tour_end", tour_end)):
            if value is None:
                errors.add(name, "A what-if tour needs its first and last day and a day rate.")
        if tour_day_rate in (None, ""):
            errors.add("tour_day_rate", "A what-if tour needs a day rate.")
        if tour_start and tour_end and tour_end < tour_start:
            errors.add("tour_end", "The tour must not end before it starts.")
        elif tour_start and tour_end and (tour_end - tour_start).days > 366:
            errors.add("tour_end", "A what-if tour may last at most a year.")
    errors.raise_if_any()

    today = today or timezone.localdate()
    first = month_start(today)
    last = month_start(first, months) - dt.timedelta(days=1)
    summary = pay_for_worker(actor=actor, worker=worker, start_date=first, end_date=last)
    lines = [
        IncomeLine(
            day, "booked", call_label(paid.position, venue=False, when=False), share, paid.currency
        )
        for paid in summary.bookings
        if paid.lines
        for day, share in _spread(paid.date, paid.total, paid.position)
    ]
    lines += _offer_lines(worker, first, last, timezone.now())
    # Project milestones (studio work): promised pay, counted as booked on the day due.
    lines += [
        IncomeLine(e.day, "booked", f"Milestone: {e.label}", e.amount, e.currency)
        for e in earnings_for(worker, first, last)
    ]
    what_if = []
    if touring:
        days = engine.tour_earnings(tour_start, tour_end, rate)
        lines += [
            IncomeLine(e.day, "what-if", "What-if tour", e.amount, worker.currency) for e in days
        ]
        what_if.append(
            f"a tour from {tour_start.isoformat()} to {tour_end.isoformat()} at "
            f"{money(rate, worker.currency)} a day"
        )
    skip = []
    if gap_month is not None:
        skip.append(gap_month)
        what_if.append(f"no income in {gap_month:%B %Y}")
    lines.sort(key=lambda line: (line.day, line.kind, line.label))
    mine = [line for line in lines if line.currency == worker.currency]
    others = [line for line in lines if line.currency != worker.currency]
    forecast = engine.forecast(
        [engine.Earning(line.day, line.amount, line.kind, line.label) for line in mine],
        start=first,
        months=months,
        monthly_expenses=monthly,
        offer_weight=weight,
        cushion_months=cushion_months,
        skip_months=skip,
    )
    return IncomePlan(
        worker=worker,
        currency=worker.currency,
        forecast=forecast,
        lines=tuple(mine),
        other_currencies=tuple(others),
        what_if=tuple(what_if),
    )


def csv_rows(plan: IncomePlan):
    for period, buckets in (("month", plan.forecast.months), ("week", plan.forecast.weeks)):
        for b in buckets:
            month = period == "month"
            yield [
                period,
                b.start.isoformat(),
                b.end.isoformat(),
                str(b.booked),
                str(b.offers),
                str(b.what_if),
                str(b.expected),
                str(b.expenses) if month else "",
                str(b.gap) if month else "",
                plan.currency,
            ]


def income_csv(plan: IncomePlan) -> str:
    out = io.StringIO()
    writer = safe_writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(plan))
    return out.getvalue()
