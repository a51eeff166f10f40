"""The coordinator's week in the demo: something for /manage/ to say to parker.production.

The tour's first stop is nine days out, so on most days Sightline has nothing in this week
or the next. This adds Mara Quinn's warm-up show two days from the first run, part booked,
with an offer about to expire, an offer that clashes with the worker's booking, a booked
worker whose certificate the call asks for runs out the day before, and labour budgets on
it (a little under the estimate) and on the first two tour stops (one above, one just
under). Bookings and offers are saved as rows, as the past week's are; the setting
`demo_week` keeps a second run from adding anything.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from stagedoor.booking.models import BUSY_STATUSES, Offer, PositionEvent
from stagedoor.booking.services.events import log_event
from stagedoor.booking.week.cost import labour_costs
from stagedoor.core.models import SiteSetting
from stagedoor.core.places import find_place
from stagedoor.gigs.models import Position, Show
from stagedoor.people.models import WorkerCertification

from . import cast
from .common import SEED, Catalog
from .past import _book, _crew, _positions
from .shows import ShowPlan, _crew_call, save_show

SETTING = "demo_week"
ORG = "sightline-production"
VENUE = "the-marquee-theatre-nyc"
MANAGER = "parker.production"
# The share of each show's estimated labour cost its budget is set at.
BUDGETS = {"warm-up": Decimal("0.9"), 1: Decimal("1.15"), 2: Decimal("0.98")}


def _plan(catalog: Catalog, now: dt.datetime) -> ShowPlan:
    row = next(v for v in cast.VENUES if v[0] == VENUE)
    currency = next(c[2] for c in cast.CITIES if c[0] == row[3])
    tz = zoneinfo.ZoneInfo(find_place(row[3]).timezone)
    date = now.astimezone(tz).date() + dt.timedelta(days=2)
    artist = cast.TOUR["artist"]
    return ShowPlan(
        slug=slugify(f"{artist} warm-up {row[3].split(',')[0]} {date.isoformat()}")[:80],
        organisation=ORG,
        venue=VENUE,
        artist=artist,
        title=f"{cast.TOUR['name']} warm-up",
        date=date,
        doors=dt.datetime.combine(date, dt.time(19, 0), tzinfo=tz),
        show=dt.datetime.combine(date, dt.time(20, 0), tzinfo=tz),
        curfew=dt.datetime.combine(date, dt.time(23, 0), tzinfo=tz),
        status="published",
        tour_order=None,
        positions=_crew_call(catalog, random.Random(SEED + 11), row, date, tz, currency, False),
    )


def _offer(position: Position, worker, manager, expires_at: dt.datetime, note: str) -> Offer:
    offer = Offer.objects.create(
        position=position, worker=worker, expires_at=expires_at, sent_by=manager, message=note
    )
    log_event(
        position,
        PositionEvent.Kind.OFFERED,
        f"Offered to {worker.display_name}.",
        actor=manager,
        worker=worker,
    )
    return offer


def _lapse(catalog: Catalog, show: Show, booked: dict[int, list]) -> None:
    """The first booked worker on a call that asks for a certificate (one of the role's, set
    on the call when it asks for none) holds it only until the day before the show."""
    for position in _positions(show):
        workers = booked.get(position.pk)
        certs = list(position.required_certifications.all()) or list(
            catalog.roles[position.role.slug].certifications.all()
        )
        if not workers or not certs:
            continue
        position.required_certifications.add(certs[0])
        WorkerCertification.objects.filter(worker=workers[0], certification=certs[0]).delete()
        WorkerCertification.objects.create(
            worker=workers[0],
            certification=certs[0],
            issued_on=show.date - dt.timedelta(days=3 * 365),
            expires_on=show.date - dt.timedelta(days=1),
        )
        return


def _budgets(shows: dict) -> None:
    items = {key: show for key, show in shows.items() if show is not None}
    positions = list(
        Position.objects.filter(show__in=items.values(), cancelled_at__isnull=True)
        .select_related("show__organisation", "show__venue")
        .order_by("pk")
    )
    open_seats = {
        p.pk: max(p.headcount - p.bookings.filter(status__in=BUSY_STATUSES).count(), 0)
        for p in positions
    }
    costs, _ = labour_costs(list(items.values()), open_seats, positions)
    for key, show in items.items():
        cost = sum(costs.get(show.pk, {}).values(), Decimal(0))
        hundreds = (cost * BUDGETS[key] / 100).quantize(Decimal(1), rounding=ROUND_DOWN)
        show.labour_budget = hundreds * 100
        show.save(update_fields=["labour_budget"])


def save_coordinator_week(catalog: Catalog, orgs) -> int:
    """Save the warm-up show and its alerts once; returns the shows created (0 or 1)."""
    if SiteSetting.objects.filter(key=SETTING).exists():
        return 0
    now = timezone.now()
    manager = get_user_model().objects.get(username=MANAGER)
    with transaction.atomic():
        SiteSetting.objects.create(key=SETTING, value=now.date().isoformat())
        plan = _plan(catalog, now)
        if not save_show(plan, catalog, orgs, None):
            return 0
        show = Show.objects.select_related("venue").get(slug=plan.slug)
        taken: set[int] = set()
        booked: dict[int, list] = {}
        positions = _positions(show)
        for n, position in enumerate(positions):
            # Every other call keeps a seat open.
            for _ in range(position.headcount - (1 if n % 2 == 0 else 0)):
                worker = _crew(position, taken, show.venue.city)
                if worker is None:
                    break
                _book(position, worker)
                booked.setdefault(position.pk, []).append(worker)
        _lapse(catalog, show, booked)
        open_calls = [p for p in positions if len(booked.get(p.pk, [])) < p.headcount]
        if open_calls:
            first = open_calls[0]
            worker = _crew(first, taken, show.venue.city)
            if worker is not None:
                _offer(
                    first,
                    worker,
                    manager,
                    min(now + dt.timedelta(hours=20), first.call_start - dt.timedelta(hours=1)),
                    "Short notice, sorry: can you do the warm-up?",
                )
        # An offer to someone already booked on a call that overlaps: the clash to settle.
        for call in open_calls:
            other = next(
                (
                    p
                    for p in positions
                    if p.pk != call.pk
                    and booked.get(p.pk)
                    and p.call_start < call.call_end
                    and p.call_end > call.call_start
                ),
                None,
            )
            if other is not None:
                _offer(
                    call,
                    booked[other.pk][0],
                    manager,
                    call.call_start - dt.timedelta(hours=2),
                    "Can you cover this too?",
                )
                break
        stops = {
            s.tour_order: s
            for s in Show.objects.filter(tour__slug=cast.TOUR["slug"], tour_order__in=[1, 2])
        }
        _budgets({"warm-up": show, 1: stops.get(1), 2: stops.get(2)})
    return 1
