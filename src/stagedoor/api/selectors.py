"""Reads of API tokens: a person's own, and the live token a key names."""

from __future__ import annotations

from django.utils import timezone

from .models import ApiToken


def tokens_of(user):
    """A person's tokens, newest first, expired ones included (they can still revoke them)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def live_token(key: str) -> ApiToken | None:
    """The token a bearer key names, if it has not expired and its holder may still sign in."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(key), expires_at__gt=timezone.now())
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    return found
