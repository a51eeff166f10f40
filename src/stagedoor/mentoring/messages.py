"""The notices mentoring sends, one function each, returning the keyword arguments of
`booking.services.notify.notify` (the words live here, beside the app that sends them)."""

from __future__ import annotations

from django.urls import reverse

from stagedoor.booking.models import Notification
from stagedoor.core.text import day


def _hub() -> str:
    return reverse("mentoring:hub")


def asked(mentorship) -> dict:
    mentee = mentorship.mentee.display_name
    body = (
        f"{mentee} ({mentorship.mentee.home_city}) asks you to mentor them toward "
        f"{mentorship.target.name}. Accept or decline on your mentoring page."
    )
    if mentorship.note:
        body += f"\n\n{mentorship.note}"
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"{mentee} asks you to be their mentor",
        "body": body,
        "url": _hub() + f"#mentorship-{mentorship.pk}",
    }


def answered(mentorship, accepted: bool) -> dict:
    mentor = mentorship.offer.worker.display_name
    if accepted:
        subject = f"{mentor} will mentor you"
        body = (
            f"{mentor} accepted: they will mentor you toward {mentorship.target.name}. "
            "Plan your first session and log it on your mentoring page."
        )
    else:
        subject = f"{mentor} cannot mentor you now"
        body = (
            f"{mentor} declined your request toward {mentorship.target.name}. "
            "Your mentoring page suggests other mentors."
        )
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": subject,
        "body": body,
        "url": _hub() + f"#mentorship-{mentorship.pk}",
    }


def session_saved(session, today) -> str:
    """What the page says once a session is saved: a date still ahead is a plan, not a
    session held ("Session planned for Tue 15 Dec, 18:00.")."""
    if session.held_on <= today:
        return "Session logged."
    when = day(session.held_on)
    if session.at is not None:
        when += f", {session.at:%H:%M}"
    return f"Session planned for {when}."
