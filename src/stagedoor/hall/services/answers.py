"""Answers to hall offers: accept, pass (not this call, still available today), decline (not
available today), no answer by the deadline; and an employer sending a registrant back.

Accepting and declining go through booking's services, so the seat count and the calendar
rules hold; the hall adds its log entry, from which strikes and places are replayed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from stagedoor.booking.models import Booking, Offer
from stagedoor.booking.services import booking_cancel, offer_accept, offer_decline
from stagedoor.core.validation import Errors

from .. import selectors
from ..models import LogEntry
from ..rules import require_registrant
from .log import write

ACCEPT, PASS, DECLINE = "accept", "pass", "decline"
REASONS = {
    PASS: "Pass: not this call; still available today.",
    DECLINE: "Not available today.",
}


def _offer_entry(offer: Offer) -> LogEntry | None:
    return (
        LogEntry.objects.filter(
            offer=offer, kind__in=[LogEntry.Kind.OFFER, LogEntry.Kind.EMERGENCY]
        )
        .select_related("registrant__worker", "local", "request")
        .first()
    )


@transaction.atomic
def offer_answer(*, actor, offer: Offer, answer: str, now=None, channel: str = "web"):
    """The registrant answers a hall offer. Returns the booking on accept, else the offer."""
    now = now or timezone.now()
    entry = _offer_entry(offer)
    errors = Errors()
    if entry is None:
        errors.add("offer", "This offer did not come from the hall.")
    if answer not in (ACCEPT, PASS, DECLINE):
        errors.add("answer", "Answer accept, pass or decline.")
    errors.raise_if_any()
    registrant = entry.registrant
    require_registrant(actor, registrant, "answer this offer")
    if LogEntry.objects.filter(offer=offer, kind__in=selectors.ANSWERS).exists():
        errors.add("offer", "This offer was already answered.")
        errors.raise_if_any()
    common = {
        "at": now,
        "actor": actor,
        "channel": channel,
        "registrant": registrant,
        "request": entry.request,
        "offer": offer,
        "hours": entry.hours,
    }
    if answer == ACCEPT:
        booking = offer_accept(actor=actor, offer=offer, now=now)
        write(entry.local, LogEntry.Kind.ACCEPT, reason="Accepted; booked.", **common)
        return booking
    result = offer_decline(actor=actor, offer=offer, reason=REASONS[answer], now=now)
    kind = LogEntry.Kind.PASS if answer == PASS else LogEntry.Kind.DECLINE
    write(entry.local, kind, reason=REASONS[answer], **common)
    return result


@transaction.atomic
def answers_sync(*, local, now=None) -> int:
    """Record the answers to hall offers given elsewhere (on the offer's own page, by the
    booking expiry sweep) or not given by the deadline. Running it twice records nothing
    more. Returns how many entries it wrote."""
    now = now or timezone.now()
    answered = LogEntry.objects.filter(local=local, kind__in=selectors.ANSWERS).values("offer_id")
    open_entries = (
        LogEntry.objects.filter(
            local=local,
            kind__in=[LogEntry.Kind.OFFER, LogEntry.Kind.EMERGENCY],
            offer__isnull=False,
        )
        .exclude(offer_id__in=answered)
        .select_related("offer", "registrant", "request")
    )
    written = 0
    for entry in open_entries:
        offer = entry.offer
        kind = None
        if offer.status == Offer.Status.ACCEPTED:
            kind, reason = LogEntry.Kind.ACCEPT, "Accepted; booked."
        elif offer.status == Offer.Status.DECLINED:
            kind, reason = LogEntry.Kind.DECLINE, offer.reason or "Declined."
        elif offer.status == Offer.Status.EXPIRED or (
            offer.status == Offer.Status.PENDING and offer.expires_at <= now
        ):
            if offer.status == Offer.Status.PENDING:
                Offer.objects.filter(pk=offer.pk, status=Offer.Status.PENDING).update(
                    status=Offer.Status.EXPIRED, responded_at=now
                )
            kind, reason = LogEntry.Kind.NO_ANSWER, "No answer by the deadline."
        if kind is None:
            continue
        write(
            local,
            kind,
            at=offer.responded_at or now,
            channel="system",
            reason=reason,
            registrant=entry.registrant,
            request=entry.request,
            offer=offer,
            hours=entry.hours,
        )
        written += 1
    return written


@transaction.atomic
def employer_reject(*, actor, booking: Booking, reason: str, now=None, channel: str = "web"):
    """The employer sends a dispatched worker back: the booking is cancelled and, under the
    local's rules, the registrant gets back the place the call took."""
    entry = LogEntry.objects.filter(offer=booking.offer_id, kind=LogEntry.Kind.ACCEPT).first()
    errors = Errors()
    if booking.offer_id is None or entry is None:
        errors.add("booking", "This booking did not come from the hall.")
    if not (reason or "").strip():
        errors.add("reason", "Say why the worker is sent back.")
    errors.raise_if_any()
    now = now or timezone.now()
    booking_cancel(actor=actor, booking=booking, reason=f"Sent back to the hall: {reason}", now=now)
    write(
        entry.local,
        LogEntry.Kind.REJECTED,
        at=now,
        actor=actor,
        channel=channel,
        registrant=entry.registrant,
        request=entry.request,
        offer=entry.offer,
        hours=entry.hours,
        reason=f"Sent back by the employer: {reason}",
    )
    return booking
