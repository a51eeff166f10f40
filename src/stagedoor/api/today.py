"""The worker's Today over HTTP: the next call with its map and call sheet, where the
one-tap times stand, the offers waiting with their clashes named, and the week ahead.
The same reads as the Today page (`booking.today`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from stagedoor.booking import today as today_selectors
from stagedoor.booking.calendars import absolute
from stagedoor.booking.rules import worker_of

from .auth import WRITE_AUTH
from .booking import BookingOut, OfferOut, booking_out, offer_out

router = Router(tags=["booking"])


class NextCallOut(Schema):
    booking: BookingOut
    when: str
    venue: str
    address: str
    map_url: str
    callsheet_url: str
    check_in_opens: dt.datetime
    checked_in: dt.datetime | None
    checked_out: dt.datetime | None
    can_check_in: bool
    can_check_out: bool


class WaitingOfferOut(Schema):
    offer: OfferOut
    clashes: list[str]
    full: bool


class TodayOut(Schema):
    next_call: NextCallOut | None
    offers: list[WaitingOfferOut]
    week: list[BookingOut]


@router.get("/me/today", response=TodayOut, auth=WRITE_AUTH)
def my_today(request):
    """What a worker's phone shows first; 403 without a worker profile."""
    worker = worker_of(request.auth)
    if worker is None:
        raise PermissionDenied("Only crew with a worker profile have a Today page.")
    today = today_selectors.today(worker)
    next_call = None
    if today.next_call is not None:
        n, stamp = today.next_call, today.next_call.stamp
        sheet = stamp.sheet
        next_call = {
            "booking": booking_out(n.booking),
            "when": n.when,
            "venue": n.venue_name,
            "address": n.address,
            "map_url": n.map_url,
            "callsheet_url": absolute(n.callsheet_url) if n.callsheet_url else "",
            "check_in_opens": stamp.opens,
            "checked_in": sheet.check_in if sheet else None,
            "checked_out": sheet.check_out if sheet else None,
            "can_check_in": stamp.can_check_in,
            "can_check_out": stamp.can_check_out,
        }
    return {
        "next_call": next_call,
        "offers": [
            {"offer": offer_out(o.offer), "clashes": o.clashes, "full": o.full}
            for o in today.offers
        ],
        "week": [booking_out(b) for b in today.week],
    }
