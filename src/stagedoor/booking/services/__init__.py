"""Holds, offers and bookings: the writes that must never double-book anyone.

One module per feature (holds, offers, bookings, backfill, expiry); `checks` holds the
booking rules they share, `events` the position history writer, `notify` the inbox and
`queue` the Celery hand-off; `edits` holds gigs' edits and deletes of a booked call to the
same rules (through `gigs.signals`, connected in `booking.receivers`). The public
services are named here so callers can write `services.offer_send(...)`.
"""

from ..selectors import clashes, clashing_offers
from .backfill import backfill_all, backfill_position, position_set_backfill
from .bookings import booking_cancel, booking_mark_no_show, booking_set_crew_chief
from .cancel import Cancellation, position_cancel, project_cancel, show_cancel
from .checks import MIN_OFFER_MINUTES
from .events import actor_user
from .expiry import ExpiryReport, offers_expire
from .holds import hold_create, hold_rank, hold_release
from .offers import offer_accept, offer_decline, offer_send, offer_withdraw

__all__ = [
    "MIN_OFFER_MINUTES",
    "Cancellation",  # staffing words its own expiry check with it
    "ExpiryReport",
    "actor_user",
    "backfill_all",
    "backfill_position",
    "booking_cancel",
    "booking_mark_no_show",
    "booking_set_crew_chief",
    "clashes",  # staffing reads it here, as it does actor_user
    "clashing_offers",  # staffing refuses a row into a clash with a pending offer
    "hold_create",
    "hold_rank",
    "hold_release",
    "offer_accept",
    "offer_decline",
    "offer_send",
    "offer_withdraw",
    "offers_expire",
    "position_cancel",
    "position_set_backfill",
    "project_cancel",
    "show_cancel",
]
