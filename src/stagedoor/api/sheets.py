"""Call sheets and the worker's calendar feed address."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from stagedoor.booking import calendars
from stagedoor.booking.callsheets import selectors as callsheets
from stagedoor.booking.rules import worker_of
from stagedoor.gigs.models import Show

from .auth import WRITE_AUTH, TokenAuth

router = Router(tags=["call sheets and calendars"])


class CrewMemberOut(Schema):
    name: str
    slug: str
    phone: str | None = None  # null when the caller may not see phone numbers
    is_crew_chief: bool
    status: str
    call: str


class CallOut(Schema):
    position_id: int
    role: str
    department: str
    title: str
    headcount: int
    start: dt.datetime
    end: dt.datetime
    when: str
    notes: str
    open_seats: int
    cancelled: bool
    cancel_reason: str
    crew: list[CrewMemberOut]


class ContactOut(Schema):
    name: str
    email: str


class CallSheetOut(Schema):
    slug: str
    artist: str
    title: str
    date: dt.date
    status: str
    organisation: str
    venue_name: str
    venue_address: str
    latitude: float
    longitude: float
    geo_url: str
    osm_url: str
    timezone: str
    load_in_notes: str
    parking_notes: str
    catering_notes: str
    notes: str
    doors_at: dt.datetime | None
    show_at: dt.datetime | None
    curfew_at: dt.datetime | None
    department: str | None
    phones_visible: bool
    crew_chiefs: list[CrewMemberOut]
    calls: list[CallOut]
    # The running company's managers, for the venue's managers; empty for everyone else.
    production_contacts: list[ContactOut]

    @staticmethod
    def resolve_production_contacts(sheet) -> list[dict]:
        return [{"name": n, "email": e} for n, e in sheet.production_contacts]


class CalendarFeedOut(Schema):
    url: str
    webcal_url: str
    issued_at: dt.datetime


def _reader(request):
    """Reads are open to a session; a bearer token works too, so scripts can read sheets."""
    if request.headers.get("Authorization"):
        return TokenAuth()(request)
    return request.user


@router.get("/shows/{slug}/call-sheet", response=CallSheetOut)
def get_call_sheet(request, slug: str, department: str | None = None):
    """The show's call sheet; phone numbers only for its managers and booked crew. The
    venue's managers, when another company runs the show, read it with the crew chiefs'
    phones and that company's managers as contacts."""
    show = get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)
    return callsheets.callsheet_get(actor=_reader(request), show=show, department=department)


def _feed_out(feed) -> dict:
    return {
        "url": calendars.feed_url(feed),
        "webcal_url": calendars.webcal_url(feed),
        "issued_at": feed.created_at,
    }


def _own_worker(user):
    worker = worker_of(user)
    if worker is None:
        raise HttpError(404, "Only crew with a profile have a calendar feed.")
    return worker


@router.get("/me/calendar", response=CalendarFeedOut, auth=WRITE_AUTH)
def my_calendar(request):
    """The secret address of your calendar feed, created on first use."""
    feed = calendars.calendar_feed_get_or_create(
        actor=request.auth, worker=_own_worker(request.auth)
    )
    return _feed_out(feed)


@router.post("/me/calendar/revoke", response=CalendarFeedOut, auth=WRITE_AUTH)
def revoke_my_calendar(request):
    """Issue a new feed address; the old one stops working at once."""
    feed = calendars.calendar_feed_revoke(actor=request.auth, worker=_own_worker(request.auth))
    return _feed_out(feed)
