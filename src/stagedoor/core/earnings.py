"""Pay that is not a booked call: a studio project's milestones, say. Apps that promise such
pay register a source from their `AppConfig.ready()`; the pay page and the income planner
read every source through `earnings_for`, so neither names the app (core names no app)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Earning:
    """One payment a person is owed or expects: `earned` once the work is signed off,
    else expected on `day`."""

    day: dt.date
    amount: Decimal
    currency: str
    label: str
    earned: bool


Source = Callable[[object, dt.date, dt.date], list[Earning]]
_SOURCES: dict[str, Source] = {}


def register_earnings(name: str, source: Source) -> None:
    """`source(worker, first_day, last_day)` lists the person's earnings in those days."""
    _SOURCES[name] = source


def earnings_for(worker, start: dt.date, end: dt.date) -> list[Earning]:
    found = [e for name in sorted(_SOURCES) for e in _SOURCES[name](worker, start, end)]
    return sorted(found, key=lambda e: (e.day, e.label))
