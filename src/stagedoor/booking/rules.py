"""Who may see and do what around bookings: the permission predicates services, views, the
API and the CLI all call. Timesheets, pay and call sheets keep the predicates only they
use in their own `rules` modules, built on these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.gigs.models import Position, Show
from stagedoor.industry.enums import MemberRole
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile

from .models import BUSY_STATUSES, Booking


def worker_of(user) -> WorkerProfile | None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    return WorkerProfile.objects.filter(user=user).first()


def is_booked_on(user, show: Show) -> bool:
    """Booked (confirmed or worked) on any position of the show."""
    worker = worker_of(user)
    return (
        worker is not None
        and Booking.objects.filter(
            worker=worker, position__show=show, status__in=BUSY_STATUSES
        ).exists()
    )


def is_crew_chief(user, show: Show) -> bool:
    """The show's booked crew chief, or a crew chief member of the organisation."""
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return False
    if show.organisation.membership_set.filter(user=user, role=MemberRole.CREW_CHIEF).exists():
        return True
    return Booking.objects.filter(
        worker__user=user, position__show=show, is_crew_chief=True, status__in=BUSY_STATUSES
    ).exists()


def can_lead(user, position: Position) -> bool:
    """Managers of the organisation, and the crew chief of the position's show."""
    if can_manage(user, position.organisation):
        return True
    return position.show_id is not None and is_crew_chief(user, position.show)


def require_lead(user, position: Position, action: str) -> None:
    if not can_lead(user, position):
        raise PermissionDenied(f"Only the crew chief or a manager can {action}.")


def require_worker(user, worker: WorkerProfile, action: str) -> None:
    if user is None or getattr(user, "pk", None) != worker.user_id:
        raise PermissionDenied(f"Not yours: only the worker it is for can {action}.")
