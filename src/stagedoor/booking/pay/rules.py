"""Who may see whose pay. The selectors call these before reading anything."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from stagedoor.gigs.models import Show
from stagedoor.industry.rules import can_manage, managed_organisations
from stagedoor.people.models import WorkerProfile

from ..models import Booking


def managed_org_ids(user) -> set[int] | None:
    """Organisations `user` manages; None means every one (superusers, the operator)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    return set(managed_organisations(user).values_list("pk", flat=True))


def of_orgs(org_ids: set[int]) -> Q:
    return Q(position__show__organisation_id__in=org_ids) | Q(
        position__project__organisation_id__in=org_ids
    )


def worker_pay_scope(actor, worker: WorkerProfile) -> set[int] | None:
    """The organisations whose pay to `worker` the actor may see: all of it (None) for the
    worker, what their organisations owe for a manager; PermissionDenied for anyone else."""
    own = getattr(actor, "pk", None) is not None and actor.pk == worker.user_id
    org_ids = None if own else managed_org_ids(actor)
    if org_ids is not None and not org_ids:
        raise PermissionDenied(
            "Only the worker and managers of organisations that booked them can see their pay."
        )
    return org_ids


def require_show_pay_access(actor, show: Show) -> bool:
    """True when the actor sees the whole show's pay (its managers), False when only their
    own (crew booked on it); PermissionDenied for everybody else."""
    if can_manage(actor, show.organisation):
        return True
    user_id = getattr(actor, "pk", None)
    booked = Booking.objects.filter(position__show=show, worker__user_id=user_id)
    if user_id is None or not booked.exists():
        raise PermissionDenied(
            "Only the show's managers and the crew booked on it can see its pay."
        )
    return False
