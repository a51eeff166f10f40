"""Plain facts about joining that every face asks: the onboarding steps, safe return paths."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.urls import reverse


class Step(NamedTuple):
    number: int
    title: str


STEPS = (
    Step(1, "Where you work"),
    Step(2, "Your roles"),
    Step(3, "Skills and certificates"),
    Step(4, "Your rates"),
    Step(5, "When you're away"),
)


def safe_next(url: str | None) -> str:
    """A path on this site to return to, or "" (never another site: no open redirects)."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith(("//", "/\\")) or len(url) > 500:
        return ""
    if any(c in url for c in "\r\n\t"):
        return ""
    return url


def link_for(request) -> Callable[[str], str]:
    """Confirmation links on the host and port this request came in on, so a demo served
    on any port (or behind any name) mails links that work."""
    return lambda token: request.build_absolute_uri(reverse("accounts:confirm", args=[token]))
