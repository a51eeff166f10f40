"""Every notice the booking flows send: subject, body, kind and link, one function each.

Services decide who hears and when; the words live here, built from the shared helpers
(`gigs.labels.call_label`, `core.text`), so a change of wording is a change of one file.
Each function returns the keyword arguments of `services.notify.notify`.
"""

from __future__ import annotations

from stagedoor.core.text import in_zone, pay, span
from stagedoor.gigs.labels import call_label, call_time, call_when, parent_name
from stagedoor.gigs.models import Status

from . import links
from .models import Notification


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st: a hold's rank as the trade says it."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _sheet_label(position) -> str:
    """Timesheet notices name the artist only and write the zone without brackets."""
    return call_label(position, venue=False, bracket_zone=False)


# --- offers -------------------------------------------------------------------------------


def offer_sent(position, *, expires_at, message: str) -> dict:
    return {
        "kind": Notification.Kind.OFFER,
        "subject": f"Offer: {call_label(position)}",
        "body": (
            f"{position.organisation.name} offers you {position.display_title} for "
            f"{parent_name(position)}, {call_when(position)}, "
            f"{pay(position.pay_amount, position.currency, position.pay_unit)}. "
            f"Answer by {call_time(expires_at, position)}." + (f"\n\n{message}" if message else "")
        ),
        "url": links.inbox_url(),
    }


def offer_booked(position) -> dict:
    """To the worker whose accept became a booking."""
    return {
        "kind": Notification.Kind.CONFIRMED,
        "subject": f"Booked: {call_label(position)}",
        "body": f"You are booked as {position.display_title} for {parent_name(position)}, "
        f"{call_when(position)}.",
        "url": links.schedule_url(),
    }


def offer_accepted(position, worker) -> dict:
    """To the managers, when a worker accepts."""
    return {
        "kind": Notification.Kind.CONFIRMED,
        "subject": f"{worker.display_name} accepted {position.display_title}",
        "body": f"{worker.display_name} is booked on {call_label(position)}.",
        "url": links.board_url(position),
    }


def offer_filled(position, reason: str) -> dict:
    return {
        "kind": Notification.Kind.OFFER,
        "subject": f"Offer filled: {call_label(position)}",
        "body": f"The offer for {call_label(position)} is closed: {reason}",
        "url": links.inbox_url(),
    }


def clash_reason(taken, other) -> str:
    """Why an offer on `other` was withdrawn when the worker took `taken`; stored on the
    offer and shown in her inbox."""
    where = parent_name(taken)
    if taken.call_start < other.call_end and taken.call_end > other.call_start:
        why = "which overlaps"
    else:
        why = (
            f"which leaves less than the {other.organisation.turnaround_hours} h rest "
            "this call needs"
        )
    return f"You took the {taken.display_title} call for {where}, {why}."


def offers_clashed(taken, offers) -> dict:
    """To the worker, once, listing every offer withdrawn because she took `taken`."""
    lines = "\n".join(f"- {call_label(o.position)}: {o.reason}" for o in offers)
    many = len(offers) > 1
    return {
        "kind": Notification.Kind.OFFER,
        "subject": (f"{len(offers)} offers withdrawn" if many else "Offer withdrawn")
        + f": you took {call_label(taken, when=False)}",
        "body": (
            f"You are booked on {call_label(taken)}, so "
            + ("these offers clash with it and were" if many else "this offer clashes and was")
            + f" withdrawn:\n{lines}"
        ),
        "url": links.inbox_url(),
    }


def hold_filled(position) -> dict:
    """To a held worker when every seat of the call was booked by others."""
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Hold released: {call_label(position)}",
        "body": f"Every seat of {call_label(position)} is booked, so your hold on it is "
        "released. Your time is free again.",
        "url": links.inbox_url(),
    }


def offer_declined(position, worker, reason: str) -> dict:
    """To the managers, when a worker declines."""
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"{worker.display_name} declined {position.display_title}",
        "body": f"{worker.display_name} declined {call_label(position)}."
        + (f" Reason: {reason}" if reason else ""),
        "url": links.board_url(position),
    }


def offer_withdrawn(position, reason: str) -> dict:
    return {
        "kind": Notification.Kind.OFFER,
        "subject": f"Offer withdrawn: {call_label(position)}",
        "body": f"{position.organisation.name} withdrew the offer for "
        f"{call_label(position)}." + (f" {reason}" if reason else ""),
        "url": links.inbox_url(),
    }


def offer_expired(position) -> dict:
    return {
        "kind": Notification.Kind.OFFER,
        "subject": f"Offer expired: {call_label(position)}",
        "body": f"The offer for {call_label(position)} expired before you answered.",
        "url": links.inbox_url(),
    }


def offer_expiring(offer) -> dict:
    position = offer.position
    return {
        "kind": Notification.Kind.EXPIRING,
        "subject": f"Offer expiring: {call_label(position)}",
        "body": f"Answer the offer for {call_label(position)} by "
        f"{call_time(offer.expires_at, position)}, or it goes to someone else.",
        "url": links.inbox_url(),
    }


# --- bookings -----------------------------------------------------------------------------


def booking_cancelled(booking, *, who: str, to_managers: bool) -> dict:
    """To the managers when the worker cancelled, to the worker when a manager did."""
    position, worker = booking.position, booking.worker
    late = " (late cancellation)" if booking.late_cancellation else ""
    return {
        "kind": Notification.Kind.CANCELLED,
        "subject": f"Booking cancelled: {call_label(position)}",
        "body": f"{who} cancelled {worker.display_name} on {call_label(position)}{late}. "
        f"Reason: {booking.cancel_reason}",
        "url": links.board_url(position) if to_managers else links.schedule_url(),
    }


