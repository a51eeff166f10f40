"""The coordinator's week: the facts of /manage/ for the organisations a manager runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Query, Router, Schema

from stagedoor.booking.week import words
from stagedoor.booking.week.alerts import Commitment
from stagedoor.booking.week.selectors import Week, coordinator_week
from stagedoor.gigs.labels import call_label
from stagedoor.industry.models import Organisation

from .auth import WRITE_AUTH
from .errors import unknown

router = Router(tags=["the coordinator's week"], auth=WRITE_AUTH)


class WeekQuery(Schema):
    org: str | None = Field(None, description="Organisation slug; every one you manage if left out")
    start: dt.date | None = Field(
        None, description="First day of the week, YYYY-MM-DD; this week's Monday if left out"
    )


class FillOut(Schema):
    department: str = Field(..., description="Department code, or 'all' for the whole show")
    label: str
    booked: int
    needed: int


class MoneyOut(Schema):
    currency: str
    amount: Decimal


class ShowWeekOut(Schema):
    show: str = Field(..., description="Show slug")
    artist: str
    venue: str
    date: dt.date = Field(..., description="Show day, venue time")
    week: str = Field(..., description="'this' or 'next'")
    fill: FillOut
    departments: list[FillOut]
    labour_cost: list[MoneyOut] = Field(..., description="Estimate: booked and open seats")
    currency: str | None = Field(..., description="The currency its crew calls pay in")
    labour_budget: Decimal | None
    over_budget: bool
    budget: str = Field(..., description="The cost against the budget, in words")


class OpenSeatOut(Schema):
    position_id: int
    show: str
    call: str = Field(..., description="The call in words, venue time")
    call_start: dt.datetime
    when: str = Field(..., description="'48h', 'this-week' or 'next-week'")
    when_words: str
    open: int
    offered: int = Field(..., description="Pending offers out on the call")


class OfferAlertOut(Schema):
    offer_id: int
    position_id: int
    worker: str = Field(..., description="Worker slug")
    worker_name: str
    call: str
    expires_at: dt.datetime
    expiry: str = Field(..., description="When it expires, in words")


class CommitmentOut(Schema):
    kind: str = Field(..., description="'booking' or 'offer'")
    position_id: int | None = Field(..., description="None for another company's call")
    words: str


class ClashOut(Schema):
    worker: str
    worker_name: str
    kind: str
    words: str
    first: CommitmentOut
    second: CommitmentOut


class LapseOut(Schema):
    booking_id: int
    position_id: int
    worker: str
    worker_name: str
    certification: str = Field(..., description="Certification slug")
    certification_name: str
    expires_on: dt.date
    call_day: dt.date = Field(..., description="The call's day, venue time")
    words: str


class WeekOut(Schema):
    start: dt.date
    end: dt.date = Field(..., description="Last day of next week")
    organisations: list[str]
    shows: list[ShowWeekOut]
    open_seats: list[OpenSeatOut]
    expiring_offers: list[OfferAlertOut] = Field(..., description="Pending, expiring within 24 h")
    unanswered_offers: list[OfferAlertOut] = Field(..., description="The other pending offers")
    clashes: list[ClashOut]
    lapsing_certifications: list[LapseOut]
    problems: list[str]


WHEN_CODES = {
    "Starts within 48 hours": "48h",
    "Later this week": "this-week",
    "Next week": "next-week",
}


def _offer(offer, now) -> dict:
    return {
        "offer_id": offer.pk,
        "position_id": offer.position_id,
        "worker": offer.worker.slug,
        "worker_name": offer.worker.display_name,
        "call": call_label(offer.position),
        "expires_at": offer.expires_at,
        "expiry": words.offer_expiry(offer, now),
    }


def _side(c: Commitment) -> dict:
    return {
        "kind": "booking" if c.booked else "offer",
        "position_id": c.position.pk if c.ours else None,
        "words": c.words(),
    }


def week_facts(week: Week) -> dict:
    """The week as the API answers it (the CLI prints the same facts)."""
    return {
        "start": week.start,
        "end": week.end,
        "organisations": [o.slug for o in week.organisations],
        "shows": [
            {
                "show": r.show.slug,
                "artist": r.show.artist,
                "venue": r.show.venue.name,
                "date": r.show.date,
                "week": "this" if r.week == "This week" else "next",
                "fill": {"department": "all", **_fill(r.fill)},
                "departments": [{"department": f.key, **_fill(f)} for f in r.departments],
                "labour_cost": [{"currency": c, "amount": a} for c, a in sorted(r.cost.items())],
                "currency": r.currency,
                "labour_budget": r.show.labour_budget,
                "over_budget": r.over_budget,
                "budget": r.budget,
            }
            for r in week.shows
        ],
        "open_seats": [
            {
                "position_id": s.position.pk,
                "show": s.position.show.slug,
                "call": call_label(s.position),
                "call_start": s.position.call_start,
                "when": WHEN_CODES[s.when],
                "when_words": s.when,
                "open": s.open,
                "offered": s.offered,
            }
            for s in week.open_seats
        ],
        "expiring_offers": [_offer(o, week.now) for o in week.expiring],
        "unanswered_offers": [_offer(o, week.now) for o in week.unanswered],
        "clashes": [
            {
                "worker": c.worker.slug,
                "worker_name": c.worker.display_name,
                "kind": c.kind,
                "words": c.words,
                "first": _side(c.first),
                "second": _side(c.second),
            }
            for c in week.clashes
        ],
        "lapsing_certifications": [
            {
                "booking_id": lapse.booking.pk,
                "position_id": lapse.booking.position_id,
                "worker": lapse.booking.worker.slug,
                "worker_name": lapse.booking.worker.display_name,
                "certification": lapse.certification.slug,
                "certification_name": lapse.certification.name,
                "expires_on": lapse.expires_on,
                "call_day": lapse.call_day,
                "words": words.lapse_line(lapse),
            }
            for lapse in week.lapses
        ],
        "problems": list(week.problems),
    }


def _fill(f) -> dict:
    return {"label": f.label, "booked": f.booked, "needed": f.needed}


@router.get("/manage/week", response=WeekOut)
def manage_week(request, query: Query[WeekQuery]):
    """What needs a manager now: this week's and next week's shows with their fill per
    department and labour cost against budget, open seats by how soon they start, offers
    about to expire and unanswered, clashes, and booked crew whose certification lapses
    before the call. The same facts as /manage/ and `stagedoor week`."""
    organisation = unknown("org", Organisation, query.org)
    return week_facts(
        coordinator_week(actor=request.auth, organisation=organisation, start=query.start)
    )
