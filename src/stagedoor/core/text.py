"""How Stagedoor writes a time, a span of time, a person's name, money and pay: one helper
each, so every message, notice and page says them the same way."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal, InvalidOperation

from babel import UnknownLocaleError
from babel.numbers import format_currency


def in_zone(moment: dt.datetime, tz_name: str) -> dt.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(tz_name))


def local_time(when: dt.datetime, tz_name: str) -> str:
    """'Sat 5 Dec 20:00 CET': a moment in the venue's zone, with the zone named (the one way
    pages, notices and messages write a moment; see `moment`)."""
    return moment(when, tz_name)


def moment(when: dt.datetime, tz_name: str) -> str:
    """'Sat 5 Dec 20:00 CET': a moment in the venue's zone with the zone named, written the way
    a call's span is (no leading zero on the day). How pages write a stamp or an expiry."""
    local = in_zone(when, tz_name)
    return f"{local:%a} {local.day} {local:%b %H:%M} {local.tzname()}"


def clock(moment: dt.datetime | None) -> str:
    """'20:00 CET', or '' for no time."""
    return f"{moment:%H:%M} {moment.tzname()}" if moment else ""


def days_later(start: dt.datetime, end: dt.datetime, tz_name: str) -> int:
    """How many calendar days after `start`'s day `end` falls, both read in `tz_name` (the
    venue's zone): a load-out from 23:00 to 02:30 local is one day later even when both
    instants share a UTC date, and 14:00 to 23:30 is not even when UTC has moved on."""
    return (in_zone(end, tz_name).date() - in_zone(start, tz_name).date()).days


def day_marker(start: dt.datetime, end: dt.datetime, tz_name: str) -> str:
    """' (+1 day)' (with its leading space) when a call ends on a later day than it starts in
    the venue's zone, ' (+2 days)' and so on, else ''. The one rule every page, list and
    text uses to mark a call that runs past midnight."""
    later = days_later(start, end, tz_name)
    if later <= 0:
        return ""
    return f" (+{later} day{'' if later == 1 else 's'})"


def day(date: dt.date) -> str:
    """'Tue 8 Dec': a calendar day as `span` and `local_time` write one (a venue's day, so
    already in its zone)."""
    return f"{date:%a} {date.day} {date:%b}"


def call_span(start: dt.datetime, end: dt.datetime, tz_name: str) -> str:
    """'Sat 5 Dec 23:00-02:30 CST (+1 day)' (with an en dash): a call's day, start and end in
    the venue's zone with the zone named, and the day marker when it ends on a later day
    (both zones named on the night the clocks change): how pages and feeds write a call."""
    start, end = in_zone(start, tz_name), in_zone(end, tz_name)
    marker = day_marker(start, end, tz_name)
    day = f"{start:%a} {start.day} {start:%b}"
    if start.tzname() == end.tzname():
        return f"{day} {start:%H:%M}\u2013{end:%H:%M} {start.tzname()}{marker}"
    return f"{day} {clock(start)}\u2013{clock(end)}{marker}"


def span(start: dt.datetime, end: dt.datetime) -> str:
    """'Sat 5 Dec 14:00-23:30 CET' (with an en dash), or the end in full when it falls on another
    day or in another zone (the night the clocks change)."""
    day = f"{start:%a} {start.day} {start:%b}"
    if start.date() == end.date() and start.tzname() == end.tzname():
        return f"{day} {start:%H:%M}–{end:%H:%M} {start.tzname()}"
    return f"{day} {clock(start)} – {end:%a} {end.day} {end:%b} {clock(end)}"


def display_name(actor) -> str:
    """A person as others read them: a worker's display name, else the user's full name or
    username; 'Stagedoor' for the server itself (a command or a scheduled task)."""
    if actor is None or getattr(actor, "pk", None) is None:
        return "Stagedoor"
    worker = getattr(actor, "worker", None)
    name = getattr(worker, "display_name", None)
    if isinstance(name, str) and name:
        return name
    return actor.get_full_name() or actor.username


def money(amount, currency: str, locale: str | None = None) -> str:
    """'$13,787.50', '€400.00': an amount with its currency in the reader's locale (Babel),
    the one way every page writes money. '' for no amount; a code Babel does not know is
    written after the number."""
    if amount is None or amount == "":
        return ""
    if locale is None:
        from django.conf import settings
        from django.utils.translation import get_language, to_locale

        locale = to_locale(get_language() or settings.LANGUAGE_CODE)
    try:
        return format_currency(Decimal(str(amount)), currency or "XXX", locale=locale)
    except (UnknownLocaleError, ValueError, InvalidOperation):
        return f"{amount} {currency}".strip()


# What a rate is per, in the words pay is written with everywhere ("$30.00 an hour"): the
# crew calls' units, imported postings', openings', tour rates' and studio quotes'.
PAY_UNIT_WORDS = {
    "hour": "an hour",
    "day": "a day",
    "week": "a week",
    "month": "a month",
    "year": "a year",
    "song": "a song",
    "project": "for the project",
    "flat": "flat fee",
    "stipend": "in all",
}


def pay_unit_words(unit: str | None) -> str:
    """'an hour', 'a day', 'flat fee': what a rate is per ('' for no unit)."""
    if not unit:
        return ""
    return PAY_UNIT_WORDS.get(str(unit), str(unit))


def pay(amount, currency: str, unit: str | None, locale: str | None = None) -> str:
    """'$30.00 an hour', '$250.00 a day', '$400.00 flat fee': a rate with its currency and
    what it is per, the one way pages, notices and feeds write pay. '' for no amount."""
    written = money(amount, currency, locale)
    if not written:
        return ""
    return f"{written} {pay_unit_words(unit)}".strip()


def pay_range(low, high, currency: str, unit: str | None, locale: str | None = None) -> str:
    """'$25.00-$40.00 an hour' (with an en dash): a range of rates, written as `pay` writes one."""
    span = f"{money(low, currency, locale)}\u2013{money(high, currency, locale)}"
    return f"{span} {pay_unit_words(unit)}".strip()
