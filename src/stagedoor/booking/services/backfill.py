"""Auto-backfill: when a position loses someone (a decline, an expiry, a cancellation) and
the manager has switched it on, the seat is offered to the next eligible candidate from
the matching ranking, and every step lands in the position's history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from stagedoor.core.permissions import OPERATOR
from stagedoor.core.text import display_name
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.rules import require_manager

from ..models import BUSY_STATUSES, Offer, PositionEvent
from ..selectors import live_bookings
from .events import log_event
from .offers import send_offer
from .queue import backfill_later


@transaction.atomic
def position_set_backfill(*, actor, position: Position, on: bool, now=None) -> Position:
    require_manager(actor, position.organisation, "change auto-backfill")
    position.auto_backfill = on
    position.save(update_fields=["auto_backfill"])
    log_event(
        position,
        PositionEvent.Kind.BACKFILL,
        f"{display_name(actor)} switched auto-backfill {'on' if on else 'off'}.",
        actor=actor,
    )
    if on:
        backfill_later(position)
    return position


def _tried(position: Position) -> set[int]:
    """Workers who already had their chance at this call: offered, booked or cancelled."""
    offered = position.offers.values_list("worker_id", flat=True)
    booked = position.bookings.values_list("worker_id", flat=True)
    return set(offered) | set(booked)


def backfill_position(position: Position, *, now: dt.datetime | None = None) -> int:
    """Offer open seats of an auto-backfill position to the next ranked candidates.
    Seats already covered by pending offers are not offered twice. Returns offers sent."""
    now = now or timezone.now()
    position = Position.objects.select_related(
        "show__organisation", "show__venue", "project__organisation", "role"
    ).get(pk=position.pk)
    if not position.auto_backfill or position.call_start <= now or position.is_cancelled:
        return 0
    parent = position.show or position.project
    if parent.status != Status.PUBLISHED:
        return 0
    pending = position.offers.filter(status=Offer.Status.PENDING).count()
    open_seats = position.headcount - live_bookings(position) - pending
    if open_seats <= 0:
        return 0
    from stagedoor.matching.selectors import candidates

    tried = _tried(position)
    ranked = candidates(actor=OPERATOR, position=position, k=open_seats + len(tried) + 20)
    sent = 0
    for candidate in ranked:
        if sent >= open_seats:
            break
        if candidate.worker.pk in tried:
            continue
        try:
            with transaction.atomic():
                send_offer(
                    actor=None, position=position, worker=candidate.worker,
                    expires_at=None, message="", now=now,
                )  # fmt: skip
        except ValidationError:  # turned ineligible between ranking and sending
            continue
        sent += 1
    if sent == 0:
        already = position.events.filter(
            kind=PositionEvent.Kind.BACKFILL, message__startswith="No eligible"
        ).filter(at__gte=now - dt.timedelta(hours=1))
        if not already.exists():
            log_event(
                position,
                PositionEvent.Kind.BACKFILL,
                "No eligible candidate left to offer the open seat to.",
            )
    return sent


def backfill_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic sweep: every upcoming auto-backfill position with uncovered seats."""
    now = now or timezone.now()
    positions = (
        Position.objects.filter(auto_backfill=True, call_start__gt=now, cancelled_at__isnull=True)
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES), distinct=True),
            pending=Count("offers", filter=Q(offers__status=Offer.Status.PENDING), distinct=True),
        )
        .order_by("call_start", "pk")
    )
    sent = checked = 0
    for position in positions:
        if position.booked + position.pending >= position.headcount:
            continue
        checked += 1
        with transaction.atomic():
            sent += backfill_position(position, now=now)
    return {"positions": checked, "offers": sent}
