"""The position's history: the one writer of PositionEvent, for every booking flow."""

from __future__ import annotations

from ..models import PositionEvent


def actor_user(actor):
    """The actor as a user row to store, or None for the server itself (CLI, tasks)."""
    return actor if getattr(actor, "pk", None) else None


def log_event(position, kind: str, message: str, *, actor=None, worker=None) -> PositionEvent:
    """Add a line to the position's history (at most 500 characters)."""
    return PositionEvent.objects.create(
        position=position, kind=kind, message=message[:500], actor=actor_user(actor), worker=worker
    )
