"""Who may do what with an opening: the organisation's managers post it and decide on
applicants; a worker applies for themself. Services, pages, the API and the CLI ask these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.booking.rules import worker_of
from stagedoor.industry.rules import can_manage, require_manager

from .models import Opportunity


def can_manage_opening(user, opportunity: Opportunity) -> bool:
    return can_manage(user, opportunity.organisation)


def require_opening_manager(user, opportunity: Opportunity, action: str) -> None:
    require_manager(user, opportunity.organisation, action)


def require_applicant(user):
    """The worker profile of the person applying; a profile is what a place is given to."""
    worker = worker_of(user)
    if worker is None:
        raise PermissionDenied("Make a crew profile first: a place goes to a person on Stagedoor.")
    return worker
