"""Plain facts about joining that every face asks: the onboarding steps, safe return paths."""

from __future__ import annotations

from typing import NamedTuple


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
