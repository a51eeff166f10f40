"""Estimated labour cost of shows, and how it stands against their labour budgets.

Booked seats are priced by `booking.pay` (estimates assume the meals the rules require are
given on time; worked calls with approved times are priced from them). Each seat still
open on a call that has not started is priced as one call of its own under the
organisation's pay rules, as if it were booked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from stagedoor.engine.pay.rules import Call, compute_pay
from stagedoor.gigs.models import Position, Show

from ..models import PayRules
from ..pay.summary import engine_rules, payable, summarise


def money(amount: Decimal, currency: str) -> str:
    """'1,240 USD': whole units, thousands separated, the currency after."""
    whole = amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{whole:,} {currency}"


def show_currency(positions: list[Position]) -> str | None:
    """The currency a show's crew calls pay in: the one with the most seats."""
    seats: Counter[str] = Counter()
    for position in positions:
        seats[position.currency] += position.headcount
    if not seats:
        return None
    return min(seats, key=lambda currency: (-seats[currency], currency))


def budget_words(show: Show, currency: str | None, cost: dict[str, Decimal]) -> tuple[str, bool]:
    """How the show's estimated cost stands against its labour budget, and whether it is over:
    ('1,240 USD over the 9,000 USD budget', True)."""
    budget = show.labour_budget
    if budget is None:
        return "No labour budget set", False
    if currency is None:
        return f"Budget {budget:,.0f}; no crew calls to cost yet", False
    spent = cost.get(currency, Decimal("0.00"))
    budget_text = f"the {money(budget, currency)} budget"
    if spent > budget:
        return f"{money(spent - budget, currency)} over {budget_text}", True
    if spent == budget:
        return f"Exactly on {budget_text}", False
    return f"{money(budget - spent, currency)} under {budget_text}", False


def _open_seat_price(position: Position, rules) -> Decimal:
    call = Call(
        key=str(position.pk),
        start=position.call_start,
        end=position.call_end,
        rate=position.pay_amount,
        unit=position.pay_unit,
        currency=position.currency,
        timezone=position.timezone_name,
        estimate=True,
    )
    return compute_pay([call], rules).totals.get(position.currency, Decimal("0.00"))


def labour_costs(
    shows: list[Show], open_seats: dict[int, int], positions: list[Position]
) -> tuple[dict[int, dict[str, Decimal]], tuple[str, ...]]:
    """Per show id, the estimated cost per currency of its booked and open seats, and any
    problems pricing them (in words). `open_seats` maps a call's id to its open seats."""
    costs: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    if not shows:
        return {}, ()
    booked = list(payable().filter(position__show__in=shows).order_by("position__call_start", "pk"))
    summary = summarise(booked)
    for paid in summary.bookings:
        costs[paid.booking.position.show_id][paid.currency] += paid.total
    organisations = {s.organisation_id: s.organisation for s in shows}
    stored = {r.organisation_id: r for r in PayRules.objects.filter(organisation__in=organisations)}
    rules = {pk: engine_rules(org, stored.get(pk)) for pk, org in organisations.items()}
    for position in positions:
        seats = open_seats.get(position.pk, 0)
        if seats:
            price = _open_seat_price(position, rules[position.show.organisation_id])
            costs[position.show_id][position.currency] += price * seats
    return {pk: dict(c) for pk, c in costs.items()}, summary.problems


__all__ = ["budget_words", "labour_costs", "money", "show_currency"]
