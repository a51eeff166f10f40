"""The coordinator's week, read for the page, the API and the CLI."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from stagedoor.core.validation import Errors
from stagedoor.gigs.models import Position, Show, Status
from stagedoor.industry.enums import Department
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import managed_organisations, require_manager

from ..models import BUSY_STATUSES, Offer
from . import alerts
from .cost import budget_words, labour_costs, money, show_currency

SOON = dt.timedelta(hours=48)
STARTS_SOON = "Starts within 48 hours"
LATER_THIS_WEEK = "Later this week"
NEXT_WEEK = "Next week"
_DEPARTMENT_ORDER = {value: n for n, value in enumerate(Department.values)}


@dataclass(frozen=True)
class Fill:
    """Booked of needed seats, for a show or one of its departments."""

    key: str  # the department's code ("audio"), "all" for the whole show
    label: str
    booked: int
    needed: int

    @property
    def open(self) -> int:
        return self.needed - self.booked

    @property
    def words(self) -> str:
        return f"{self.booked} of {self.needed}"

    @property
    def full(self) -> bool:
        return self.booked >= self.needed


@dataclass(frozen=True)
class ShowWeek:
    show: Show
    week: str  # "This week" or "Next week"
    fill: Fill
    departments: tuple[Fill, ...]
    cost: dict[str, Decimal]  # estimated, per currency
    currency: str | None  # the currency its crew calls pay in
    budget: str  # the cost against the budget, in words
    over_budget: bool

    @property
    def cost_words(self) -> str:
        if not self.cost:
            return "Nothing to pay yet"
        return " + ".join(money(amount, cur) for cur, amount in sorted(self.cost.items()))


@dataclass(frozen=True)
class OpenSeat:
    position: Position
    open: int
    offered: int  # pending offers out on the call
    when: str  # STARTS_SOON, LATER_THIS_WEEK or NEXT_WEEK


@dataclass
class Week:
    start: dt.date
    organisations: list[Organisation]
    now: dt.datetime
    shows: list[ShowWeek] = field(default_factory=list)
    open_seats: list[OpenSeat] = field(default_factory=list)
    expiring: list[Offer] = field(default_factory=list)
    unanswered: list[Offer] = field(default_factory=list)
    clashes: list[alerts.Clash] = field(default_factory=list)
    lapses: list[alerts.Lapse] = field(default_factory=list)
    problems: tuple[str, ...] = ()

    @property
    def end(self) -> dt.date:
        """The last day of next week."""
        return self.start + dt.timedelta(days=13)

    @property
    def next_start(self) -> dt.date:
        return self.start + dt.timedelta(days=7)

    def open_by_when(self) -> list[tuple[str, list[OpenSeat]]]:
        return [
            (when, [s for s in self.open_seats if s.when == when])
            for when in (STARTS_SOON, LATER_THIS_WEEK, NEXT_WEEK)
        ]

    @property
    def alert_count(self) -> int:
        return len(self.expiring) + len(self.clashes) + len(self.lapses)


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def _organisations(actor, organisation: Organisation | None) -> list[Organisation]:
    if organisation is not None:
        require_manager(actor, organisation, "see its week")
        return [organisation]
    return list(managed_organisations(actor).order_by("name"))


def _check_start(start) -> None:
    errors = Errors()
    if start is not None and (not isinstance(start, dt.date) or isinstance(start, dt.datetime)):
        errors.add("start", "Give the first day of the week as a date (YYYY-MM-DD).")
    errors.raise_if_any()


def _shows(week: Week, org_ids: set[int]) -> tuple[list[Position], dict[int, int]]:
    """Fill the week's shows and open seats; return the live calls and open seats per call."""
    shows = list(
        Show.objects.filter(organisation_id__in=org_ids, date__gte=week.start, date__lte=week.end)
        .exclude(status=Status.CANCELLED)
        .select_related("venue", "organisation")
        .order_by("date", "artist", "pk")
    )
    positions = list(
        Position.objects.filter(show__in=shows, cancelled_at__isnull=True)
        .select_related("role", "show__venue", "show__organisation")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES), distinct=True),
            offered=Count("offers", filter=Q(offers__status=Offer.Status.PENDING), distinct=True),
        )
        .order_by("call_start", "pk")
    )
    open_seats = {p.pk: max(p.headcount - p.booked, 0) for p in positions}
    # A seat still open once its call has started will not be filled, nor paid.
    to_fill = {p.pk: open_seats[p.pk] for p in positions if p.call_start > week.now}
    costs, week.problems = labour_costs(shows, to_fill, positions)
    by_show: dict[int, list[Position]] = defaultdict(list)
    for position in positions:
        by_show[position.show_id].append(position)
    for show in shows:
        calls = by_show[show.pk]
        departments: dict[str, list[int]] = {}
        for p in calls:
            seats = departments.setdefault(p.role.department, [0, 0])
            seats[0] += min(p.booked, p.headcount)
            seats[1] += p.headcount
        fills = tuple(
            Fill(key=d, label=Department(d).label, booked=b, needed=n)
            for d, (b, n) in sorted(departments.items(), key=lambda kv: _DEPARTMENT_ORDER[kv[0]])
        )
        currency = show_currency(calls)
        cost = costs.get(show.pk, {})
        words, over = budget_words(show, currency, cost)
        week.shows.append(
            ShowWeek(
                show=show,
                week="This week" if show.date < week.next_start else "Next week",
                fill=Fill(
                    key="all",
                    label="All",
                    booked=sum(f.booked for f in fills),
                    needed=sum(f.needed for f in fills),
                ),
                departments=fills,
                cost=cost,
                currency=currency,
                budget=words,
                over_budget=over,
            )
        )
    for p in positions:
        if open_seats[p.pk] and p.call_start > week.now:
            if p.call_start <= week.now + SOON:
                when = STARTS_SOON
            elif p.show.date < week.next_start:
                when = LATER_THIS_WEEK
            else:
                when = NEXT_WEEK
            week.open_seats.append(
                OpenSeat(position=p, open=open_seats[p.pk], offered=p.offered, when=when)
            )
    return positions, open_seats


def coordinator_week(
    *,
    actor,
    organisation: Organisation | None = None,
    start: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Week:
    """What needs the manager now, for `organisation` or every one `actor` manages (all of
    them for a superuser or the operator): the shows of the week starting `start` (this
    week's Monday by default) and the week after, and the alerts over every call of theirs
    that has not started. Refuses anyone who does not manage `organisation`."""
    _check_start(start)
    orgs = _organisations(actor, organisation)
    now = now or timezone.now()
    week = Week(start=start or week_start(timezone.localdate(now)), organisations=orgs, now=now)
    org_ids = {o.pk for o in orgs}
    if not org_ids:
        return week
    _shows(week, org_ids)
    calls = alerts.upcoming_calls(org_ids, now)
    week.expiring, week.unanswered = alerts.pending_offers(calls, now)
    week.clashes = alerts.clashes(calls, org_ids, now)
    week.lapses = alerts.lapses(calls)
    return week
