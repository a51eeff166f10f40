"""Mentor suggestions: which experienced workers fit a newcomer's request, and why."""

from .match import (
    CADENCES,
    MODES,
    Ask,
    MentorCard,
    Suggestion,
    suggest,
    suggest_reference,
    summary,
)

__all__ = [
    "CADENCES",
    "MODES",
    "Ask",
    "MentorCard",
    "Suggestion",
    "suggest",
    "suggest_reference",
    "summary",
]
