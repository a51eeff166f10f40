"""Checking one row read from another board (`boards.sources`) into a `CleanRow`.

Field rules: title and employer required; a city unless `remote` is yes;
`country` two letters; `start`, `date_posted` and `valid_through` ISO 8601 dates or
date-times with an offset (a naive time is read in the city's time zone when the city is
known), from a year back to five years ahead (`core.validation.check_in_window`);
`pay_amount` a non-negative amount with at most two decimals, and with it
`pay_unit` (hour, day, week, month, year or flat) and an ISO 4217 `currency`;
`description` is kept as plain text (`boards.plain`), at most 20,000 characters.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from stagedoor.core.places import find_place
from stagedoor.core.validation import (
    MAX_OFFSET,
    Errors,
    check_currency,
    check_in_window,
    check_money,
)

from .models import PayUnit
from .plain import plain_text

MAX_DESCRIPTION = 20_000

UNITS = {
    "hour": PayUnit.HOUR,
    "hourly": PayUnit.HOUR,
    "day": PayUnit.DAY,
    "daily": PayUnit.DAY,
    "week": PayUnit.WEEK,
    "month": PayUnit.MONTH,
    "year": PayUnit.YEAR,
    "flat": PayUnit.FLAT,
}
TRUE = {"1", "yes", "true", "y", "remote", "telecommute"}
FALSE = {"", "0", "no", "false", "n"}


@dataclass
class CleanRow:
    external_id: str
    title: str
    employer: str
    employer_url: str
    description: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str
    remote: bool
    starts_on: dt.date | None
    starts_at: dt.datetime | None
    pay_amount: Decimal | None
    pay_unit: str
    currency: str
    employment_type: str
    date_posted: dt.datetime | None
    valid_through: dt.datetime | None
    url: str
    latitude: float | None = None
    longitude: float | None = None
    extra: dict = field(default_factory=dict)


def _when(
    errors: Errors, name: str, text: str, tz: str | None
) -> tuple[dt.date | None, dt.datetime | None]:
    """(date, aware datetime or None) from an ISO 8601 date or date-time."""
    if not text:
        return None, None
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            check_in_window(errors, name, day)
            return (None, None) if name in errors.by_field else (day, None)
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        errors.add(name, f"'{text}' is not an ISO 8601 date or date and time.")
        return None, None
    if value.tzinfo is None:
        if tz is None:
            errors.add(name, "Give a UTC offset; a naive time is ambiguous without a known city.")
            return None, None
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    if abs(value.utcoffset()) > MAX_OFFSET:
        errors.add(name, "A UTC offset must be between -15:59 and +15:59.")
        return None, None
    # A date the database could not read back (year 9999 at -12:00) would break the feeds.
    check_in_window(errors, name, value)
    if name in errors.by_field:
        return None, None
    return value.date(), value


def clean_row(fields: dict[str, str]) -> tuple[CleanRow | None, list[tuple[str, str]]]:
    """Check one row; (the clean row, []) or (None, [(field, reason), ...])."""
    errors = Errors()
    if "__error__" in fields:
        return None, [("row", fields["__error__"])]
    get = lambda name: (fields.get(name) or "").strip()  # noqa: E731
    title, employer = get("title"), get("employer")
    if not title:
        errors.add("title", "This field is required.")
    elif len(title) > 200:
        errors.add("title", "At most 200 characters.")
    if not employer:
        errors.add("employer", "This field is required.")
    elif len(employer) > 200:
        errors.add("employer", "At most 200 characters.")
    remote_text = get("remote").lower()
    if remote_text not in TRUE | FALSE:
        errors.add("remote", f"'{get('remote')}' is not yes or no.")
    remote = remote_text in TRUE
    city, country = get("city"), get("country").upper()
    if not city and not remote:
        errors.add("city", "Give a city, or mark the posting remote.")
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        errors.add("country", f"'{get('country')}' is not a two-letter country code.")
    place = find_place(f"{city}, {country}" if country else city) if city else None
    tz = place.timezone if place else None
    starts_on, starts_at = _when(errors, "start", get("start"), tz)
    _, posted = _when(errors, "date_posted", get("date_posted"), tz or "UTC")
    until_day, until = _when(errors, "valid_through", get("valid_through"), tz or "UTC")
    if until is None and until_day is not None:
        # A closing day with no time closes at the end of that day.
        until = dt.datetime.combine(until_day, dt.time(23, 59, 59), tzinfo=dt.UTC)
    amount, unit, currency = None, "", get("currency").upper()
    if get("pay_amount"):
        amount = check_money(errors, "pay_amount", get("pay_amount").replace(",", ""))
        unit = UNITS.get(get("pay_unit").lower().removeprefix("per ").strip(), "")
        if not unit:
            errors.add(
                "pay_unit",
                f"'{get('pay_unit')}' is not hour, day, week, month, year or flat.",
            )
        check_currency(errors, "currency", currency)
    description = plain_text(get("description")) if get("description") else ""
    if len(description) > MAX_DESCRIPTION:
        errors.add("description", f"At most {MAX_DESCRIPTION:,} characters.")
    for name in ("url", "employer_url"):
        if get(name) and not re.match(r"https?://", get(name)):
            errors.add(name, f"'{get(name)}' is not an http(s) address.")
    if errors:
        return None, [(f, m) for f, msgs in errors.by_field.items() for m in msgs]
    return (
        CleanRow(
            external_id=get("id")[:200],
            title=title,
            employer=employer,
            employer_url=get("employer_url")[:500],
            description=description,
            street=get("street")[:250],
            city=city[:120],
            region=get("region")[:120],
            postal_code=get("postal_code")[:20],
            country=country,
            remote=remote,
            starts_on=starts_on,
            starts_at=starts_at,
            pay_amount=amount,
            pay_unit=unit,
            currency=currency if amount is not None else "",
            employment_type=get("employment_type").upper()[:20],
            date_posted=posted,
            valid_through=until,
            url=get("url")[:1000],
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
        ),
        [],
    )
