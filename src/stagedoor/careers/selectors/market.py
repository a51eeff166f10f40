"""Market facts for a role page: open positions, pay, demand and where people move."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from stagedoor.core.text import pay_unit_words
from stagedoor.engine.months import month_start
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.models import Role
from stagedoor.people.models import Credit

DEMAND_MONTHS = 6
PAY_LOOKBACK_DAYS = 365
TOP_TRANSITIONS = 5


@dataclass(frozen=True)
class PayRange:
    unit: str
    unit_label: str
    currency: str
    low: Decimal
    median: Decimal
    high: Decimal
    positions: int


@dataclass(frozen=True)
class RoleMarket:
    open_positions: int
    pay: tuple[PayRange, ...]
    demand: tuple[tuple[dt.date, int], ...]  # (first day of month, positions)
    came_from: tuple[tuple[Role, int], ...]  # (role, people)
    went_to: tuple[tuple[Role, int], ...]

    @property
    def demand_peak(self) -> int:
        return max((n for _, n in self.demand), default=0)


def role_transitions(role: Role) -> tuple[Counter, Counter, dict[int, Role]]:
    """(came from, went to, roles by id): role id -> people, from each worker's credits in
    date order, in one query.

    A transition is two consecutive credits of one worker in different roles; a person
    counts once per pair of roles however often they went back and forth.
    """
    rows = (
        Credit.objects.filter(worker__in=Credit.objects.filter(role=role).values("worker"))
        .order_by("worker_id", "date", "pk")
        .values_list("worker_id", "role_id", "role__slug", "role__name")
    )
    pairs: set[tuple[int, int, int]] = set()
    roles: dict[int, Role] = {}
    previous: tuple[int, int] | None = None
    for worker_id, role_id, slug, name in rows:
        roles.setdefault(role_id, Role(pk=role_id, slug=slug, name=name))
        if previous is not None and previous[0] == worker_id and previous[1] != role_id:
            pairs.add((worker_id, previous[1], role_id))
        previous = (worker_id, role_id)
    came = Counter(a for _, a, b in pairs if b == role.pk)
    went = Counter(b for _, a, b in pairs if a == role.pk)
    return came, went, roles


def _top(counter: Counter, roles: dict[int, Role]) -> tuple[tuple[Role, int], ...]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], roles[kv[0]].name))
    return tuple((roles[pk], n) for pk, n in ranked[:TOP_TRANSITIONS])


def _pay_ranges(amounts: dict[tuple[str, str], list[Decimal]]) -> tuple[PayRange, ...]:
    return tuple(
        PayRange(
            unit,
            pay_unit_words(unit),
            currency,
            min(values),
            Decimal(statistics.median(values)).quantize(Decimal("0.01")),
            max(values),
            len(values),
        )
        for (unit, currency), values in sorted(amounts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )


def role_market(role: Role, now: dt.datetime | None = None) -> RoleMarket:
    """Live facts for a role page, from the positions and credits on Stagedoor, in two
    queries whatever the numbers.

    - open positions: published, call not started;
    - pay: low, median and high of the positions of the last 12 months and the open ones,
      per pay unit and currency, the most common first;
    - demand: positions per month (server time zone) over this and the next five months;
    - came from / went to: see `role_transitions`, the five most common each.
    """
    now = now or timezone.now()
    first = timezone.localtime(now).date().replace(day=1)
    months = [month_start(first, n) for n in range(DEMAND_MONTHS)]
    upper = timezone.make_aware(dt.datetime.combine(month_start(first, DEMAND_MONTHS), dt.time()))
    since = now - dt.timedelta(days=PAY_LOOKBACK_DAYS)  # before the first of this month
    rows = (
        Position.objects.filter(role=role, call_start__gte=since)
        .exclude(show__status__in=[Status.DRAFT, Status.CANCELLED])
        .exclude(project__status__in=[Status.DRAFT, Status.CANCELLED])
        .values_list("call_start", "pay_unit", "currency", "pay_amount")
    )
    open_count = 0
    amounts: dict[tuple[str, str], list[Decimal]] = {}
    per_month: Counter = Counter()
    for start, unit, currency, amount in rows:
        open_count += start >= now
        amounts.setdefault((unit, currency), []).append(amount)
        if start < upper:
            per_month[timezone.localtime(start).date().replace(day=1)] += 1
    came, went, roles = role_transitions(role)
    return RoleMarket(
        open_positions=open_count,
        pay=_pay_ranges(amounts),
        demand=tuple((m, per_month.get(m, 0)) for m in months),
        came_from=_top(came, roles),
        went_to=_top(went, roles),
    )
