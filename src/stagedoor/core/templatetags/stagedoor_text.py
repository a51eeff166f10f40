"""`core.text` for templates, so a page marks an overnight call the way every text does."""

import datetime as dt

from django import template
from django.conf import settings

from stagedoor.core.text import call_span as call_text
from stagedoor.core.text import day_marker as marker_text
from stagedoor.core.text import display_name, in_zone
from stagedoor.core.text import moment as moment_text
from stagedoor.core.text import money as money_text
from stagedoor.core.text import pay as pay_text
from stagedoor.core.text import pay_range as pay_range_text

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


@register.simple_tag
def pay(amount, currency: str, unit: str) -> str:
    """`{% pay p.pay_amount p.currency p.pay_unit %}` -> '$30.00 an hour' (core.text.pay): a
    rate and what it is per, the one way pages write pay."""
    return pay_text(amount, currency, unit)


@register.simple_tag
def pay_range(low, high, currency: str, unit: str) -> str:
    """`{% pay_range role.pay_low role.pay_high "USD" role.pay_unit %}` -> '$25.00-$40.00 an
    hour' (core.text.pay_range)."""
    return pay_range_text(low, high, currency, unit)


@register.filter
def person(user) -> str:
    """`{{ user|person }}` -> 'Rosa Alvarez': a person as others know them (the worker's
    display name, else the full name; the login name only when there is nothing else)."""
    return display_name(user)


@register.filter
def when(moment, tz_name: str = "") -> str:
    """`{{ offer.expires_at|when:p.timezone_name }}` -> 'Sat 5 Dec 20:00 CST': a moment in
    the venue's zone, with the zone named (core.text.moment). Without a venue (an account,
    a task) `{{ x|when }}` reads it in the site's zone, still named."""
    return moment_text(moment, tz_name or settings.TIME_ZONE) if moment else ""


@register.filter
def call_span(position) -> str:
    """`{{ p|call_span }}` -> 'Sat 5 Dec 23:00-02:30 CST (+1 day)' (core.text.call_span, with
    an en dash): a call's day, start and end in the venue's zone with the zone named."""
    return call_text(position.call_start, position.call_end, position.timezone_name)


@register.filter
def day(value, tz_name: str = "") -> str:
    """`{{ show.date|day }}` -> 'Sat 5 Dec 2026': a calendar day (already the venue's). A moment
    is read as its day in the venue's zone: `{{ p.call_start|day:p.timezone_name }}`."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = in_zone(value, tz_name or settings.TIME_ZONE)
    return f"{value:%a} {value.day} {value:%b %Y}"
