"""Who may do what on the job boards. Services, views, the API and the CLI ask these."""

from __future__ import annotations

from stagedoor.industry.rules import managed_organisations


def may_import(user) -> bool:
    """Managers of any organisation (and admins) may bring in other boards' postings."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or managed_organisations(user).exists()
