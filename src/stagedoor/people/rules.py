"""Who may see what on a worker's profile."""

from __future__ import annotations

from stagedoor.industry.rules import managed_organisations


def may_see_rates(user, worker) -> bool:
    """A worker's day and hourly rates: on their public profile only if they chose to show
    them; always to themselves, to admins and to managers (who staff crew at those rates)."""
    if worker.show_rates:
        return True
    if user is None or not user.is_authenticated:
        return False
    if user.pk == worker.user_id or user.is_superuser:
        return True
    return managed_organisations(user).exists()


def may_set_goal(user, worker) -> bool:
    """The role a worker aims for is theirs alone to choose: not an admin's, not a manager's."""
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.pk is not None
        and user.pk == worker.user_id
    )
