"""Who may do what in mentoring: the predicates services, views, the API and the CLI share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Mentorship


def is_mentor(user, mentorship: Mentorship) -> bool:
    return user is not None and user.pk is not None and mentorship.offer.worker.user_id == user.pk


def is_mentee(user, mentorship: Mentorship) -> bool:
    return user is not None and user.pk is not None and mentorship.mentee.user_id == user.pk


def require_mentor(user, mentorship: Mentorship, action: str) -> None:
    if not is_mentor(user, mentorship):
        raise PermissionDenied(f"Only the mentor can {action}.")


def require_side(user, mentorship: Mentorship, action: str) -> None:
    if not (is_mentor(user, mentorship) or is_mentee(user, mentorship)):
        raise PermissionDenied(f"Only the mentor or the mentee can {action}.")
