"""Who may do what at the hall: dispatchers run their local's lists and dispatch; employers
send their union calls in the local's jurisdiction; registrants answer for themselves.
Services, views, the API and the CLI all ask these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.industry.rules import can_manage

from .models import Registrant


def can_dispatch(user, local) -> bool:
    """The local's dispatchers (and its owner and managers)."""
    return local.kind == "union_local" and can_manage(user, local)


def require_dispatcher(user, local, action: str) -> None:
    if not can_dispatch(user, local):
        raise PermissionDenied(f"Only the dispatchers of {local.name} can {action}.")


def can_request(user, position) -> bool:
    """The employer's managers send a call to the hall (the dispatcher may take it too)."""
    if can_manage(user, position.organisation):
        return True
    local = hall_of(position)
    return local is not None and can_dispatch(user, local)


def require_requester(user, position) -> None:
    if not can_request(user, position):
        raise PermissionDenied(
            f"Only managers of {position.organisation.name} can send this call to the hall."
        )


def hall_of(position):
    """The union local whose jurisdiction covers the call's venue, or None."""
    parent = position.show or position.project
    venue = getattr(parent, "venue", None)
    return venue.union_local if venue is not None and venue.union_local_id else None


def require_registrant(user, registrant: Registrant, action: str) -> None:
    if user is None or getattr(user, "pk", None) != registrant.worker.user_id:
        raise PermissionDenied(f"Only {registrant.worker.display_name} can {action}.")


def can_see_record(user, registrant: Registrant) -> bool:
    """Her own record, and the local's dispatchers."""
    return getattr(user, "pk", None) == registrant.worker.user_id or can_dispatch(
        user, registrant.local
    )
