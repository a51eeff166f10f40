"""Wall-clock offsets from the show day, the one anchor every show has.

A template line says "show day 08:00 to 12:00" or "the day before 23:00 to show day 02:30"
as minutes from midnight at the start of the show day, read on the venue's wall clock.
Posting it at a show turns those minutes into that venue's local times on that show's
date, so the same line gives 08:00 in London and 08:00 in Chicago, before and after a
clock change; a call that runs past midnight still ends on the next day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

DAY = 24 * 60


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0))


def minutes_from_show_day(moment: dt.datetime, day: dt.date, tz_name: str) -> int:
    """`moment` as wall-clock minutes after midnight on `day` in `tz_name`."""
    local = moment.astimezone(zoneinfo.ZoneInfo(tz_name)).replace(tzinfo=None)
    return int((local - _midnight(day)).total_seconds() // 60)


def at_show_day(day: dt.date, minutes: int, tz_name: str) -> dt.datetime:
    """The aware moment `minutes` of wall clock after midnight on `day` in `tz_name`.

    A wall-clock time the spring change skips (02:30 on the night clocks go forward) is
    moved on by the hour the clocks jumped, as a clock on the wall would read it; in the
    autumn's repeated hour the first (summer-time) reading is meant.
    """
    zone = zoneinfo.ZoneInfo(tz_name)
    wall = (_midnight(day) + dt.timedelta(minutes=minutes)).replace(tzinfo=zone)
    return wall.astimezone(dt.UTC).astimezone(zone)


def clock_words(minutes: int) -> str:
    """'Show day 08:00', 'Day before 23:00', 'Next day 02:30' (further: 'Day +2', 'Day -3')."""
    days, rest = divmod(minutes, DAY)
    hours, mins = divmod(rest, 60)
    return f"{day_words(days)} {hours:02d}:{mins:02d}"


def day_words(days: int) -> str:
    """A day counted from the show day: 'Show day', 'Day before', 'Next day', 'Day +2'."""
    return {-1: "Day before", 0: "Show day", 1: "Next day"}.get(days) or f"Day {days:+d}"


def span_words(start: int, end: int) -> str:
    """'Show day 08:00-12:00' (with an en dash, as `core.text.span`), and for a call past
    midnight 'Show day 23:00-02:30 (+1 day)'."""
    end_days = end // DAY - start // DAY
    hours, mins = divmod(end % DAY, 60)
    marker = f" (+{end_days} day{'' if end_days == 1 else 's'})" if end_days > 0 else ""
    return f"{clock_words(start)}–{hours:02d}:{mins:02d}{marker}"
