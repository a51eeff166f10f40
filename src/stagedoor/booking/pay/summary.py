"""Pricing bookings: the organisation's pay rules applied by `engine.pay.rules` to the calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q, QuerySet

from stagedoor.core.text import day, in_zone
from stagedoor.core.validation import Errors
from stagedoor.engine.pay.rules import Call, PayLine, compute_pay, validate_rules
from stagedoor.engine.pay.rules import PayRules as EngineRules
from stagedoor.gigs.models import Show
from stagedoor.industry.models import Organisation
from stagedoor.people.models import WorkerProfile

from ..models import Booking, PayRules, Timesheet

APPROVED = "approved"
ESTIMATE = "estimate"
PAYABLE = Q(status__in=[Booking.Status.CONFIRMED, Booking.Status.COMPLETED]) | Q(
    status=Booking.Status.CANCELLED, late_cancellation=True, cancelled_by_worker=False
)


# --- rules --------------------------------------------------------------------------------


def _overtime(errors: Errors, raw) -> tuple[tuple[Decimal, Decimal], ...] | None:
    if not isinstance(raw, list):
        errors.add("overtime", "Overtime must be a list of [after hours, multiplier] pairs.")
        return None
    tiers = []
    for number, tier in enumerate(raw, start=1):
        try:
            after, multiplier = tier
            tiers.append((Decimal(str(after)), Decimal(str(multiplier))))
        except (TypeError, ValueError, InvalidOperation):
            errors.add("overtime", f"Overtime tier {number} should read [after hours, multiplier].")
    return tuple(tiers)


def engine_rules(organisation: Organisation, stored: PayRules | None = None) -> EngineRules:
    """The organisation's pay rules as the engine takes them.

    Without stored rules the engine's defaults apply; an empty overtime list keeps the
    engine's default tiers. Rest between calls always comes from the organisation's
    `turnaround_hours`. Stored rules the engine cannot use are refused naming the field.
    """
    values: dict = {"turnaround_hours": Decimal(organisation.turnaround_hours)}
    errors = Errors()
    if stored is not None:
        for name in (
            "min_call_hours",
            "meal_after_hours",
            "meal_break_minutes",
            "meal_penalty",
            "meal_penalty_interval_minutes",
            "turnaround_multiplier",
            "late_cancel_hours",
            "day_rate_hours",
            "workday_starts",
        ):
            values[name] = getattr(stored, name)
        if stored.overtime:
            values["overtime"] = _overtime(errors, stored.overtime)
    errors.raise_if_any()
    rules = EngineRules(**values)
    for name, reason in validate_rules(rules):
        errors.add(name, f"Pay rules of {organisation.name}: {name.replace('_', ' ')} {reason}.")
    errors.raise_if_any()
    return rules


def _rules_by_org(organisations: dict[int, Organisation]) -> dict[int, EngineRules]:
    stored = {r.organisation_id: r for r in PayRules.objects.filter(organisation__in=organisations)}
    return {pk: engine_rules(org, stored.get(pk)) for pk, org in organisations.items()}


# --- summaries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingPay:
    """One booking's pay lines, with what a page or the CSV shows beside them."""

    booking: Booking
    status: str
    date: dt.date
    worked_hours: Decimal
    lines: tuple[PayLine, ...]

    @property
    def worker(self) -> WorkerProfile:
        return self.booking.worker

    @property
    def position(self):
        return self.booking.position

    @property
    def show(self) -> Show | None:
        return self.booking.position.show if self.booking.position.show_id else None

    @property
    def organisation(self) -> Organisation:
        return self.booking.position.organisation

    @property
    def currency(self) -> str:
        return self.booking.position.currency

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class PaySummary:
    """Pay for a set of bookings: per-booking lines, totals per currency and per worker."""

    bookings: tuple[BookingPay, ...]
    totals: dict[str, Decimal]
    worker_totals: tuple[tuple[WorkerProfile, str, Decimal], ...]
    problems: tuple[str, ...] = field(default=())

    def items(self):
        """(booking pay, line) for every line, in display order."""
        for paid in self.bookings:
            for line in paid.lines:
                yield paid, line


def _organisation_of(booking: Booking) -> Organisation:
    return booking.position.organisation


def local_date(booking: Booking) -> dt.date:
    position = booking.position
    return in_zone(position.call_start, position.timezone_name).date()


def payable() -> QuerySet[Booking]:
    return (
        Booking.objects.filter(PAYABLE)
        .select_related(
            "worker",
            "position__role",
            "position__show__venue",
            "position__show__organisation",
            "position__project__organisation",
            "position__project__venue",
            "timesheet",
        )
        .prefetch_related("timesheet__breaks")
    )


