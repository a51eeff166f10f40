"""Writes of API tokens: make one, revoke one. Each person manages only their own."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from stagedoor.core.validation import Errors, check_choice

from .models import ApiToken


def token_create(
    *, actor, name: str, scope: str = ApiToken.Scope.READ, days: float | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `actor` and return it with its key, which is shown this once and
    never stored. `days` is its life, up to STAGEDOOR_API_TOKEN_MAX_DAYS."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Sign in to make an API token.")
    errors = Errors()
    name = (name or "").strip()
    if not name:
        errors.add("name", "Give the token a name, so you know it again when you revoke it.")
    elif len(name) > 80:
        errors.add("name", "A token's name is at most 80 characters.")
    elif "\x00" in name:
        errors.add("name", "A token's name cannot contain a NUL character.")
    check_choice(errors, "scope", scope, ApiToken.Scope)
    longest = settings.STAGEDOOR_API_TOKEN_MAX_DAYS
    if days is None:
        days = settings.STAGEDOOR_API_TOKEN_DEFAULT_DAYS
    if not isinstance(days, int | float) or not math.isfinite(days) or not 1 <= days <= longest:
        errors.add("days", f"A token lasts from 1 to {longest} days.")
    errors.raise_if_any()
    with transaction.atomic():
        return ApiToken.issue(user=actor, name=name, scope=scope, days=days)


def token_revoke(*, actor, token_id: int) -> None:
    """Delete one of `actor`'s tokens; a request with it is refused from then on. Someone
    else's token, or one that does not exist, is refused in the same words."""
    with transaction.atomic():
        deleted, _ = ApiToken.objects.filter(pk=token_id, user=actor).delete()
    if not deleted:
        raise PermissionDenied("Not one of your tokens.")


def token_touch(token: ApiToken) -> None:
    """Note when a token was last used (shown on the tokens page)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
