"""The week's facts in words, the same on the page, in the API and in the CLI."""

from __future__ import annotations

import datetime as dt

from stagedoor.core.text import day
from stagedoor.gigs.labels import call_label, call_time

from ..models import Offer
from .alerts import Lapse
from .selectors import OpenSeat


def duration(delta: dt.timedelta) -> str:
    """'3 h 20 min', '45 min', '2 days 4 h'."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'' if days == 1 else 's'}")
    if hours:
        parts.append(f"{hours} h")
    if minutes and not days:
        parts.append(f"{minutes} min")
    return " ".join(parts) or "under a minute"


def offer_line(offer: Offer) -> str:
    """'Ada, Load-in, Mara Quinn at Columbiahalle, Fri 4 Dec 09:00 CET'."""
    return f"{offer.worker.display_name}, {call_label(offer.position)}"


def offer_expiry(offer: Offer, now: dt.datetime) -> str:
    """'expires in 3 h 20 min (Thu 3 Dec 18:00 CET)', or 'has expired'."""
    if offer.expires_at <= now:
        return "has expired"
    when = call_time(offer.expires_at, offer.position)
    return f"expires in {duration(offer.expires_at - now)}, {when}"


def lapse_line(lapse: Lapse) -> str:
    """ "Ada's Working at height runs out Mon 30 Nov 2037, before Rigging, ... (CET)"."""
    worker = lapse.booking.worker.display_name
    return (
        f"{worker}'s {lapse.certification.name} runs out "
        f"{day(lapse.expires_on)} {lapse.expires_on:%Y}, "
        f"before {call_label(lapse.booking.position)}"
    )


def open_line(seat: OpenSeat) -> str:
    """'2 open: Load-in, Mara Quinn at ..., Fri 4 Dec 09:00 CET; 1 offered'."""
    text = f"{seat.open} open: {call_label(seat.position)}"
    if seat.offered:
        text += f"; {seat.offered} offered"
    return text
