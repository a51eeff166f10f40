"""Writes on a tour's itinerary and its touring crew: days, travel legs, hotels, the
labour budget and engagements. Each refuses bad input naming the field, saves nothing
then, and tells the touring party when a day sheet changes."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from stagedoor.booking import services as booking
from stagedoor.booking.models import Notification
from stagedoor.booking.services.notify import notify_many
from stagedoor.core.http import absolute_url
from stagedoor.core.locking import lock_rows
from stagedoor.core.text import day as day_words
from stagedoor.core.text import pay
from stagedoor.core.validation import (
    Errors,
    check_aware,
    check_choice,
    check_currency,
    check_in_window,
    check_money,
    check_timezone,
)
from stagedoor.gigs.models import Crew, Show, Tour
from stagedoor.gigs.services import position_create, position_update
from stagedoor.industry.enums import PayUnit
from stagedoor.industry.models import Role
from stagedoor.people.models import WorkerProfile

from . import selectors
from .enums import DayKind, RateUnit, TravelMode
from .models import TourBudget, TourDay, TourEngagement, TravelLeg
from .rules import party, require_planner

DAY_FIELDS = (
    "kind",
    "city",
    "timezone",
    "show",
    "per_diem",
    "per_diem_currency",
    "notes",
    "hotel_name",
    "hotel_address",
    "hotel_check_in",
    "hotel_confirmation",
)


def _text(errors: Errors, name: str, value, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.add(name, "This field is required.")
    elif len(value) > limit:
        errors.add(name, f"At most {limit} characters.")
    return value


def _tell_party(tour: Tour, day: dt.date, what: str) -> None:
    """Every touring crew member gets a notice that the day's sheet changed."""
    path = selectors.daysheet_path(tour, day)
    notify_many(
        [w.user for w in party(tour)],
        kind=Notification.Kind.CALL_SHEET,
        subject=f"{tour.artist}: day sheet for {day_words(day)} changed",
        body=f"{what}\n\nDay sheet: {absolute_url(path)}",
        url=path,
    )


def _check_day(errors: Errors, tour: Tour, data: dict) -> dict:
    check_choice(errors, "kind", data.get("kind"), DayKind.values)
    clean = {"kind": data.get("kind")}
    clean["city"] = _text(errors, "city", data.get("city"), 120, required=True)
    check_timezone(errors, "timezone", data.get("timezone"))
    clean["timezone"] = data.get("timezone")
    show = data.get("show")
    if show is not None and show.tour_id != tour.pk:
        errors.add("show", "Choose a show that is a stop of this tour.")
    clean["show"] = show
    per_diem = check_money(errors, "per_diem", data.get("per_diem") or "0")
    clean["per_diem"] = per_diem
    currency = (data.get("per_diem_currency") or "").strip()
    if per_diem:
        check_currency(errors, "per_diem_currency", currency)
    clean["per_diem_currency"] = currency if per_diem else ""
    clean["notes"] = _text(errors, "notes", data.get("notes"), 4000)
    clean["hotel_name"] = _text(errors, "hotel_name", data.get("hotel_name"), 160)
    clean["hotel_address"] = _text(errors, "hotel_address", data.get("hotel_address"), 300)
    clean["hotel_confirmation"] = _text(
        errors, "hotel_confirmation", data.get("hotel_confirmation"), 80
    )
    check_in = data.get("hotel_check_in")
    if check_in is not None:
        check_aware(errors, "hotel_check_in", check_in)
        check_in_window(errors, "hotel_check_in", check_in)
    clean["hotel_check_in"] = check_in
    return clean


