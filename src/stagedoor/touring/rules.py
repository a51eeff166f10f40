"""Who may plan a tour and who reads its day sheets: the tour's organisation's managers
plan it; they and the touring party (workers booked on one of its engagements) read it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F

from stagedoor.booking.models import BUSY_STATUSES
from stagedoor.gigs.models import Tour
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile


def can_plan(actor, tour: Tour) -> bool:
    return can_manage(actor, tour.organisation)


def require_planner(actor, tour: Tour, what: str = "plan this tour") -> None:
    if not can_plan(actor, tour):
        raise PermissionDenied(f"Only the tour's managers can {what}.")


def party(tour: Tour):
    """The touring party: workers booked (confirmed or worked) on one of the tour's
    engagements."""
    return (
        WorkerProfile.objects.filter(
            tour_engagements__tour=tour,
            tour_engagements__position__bookings__status__in=BUSY_STATUSES,
            tour_engagements__position__bookings__worker_id=F("pk"),
        )
        .select_related("user")
        .distinct()
        .order_by("display_name")
    )


def in_party(actor, tour: Tour) -> bool:
    if getattr(actor, "pk", None) is None:
        return False
    return party(tour).filter(user_id=actor.pk).exists()


def can_read(actor, tour: Tour) -> bool:
    return can_plan(actor, tour) or in_party(actor, tour)


def require_reader(actor, tour: Tour) -> None:
    if not can_read(actor, tour):
        raise PermissionDenied("Only the tour's managers and its touring party see its day sheets.")
