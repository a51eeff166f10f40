"""Cancelling a crew call, a whole show or a studio project.

Nothing is deleted: the confirmed bookings are cancelled with the reason (late ones keep
their late-cancellation pay line, see `booking.pay`), pending offers are withdrawn, holds
released, and every step lands in the call's history. Everyone booked or offered is told,
in their words and in the venue's time. Timesheets stay where they are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from stagedoor.core.locking import lock_rows
from stagedoor.core.text import display_name
from stagedoor.core.validation import Errors
from stagedoor.gigs.labels import call_time
from stagedoor.gigs.models import Position, Show, Status, StudioProject
from stagedoor.industry.rules import require_manager
from stagedoor.people.models import WorkerProfile

from .. import messages
from ..models import Booking, Hold, Offer, PositionEvent
from .bookings import mark_cancelled
from .events import log_event
from .notify import notify

MAX_REASON = 300
POSITION_RELATED = (
    "role",
    "show__venue",
    "show__organisation",
    "project__venue",
    "project__organisation",
)


@dataclass
class Cancellation:
    """What one cancellation changed, for the page's message, the API and the CLI."""

    reason: str
    at: dt.datetime
    positions: list[Position] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)

    @property
    def late(self) -> list[Booking]:
        return [b for b in self.bookings if b.late_cancellation]


def _check_reason(errors: Errors, reason) -> str:
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        errors.add("reason", "Say why it is cancelled; the crew are told the reason.")
    elif len(reason) > MAX_REASON:
        errors.add("reason", f"At most {MAX_REASON} characters.")
    return reason


def _lock(parent_model, parent_pk: int | None, position_ids: list[int]) -> None:
    """Lock the calls (and the show or project), then the workers on them: no offer can be
    accepted, sent or held on these calls until the cancellation commits."""
    parents = [(parent_model, [parent_pk])] if parent_model else []
    lock_rows(*parents, (Position, position_ids))
    workers = set(
        Booking.objects.filter(
            position_id__in=position_ids, status=Booking.Status.CONFIRMED
        ).values_list("worker_id", flat=True)
    )
    workers |= set(
        Offer.objects.filter(position_id__in=position_ids, status=Offer.Status.PENDING).values_list(
            "worker_id", flat=True
        )
    )
    workers |= set(
        Hold.objects.filter(position_id__in=position_ids, status=Hold.Status.ACTIVE).values_list(
            "worker_id", flat=True
        )
    )
    lock_rows(*parents, (Position, position_ids), (WorkerProfile, workers))


def _cancel_calls(positions, *, actor, reason: str, now, what: str, out: Cancellation) -> None:
    """Cancel each (locked, checked) call: its bookings, offers and holds, with history."""
    who = display_name(actor)
    for position in positions:
        position.cancelled_at, position.cancel_reason = now, reason
        position.save(update_fields=["cancelled_at", "cancel_reason"])
        out.positions.append(position)
        log_event(
            position,
            PositionEvent.Kind.CALL_CANCELLED,
            f"{who} cancelled the {what}: {reason}",
            actor=actor,
        )
        bookings = position.bookings.filter(status=Booking.Status.CONFIRMED).select_related(
            "worker__user"
        )
        for booking in bookings.order_by("pk"):
            booking.position = position
            mark_cancelled(booking, actor=actor, reason=reason, now=now, by_worker=False)
            late = " (late cancellation)" if booking.late_cancellation else ""
            log_event(
                position,
                PositionEvent.Kind.CANCELLED,
                f"{who} cancelled {booking.worker.display_name}'s booking{late}: {reason}",
                actor=actor,
                worker=booking.worker,
            )
            out.bookings.append(booking)
        offers = position.offers.filter(status=Offer.Status.PENDING).select_related("worker__user")
        for offer in offers.order_by("pk"):
            offer.position = position
            offer.status, offer.responded_at = Offer.Status.WITHDRAWN, now
            offer.reason = f"The {what} was cancelled: {reason}"[:MAX_REASON]
            offer.save(update_fields=["status", "responded_at", "reason"])
            log_event(
                position,
                PositionEvent.Kind.WITHDRAWN,
                f"Offer to {offer.worker.display_name} withdrawn: the {what} was cancelled.",
                actor=actor,
                worker=offer.worker,
            )
            out.offers.append(offer)
        holds = position.holds.filter(status=Hold.Status.ACTIVE).select_related("worker")
        for hold in holds.order_by("pk"):
            hold.status, hold.closed_at = Hold.Status.RELEASED, now
            hold.save(update_fields=["status", "closed_at"])
            log_event(
                position,
                PositionEvent.Kind.RELEASED,
                f"Hold on {hold.worker.display_name} released: the {what} was cancelled.",
                actor=actor,
                worker=hold.worker,
            )
            out.holds.append(hold)


