"""How a crew call is named in messages, histories, calendars and the income planner: one
function, so every place says it the same way, with switches for the few places that
name less of it."""

from __future__ import annotations

import datetime as dt

from stagedoor.core.text import local_time


def call_time(moment: dt.datetime, position, *, bracket_zone: bool = True) -> str:
    """A moment in the call's time zone: 'Sat 5 Dec 20:00 CET', the one way every page and
    text writes it (`bracket_zone` is kept for callers that still pass it)."""
    return local_time(moment, position.timezone_name)


def parent_name(position, *, venue: bool = True) -> str:
    """The show ('Mara Quinn at Columbiahalle', or just the artist) or the studio project."""
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
    if parent:
        parts.append(parent_name(position, venue=venue))
    if when:
        parts.append(call_time(position.call_start, position, bracket_zone=bracket_zone))
    return ", ".join(parts)