# --- cancelled calls, shows and projects ---------------------------------------------------


def _owed(booking) -> str:
    """What a late cancellation by the employer means for the worker, in their words."""
    position = booking.position
    organisation = position.organisation
    return (
        f"It was cancelled less than {organisation.late_cancel_hours} h before the call, "
        f"so {organisation.name} owes you the late-cancellation minimum under its pay rules."
    )


def call_cancelled(position, *, reason: str, booking=None) -> dict:
    """To a worker booked on (`booking`) or offered a crew call the employer cancelled."""
    if booking is None:
        outcome, url = "The offer to you is withdrawn.", links.inbox_url()
    else:
        outcome, url = "Your booking is cancelled.", links.schedule_url()
        if booking.late_cancellation:
            outcome += " " + _owed(booking)
    return {
        "kind": Notification.Kind.CANCELLED,
        "subject": f"Call cancelled: {call_label(position)}",
        "body": f"{position.organisation.name} cancelled {call_label(position)}. "
        f"Reason: {reason}\n\n{outcome}",
        "url": url,
    }


def parent_cancelled(parent, *, reason: str, bookings, offers) -> dict:
    """To one worker, once, when a whole show or studio project is cancelled: each of
    their bookings and offers on it, with its call time in the venue's zone."""
    if hasattr(parent, "artist"):
        noun, where = "Show", show_where(parent)
    else:
        noun, where = "Project", parent.title
    lines = []
    for booking in bookings:
        line = f"- {call_label(booking.position, parent=False)}: your booking is cancelled."
        lines.append(line + (" " + _owed(booking) if booking.late_cancellation else ""))
    for offer in offers:
        lines.append(
            f"- {call_label(offer.position, parent=False)}: the offer to you is withdrawn."
        )
    return {
        "kind": Notification.Kind.CANCELLED,
        "subject": f"{noun} cancelled: {where}",
        "body": f"{parent.organisation.name} cancelled {where}. Reason: {reason}\n\n"
        + "\n".join(lines),
        "url": links.schedule_url() if bookings else links.inbox_url(),
    }


def no_show(position, *, by: str) -> dict:
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Marked as a no-show: {_sheet_label(position)}",
        "body": f"{by} recorded that you did not turn up for {_sheet_label(position)}. "
        "If that is wrong, contact the crew chief or the organisation.",
        "url": links.schedule_url(),
    }


# --- timesheets ---------------------------------------------------------------------------


def timesheet_approved(booking, *, by: str, hours) -> dict:
    position = booking.position
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Timesheet approved: {_sheet_label(position)}",
        "body": f"{by} approved {hours} h worked on {_sheet_label(position)}.",
        "url": links.timesheet_url(booking),
    }


def timesheet_disputed(booking, *, by: str, note: str) -> dict:
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Timesheet disputed: {_sheet_label(booking.position)}",
        "body": f"{by} disputed the timesheet of {booking.worker.display_name}: {note}",
        "url": links.timesheet_url(booking),
    }


def call_moved(position, before: dict) -> dict:
    """To the booked crew when a manager moves their call: old and new times, venue time."""
    tz = position.timezone_name
    old = span(
        in_zone(before.get("call_start", position.call_start), tz),
        in_zone(before.get("call_end", position.call_end), tz),
    )
    new = span(in_zone(position.call_start, tz), in_zone(position.call_end, tz))
    return {
        "kind": Notification.Kind.CALL_SHEET,
        "subject": f"New call time: {call_label(position, when=False)}",
        "body": f"{position.organisation.name} moved {position.display_title} for "
        f"{parent_name(position)}: it was {old}, it is now {new}. You stay booked; "
        "if you cannot make the new time, tell them.",
        "url": links.schedule_url(),
    }


# --- call sheets --------------------------------------------------------------------------


def show_where(show) -> str:
    """'Mara Quinn at Kraftwerk, Fri 4 Dec': a show as its crew's notices name it."""
    return f"{show.artist} at {show.venue.name}, {show.date:%a} {show.date.day} {show.date:%b}"


def callsheet_changed(show) -> dict:
    where = show_where(show)
    if show.status == Status.CANCELLED:
        subject = f"Show cancelled: {where}"
        body = (
            f"{where} is marked as cancelled. Your booking stays on record; "
            "the organiser will tell you what happens next."
        )
    else:
        subject = f"Call sheet changed: {where}"
        body = (
            f"The call sheet for {where} has changed. "
            "Check your call time, the venue notes and who you are working with."
        )
    return {
        "kind": Notification.Kind.CALL_SHEET,
        "subject": subject,
        "body": body,
        "url": links.callsheet_path(show),
    }


# A pay line's kind as the pay page says it (the CSV keeps the engine's own words).
PAY_KINDS = {
    "straight": "Straight time",
    "overtime": "Overtime",
    "turnaround": "Turnaround premium",
    "minimum-call": "Minimum call",
    "meal-penalty": "Meal penalty",
    "day-rate": "Day rate",
    "flat": "Flat fee",
    "late-cancellation": "Late cancellation",
}


def pay_kind(kind: str) -> str:
    return PAY_KINDS.get(kind, kind.replace("-", " ").capitalize())
