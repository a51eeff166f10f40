"""Who may do what with an organisation. Services call these; views, the API and the CLI
call the same predicates to decide what to show, never a copy of them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .enums import INVITING_ROLES, MANAGING_ROLES
from .models import Organisation


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_member(user, organisation) -> bool:
    """Any member (owner, manager, dispatcher, crew chief) or a superuser."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return organisation.membership_set.filter(user=user).exists()


def can_manage(user, organisation) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return organisation.membership_set.filter(user=user, role__in=MANAGING_ROLES).exists()


def require_manager(user, organisation, action: str) -> None:
    if not can_manage(user, organisation):
        raise PermissionDenied(f"Only the organisation's managers can {action}.")


def can_manage_venue(user, venue) -> bool:
    """The managers of the organisation that owns `venue` (a venue with no owner on record
    has no venue managers)."""
    # Asked for anonymous readers of public pages too: answer them without a query.
    if venue is None or venue.organisation_id is None or not _signed_in(user):
        return False
    return can_manage(user, venue.organisation)


def managed_organisations(user) -> QuerySet[Organisation]:
    """The organisations `user` manages (all of them for a superuser)."""
    if not _signed_in(user):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        membership__user=user, membership__role__in=MANAGING_ROLES
    ).distinct()


def managers_of(organisation):
    """The users who manage `organisation`, for notices."""
    return [
        m.user
        for m in organisation.membership_set.filter(role__in=MANAGING_ROLES).select_related("user")
    ]


def can_invite(user, organisation) -> bool:
    """The owner and managers invite people and withdraw invitations (a superuser too)."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return organisation.membership_set.filter(user=user, role__in=INVITING_ROLES).exists()


def require_inviter(user, organisation) -> None:
    if not can_invite(user, organisation):
        raise PermissionDenied("Only the organisation's owner and managers can invite people.")
