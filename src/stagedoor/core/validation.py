"""Field checks shared by every service, so web, API and CLI refuse bad input alike."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NoReturn

from babel.numbers import list_currencies
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


class Errors:
    """Collects messages per field and raises them together, naming every field."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def refuse(field: str, message: str) -> NoReturn:
    """Refuse with one field error, as Errors would with that one message."""
    raise ValidationError({field: [message]})


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_currency(errors: Errors, field: str, code: str | None) -> None:
    if not code or code.upper() != code or code not in known_currencies():
        errors.add(field, f"'{code}' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP).")


def check_timezone(errors: Errors, field: str, name: str | None) -> None:
    if not name or name not in known_timezones():
        errors.add(field, f"'{name}' is not an IANA time zone (e.g. Europe/Berlin).")


def check_choice(errors: Errors, field: str, value, choices) -> None:
    """`value` must be one of `choices` (an enum's values); the message lists them."""
    if value not in choices:
        errors.add(field, f"'{value}' is not one of {', '.join(choices)}.")


def check_aware(errors: Errors, field: str, value: dt.datetime | None) -> None:
    if value is None:
        errors.add(field, "This field is required.")
    elif value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        errors.add(field, "Give a time zone or UTC offset; a naive date and time is ambiguous.")
    elif abs(value.utcoffset()) > MAX_OFFSET:
        # PostgreSQL keeps offsets up to +/-15:59; Python takes up to 23:59 and then the
        # row cannot be read back, so refuse it here, on every face.
        errors.add(field, "A UTC offset must be between -15:59 and +15:59.")


# Calls, shows and projects are kept from a year back to five years ahead: the bounds say
# "a typo", not "a plan" (year 9999 at -12:00 is past what the database reads back).
YEARS_BACK = 1
YEARS_AHEAD = 5
MAX_OFFSET = dt.timedelta(hours=15, minutes=59)


def date_window(now: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day a schedule date may fall on, in UTC."""
    today = (now or timezone.now()).astimezone(dt.UTC).date()
    back = getattr(settings, "STAGEDOOR_DATES_YEARS_BACK", YEARS_BACK)
    ahead = getattr(settings, "STAGEDOOR_DATES_YEARS_AHEAD", YEARS_AHEAD)
    return _years_from(today, -back), _years_from(today, ahead)


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _window_words() -> str:
    back = getattr(settings, "STAGEDOOR_DATES_YEARS_BACK", YEARS_BACK)
    ahead = getattr(settings, "STAGEDOOR_DATES_YEARS_AHEAD", YEARS_AHEAD)
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    years = lambda n: f"{words[n] if n <= 10 else n} year{'' if n == 1 else 's'}"  # noqa: E731
    return f"from {years(back)} back to {years(ahead)} ahead"


def check_in_window(errors: Errors, field: str, value, now: dt.datetime | None = None) -> None:
    """A date or an aware date and time must fall in `date_window`; the message says the
    window and why, so a typo in the year is caught before it is saved."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None or abs(value.utcoffset()) > MAX_OFFSET:
            return  # check_aware words these
        try:
            day = value.astimezone(dt.UTC).date()
        except OverflowError:
            day = dt.date.max if value.year > 1 else dt.date.min
    elif isinstance(value, dt.date):
        day = value
    else:
        return
    first, last = date_window(now)
    if not first <= day <= last:
        errors.add(
            field,
            f"Give a date between {first:%Y-%m-%d} and {last:%Y-%m-%d}: schedules are kept "
            f"{_window_words()} of today.",
        )


def check_money(errors: Errors, field: str, value: Decimal | int | str | None) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.add(field, f"'{value}' is not an amount of money.")
        return None
    if not amount.is_finite():
        errors.add(field, "Must be a finite amount.")
        return None
    if amount < 0:
        errors.add(field, "Must not be negative.")
        return None
    if amount.as_tuple().exponent < -2:
        errors.add(field, "At most two decimal places.")
        return None
    if amount >= Decimal("1e11"):
        errors.add(field, "Too large.")
        return None
    return amount


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    """Field -> messages, for the API and the CLI (non-field errors under '__all__')."""
    if hasattr(error, "error_dict"):
        return {
            field: [m for e in errs for m in e.messages] for field, errs in error.error_dict.items()
        }
    return {"__all__": list(error.messages)}


def hours_from_now(text: str | None, field: str, now: dt.datetime | None = None):
    """The moment `text` hours from now (a form's "expires in ... hours"), None when blank.

    Anything but a finite number of hours up to a year (inf, nan, 1e10, words) is refused
    naming the field: timedelta overflows on it, and a 500 is no answer to a typo."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        hours = float(text)
    except ValueError:
        refuse(field, f"'{text}' is not a number of hours.")
    if not math.isfinite(hours) or not 0 < hours <= MAX_HOURS_AHEAD:
        refuse(field, f"Give a number of hours from 0 to {MAX_HOURS_AHEAD:,}.")
    return (now or timezone.now()) + dt.timedelta(hours=hours)


MAX_HOURS_AHEAD = 24 * 366
