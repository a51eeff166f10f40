"""Reads for joining: sign-ups waiting for confirmation, a user's onboarding."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Onboarding, SignUp
from .rules import STEPS


def pending_signups() -> QuerySet[SignUp]:
    """Sign-ups whose address is not confirmed yet, oldest first."""
    return (
        SignUp.objects.filter(confirmed_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def onboarding_of(user) -> Onboarding | None:
    return Onboarding.objects.filter(user=user).first() if user.is_authenticated else None


def resume_step(onboarding: Onboarding | None) -> int:
    """The step to open on /welcome/: the one after the furthest they saved or skipped."""
    furthest = onboarding.furthest_step if onboarding else 0
    return min(furthest + 1, len(STEPS))
