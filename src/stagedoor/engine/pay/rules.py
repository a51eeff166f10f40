"""Pay rules for live-event crew: one worker's calls in, itemised pay lines out. No Django.

Semantics (all calls of one worker for one employer, any number of days):

* Time is whole minutes of real time: each instant is floored to its minute, so a night
  across a daylight-saving change pays the hours actually worked. Worked time of a call
  is (end - start) minus its unpaid breaks.
* Workday: a call belongs to the workday of its start, read in the call's own time zone;
  workdays begin at ``workday_starts`` local hour and are keyed by that local date. A call
  from 22:00 to 03:00 stays whole in the workday it began; one starting at 02:00 belongs
  to the previous workday. Calls of a workday share its overtime thresholds in time order,
  and every worked call counts toward them whatever its unit (flat and day-rate included).
* Hourly: minute k of the workday (0-based, cumulative) takes the multiplier of the
  highest tier with ``k >= after hours``, else 1, raised to ``turnaround_multiplier``
  inside a turnaround window. Runs of a call's minutes with one multiplier and cause form
  a line: "straight", "overtime", or "turnaround" when the rest rule raised the rate. A
  call worked under ``min_call_hours`` adds a "minimum-call" line for the shortfall at
  straight rate; that padding never counts toward overtime.
* Turnaround: the window opens at the end of the latest earlier call of a *different*
  workday and lasts ``turnaround_hours``. A gap inside one workday (load-in, then show)
  is a split day, not a rest period, and owes no turnaround.
* Day rate: the first day-rate call of a workday carries one "day-rate" line; the rate
  covers workday minutes below ``day_rate_hours``, a later day-rate call's included.
  Later minutes pay the hourly equivalent (rate / day_rate_hours) times max(first tier
  multiplier, the minute's tier multiplier). In a turnaround window, covered minutes earn
  a "turnaround" premium of (multiplier - 1) x hourly equivalent and uncovered ones at
  least the turnaround multiplier. No minimum call.
* Flat: one "flat" line for the rate; no overtime, minimum or turnaround premium.
* Meals (every unit, per call, clock time): a meal is due ``meal_after_hours`` after the
  start, and that long after each break of at least ``meal_break_minutes`` ends; shorter
  breaks reset nothing. Work past the due time before such a break starts (or the call
  ends) costs one penalty per started ``meal_penalty_interval_minutes`` (0: one per
  missed meal), on one "meal-penalty" line per call.
* Estimates (``Call.estimate``: a call not yet worked) assume every meal the rules require
  is given on time, so they carry no meal penalty; worked calls are charged as recorded.
* Late cancellation: ``late_cancel_hours`` x rate (hourly), the day rate or the flat rate,
  as one line; no worked time, no meals, no part in overtime or turnaround.
* Money: exact Decimals; each line is rounded to cents ROUND_HALF_UP from exact minutes
  and totals add rounded lines. A line's ``hours`` shows at most 4 decimals.
* ``compute_pay`` also refuses repeated keys and overlapping worked calls, either of which
  would pay the same minute twice.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .reading import reading

UNITS = ("hour", "day", "flat")
CENT = Decimal("0.01")
ONE = Decimal(1)
_HOURS_SHOWN = Decimal("0.0001")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class PayRules:
    """The agreement a worker is paid under; the defaults are a typical stagehand deal."""

    min_call_hours: Decimal = Decimal("4")  # an hourly call pays at least this long
    overtime: tuple[tuple[Decimal, Decimal], ...] = (
        (Decimal("8"), Decimal("1.5")),
        (Decimal("12"), Decimal("2")),
    )  # (after this many worked hours of the workday, multiplier), ascending
    meal_after_hours: Decimal = Decimal("5")  # from the start or the end of the last meal
    meal_break_minutes: int = 30  # shortest break that counts as a meal
    meal_penalty: Decimal = Decimal("0")  # per penalty, in the call's currency
    meal_penalty_interval_minutes: int = 30  # 0: one penalty per missed meal
    turnaround_hours: Decimal = Decimal("10")  # rest owed before the next workday's work
    turnaround_multiplier: Decimal = Decimal("2")  # floor for minutes inside that rest
    late_cancel_hours: Decimal = Decimal("4")  # straight hours paid on a late cancellation
    day_rate_hours: Decimal = Decimal("10")  # hours a day rate covers; also its divisor
    workday_starts: int = 6  # local hour at which a new workday begins


@dataclass(frozen=True)
class Call:
    """One booked call as worked (or cancelled): aware times, rate per `unit`."""

    key: str  # the caller's id, e.g. the booking
    start: datetime  # aware: check-in, or the scheduled start
    end: datetime  # aware: check-out, after start
    rate: Decimal
    unit: str  # "hour", "day" or "flat"
    currency: str
    timezone: str  # IANA zone of the venue; decides the workday
    breaks: tuple[tuple[datetime, datetime], ...] = ()  # unpaid, inside [start, end]
    cancelled_late: bool = False  # employer cancelled inside the late window
    estimate: bool = False  # not yet worked: meals assumed on time, no meal penalties


@dataclass(frozen=True)
class PayLine:
    """One itemised line. Day-rate lines show `day_rate_hours`, flat lines the worked hours."""

    key: str  # the call's key
    kind: str  # straight, overtime, turnaround, minimum-call, meal-penalty, ...
    hours: Decimal  # hours paid (0 for meal penalties)
    quantity: Decimal  # hours, number of penalties, or 1 for a day rate or flat fee
    multiplier: Decimal
    rate: Decimal  # hourly (or per-penalty, per-day, flat) rate used
    amount: Decimal  # cents, ROUND_HALF_UP
    currency: str
    note: str  # plain-English explanation
    # How a person checks the line, "8 h x 15.00 = 120.00" (`reading`); derived from the
    # fields above, so it takes no part in comparing lines.
    reads: str = field(default="", compare=False)


@dataclass(frozen=True)
class PayResult:
    """All lines of a pay run, with per-currency totals and worked hours per call."""

    lines: tuple[PayLine, ...]
    totals: dict[str, Decimal]
    worked_hours: dict[str, Decimal]

    def total_for(self, key: str) -> Decimal:
        """Sum of the rounded amounts of the call `key`'s lines (0.00 if it has none)."""
        return sum((line.amount for line in self.lines if line.key == key), Decimal("0.00"))