@transaction.atomic
def position_cancel(*, actor, position: Position, reason: str, now=None) -> Cancellation:
    """Cancel one crew call with a reason; only the organisation's managers may.

    Refused, naming the field, without a reason, for a call already cancelled (or on a
    cancelled show), and for a call that is over."""
    require_manager(actor, position.organisation, "cancel its calls")
    now = now or timezone.now()
    _lock(None, None, [position.pk])
    position = Position.objects.select_related(*POSITION_RELATED).get(pk=position.pk)
    errors = Errors()
    reason = _check_reason(errors, reason)
    parent = position.show or position.project
    if position.is_cancelled:
        when = call_time(position.cancelled_at, position)
        errors.add("position", f"This call was already cancelled ({when}).")
    elif parent.status == Status.CANCELLED:
        errors.add("position", "The show was already cancelled.")
    elif position.call_end <= now:
        errors.add("position", "The call is over; record no-shows or fix the timesheets instead.")
    errors.raise_if_any()
    out = Cancellation(reason=reason, at=now)
    _cancel_calls([position], actor=actor, reason=reason, now=now, what="call", out=out)
    for booking in out.bookings:
        notify(
            booking.worker.user, **messages.call_cancelled(position, reason=reason, booking=booking)
        )
    for offer in out.offers:
        notify(offer.worker.user, **messages.call_cancelled(position, reason=reason))
    return out


def _cancel_parent(*, actor, parent: Show | StudioProject, reason: str, now) -> Cancellation:
    model, noun = type(parent), "show" if isinstance(parent, Show) else "project"
    now = now or timezone.now()
    ids = list(parent.positions.values_list("pk", flat=True))
    _lock(model, parent.pk, ids)
    parent = model.objects.select_related("organisation", "venue").get(pk=parent.pk)
    calls = list(
        Position.objects.select_related(*POSITION_RELATED)
        .filter(**{noun: parent})
        .order_by("call_start", "pk")
    )
    errors = Errors()
    reason = _check_reason(errors, reason)
    standing = [p for p in calls if not p.is_cancelled]
    still_open = [p for p in standing if p.call_end > now]
    if parent.status == Status.CANCELLED:
        errors.add(noun, f"This {noun} is already cancelled.")
    elif standing and not still_open:
        errors.add(
            noun,
            f"Every call of this {noun} is over; record no-shows or fix the timesheets instead.",
        )
    errors.raise_if_any()
    parent.status = Status.CANCELLED
    parent.save(update_fields=["status"])
    out = Cancellation(reason=reason, at=now)
    _cancel_calls(still_open, actor=actor, reason=reason, now=now, what=noun, out=out)
    # One notice per person for the whole show, listing each of their calls.
    booked, offered, users = defaultdict(list), defaultdict(list), {}
    for booking in out.bookings:
        users[booking.worker.user_id] = booking.worker.user
        booked[booking.worker.user_id].append(booking)
    for offer in out.offers:
        users[offer.worker.user_id] = offer.worker.user
        offered[offer.worker.user_id].append(offer)
    for user_id, user in sorted(users.items(), key=lambda item: item[0] or 0):
        notify(
            user,
            **messages.parent_cancelled(
                parent, reason=reason, bookings=booked[user_id], offers=offered[user_id]
            ),
        )
    return out


@transaction.atomic
def show_cancel(*, actor, show: Show, reason: str, now=None) -> Cancellation:
    """Cancel a whole show with a reason: every call not yet over is cancelled as
    `position_cancel` does, and each booked or offered worker gets one notice."""
    require_manager(actor, show.organisation, "cancel its shows")
    return _cancel_parent(actor=actor, parent=show, reason=reason, now=now)


@transaction.atomic
def project_cancel(*, actor, project: StudioProject, reason: str, now=None) -> Cancellation:
    """Cancel a studio project with a reason, as `show_cancel` does a show."""
    require_manager(actor, project.organisation, "cancel its projects")
    return _cancel_parent(actor=actor, parent=project, reason=reason, now=now)
