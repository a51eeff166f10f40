"""`core.text` for templates, so a page marks an overnight call the way every text does."""

from django import template

from stagedoor.core.text import clock, in_zone, local_time
from stagedoor.core.text import day_marker as marker_text
from stagedoor.core.text import money as money_text

register = template.Library()


@register.filter
def day_marker(position) -> str:
    """' (+1 day)' after a call's end time when it ends on a later day in the venue's zone
    (`call_start`, `call_end` and `timezone_name` of a crew call), else ''."""
    return marker_text(position.call_start, position.call_end, position.timezone_name)


@register.filter
def money(amount, currency: str = "") -> str:
    """`{{ p.pay_amount|money:p.currency }}` -> '$385.00': Babel's currency format in the
    reader's locale, the one way pages write money."""
    return money_text(amount, currency)


@register.filter
def when(moment, tz_name: str = "UTC") -> str:
    """`{{ offer.expires_at|when:p.timezone_name }}` -> 'Sat 05 Dec 20:00 (CST)': a moment in
    the venue's zone, with the zone named (core.text.local_time)."""
    return local_time(moment, tz_name or "UTC") if moment else ""


@register.filter
def call_span(position) -> str:
    """`{{ p|call_span }}` -> 'Sat 5 Dec 23:00-02:30 CST (+1 day)': a call's day, start and
    end in the venue's zone with the zone named, and the day marker when it ends on a later
    day (both zones named on the night the clocks change)."""
    tz_name = position.timezone_name
    start = in_zone(position.call_start, tz_name)
    end = in_zone(position.call_end, tz_name)
    marker = marker_text(position.call_start, position.call_end, tz_name)
    day = f"{start:%a} {start.day} {start:%b}"
    if start.tzname() == end.tzname():
        return f"{day} {start:%H:%M}\u2013{end:%H:%M} {start.tzname()}{marker}"
    return f"{day} {clock(start)}\u2013{clock(end)}{marker}"


@register.filter
def day(value) -> str:
    """`{{ show.date|day }}` -> 'Sat 5 Dec 2026': a calendar day (already the venue's)."""
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""
