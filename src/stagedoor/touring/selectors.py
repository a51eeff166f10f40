"""Reads of a tour: its itinerary, a day sheet, an engagement's pay, the labour cost
against the budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse

from stagedoor.booking.models import BUSY_STATUSES, Booking
from stagedoor.booking.pay.selectors import pay_for_show
from stagedoor.core.text import in_zone
from stagedoor.engine.pay import touring as engine
from stagedoor.gigs.labels import EngagementWords
from stagedoor.gigs.models import Position, Show, Tour

from .models import TourBudget, TourDay, TourEngagement, TravelLeg
from .rules import party, require_planner, require_reader


def daysheet_path(tour: Tour, date: dt.date) -> str:
    return reverse("touring:daysheet", args=[tour.slug, date.isoformat()])


def itinerary_path(tour: Tour) -> str:
    return reverse("touring:itinerary", args=[tour.slug])


def itinerary(tour: Tour) -> list[TourDay]:
    legs = Prefetch("legs", queryset=TravelLeg.objects.order_by("depart_at", "pk"))
    return list(
        TourDay.objects.filter(tour=tour)
        .select_related("show__venue", "tour")
        .prefetch_related(legs)
        .order_by("date")
    )


def engagements(tour: Tour) -> list[TourEngagement]:
    live = Booking.objects.filter(status__in=BUSY_STATUSES)
    return list(
        TourEngagement.objects.filter(tour=tour)
        .select_related("worker", "position__role")
        .prefetch_related(Prefetch("position__bookings", queryset=live, to_attr="live"))
        .order_by("first_day", "worker__display_name")
    )


def _engine_days(tour_id: int, first: dt.date, last: dt.date, currency: str):
    rows = TourDay.objects.filter(tour_id=tour_id, date__gte=first, date__lte=last)
    return {
        d.date: engine.TourDay(d.date, d.kind, d.per_diem, d.per_diem_currency or currency)
        for d in rows
    }


def engagement_pay(engagement: TourEngagement) -> engine.TourPay:
    """Wages and per diems the engagement earns on the itinerary's days."""
    rate = engine.TourRate(engagement.rate_amount, engagement.rate_unit, engagement.currency)
    rules = engine.TourPayRules(engagement.travel_day_share, engagement.day_off_share)
    first, last = engagement.first_day, engagement.last_day
    days = _engine_days(engagement.tour_id, first, last, engagement.currency)
    legs = TravelLeg.objects.filter(
        day__tour_id=engagement.tour_id, day__date__gte=first, day__date__lte=last
    )
    lost = [d for leg in legs for d in engine.lost_dates(engine.leg_times(*_local(leg)))]
    return engine.tour_pay(rate, engine.engaged_days(first, last, days, lost), rules)


def _local(leg: TravelLeg) -> tuple[dt.datetime, dt.datetime]:
    return in_zone(leg.depart_at, leg.depart_zone), in_zone(leg.arrive_at, leg.arrive_zone)


@dataclass(frozen=True)
class DaySheet:
    tour: Tour
    day: TourDay
    legs: tuple[TravelLeg, ...]
    show: Show | None
    crew: tuple  # (name, role, phone)
    local_calls: tuple[Position, ...]
    previous: dt.date | None
    next: dt.date | None


def day_sheet(*, actor, tour: Tour, date: dt.date) -> DaySheet | None:
    """The day sheet for one date: None when the itinerary has no such day."""
    require_reader(actor, tour)
    day = (
        TourDay.objects.filter(tour=tour, date=date)
        .select_related("show__venue", "tour")
        .prefetch_related("legs")
        .first()
    )
    if day is None:
        return None
    engaged = [
        e for e in engagements(tour) if e.first_day <= date <= e.last_day and e.position.live
    ]
    crew = tuple((e.worker.display_name, e.position.role.name, e.worker.phone) for e in engaged)
    local = ()
    if day.show_id:
        local = tuple(
            Position.objects.filter(show=day.show, crew="local", cancelled_at__isnull=True)
            .select_related("role", "show__venue")
            .order_by("call_start", "pk")
        )
    dates = TourDay.objects.filter(tour=tour)
    before = dates.filter(date__lt=date).order_by("-date").values_list("date", flat=True).first()
    after = dates.filter(date__gt=date).order_by("date").values_list("date", flat=True).first()
    return DaySheet(tour, day, tuple(day.legs.all()), day.show, crew, local, before, after)