@dataclass
class _Work:
    call: Call
    start: int  # epoch minutes
    end: int
    segments: list[tuple[int, int]]  # worked spans, breaks cut out
    meals: list[tuple[int, int]]  # breaks long enough to count as a meal
    workday: date
    worked: int


def _minute(moment: datetime) -> int:
    return (moment - _EPOCH) // _MINUTE


def _hours(minutes: int | Decimal) -> Decimal:
    exact = Decimal(minutes) / 60
    shown = exact.quantize(_HOURS_SHOWN, ROUND_HALF_UP)
    return exact if exact == shown else shown


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _span(minutes: int) -> str:
    return _num(_hours(minutes).quantize(CENT))


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.utcoffset() is not None


def validate_call(call: Call) -> list[tuple[str, str]]:
    """Every problem with `call`, as (field, reason) pairs; an empty list means it is usable."""
    problems: list[tuple[str, str]] = []
    if not call.key:
        problems.append(("key", "must not be empty"))
    for name in ("start", "end"):
        if not _aware(getattr(call, name)):
            problems.append((name, "must be a timezone-aware datetime"))
    # Compared in UTC: datetimes sharing a zone compare by wall clock, which misorders the
    # repeated hour when clocks fall back.
    times_ok = _aware(call.start) and _aware(call.end)
    start, end = call.start, call.end
    if times_ok:
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        if end <= start:
            problems.append(("end", "must be after start"))
    if not isinstance(call.rate, Decimal) or not call.rate.is_finite():
        problems.append(("rate", "must be a finite Decimal"))
    elif call.rate < 0:
        problems.append(("rate", "must not be negative"))
    if call.unit not in UNITS:
        problems.append(("unit", f"must be one of {', '.join(UNITS)}, not {call.unit!r}"))
    if not call.currency:
        problems.append(("currency", "must not be empty"))
    try:
        ZoneInfo(call.timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        problems.append(("timezone", f"unknown IANA time zone {call.timezone!r}"))
    spans = []
    for number, pair in enumerate(call.breaks, start=1):
        if len(pair) != 2 or not (_aware(pair[0]) and _aware(pair[1])):
            problems.append(("breaks", f"break {number} needs two timezone-aware datetimes"))
            continue
        begin, finish = pair[0].astimezone(UTC), pair[1].astimezone(UTC)
        spans.append((begin, finish, number))
        if finish <= begin:
            problems.append(("breaks", f"break {number} must end after it starts"))
        elif times_ok and (begin < start or finish > end):
            problems.append(("breaks", f"break {number} lies outside the call"))
    # Breaks may come in any order, so overlaps are looked for in start order.
    for (_, first_end, a), (second_start, _, b) in itertools.pairwise(sorted(spans)):
        if second_start < first_end:
            problems.append(("breaks", f"breaks {min(a, b)} and {max(a, b)} overlap"))
    return problems


def validate_rules(rules: PayRules) -> list[tuple[str, str]]:
    """Every problem with `rules`, as (field, reason) pairs; an empty list means usable."""
    problems: list[tuple[str, str]] = []
    last: tuple[Decimal, Decimal] | None = None
    for number, tier in enumerate(rules.overtime, start=1):
        after, mult = tier if len(tier) == 2 else (None, None)
        if not (isinstance(after, Decimal) and after.is_finite() and after >= 0):
            problems.append(("overtime", f"tier {number}: hours must be a Decimal >= 0"))
        elif not (isinstance(mult, Decimal) and mult.is_finite() and mult >= 1):
            problems.append(("overtime", f"tier {number}: multiplier must be a Decimal >= 1"))
        elif last is not None and after <= last[0]:
            problems.append(("overtime", f"tier {number}: thresholds must be ascending"))
        elif last is not None and mult < last[1]:
            problems.append(("overtime", f"tier {number}: multipliers must not decrease"))
        else:
            last = (after, mult)
    # field -> (lowest allowed, whether that lowest value itself is refused)
    decimals = {"min_call_hours": (0, False), "meal_after_hours": (0, True),
                "meal_penalty": (0, False), "turnaround_hours": (0, False),
                "turnaround_multiplier": (1, False), "late_cancel_hours": (0, False),
                "day_rate_hours": (0, True)}  # fmt: skip
    for name, (low, strict) in decimals.items():
        value = getattr(rules, name)
        if not isinstance(value, Decimal) or not value.is_finite():
            problems.append((name, "must be a finite Decimal"))
        elif value < low or (strict and value == low):
            problems.append((name, f"must be {'greater than' if strict else 'at least'} {low}"))
    wholes = {"meal_break_minutes": (1, 10**6), "meal_penalty_interval_minutes": (0, 10**6),
              "workday_starts": (0, 23)}  # fmt: skip
    for name, (low, high) in wholes.items():
        value = getattr(rules, name)
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append((name, "must be a whole number"))
        elif not low <= value <= high:
            problems.append((name, f"must be between {low} and {high}"))
    return problems


def _prepare(call: Call, rules: PayRules) -> _Work:
    start, end = _minute(call.start), _minute(call.end)
    breaks = sorted((_minute(a), _minute(b)) for a, b in call.breaks)
    segments, cursor = [], start
    for begin, finish in breaks:
        if begin > cursor:
            segments.append((cursor, begin))
        cursor = max(cursor, finish)
    if end > cursor:
        segments.append((cursor, end))
    local = call.start.astimezone(ZoneInfo(call.timezone))
    workday = local.date() - timedelta(days=1 if local.hour < rules.workday_starts else 0)
    meals = [(a, b) for a, b in breaks if b - a >= rules.meal_break_minutes]
    worked = 0 if call.cancelled_late else sum(b - a for a, b in segments)
    return _Work(call, start, end, segments, meals, workday, worked)


def _line(call: Call, kind: str, note: str, amount: Decimal, hours=Decimal(0), quantity=ONE,
          multiplier=ONE, rate: Decimal | None = None) -> PayLine:  # fmt: skip
    rate, money = call.rate if rate is None else rate, _money(amount)
    reads = reading(kind=kind, unit=call.unit, hours=hours, quantity=quantity,
                    multiplier=multiplier, rate=rate, amount=money)  # fmt: skip
    return PayLine(call.key, kind, hours, quantity, multiplier, rate, money, call.currency, note,
                   reads)  # fmt: skip


def _turnaround_ends(active: list[_Work], rules: PayRules) -> dict[str, int]:
    """For each call, the minute its turnaround window closes (absent: no window)."""
    if rules.turnaround_hours <= 0:
        return {}
    rest = math.ceil(rules.turnaround_hours * 60)
    ends: dict[str, int] = {}
    # The latest end in any workday but the current one is always among the two workdays
    # that ended last, so only those two are kept.
    top: list[tuple[int, date]] = []
    for w in active:
        prev = next((end for end, day in top if day != w.workday), None)
        if prev is not None:
            ends[w.call.key] = prev + rest
        latest = {day: end for end, day in top}
        latest[w.workday] = max(latest.get(w.workday, w.end), w.end)
        top = sorted(((end, day) for day, end in latest.items()), reverse=True)[:2]
    return ends


def _pay_workday(day: date, work: list[_Work], ends: dict[str, int], rules: PayRules, out,
                 day_name: Callable[[date], str] = date.isoformat):  # fmt: skip
    tiers = [(math.ceil(after * 60), mult) for after, mult in rules.overtime]
    first_ot = rules.overtime[0][1] if rules.overtime else ONE
    cap = math.ceil(rules.day_rate_hours * 60)
    tm = rules.turnaround_multiplier
    rest = f"inside the {_num(rules.turnaround_hours)}h rest after the previous workday"
    day_rate_paid = False
    day = day_name(day)  # as the caller's pages write a day; the engine knows no locale
    cum = 0  # worked minutes of the workday so far
    for w in work:
        call, lines = w.call, out[w.call.key]
        if call.unit == "flat":
            note = f"flat fee, workday {day}"
            lines.append(_line(call, "flat", note, call.rate, hours=_hours(w.worked)))
            cum += w.worked
            continue
        hourly = call.rate
        if call.unit == "day":
            hourly = call.rate / rules.day_rate_hours
            if not day_rate_paid:
                day_rate_paid = True
                note = f"day rate for workday {day}, covers {_num(rules.day_rate_hours)}h"
                lines.append(_line(call, "day-rate", note, call.rate, rules.day_rate_hours))
        window = ends.get(call.key)
        runs: list[list] = []  # [kind, multiplier, premium, minutes, from]
        for a, b in w.segments:
            pos = a
            while pos < b:
                cuts = [b] + [pos + t - cum for t, _ in tiers if t > cum]
                if call.unit == "day" and cum < cap:
                    cuts.append(pos + cap - cum)
                inside = window is not None and pos < window
                if inside:
                    cuts.append(window)
                stop = min(cuts)
                mult = max((m for t, m in tiers if cum >= t), default=ONE)
                if call.unit == "day":
                    mult = max(mult, first_ot)
                run: tuple | None = ("overtime" if mult > 1 else "straight", mult, False)
                if call.unit == "day" and cum < cap:  # already paid by the day rate
                    run = ("turnaround", tm - 1, True) if inside and tm > 1 else None
                elif inside and tm > mult:
                    run = ("turnaround", tm, False)
                if run and runs and tuple(runs[-1][:3]) == run:
                    runs[-1][3] += stop - pos
                elif run:
                    runs.append([*run, stop - pos, cum])
                cum += stop - pos
                pos = stop
        for kind, mult, premium, minutes, begin in runs:
            where = f"hours {_span(begin)}-{_span(begin + minutes)} of workday {day}"
            if premium:
                note = f"{where}: extra {_num(mult)}x turnaround premium on the day rate, {rest}"
            elif kind == "turnaround":
                note = f"{where} at {_num(mult)}x, {rest}"
            elif call.unit == "day":
                note = f"{where} at {_num(mult)}x the hourly equivalent, past the day rate"
            else:
                note = f"{where} at {'straight rate' if mult == 1 else _num(mult) + 'x'}"
            hours = _hours(minutes)
            amount = hourly * mult * minutes / 60
            lines.append(_line(call, kind, note, amount, hours, hours, mult, hourly))


def _meal_penalties(w: _Work, rules: PayRules) -> int:
    due_after = rules.meal_after_hours * 60
    interval = rules.meal_penalty_interval_minutes
    count, due = 0, w.start + due_after
    # The call's end acts as a last "meal" so work after the final due time is counted.
    for begin, finish in [*w.meals, (w.end, w.end)]:
        late = begin - due
        if late > 0:
            count += 1 if interval == 0 else math.ceil(late / interval)
        due = finish + due_after
    return count


def _late_cancellation(call: Call, rules: PayRules) -> PayLine:
    if call.unit == "hour":
        hours = rules.late_cancel_hours
        note = f"cancelled late: {_num(hours)}h at straight rate"
        return _line(call, "late-cancellation", note, hours * call.rate, hours, hours)
    hours = rules.day_rate_hours if call.unit == "day" else Decimal(0)
    note = f"cancelled late: the full {'day' if call.unit == 'day' else 'flat'} rate"
    return _line(call, "late-cancellation", note, call.rate, hours)


def compute_pay(
    calls: Sequence[Call], rules: PayRules, *, day_name: Callable[[date], str] = date.isoformat
) -> PayResult:
    """Pay one worker's `calls` for one employer under `rules`; see the module docstring.
    Notes name a workday by `day_name(date)` (ISO by default, "2026-12-08").

    Raises ValueError naming the first problem when the rules or any call are invalid,
    when two calls share a key, or when two calls that were worked overlap in time.
    """
    for field_name, reason in validate_rules(rules):
        raise ValueError(f"rules: {field_name}: {reason}")
    for call in calls:
        for field_name, reason in validate_call(call):
            raise ValueError(f"call {call.key!r}: {field_name}: {reason}")
    repeated = [key for key, n in Counter(c.key for c in calls).items() if n > 1]
    if repeated:
        raise ValueError(f"call {repeated[0]!r}: key: used by more than one call")
    with localcontext() as ctx:
        ctx.prec = 34  # deterministic precision whatever the caller's context says
        return _compute(calls, rules, day_name)


def _compute(calls: Sequence[Call], rules: PayRules, day_name) -> PayResult:
    work = sorted((_prepare(c, rules) for c in calls), key=lambda w: (w.start, w.end, w.call.key))
    active = [w for w in work if not w.call.cancelled_late]
    for before, after in itertools.pairwise(active):
        if after.start < before.end:
            raise ValueError(f"call {after.call.key!r}: start: overlaps call {before.call.key!r}")

    out: dict[str, list[PayLine]] = {w.call.key: [] for w in work}
    ends = _turnaround_ends(active, rules)
    workdays: dict[date, list[_Work]] = {}
    for w in active:
        workdays.setdefault(w.workday, []).append(w)
    for day in sorted(workdays):
        _pay_workday(day, workdays[day], ends, rules, out, day_name)

    for w in work:
        call, lines = w.call, out[w.call.key]
        if call.cancelled_late:
            lines.append(_late_cancellation(call, rules))
            continue
        short = rules.min_call_hours * 60 - w.worked
        if call.unit == "hour" and short > 0:
            hours = _hours(short)
            note = f"minimum call of {_num(rules.min_call_hours)}h, {_span(w.worked)}h worked"
            lines.append(_line(call, "minimum-call", note, call.rate * short / 60, hours, hours))
        count = 0 if call.estimate else _meal_penalties(w, rules)
        if count and rules.meal_penalty:
            gap, plural = rules.meal_break_minutes, "y" if count == 1 else "ies"
            within = _num(rules.meal_after_hours)
            note = f"{count} meal penalt{plural}: no {gap}-min meal within {within}h"
            amount, rate = count * rules.meal_penalty, rules.meal_penalty
            lines.append(
                _line(call, "meal-penalty", note, amount, quantity=Decimal(count), rate=rate)
            )

    all_lines = tuple(line for w in work for line in out[w.call.key])
    totals = dict.fromkeys((w.call.currency for w in work), Decimal("0.00"))
    for line in all_lines:
        totals[line.currency] += line.amount
    worked = {w.call.key: _hours(w.worked) for w in work}
    return PayResult(lines=all_lines, totals=totals, worked_hours=worked)
