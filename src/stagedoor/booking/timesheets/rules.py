"""Who may keep, approve and see timesheets; built on `booking.rules`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.gigs.models import Show
from stagedoor.industry.rules import can_manage

from ..models import Booking
from ..rules import can_lead, is_crew_chief


def is_own(user, booking: Booking) -> bool:
    return getattr(user, "pk", None) is not None and user.pk == booking.worker.user_id


def can_keep_timesheet(user, booking: Booking) -> bool:
    """The booked worker, the show's crew chief, or a manager of the organisation."""
    return is_own(user, booking) or can_lead(user, booking.position)


def require_timesheet_access(user, booking: Booking, action: str) -> None:
    if not can_keep_timesheet(user, booking):
        raise PermissionDenied(f"Only the worker booked, the crew chief or a manager can {action}.")


def can_approve(user, booking: Booking) -> bool:
    """A lead, but not for their own booking unless they manage the organisation."""
    if not can_lead(user, booking.position):
        return False
    return not is_own(user, booking) or can_manage(user, booking.position.organisation)


def can_lead_show(user, show: Show) -> bool:
    """Whether `user` leads the show's crew (manager or crew chief); for page display."""
    return can_manage(user, show.organisation) or is_crew_chief(user, show)
