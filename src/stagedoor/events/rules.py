"""Who may post and import an organisation's events (its managers), and who may say they
will go (a worker with a profile)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.booking.rules import worker_of
from stagedoor.industry.rules import can_manage


def can_manage_event(user, event) -> bool:
    if event.organisation_id is None:
        return bool(user is not None and getattr(user, "is_superuser", False))
    return can_manage(user, event.organisation)


def require_event_manager(user, event, action: str) -> None:
    if not can_manage_event(user, event):
        raise PermissionDenied(f"Only the organiser's managers can {action}.")


def require_goer(user):
    worker = worker_of(user)
    if worker is None:
        raise PermissionDenied("Make a crew profile first: your calendar lives on it.")
    return worker
