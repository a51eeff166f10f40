"""Tours over HTTP: the itinerary (days, travel legs, hotels), day sheets, touring
engagements and the labour cost, through the same services and selectors as the pages.
The tour's managers write; its touring party reads; refusals are 422 naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status as Reply

from stagedoor.core.text import in_zone
from stagedoor.core.validation import refuse
from stagedoor.gigs.models import Show, Tour
from stagedoor.people.models import WorkerProfile
from stagedoor.touring import selectors, services
from stagedoor.touring.models import TourDay, TravelLeg
from stagedoor.touring.rules import require_reader

from .auth import WRITE_AUTH
from .errors import unknown

router = Router(tags=["tours"])


class LegOut(Schema):
    id: int
    mode: str = Field(..., description="bus, flight or train")
    depart_place: str
    depart_at: dt.datetime = Field(..., description="in the departure's own zone")
    depart_zone: str
    arrive_place: str
    arrive_at: dt.datetime = Field(..., description="in the arrival's own zone")
    arrive_zone: str
    carrier: str
    reference: str

    @staticmethod
    def resolve_depart_at(obj) -> dt.datetime:
        return in_zone(obj.depart_at, obj.depart_zone)

    @staticmethod
    def resolve_arrive_at(obj) -> dt.datetime:
        return in_zone(obj.arrive_at, obj.arrive_zone)


class DayOut(Schema):
    date: dt.date
    kind: str = Field(..., description="show, travel or off")
    city: str
    timezone: str
    show: str | None = Field(None, description="slug of the stop's show on a show day")
    per_diem: Decimal
    per_diem_currency: str
    notes: str
    hotel_name: str
    hotel_address: str
    hotel_check_in: dt.datetime | None
    hotel_confirmation: str
    legs: list[LegOut]

    @staticmethod
    def resolve_show(obj) -> str | None:
        return obj.show.slug if obj.show_id else None

    @staticmethod
    def resolve_legs(obj) -> list:
        return list(obj.legs.all())


class DayIn(Schema):
    date: dt.date
    kind: str = Field(..., description="show, travel or off")
    city: str
    timezone: str = Field(..., description="IANA zone, e.g. Europe/Berlin")
    show: str | None = Field(None, description="slug of a stop of this tour")
    per_diem: Decimal = Decimal("0")
    per_diem_currency: str = ""
    notes: str = ""
    hotel_name: str = ""
    hotel_address: str = ""
    hotel_check_in: dt.datetime | None = Field(None, description="with its UTC offset")
    hotel_confirmation: str = ""


class LegIn(Schema):
    mode: str = Field(..., description="bus, flight or train")
    depart_place: str
    depart_at: dt.datetime = Field(..., description="with its UTC offset")
    depart_zone: str
    arrive_place: str
    arrive_at: dt.datetime = Field(..., description="with its UTC offset")
    arrive_zone: str
    carrier: str = ""
    reference: str = ""


class EngagementIn(Schema):
    worker: str = Field(..., description="slug of the worker")
    role: str = Field(..., description="slug of the role")
    first_day: dt.date
    last_day: dt.date
    rate_amount: Decimal
    rate_unit: str = Field(..., description="week or day")
    currency: str
    travel_day_share: Decimal = Field(Decimal("1"), description="share of a day's pay, 0 to 1")
    day_off_share: Decimal = Field(Decimal("0.5"), description="share of a day's pay, 0 to 1")
    message: str = ""


class EngagementOut(Schema):
    id: int
    worker: str = Field(..., alias="worker.slug")
    first_day: dt.date
    last_day: dt.date
    rate_amount: Decimal
    rate_unit: str
    currency: str
    call: int = Field(..., alias="position_id", description="the touring crew call offered")


class CrewOut(Schema):
    name: str
    role: str
    phone: str


class DaySheetOut(Schema):
    tour: str
    day: DayOut
    crew: list[CrewOut]
    previous: dt.date | None
    next: dt.date | None


class CostOut(Schema):
    touring: dict[str, Decimal]
    per_diems: dict[str, Decimal]
    local: dict[str, Decimal]
    totals: dict[str, Decimal]
    budget: Decimal | None
    budget_currency: str | None
    left: Decimal | None = Field(
        None, description="budget left in its currency; negative when over"
    )


class BudgetIn(Schema):
    amount: Decimal
    currency: str


def _tour(slug: str) -> Tour:
    return get_object_or_404(Tour.objects.select_related("organisation"), slug=slug)


def _day(tour: Tour, date: dt.date) -> TourDay:
    return get_object_or_404(TourDay, tour=tour, date=date)


def _fields(tour: Tour, payload: DayIn) -> dict:
    data = payload.dict()
    data.pop("date")
    show = data.pop("show")
    data["show"] = None
    if show:
        data["show"] = Show.objects.filter(slug=show).first()
        if data["show"] is None:
            refuse("show", f"'{show}' does not exist.")
    return data


@router.get("/tours/{slug}/itinerary", response=list[DayOut], auth=WRITE_AUTH)
def itinerary(request, slug: str):
    """Every day of the tour with its legs and hotel, for its managers and touring party."""
    tour = _tour(slug)
    require_reader(request.auth, tour)
    return selectors.itinerary(tour)


@router.post("/tours/{slug}/days", response={201: DayOut}, auth=WRITE_AUTH)
def add_day(request, slug: str, payload: DayIn):
    """Add a show day, travel day or day off; the touring party is told."""
    tour = _tour(slug)
    day = services.tour_day_save(
        actor=request.auth, tour=tour, date=payload.date, **_fields(tour, payload)
    )
    return Reply(201, day)


@router.put("/tours/{slug}/days/{date}", response=DayOut, auth=WRITE_AUTH)
def change_day(request, slug: str, date: dt.date, payload: DayIn):
    tour = _tour(slug)
    day = _day(tour, date)
    return services.tour_day_save(
        actor=request.auth, tour=tour, date=payload.date, day=day, **_fields(tour, payload)
    )


@router.delete("/tours/{slug}/days/{date}", response={204: None}, auth=WRITE_AUTH)
def delete_day(request, slug: str, date: dt.date):
    services.tour_day_delete(actor=request.auth, day=_day(_tour(slug), date))
    return Reply(204, None)


@router.post("/tours/{slug}/days/{date}/legs", response={201: LegOut}, auth=WRITE_AUTH)
def add_leg(request, slug: str, date: dt.date, payload: LegIn):
    """A bus, flight or train on the day; an arrival not after the departure is refused."""
    day = _day(_tour(slug), date)
    return Reply(201, services.travel_leg_add(actor=request.auth, day=day, **payload.dict()))


@router.delete("/tours/{slug}/legs/{leg_id}", response={204: None}, auth=WRITE_AUTH)
def delete_leg(request, slug: str, leg_id: int):
    leg = get_object_or_404(
        TravelLeg.objects.select_related("day__tour"), pk=leg_id, day__tour__slug=slug
    )
    services.travel_leg_delete(actor=request.auth, leg=leg)
    return Reply(204, None)


@router.get("/tours/{slug}/days/{date}/sheet", response=DaySheetOut, auth=WRITE_AUTH)
def day_sheet(request, slug: str, date: dt.date):
    """The day sheet: the day, its travel and hotel, and the touring party that day."""
    tour = _tour(slug)
    sheet = selectors.day_sheet(actor=request.auth, tour=tour, date=date)
    if sheet is None:
        raise HttpError(404, "The itinerary has no such day.")
    return {
        "tour": tour.slug,
        "day": sheet.day,
        "crew": [{"name": n, "role": r, "phone": p} for n, r, p in sheet.crew],
        "previous": sheet.previous,
        "next": sheet.next,
    }


@router.post("/tours/{slug}/engagements", response={201: EngagementOut}, auth=WRITE_AUTH)
def engage(request, slug: str, payload: EngagementIn):
    """Engage a worker for the tour or a leg at a tour rate: a touring crew call spanning
    the days, offered to the worker (who accepts it as any offer)."""
    tour = _tour(slug)
    data = payload.dict()
    worker = unknown("worker", WorkerProfile, data.pop("worker"))
    engagement = services.engagement_create(actor=request.auth, tour=tour, worker=worker, **data)
    return Reply(201, engagement)


@router.get("/tours/{slug}/labour-cost", response=CostOut, auth=WRITE_AUTH)
def labour_cost(request, slug: str):
    """Touring crew wages, per diems and local crew, per currency, against the budget."""
    cost = selectors.labour_cost(actor=request.auth, tour=_tour(slug))
    return {
        "touring": cost.touring,
        "per_diems": cost.per_diems,
        "local": cost.local,
        "totals": cost.totals,
        "budget": cost.budget.amount if cost.budget else None,
        "budget_currency": cost.budget.currency if cost.budget else None,
        "left": cost.left,
    }


@router.put("/tours/{slug}/budget", response=CostOut, auth=WRITE_AUTH)
def set_budget(request, slug: str, payload: BudgetIn):
    tour = _tour(slug)
    services.tour_budget_set(
        actor=request.auth, tour=tour, amount=payload.amount, currency=payload.currency
    )
    return labour_cost(request, slug)
