"""Who may do what. Services call these; views only mirror them for display."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.industry.enums import MANAGING_ROLES


def can_manage(user, organisation) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return organisation.membership_set.filter(user=user, role__in=MANAGING_ROLES).exists()


def require_manager(user, organisation, action: str) -> None:
    if not can_manage(user, organisation):
        raise PermissionDenied(f"Only managers of {organisation.name} can {action}.")


class Operator:
    """Whoever runs `stagedoor` commands on the server: may do what an admin may."""

    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    username = "operator"


OPERATOR = Operator()
