"""How a crew call is named in messages, histories, calendars and the income planner: one
function, so every place says it the same way, with switches for the few places that
name less of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from stagedoor.core.text import local_time


@dataclass(frozen=True)
class EngagementWords:
    """How a touring engagement's call is named: `name` ('the Lanterns Tour, London leg')
    and `days` ('13-20 Dec', with an en dash), instead of a venue and a start time (its
    call spans days from midnight, so 'call Sun 13 Dec 00:00' would mislead)."""

    name: str
    days: str


# The app that makes engagements (touring) names them; gigs stands below it, so it asks.
_engagement_namers: list[Callable[[object], EngagementWords | None]] = []


def register_engagement_namer(fn: Callable[[object], EngagementWords | None]) -> None:
    """Called from an app's `ready()`: `fn(position)` names an engagement's call, or None."""
    if fn not in _engagement_namers:
        _engagement_namers.append(fn)


def engagement_words(position) -> EngagementWords | None:
    """The engagement's words for a call marked `engagement`, else None."""
    if not getattr(position, "engagement", False):
        return None
    for namer in _engagement_namers:
        words = namer(position)
        if words is not None:
            return words
    return None


def call_when(position) -> str:
    """When the call is, as a notice says it after the show: 'call Sat 5 Dec 20:00 CET',
    or for a touring engagement its days and crew: '13-20 Dec, touring crew' (an en dash)."""
    words = engagement_words(position)
    if words is not None:
        return f"{words.days}, touring crew"
    return f"call {call_time(position.call_start, position)}"


def call_time(moment: dt.datetime, position, *, bracket_zone: bool = True) -> str:
    """A moment in the call's time zone: 'Sat 5 Dec 20:00 CET', the one way every page and
    text writes it (`bracket_zone` is kept for callers that still pass it)."""
    return local_time(moment, position.timezone_name)


def parent_name(position, *, venue: bool = True) -> str:
    """The show ('Mara Quinn at Columbiahalle', or just the artist), the studio project, or
    the tour a touring engagement is for ('the Lanterns Tour, London leg')."""
    words = engagement_words(position)
    if words is not None:
        return words.name
    if position.show_id:
        show = position.show
        return f"{show.artist} at {show.venue.name}" if venue else show.artist
    return position.project.title


def call_label(
    position,
    *,
    parent: bool = True,
    venue: bool = True,
    when: bool = True,
    role: bool = False,
    bracket_zone: bool = True,
) -> str:
    """'Load-in, Mara Quinn at Columbiahalle, Sat 5 Dec 20:00 CET'.

    `parent` names the show or project, `venue` the show's venue after the artist, `when`
    the call's start; `role` adds the role after a title of the call's own
    ('Load-in (Stagehand)'), as calendar entries do.
    """
    name = position.display_title
    if role and position.title and position.title != position.role.name:
        name = f"{position.title} ({position.role.name})"
    parts = [name]
    words = engagement_words(position)
    if parent:
        parts.append(words.name if words else parent_name(position, venue=venue))
    if when:
        parts.append(
            words.days
            if words
            else call_time(position.call_start, position, bracket_zone=bracket_zone)
        )
    return ", ".join(parts)