@transaction.atomic
def tour_day_save(*, actor, tour: Tour, date: dt.date, day: TourDay | None = None, **fields):
    """Add a day to the itinerary (or change `day`): a show day, travel day or day off with
    its city and zone, per diem, notes and hotel. One day per date."""
    require_planner(actor, tour)
    lock_rows((Tour, [tour.pk]))
    errors = Errors()
    unknown = set(fields) - set(DAY_FIELDS)
    for name in sorted(unknown):
        errors.add(name, "Not a field of an itinerary day.")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        errors.add("date", "Give a date (YYYY-MM-DD).")
    else:
        check_in_window(errors, "date", date)
        taken = TourDay.objects.filter(tour=tour, date=date)
        if day is not None:
            taken = taken.exclude(pk=day.pk)
        if taken.exists():
            errors.add("date", f"The itinerary already has {day_words(date)}.")
    base = {name: getattr(day, name) for name in DAY_FIELDS} if day else {}
    clean = _check_day(errors, tour, base | fields)
    errors.raise_if_any()
    created = day is None
    day = day or TourDay(tour=tour)
    before = day.date
    day.date = date
    for name, value in clean.items():
        setattr(day, name, value)
    day.updated_at = timezone.now()
    day.save()
    _reprice(actor, tour)
    what = "Added to the itinerary" if created else "The itinerary changed"
    _tell_party(tour, date, f"{what}: {day.get_kind_display()} in {day.city}.")
    if before and before != date:
        _tell_party(tour, before, f"Moved to {day_words(date)}.")
    return day


@transaction.atomic
def tour_day_delete(*, actor, day: TourDay) -> None:
    tour = day.tour
    require_planner(actor, tour)
    lock_rows((Tour, [tour.pk]))
    date = day.date
    day.delete()
    _reprice(actor, tour)
    _tell_party(tour, date, "The day was taken off the itinerary.")


LEG_FIELDS = ("carrier", "reference")


@transaction.atomic
def travel_leg_add(
    *,
    actor,
    day: TourDay,
    mode: str,
    depart_place: str,
    depart_at: dt.datetime | None,
    depart_zone: str,
    arrive_place: str,
    arrive_at: dt.datetime | None,
    arrive_zone: str,
    carrier: str = "",
    reference: str = "",
) -> TravelLeg:
    """A bus, flight or train on a day of the itinerary, leaving and landing in their own
    zones. An arrival that is not after the departure is refused."""
    tour = day.tour
    require_planner(actor, tour)
    lock_rows((Tour, [tour.pk]))
    errors = Errors()
    check_choice(errors, "mode", mode, TravelMode.values)
    depart_place = _text(errors, "depart_place", depart_place, 160, required=True)
    arrive_place = _text(errors, "arrive_place", arrive_place, 160, required=True)
    carrier = _text(errors, "carrier", carrier, 120)
    reference = _text(errors, "reference", reference, 80)
    check_timezone(errors, "depart_zone", depart_zone)
    check_timezone(errors, "arrive_zone", arrive_zone)
    for name, value in (("depart_at", depart_at), ("arrive_at", arrive_at)):
        check_aware(errors, name, value)
        check_in_window(errors, name, value)
    if not errors and arrive_at <= depart_at:
        errors.add("arrive_at", "The leg must arrive after it departs (times in their own zones).")
    errors.raise_if_any()
    leg = TravelLeg.objects.create(
        day=day,
        mode=mode,
        depart_place=depart_place,
        depart_at=depart_at.astimezone(zoneinfo.ZoneInfo(depart_zone)),
        depart_zone=depart_zone,
        arrive_place=arrive_place,
        arrive_at=arrive_at,
        arrive_zone=arrive_zone,
        carrier=carrier,
        reference=reference,
    )
    TourDay.objects.filter(pk=day.pk).update(updated_at=timezone.now())
    _tell_party(tour, day.date, f"New travel: {leg}.")
    return leg


@transaction.atomic
def travel_leg_delete(*, actor, leg: TravelLeg) -> None:
    day = leg.day
    require_planner(actor, day.tour)
    lock_rows((Tour, [day.tour_id]))
    words = str(leg)
    leg.delete()
    _tell_party(day.tour, day.date, f"Travel taken off: {words}.")


@transaction.atomic
def tour_budget_set(*, actor, tour: Tour, amount, currency: str) -> TourBudget:
    require_planner(actor, tour)
    errors = Errors()
    value = check_money(errors, "amount", amount)
    check_currency(errors, "currency", currency)
    errors.raise_if_any()
    budget, _ = TourBudget.objects.update_or_create(
        tour=tour, defaults={"amount": value, "currency": currency}
    )
    return budget