def _call(booking: Booking) -> tuple[Call, str]:
    position = booking.position
    common = {
        "key": str(booking.pk),
        "rate": position.pay_amount,
        "unit": position.pay_unit,
        "currency": position.currency,
        "timezone": position.timezone_name,
    }
    scheduled = {"start": position.call_start, "end": position.call_end}
    if booking.status == Booking.Status.CANCELLED:
        return Call(**common, **scheduled, cancelled_late=True), APPROVED
    sheet = booking.timesheet if hasattr(booking, "timesheet") else None
    if (
        booking.status == Booking.Status.COMPLETED
        and sheet is not None
        and sheet.status == Timesheet.Status.APPROVED
        and sheet.check_in is not None
        and sheet.check_out is not None
    ):
        breaks = tuple((b.starts_at, b.ends_at) for b in sheet.breaks.all())
        return Call(**common, start=sheet.check_in, end=sheet.check_out, breaks=breaks), APPROVED
    # Not worked yet (or its times not approved): the meals the rules require are assumed
    # given on time, so an estimate carries no meal penalties.
    return Call(**common, **scheduled, estimate=True), ESTIMATE


def _pay_group(calls: list[Call], rules: EngineRules, worker: WorkerProfile, problems: list):
    """Lines and worked hours per call key, for one worker and one employer."""
    try:
        result = compute_pay(calls, rules, day_name=day)
        return result.lines, result.worked_hours
    except ValueError as exc:
        # Only overlapping calls get here (keys are unique, calls are checked when saved):
        # a recorded shift running into an estimated one, say. Pay each call on its own
        # and say so, rather than showing nothing.
        problems.append(
            f"{worker.display_name}: {exc}. Those calls are paid one by one, "
            "without overtime or turnaround across them."
        )
    lines: list[PayLine] = []
    hours: dict[str, Decimal] = {}
    for call in calls:
        try:
            single = compute_pay([call], rules, day_name=day)
        except ValueError as exc:
            problems.append(f"{worker.display_name}: {exc}. That call is left out.")
            continue
        lines.extend(single.lines)
        hours.update(single.worked_hours)
    return tuple(lines), hours


def summarise(selected: list[Booking]) -> PaySummary:
    """Pay for `selected` bookings (already permission-checked and ordered for display)."""
    if not selected:
        return PaySummary(bookings=(), totals={}, worker_totals=())
    organisations = {b.position.organisation.pk: b.position.organisation for b in selected}
    rules = _rules_by_org(organisations)
    pairs = {(b.worker_id, _organisation_of(b).pk) for b in selected}
    chosen = {b.pk for b in selected}
    rest = max(org.turnaround_hours for org in organisations.values())
    # Calls in the days before matter: the same workday's overtime and the turnaround.
    earliest = min(b.position.call_start for b in selected) - dt.timedelta(hours=rest + 48)
    latest = max(b.position.call_start for b in selected)
    context = [
        b
        for b in payable().filter(
            worker_id__in={w for w, _ in pairs},
            position__call_start__gte=earliest,
            position__call_start__lte=latest,
        )
        if b.pk not in chosen and (b.worker_id, _organisation_of(b).pk) in pairs
    ]
    groups: dict[tuple[int, int], list[Booking]] = {}
    for booking in [*selected, *context]:
        groups.setdefault((booking.worker_id, _organisation_of(booking).pk), []).append(booking)
    status: dict[int, str] = {}
    lines_of: dict[str, list[PayLine]] = {}
    hours_of: dict[str, Decimal] = {}
    problems: list[str] = []
    for (_, org_pk), bookings in groups.items():
        calls = []
        for booking in bookings:
            call, status[booking.pk] = _call(booking)
            calls.append(call)
        lines, hours = _pay_group(calls, rules[org_pk], bookings[0].worker, problems)
        for line in lines:
            lines_of.setdefault(line.key, []).append(line)
        hours_of.update(hours)
    paid = tuple(
        BookingPay(
            booking=b,
            status=status[b.pk],
            date=local_date(b),
            worked_hours=hours_of.get(str(b.pk), Decimal(0)),
            lines=tuple(lines_of.get(str(b.pk), ())),
        )
        for b in selected
    )
    totals: dict[str, Decimal] = {}
    by_worker: dict[tuple[int, str], Decimal] = {}
    workers: dict[int, WorkerProfile] = {}
    for item in paid:
        workers[item.worker.pk] = item.worker
        for line in item.lines:
            totals[line.currency] = totals.get(line.currency, Decimal("0.00")) + line.amount
            key = (item.worker.pk, line.currency)
            by_worker[key] = by_worker.get(key, Decimal("0.00")) + line.amount
    worker_totals = tuple(
        (workers[pk], currency, amount)
        for (pk, currency), amount in sorted(
            by_worker.items(), key=lambda kv: (workers[kv[0][0]].display_name, kv[0])
        )
    )
    return PaySummary(
        bookings=paid,
        totals=dict(sorted(totals.items())),
        worker_totals=worker_totals,
        problems=tuple(problems),
    )