@dataclass(frozen=True)
class LabourCost:
    touring: dict[str, Decimal]
    per_diems: dict[str, Decimal]
    local: dict[str, Decimal]
    totals: dict[str, Decimal]
    budget: TourBudget | None
    lines: tuple  # (worker name, wages by currency, per diems by currency)

    @property
    def left(self) -> Decimal | None:
        """What is left of the budget in its currency (negative when over it)."""
        if self.budget is None:
            return None
        return self.budget.amount - self.totals.get(self.budget.currency, Decimal("0"))

    def by_currency(self) -> list[dict]:
        """One row per currency: touring crew, per diems, local crew and the total."""
        return [
            {
                "currency": currency,
                "touring": self.touring.get(currency),
                "per_diems": self.per_diems.get(currency),
                "local": self.local.get(currency),
                "total": total,
            }
            for currency, total in sorted(self.totals.items())
        ]

    @property
    def over(self) -> Decimal | None:
        """How far over the budget the cost runs, or None when within it."""
        left = self.left
        return -left if left is not None and left < 0 else None


def _add(into: dict[str, Decimal], currency: str, amount: Decimal) -> None:
    into[currency] = into.get(currency, Decimal("0")) + amount


def labour_cost(*, actor, tour: Tour) -> LabourCost:
    """The tour's labour cost: touring crew wages and per diems from the engagements with a
    live booking, and the local crew booked at its stops, per currency, against its budget."""
    require_planner(actor, tour, "see its labour cost")
    touring: dict[str, Decimal] = {}
    per_diems: dict[str, Decimal] = {}
    lines = []
    engaged = engagements(tour)
    for engagement in engaged:
        if not engagement.position.live:
            continue
        pay = engagement_pay(engagement)
        wages: dict[str, Decimal] = {}
        diems: dict[str, Decimal] = {}
        for line in pay.lines:
            _add(wages if line.kind == "wage" else diems, line.currency, line.amount)
        for currency, amount in wages.items():
            _add(touring, currency, amount)
        for currency, amount in diems.items():
            _add(per_diems, currency, amount)
        lines.append((engagement.worker.display_name, wages, diems))
    local: dict[str, Decimal] = {}
    engaged_calls = {e.position_id for e in engaged}
    for show in Show.objects.filter(tour=tour).select_related("venue", "organisation"):
        for paid in pay_for_show(actor=actor, show=show).bookings:
            if paid.position.pk not in engaged_calls:
                _add(local, paid.currency, paid.total)
    totals: dict[str, Decimal] = {}
    for part in (touring, per_diems, local):
        for currency, amount in part.items():
            _add(totals, currency, amount)
    budget = TourBudget.objects.filter(tour=tour).first()
    return LabourCost(touring, per_diems, local, totals, budget, tuple(lines))


def party_of(tour: Tour):
    return list(party(tour))


def days_words(first: dt.date, last: dt.date) -> str:
    """'13-20 Dec', '28 Nov-5 Dec', '28 Dec 2026-3 Jan 2027' (each an en dash), '13 Dec'."""
    if first == last:
        return f"{first.day} {first:%b}"
    if first.year != last.year:
        return f"{first.day} {first:%b %Y}–{last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b}–{last.day} {last:%b}"
    return f"{first.day}–{last.day} {last:%b}"


def _cities(engagement: TourEngagement) -> list[str]:
    """The cities of the show days the engagement covers, in order, each once: from the
    itinerary, else from the tour's stops."""
    first, last = engagement.first_day, engagement.last_day
    cities = list(
        TourDay.objects.filter(
            tour_id=engagement.tour_id, kind="show", date__gte=first, date__lte=last
        )
        .order_by("date")
        .values_list("city", flat=True)
    ) or list(
        Show.objects.filter(tour_id=engagement.tour_id, date__gte=first, date__lte=last)
        .exclude(status="cancelled")
        .order_by("date")
        .values_list("venue__city", flat=True)
    )
    return list(dict.fromkeys(c for c in cities if c))


def engagement_words(position: Position) -> EngagementWords | None:
    """How notices and pages name an engagement's call: the tour, the leg when it is not
    the whole tour ('London leg', 'Chicago to London leg'), and its days."""
    engagement = (
        TourEngagement.objects.filter(position_id=position.pk).select_related("tour").first()
    )
    if engagement is None:
        return None
    tour = engagement.tour
    name = tour.name if tour.name.lower().endswith("tour") else f"{tour.name} tour"
    parts = [f"the {name}"]
    stops = (
        Show.objects.filter(tour=tour).exclude(status="cancelled").values_list("date", flat=True)
    )
    whole = all(engagement.first_day <= d <= engagement.last_day for d in stops)
    cities = _cities(engagement)
    if cities and not whole:
        parts.append(f"{cities[0]} leg" if len(cities) == 1 else f"{cities[0]} to {cities[-1]} leg")
    return EngagementWords(
        name=", ".join(parts), days=days_words(engagement.first_day, engagement.last_day)
    )
