"""A pay line as a person checks it with a calculator: "8 h x 15.00 = 120.00",
"2 h x 22.50 = 45.00" (the rate already multiplied), "1 day x 280.00 = 280.00",
"2 meal penalties x 25.00 = 50.00". No Django."""

from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")


def _hours(value: Decimal) -> str:
    """8 -> '8 h', 2.50 -> '2.5 h'; hours a calculator would show with a long tail read as
    hours and minutes: 6.0833 -> '6 h 05 min'."""
    plain = value.normalize()
    if -plain.as_tuple().exponent <= 2:
        return f"{plain:f} h"
    hours, minutes = divmod(int((value * 60).quantize(Decimal(1))), 60)
    return f"{hours} h {minutes:02d} min"


def _money(value: Decimal) -> str:
    """A rate with cents ('22.50'), or with the few more decimals it needs to multiply out
    ('33.3333' for a 300.00 day over 9 hours)."""
    cents = value.quantize(CENT)
    if cents == value:
        return f"{cents:f}"
    return f"{value.quantize(Decimal('0.0001')).normalize():f}"


def reading(
    *,
    kind: str,
    unit: str,
    hours: Decimal,
    quantity: Decimal,
    multiplier: Decimal,
    rate: Decimal,
    amount: Decimal,
) -> str:
    """The line's sum in words and numbers; see the module docstring."""
    total = f"{amount:f}"
    if kind == "meal-penalty":
        count = int(quantity)
        return f"{count} meal penalt{'y' if count == 1 else 'ies'} x {_money(rate)} = {total}"
    if kind == "day-rate" or (kind == "late-cancellation" and unit == "day"):
        return f"1 day x {_money(rate)} = {total}"
    if kind == "flat" or (kind == "late-cancellation" and unit == "flat"):
        return f"1 flat fee x {_money(rate)} = {total}"
    return f"{_hours(hours)} x {_money(rate * multiplier)} = {total}"
