"""The Lanterns Tour on the road: an itinerary from the day before its first stop to its
London show (show days, travel days by bus and plane, days off, hotels and per diems) and
touring crew engaged for it, saved through the touring services as Parker would from the
tour's planning page. The engaged crew accept their offers as they would in their inbox."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from stagedoor.booking import services as booking
from stagedoor.booking.models import BUSY_STATUSES, Booking, Hold, Offer
from stagedoor.gigs.models import Tour
from stagedoor.people.models import WorkerProfile
from stagedoor.touring import services
from stagedoor.touring.models import TourDay

from . import cast

HOTELS = {
    "Nashville": ("The Cumberland Inn", "410 Broadway, Nashville, TN"),
    "Austin": ("Hotel Colorado River", "88 Red River St, Austin, TX"),
    "Chicago": ("The Lakeshore Arms", "220 N Wacker Dr, Chicago, IL"),
    "New York City": ("The Bowery Lantern", "31 Bowery, New York, NY"),
    "Los Angeles": ("Sunset Vine Hotel", "6200 Sunset Blvd, Los Angeles, CA"),
    "London": ("The Shoreditch Linden", "12 Curtain Road, London"),
}
# How the party gets from one stop to the next: mode, hours, carrier, reference.
LEGS = [
    ("bus", 13, "Night Rider Coaches", "Bus 1"),
    ("bus", 17, "Night Rider Coaches", "Bus 1"),
    ("flight", 2.5, "United", "UA 1231"),
    ("flight", 6.5, "Delta", "DL 422"),
    ("flight", 10.5, "Virgin Atlantic", "VS 24"),
]
# role, rate per week, currency: who travels with the tour; Will first, if he is free.
ENGAGED = [
    ("will.worker", "audio-tech", Decimal("1750")),
    (None, "monitor-engineer", Decimal("2450")),
    (None, "foh-engineer", Decimal("2800")),
]


def _free(worker: WorkerProfile, start: dt.datetime, end: dt.datetime) -> bool:
    """No booking, pending offer or active hold of the worker touches the span: engaging
    them must not withdraw anything another part of the demo set up."""
    during = Q(position__call_start__lt=end, position__call_end__gt=start)
    return not (
        Booking.objects.filter(during, worker=worker, status__in=BUSY_STATUSES).exists()
        or Offer.objects.filter(during, worker=worker, status=Offer.Status.PENDING).exists()
        or Hold.objects.filter(during, worker=worker, status=Hold.Status.ACTIVE).exists()
    )


def _itinerary(tour: Tour, manager) -> list[TourDay]:
    stops = list(tour.stops.select_related("venue").order_by("tour_order"))
    by_date = {stop.date: (i, stop) for i, stop in enumerate(stops)}
    days = []
    here = stops[0].venue
    first, last = stops[0].date - dt.timedelta(days=1), stops[-1].date
    date = first
    while date <= last:
        fields = {}
        if date in by_date:
            index, stop = by_date[date]
            here, kind = stop.venue, "show"
            fields["show"] = stop
            load_in = (here.load_in_notes or "Load-in at the dock").rstrip(".")
            fields["notes"] = f"{load_in}. Bus call after load-out."
        else:
            after = [i for d, (i, _) in by_date.items() if d < date]
            index = max(after) if after else -1
            previous_stop = stops[index].date if index >= 0 else None
            moving = previous_stop is None or date == previous_stop + dt.timedelta(days=1)
            kind = "travel" if moving else "off"
            if kind == "travel":
                here = stops[index + 1].venue
        usd = here.country != "GB"
        hotel = HOTELS.get(here.city, (f"Hotel {here.city}", here.city))
        zone = zoneinfo.ZoneInfo(here.timezone)
        day = services.tour_day_save(
            actor=manager,
            tour=tour,
            date=date,
            kind=kind,
            city=here.city,
            timezone=here.timezone,
            per_diem=Decimal("35") if usd else Decimal("30"),
            per_diem_currency="USD" if usd else "GBP",
            hotel_name=hotel[0],
            hotel_address=hotel[1],
            hotel_check_in=dt.datetime.combine(date, dt.time(15), tzinfo=zone),
            hotel_confirmation=f"LT-{date:%m%d}-{len(days) + 1:02d}",
            **fields,
        )
        days.append(day)
        date += dt.timedelta(days=1)
    return days


def _legs(tour: Tour, manager) -> int:
    stops = list(tour.stops.select_related("venue").order_by("tour_order"))
    made = 0
    for (mode, hours, carrier, reference), (origin, target) in zip(
        LEGS, itertools.pairwise(stops), strict=False
    ):
        day = TourDay.objects.filter(tour=tour, date=origin.date + dt.timedelta(days=1)).first()
        if day is None:
            continue
        depart = dt.datetime.combine(
            day.date, dt.time(10), tzinfo=zoneinfo.ZoneInfo(origin.venue.timezone)
        )
        arrive = (depart + dt.timedelta(hours=hours)).astimezone(
            zoneinfo.ZoneInfo(target.venue.timezone)
        )
        services.travel_leg_add(
            actor=manager,
            day=day,
            mode=mode,
            depart_place=origin.venue.city,
            depart_at=depart,
            depart_zone=origin.venue.timezone,
            arrive_place=target.venue.city,
            arrive_at=arrive,
            arrive_zone=target.venue.timezone,
            carrier=carrier,
            reference=reference,
        )
        made += 1
    return made


def _try_engage(tour, manager, worker, role, rate, first: TourDay, last: TourDay) -> bool:
    start = dt.datetime.combine(first.date, dt.time(), tzinfo=zoneinfo.ZoneInfo(first.timezone))
    end = dt.datetime.combine(last.date, dt.time(23, 59), tzinfo=zoneinfo.ZoneInfo(last.timezone))
    if not _free(worker, start, end):
        return False
    try:
        with transaction.atomic():
            engagement = services.engagement_create(
                actor=manager,
                tour=tour,
                worker=worker,
                role=role,
                first_day=first.date,
                last_day=last.date,
                rate_amount=rate,
                rate_unit="week",
                currency="USD",
                travel_day_share=Decimal("1"),
                day_off_share=Decimal("0.5"),
            )
            offer = Offer.objects.get(position=engagement.position, worker=worker)
            booking.offer_accept(actor=worker.user, offer=offer)
    except ValidationError:
        return False
    return True


def _engage(tour: Tour, manager, days: list[TourDay]) -> int:
    """The whole tour for each touring role; Will, if he is busy before, joins for the
    London leg (from the flight over to the last show)."""
    flights = [d for d in days if d.kind == "travel" and d.timezone == "Europe/London"]
    spans = [(days[0], days[-1])] + ([(flights[0], days[-1])] if flights else [])
    engaged = 0
    taken: set[int] = set()
    for username, role, rate in ENGAGED:
        people = WorkerProfile.objects.filter(roles__role__slug=role, willing_to_tour=True)
        tries = spans[:1]
        if username:
            people, tries = WorkerProfile.objects.filter(user__username=username), spans
        done = False
        for worker in people.select_related("user").order_by("pk")[:25]:
            if worker.pk in taken:
                continue
            for first, last in tries:
                if _try_engage(tour, manager, worker, role, rate, first, last):
                    taken.add(worker.pk)
                    engaged += 1
                    done = True
                    break
            if done:
                break
    return engaged


@transaction.atomic
def save_tour_itinerary() -> dict[str, int]:
    """The Lanterns Tour's itinerary, legs and touring crew, when not saved yet."""
    tour = Tour.objects.filter(slug=cast.TOUR["slug"]).first()
    if tour is None or not tour.stops.exists() or TourDay.objects.filter(tour=tour).exists():
        return {"tour_days": 0, "travel_legs": 0, "engagements": 0}
    manager = get_user_model().objects.get(username="parker.production")
    services.tour_budget_set(actor=manager, tour=tour, amount=Decimal("60000"), currency="USD")
    days = _itinerary(tour, manager)
    legs = _legs(tour, manager)
    engaged = _engage(tour, manager, days)
    return {"tour_days": len(days), "travel_legs": legs, "engagements": engaged}