def _span(tour: Tour, first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime, str]:
    """The engagement's call: from midnight of its first day to midnight after its last,
    in the zones the itinerary gives those days (the first stop's venue otherwise)."""
    days = {d.date: d.timezone for d in TourDay.objects.filter(tour=tour, date__in=[first, last])}
    stop = tour.stops.select_related("venue").order_by("date").first()
    fallback = stop.venue.timezone if stop else "UTC"
    start_zone = zoneinfo.ZoneInfo(days.get(first, fallback))
    end_zone = zoneinfo.ZoneInfo(days.get(last, fallback))
    start = dt.datetime.combine(first, dt.time(), tzinfo=start_zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=end_zone)
    return start, end, days.get(first, fallback)


def _reprice(actor, tour: Tour) -> None:
    """Keep each engagement's call paying what its days earn under the itinerary, so pay
    summaries and the income planner read the tour's wages."""
    for engagement in TourEngagement.objects.filter(tour=tour).select_related("position"):
        wages = selectors.engagement_pay(engagement).wages
        if (
            wages != engagement.position.pay_amount
            and engagement.position.call_end > timezone.now()
        ):
            position_update(actor=actor, position=engagement.position, pay_amount=wages)


@transaction.atomic
def engagement_create(
    *,
    actor,
    tour: Tour,
    worker: WorkerProfile,
    role: str,
    first_day: dt.date,
    last_day: dt.date,
    rate_amount,
    rate_unit: str,
    currency: str,
    travel_day_share=Decimal("1"),
    day_off_share=Decimal("0.5"),
    message: str = "",
) -> TourEngagement:
    """Engage a worker for the tour, or a leg of it, at a tour rate: a touring crew call
    spanning the days is posted on the stop the engagement starts at and offered to the
    worker through booking's offers, so once accepted the worker is busy for every day of
    it wherever Stagedoor checks."""
    require_planner(actor, tour, "engage touring crew")
    errors = Errors()
    for name, value in (("first_day", first_day), ("last_day", last_day)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.add(name, "Give a date (YYYY-MM-DD).")
        else:
            check_in_window(errors, name, value)
    if not errors and last_day < first_day:
        errors.add("last_day", "The engagement must not end before it starts.")
    amount = check_money(errors, "rate_amount", rate_amount)
    check_choice(errors, "rate_unit", rate_unit, RateUnit.values)
    check_currency(errors, "currency", currency)
    shares = {}
    for name, value in (("travel_day_share", travel_day_share), ("day_off_share", day_off_share)):
        share = check_money(errors, name, value)
        if share is not None and share > 1:
            errors.add(name, "Give a share from 0 to 1 of a show day's pay.")
        shares[name] = share
    role_row = Role.objects.filter(slug=role).first()
    if role_row is None:
        errors.add("role", f"'{role}' is not a role in the catalog.")
    stop = None
    if not errors:
        stops = Show.objects.filter(tour=tour).exclude(status="cancelled").order_by("date")
        stop = stops.filter(date__gte=first_day).first() or stops.first()
        if stop is None:
            errors.add("tour", "Add the tour's first show before engaging touring crew.")
    errors.raise_if_any()
    start, end, _ = _span(tour, first_day, last_day)
    engagement = TourEngagement(
        tour=tour,
        worker=worker,
        first_day=first_day,
        last_day=last_day,
        rate_amount=amount,
        rate_unit=rate_unit,
        currency=currency,
        **shares,
    )
    wages = selectors.engagement_pay(engagement).wages
    rate = pay(amount, currency, rate_unit)
    position = position_create(
        actor=actor,
        show=stop,
        role=role_row,
        headcount=1,
        call_start=start,
        call_end=end,
        pay_amount=wages,
        pay_unit=PayUnit.FLAT,
        currency=currency,
        crew=Crew.TOURING,
        engagement=True,
        title=f"Touring {role_row.name.lower()}",
        notes=f"Tour engagement: {rate}, {day_words(first_day)} to {day_words(last_day)}.",
    )
    engagement.position = position
    engagement.save()
    booking.offer_send(
        actor=actor,
        position=position,
        worker=worker,
        message=(message or f"Tour with {tour.artist}: {rate}.")[:300]
        + f" Itinerary and day sheets: {absolute_url(selectors.itinerary_path(tour))}",
    )
    return engagement
