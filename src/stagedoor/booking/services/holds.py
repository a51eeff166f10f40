"""Holds: pencilling a worker in for a call before any offer goes out."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors, refuse
from stagedoor.gigs.models import Position
from stagedoor.industry.rules import require_manager
from stagedoor.people.models import WorkerProfile

from ..messages import ordinal
from ..models import Hold, PositionEvent
from .checks import check_not_booked, check_open
from .events import actor_user, log_event


@transaction.atomic
def hold_create(*, actor, position: Position, worker: WorkerProfile, note: str = "") -> Hold:
    """Pencil a worker in for a position. Its rank (1st, 2nd, 3rd hold) follows the trade:
    holds by others on overlapping calls that came first rank ahead of it."""
    require_manager(actor, position.organisation, "hold crew for its positions")
    lock_rows((Position, [position.pk]), (WorkerProfile, [worker.pk]))
    errors = Errors()
    check_open(errors, position, timezone.now())
    if position.holds.filter(worker=worker, status=Hold.Status.ACTIVE).exists():
        errors.add("worker", f"{worker.display_name} is already held for this call.")
    check_not_booked(errors, position, worker)
    if len(note) > 300:
        errors.add("note", "At most 300 characters.")
    errors.raise_if_any()
    hold = Hold.objects.create(
        position=position, worker=worker, note=note, created_by=actor_user(actor)
    )
    rank = hold_rank(hold)
    log_event(
        position,
        PositionEvent.Kind.HELD,
        f"{worker.display_name} held ({ordinal(rank)} hold).",
        actor=actor,
        worker=worker,
    )
    return hold


@transaction.atomic
def hold_release(*, actor, hold: Hold) -> Hold:
    require_manager(actor, hold.position.organisation, "release holds on its positions")
    if hold.status != Hold.Status.ACTIVE:
        refuse("hold", "This hold is no longer active.")
    hold.status, hold.closed_at = Hold.Status.RELEASED, timezone.now()
    hold.save(update_fields=["status", "closed_at"])
    log_event(
        hold.position,
        PositionEvent.Kind.RELEASED,
        f"Hold on {hold.worker.display_name} released.",
        actor=actor,
        worker=hold.worker,
    )
    return hold


def hold_rank(hold: Hold) -> int:
    """1 + the active holds on the same worker, for overlapping calls, made before this one."""
    p = hold.position
    earlier = Hold.objects.filter(
        worker_id=hold.worker_id,
        status=Hold.Status.ACTIVE,
        position__call_start__lt=p.call_end,
        position__call_end__gt=p.call_start,
    ).filter(Q(created_at__lt=hold.created_at) | Q(created_at=hold.created_at, pk__lt=hold.pk))
    return 1 + earlier.exclude(pk=hold.pk).count()
