"""Industry events over HTTP: what is coming near a city, one event, "I'll go" and
withdrawing (it lands in the worker's calendar feed), posting, and importing an iCalendar
feed (updated by UID, never duplicated; a bad file is a 422 naming its line)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from stagedoor.booking.rules import worker_of
from stagedoor.core.nearby import city_spot
from stagedoor.core.text import in_zone
from stagedoor.core.validation import Errors, check_choice, refuse
from stagedoor.events import selectors, services
from stagedoor.events.enums import Kind
from stagedoor.events.models import Attendance, IndustryEvent
from stagedoor.industry.models import Organisation

from .auth import WRITE_AUTH
from .pagination import PageOf, Pages

router = Router(tags=["events"])


class IndustryEventOut(Schema):
    slug: str
    kind: str = Field(..., description="conference, trade_show or meetup")
    title: str
    description: str
    organisation: str | None
    starts_at: dt.datetime = Field(..., description="in the event's own zone")
    ends_at: dt.datetime
    timezone: str
    when: str = Field(..., description="The dates in words")
    online: bool
    venue_name: str
    city: str
    latitude: float | None
    longitude: float | None
    url: str
    topics: str
    roles: list[str]
    national: bool
    distance_km: float | None = None
    going: int = Field(..., description="How many on Stagedoor said they will go")
    page: str


def _out(e: IndustryEvent, km: float | None = None, going: int | None = None) -> dict:
    return {
        "slug": e.slug,
        "kind": e.kind,
        "title": e.title,
        "description": e.description,
        "organisation": e.organisation.slug if e.organisation_id else None,
        "starts_at": in_zone(e.starts_at, e.timezone),
        "ends_at": in_zone(e.ends_at, e.timezone),
        "timezone": e.timezone,
        "when": selectors.when_words(e),
        "online": e.online,
        "venue_name": e.venue_name,
        "city": e.city,
        "latitude": e.latitude,
        "longitude": e.longitude,
        "url": e.url,
        "topics": e.topics,
        "roles": sorted(r.slug for r in e.roles.all()),
        "national": e.national,
        "distance_km": round(km, 1) if km is not None else None,
        "going": e.attendances.count() if going is None else going,
        "page": e.get_absolute_url(),
    }


def _page(found: list) -> list[dict]:
    """One page of events in three queries however many there are: their roles and how
    many are going are read for the page together."""
    events = [f.event for f in found]
    prefetch_related_objects(events, "roles")
    going = dict(
        Attendance.objects.filter(event__in=events)
        .values("event")
        .annotate(n=Count("pk"))
        .values_list("event", "n")
    )
    return [_out(f.event, f.km, going.get(f.event.pk, 0)) for f in found]


@router.get("/events", response=list[IndustryEventOut])
@paginate(Pages, page_size=50)
def list_events(
    request,
    near: str = Query(
        "", description="A city: events within reach, online ones and the big national ones"
    ),
    km: int = Query(0, description="How far from the city (default 80)"),
    kind: str = Query("", description="conference, trade_show or meetup"),
    role: str = Query("", description="Only those that suit this role (its slug)"),
):
    """Upcoming events, soonest first."""
    errors = Errors()
    if kind:
        check_choice(errors, "kind", kind, Kind.values)
    if km < 0 or km > 5000:
        errors.add("km", "Between 1 and 5,000 km.")
    errors.raise_if_any()
    spot = city_spot(near, "near", km or None) if near else None
    found = selectors.event_list(
        now=timezone.now(), spot=spot, kind=kind or None, roles=[role] if role else ()
    )
    return PageOf(found, _page)


def _event(slug: str) -> IndustryEvent:
    return get_object_or_404(IndustryEvent.objects.select_related("organisation"), slug=slug)


class GoingOut(Schema):
    event: str
    going: bool


@router.post("/events/{slug}/going", response=GoingOut, auth=WRITE_AUTH)
def go(request, slug: str):
    """Say you will go: it is in your calendar feed from now on."""
    services.event_attend(actor=request.auth, event=_event(slug), going=True)
    return {"event": slug, "going": True}


@router.delete("/events/{slug}/going", response=GoingOut, auth=WRITE_AUTH)
def not_going(request, slug: str):
    services.event_attend(actor=request.auth, event=_event(slug), going=False)
    return {"event": slug, "going": False}


@router.get("/me/events", response=list[IndustryEventOut], auth=WRITE_AUTH)
def my_events(request):
    worker = worker_of(request.auth)
    if worker is None:
        return []
    return _page([selectors.Found(e, None) for e in selectors.events_of(worker, timezone.now())])


def _organisation(slug: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        refuse("organisation", f"'{slug}' does not exist.")
    return found


class EventIn(Schema):
    organisation: str
    kind: str
    title: str
    starts_at: dt.datetime = Field(..., description="with its UTC offset")
    ends_at: dt.datetime
    timezone: str = Field("", description="IANA zone; by default the city's")
    online: bool = False
    venue_name: str = ""
    city: str = ""
    url: str = ""
    topics: str = ""
    roles: list[str] = []
    national: bool = False
    description: str = ""


@router.post("/events", response={201: IndustryEventOut}, auth=WRITE_AUTH)
def post_event(request, payload: EventIn):
    """Post an event for an organisation you manage."""
    data = payload.dict()
    organisation = _organisation(data.pop("organisation"))
    return Reply(
        201, _out(services.event_save(actor=request.auth, organisation=organisation, data=data))
    )


class ImportIn(Schema):
    organisation: str
    ics: str = Field("", description="The iCalendar text")
    url: str = Field("", description="Or a public feed's address")
    kind: str = Field(Kind.MEETUP, description="For events whose categories do not say")


class EventImportOut(Schema):
    created: int
    updated: int
    events: list[str]


@router.post("/events/import", response=EventImportOut, auth=WRITE_AUTH)
def import_events(request, payload: ImportIn):
    """Import an .ics feed: events with a UID imported before are updated, never copied."""
    organisation = _organisation(payload.organisation)
    if payload.ics:
        got = services.events_import(
            actor=request.auth,
            organisation=organisation,
            text=payload.ics,
            source="API",
            kind=payload.kind,
        )
    elif payload.url:
        got = services.events_import_url(
            actor=request.auth, organisation=organisation, url=payload.url, kind=payload.kind
        )
    else:
        refuse("ics", "Give the calendar's text (ics) or its address (url).")
    return {"created": got.created, "updated": got.updated, "events": [e.slug for e in got.events]}


# After /events/import, which would otherwise read as an event called "import".
@router.get("/events/{slug}", response=IndustryEventOut)
def get_event(request, slug: str):
    return _out(_event(slug))
