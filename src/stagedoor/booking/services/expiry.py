"""The periodic sweep over offers: expire the unanswered, remind the nearly expired."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from stagedoor.gigs.models import Position

from .. import messages
from ..models import Offer, PositionEvent
from .backfill import backfill_position
from .events import log_event
from .notify import notify
from .offers import lock_offer

REMIND_BEFORE = dt.timedelta(hours=6)


@dataclass
class ExpiryReport:
    expired: int = 0
    reminded: int = 0
    backfilled: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def offers_expire(*, now: dt.datetime | None = None) -> ExpiryReport:
    """Expire pending offers past their time, remind those about to expire, and backfill.
    Each offer is handled in its own transaction; running it twice changes nothing more."""
    now = now or timezone.now()
    report = ExpiryReport()
    due = list(
        Offer.objects.filter(status=Offer.Status.PENDING, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    freed: dict[int, Position] = {}
    for pk in due:
        with transaction.atomic():
            offer = Offer.objects.select_related("position", "worker__user").get(pk=pk)
            lock_offer(offer)
            changed = Offer.objects.filter(pk=pk, status=Offer.Status.PENDING).update(
                status=Offer.Status.EXPIRED, responded_at=now
            )
            if not changed:
                continue
            report.expired += 1
            position = offer.position
            log_event(
                position,
                PositionEvent.Kind.EXPIRED,
                f"Offer to {offer.worker.display_name} expired unanswered.",
                worker=offer.worker,
            )
            notify(offer.worker.user, **messages.offer_expired(position))
            freed[position.pk] = position
    for position in freed.values():
        with transaction.atomic():
            report.backfilled += backfill_position(position, now=now)
    soon = Offer.objects.filter(
        status=Offer.Status.PENDING, reminded=False, expires_at__lte=now + REMIND_BEFORE
    ).select_related("position", "worker__user")
    for offer in soon:
        with transaction.atomic():
            if not Offer.objects.filter(pk=offer.pk, reminded=False).update(reminded=True):
                continue
            report.reminded += 1
            notify(offer.worker.user, **messages.offer_expiring(offer))
    return report
