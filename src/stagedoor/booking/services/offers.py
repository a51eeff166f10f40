"""Offers: a seat offered to a worker, and the worker's answer.

Every write that can create a booking runs in one transaction that first locks the rows
it depends on (`core.locking.lock_rows`: positions, then workers, each by id, as pretix
sorts its quota locks), then checks the rules against the locked state:

- a position never has more live bookings than its headcount;
- a worker never holds two live bookings that overlap or leave less rest between them
  than the organisation's turnaround;
- an offer is accepted at most once (also a one-to-one key in the database).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from stagedoor.core.locking import lock_rows
from stagedoor.core.text import display_name
from stagedoor.core.validation import Errors
from stagedoor.gigs.labels import call_label, call_time
from stagedoor.gigs.models import Position
from stagedoor.industry.rules import managers_of, require_manager
from stagedoor.people.models import WorkerProfile

from .. import messages
from ..models import Booking, Hold, Offer, PositionEvent
from ..rules import require_worker
from ..selectors import clashing_holds, clashing_offers, live_bookings
from .checks import check_answerable, check_bookable, offer_expiry
from .events import actor_user, log_event
from .notify import notify, notify_many
from .queue import backfill_later


def lock_offer(offer: Offer) -> None:
    lock_rows((Position, [offer.position_id]), (WorkerProfile, [offer.worker_id]))


@transaction.atomic
def offer_send(
    *,
    actor,
    position: Position,
    worker: WorkerProfile,
    expires_at: dt.datetime | None = None,
    message: str = "",
    now: dt.datetime | None = None,
) -> Offer:
    """Offer a seat to a worker. More offers than open seats may be out at once: the first
    to accept gets the seat (the rest see the call is full)."""
    require_manager(actor, position.organisation, "send offers for its positions")
    return send_offer(
        actor=actor, position=position, worker=worker, expires_at=expires_at, message=message,
        now=now or timezone.now(),
    )  # fmt: skip


def send_offer(*, actor, position, worker, expires_at, message, now) -> Offer:
    """`offer_send` without the permission check, for auto-backfill (actor None)."""
    lock_rows((Position, [position.pk]), (WorkerProfile, [worker.pk]))
    errors = Errors()
    check_bookable(errors, position, worker, now)
    if Offer.objects.filter(position=position, worker=worker, status=Offer.Status.PENDING).exists():
        errors.add("worker", f"{worker.display_name} already has an offer for this call.")
    if len(message) > 500:
        errors.add("message", "At most 500 characters.")
    expires_at = offer_expiry(errors, position, expires_at, now)
    errors.raise_if_any()
    offer = Offer.objects.create(
        position=position,
        worker=worker,
        expires_at=expires_at,
        message=message,
        sent_by=actor_user(actor),
    )
    Hold.objects.filter(position=position, worker=worker, status=Hold.Status.ACTIVE).update(
        status=Hold.Status.OFFERED, closed_at=now
    )
    by = "Auto-backfill" if offer.automatic else display_name(actor)
    log_event(
        position,
        PositionEvent.Kind.OFFERED,
        f"{by} offered the call to {worker.display_name}; "
        f"answer by {call_time(expires_at, position)}.",
        actor=actor,
        worker=worker,
    )
    notify(worker.user, **messages.offer_sent(position, expires_at=expires_at, message=message))
    return offer


@transaction.atomic
def offer_accept(*, actor, offer: Offer, now: dt.datetime | None = None) -> Booking:
    """The worker says yes: the offer becomes a booking, if the seat and the time are free."""
    require_worker(actor, offer.worker, "accept this offer")
    now = now or timezone.now()
    # The calls of her clashing offers and holds are locked too, in the same fixed order as
    # every accept, since they are withdrawn or released and their history written below:
    # taking them later, after the worker, would deadlock against an accept of one of them.
    around = {o.position_id for o in clashing_offers(offer.worker, offer.position)}
    around |= {h.position_id for h in clashing_holds(offer.worker, offer.position)}
    lock_rows((Position, [offer.position_id, *around]), (WorkerProfile, [offer.worker_id]))
    offer = Offer.objects.select_related("position", "worker").get(pk=offer.pk)
    position, worker = offer.position, offer.worker
    errors = Errors()
    check_answerable(errors, offer, now)
    errors.raise_if_any()
    check_bookable(errors, position, worker, now)
    errors.raise_if_any()
    booking = Booking.objects.create(position=position, worker=worker, offer=offer)
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.ACCEPTED, responded_at=now)
    offer.status = Offer.Status.ACCEPTED
    log_event(
        position,
        PositionEvent.Kind.ACCEPTED,
        f"{worker.display_name} accepted; booked.",
        actor=actor,
        worker=worker,
    )
    notify(worker.user, **messages.offer_booked(position))
    notify_many(managers_of(position.organisation), **messages.offer_accepted(position, worker))
    _withdraw_clashing(position, worker, now, locked=around)
    _release_clashing_holds(position, worker, now, locked=around)
    if live_bookings(position) >= position.headcount:
        _close_pending(position, now, "Every seat of the call was filled.")
        _release_holds(position, now)
    return booking


def _withdraw_clashing(
    position: Position, worker: WorkerProfile, now: dt.datetime, *, locked: set[int]
) -> None:
    """Her other pending offers that the new booking makes impossible are withdrawn, each
    with its reason, and she hears once. The worker's row is locked, so no other accept or
    withdrawal of her offers runs at the same time. An offer sent between the first read
    and the locks is on a call not locked here: it is withdrawn all the same (an update of
    the offer row alone), and its history entry is written just after the commit."""
    withdrawn = []
    for other in clashing_offers(worker, position):
        reason = messages.clash_reason(position, other.position)
        done = Offer.objects.filter(pk=other.pk, status=Offer.Status.PENDING).update(
            status=Offer.Status.WITHDRAWN, responded_at=now, reason=reason
        )
        if not done:
            continue
        other.status, other.reason = Offer.Status.WITHDRAWN, reason
        withdrawn.append(other)
        entry = partial(
            log_event,
            other.position,
            PositionEvent.Kind.WITHDRAWN,
            f"Offer to {worker.display_name} withdrawn: she took {call_label(position)}, "
            "which clashes with this call.",
            worker=worker,
        )
        if other.position_id in locked:
            entry()
        else:
            transaction.on_commit(entry)
    if withdrawn:
        notify(worker.user, **messages.offers_clashed(position, withdrawn))
        for other in withdrawn:
            backfill_later(other.position)


def _release_clashing_holds(
    position: Position, worker: WorkerProfile, now: dt.datetime, *, locked: set[int]
) -> None:
    """Her holds elsewhere that the new booking rules out are released, each with the
    reason in its call's history: a hold on time she has now given away misleads the
    coordinator who pencilled her in. As with offers, a hold placed between the first read
    and the locks gets its history entry just after the commit."""
    for hold in clashing_holds(worker, position):
        done = Hold.objects.filter(pk=hold.pk, status=Hold.Status.ACTIVE).update(
            status=Hold.Status.RELEASED, closed_at=now
        )
        if not done:
            continue
        entry = partial(
            log_event,
            hold.position,
            PositionEvent.Kind.RELEASED,
            f"Hold on {worker.display_name} released: she took {call_label(position)}, "
            "which clashes with this call.",
            worker=worker,
        )
        if hold.position_id in locked:
            entry()
        else:
            transaction.on_commit(entry)


def _release_holds(position: Position, now: dt.datetime) -> None:
    """A full call keeps nobody pencilled in: its active holds are released, each in the
    history, and the held workers told."""
    for hold in position.holds.filter(status=Hold.Status.ACTIVE).select_related("worker__user"):
        Hold.objects.filter(pk=hold.pk).update(status=Hold.Status.RELEASED, closed_at=now)
        log_event(
            position,
            PositionEvent.Kind.RELEASED,
            f"Hold on {hold.worker.display_name} released: every seat is booked.",
            worker=hold.worker,
        )
        notify(hold.worker.user, **messages.hold_filled(position))


def _close_pending(position: Position, now: dt.datetime, reason: str) -> None:
    """When the call fills, the offers still out are withdrawn, and their workers told."""
    for other in position.offers.filter(status=Offer.Status.PENDING).select_related("worker__user"):
        Offer.objects.filter(pk=other.pk).update(
            status=Offer.Status.WITHDRAWN, responded_at=now, reason=reason
        )
        log_event(
            position,
            PositionEvent.Kind.WITHDRAWN,
            f"Offer to {other.worker.display_name} withdrawn: {reason}",
            worker=other.worker,
        )
        notify(other.worker.user, **messages.offer_filled(position, reason))


@transaction.atomic
def offer_decline(*, actor, offer: Offer, reason: str = "", now=None) -> Offer:
    require_worker(actor, offer.worker, "decline this offer")
    now = now or timezone.now()
    lock_offer(offer)
    offer = Offer.objects.select_related("position", "worker").get(pk=offer.pk)
    errors = Errors()
    check_answerable(errors, offer, now)
    if len(reason) > 300:
        errors.add("reason", "At most 300 characters.")
    errors.raise_if_any()
    offer.status, offer.responded_at, offer.reason = Offer.Status.DECLINED, now, reason
    offer.save(update_fields=["status", "responded_at", "reason"])
    position = offer.position
    log_event(
        position,
        PositionEvent.Kind.DECLINED,
        f"{offer.worker.display_name} declined" + (f": {reason}" if reason else "."),
        actor=actor,
        worker=offer.worker,
    )
    notify_many(
        managers_of(position.organisation),
        **messages.offer_declined(position, offer.worker, reason),
    )
    backfill_later(position)
    return offer


@transaction.atomic
def offer_withdraw(*, actor, offer: Offer, reason: str = "", now=None) -> Offer:
    """Take back an offer the worker has not accepted yet."""
    require_manager(actor, offer.position.organisation, "withdraw its offers")
    now = now or timezone.now()
    lock_offer(offer)
    offer = Offer.objects.select_related("position", "worker__user").get(pk=offer.pk)
    errors = Errors()
    if offer.status == Offer.Status.ACCEPTED:
        errors.add("offer", "This offer was already accepted; cancel the booking instead.")
    elif offer.status != Offer.Status.PENDING:
        errors.add("offer", f"Only a pending offer can be withdrawn; this one is {offer.status}.")
    errors.raise_if_any()
    offer.status, offer.responded_at, offer.reason = Offer.Status.WITHDRAWN, now, reason[:300]
    offer.save(update_fields=["status", "responded_at", "reason"])
    log_event(
        offer.position,
        PositionEvent.Kind.WITHDRAWN,
        f"{display_name(actor)} withdrew the offer to {offer.worker.display_name}"
        + (f": {reason}" if reason else "."),
        actor=actor,
        worker=offer.worker,
    )
    notify(offer.worker.user, **messages.offer_withdrawn(offer.position, reason))
    return offer
