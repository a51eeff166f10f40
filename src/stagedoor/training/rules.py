"""Who may do what with courses and enrolments: the provider's managers post and confirm;
a worker signs up, cancels and says they completed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.industry.enums import OrganisationKind
from stagedoor.industry.rules import can_manage


def can_run_courses(user, provider) -> bool:
    return provider.kind == OrganisationKind.TRAINING and can_manage(user, provider)


def require_provider_manager(user, provider, action: str) -> None:
    if provider.kind != OrganisationKind.TRAINING:
        raise PermissionDenied(f"Only a training provider can {action}.")
    if not can_manage(user, provider):
        raise PermissionDenied(f"Only the managers of {provider.name} can {action}.")


def require_self(user, worker, action: str) -> None:
    if user is None or not user.is_authenticated or worker.user_id != user.pk:
        raise PermissionDenied(f"Only {worker.display_name} can {action}.")
