"""Pay summaries built from bookings and timesheets, and the payroll CSV.

Which bookings are paid, and from which times:

- worked (COMPLETED) with an approved timesheet: the recorded check-in, check-out and
  breaks; status "approved";
- confirmed, or worked without an approved timesheet: the scheduled call; "estimate";
- cancelled late by the employer (not by the worker): a late-cancellation call; "approved";
- anything else (no-shows, other cancellations): nothing.

`engine.pay` applies the organisation's `PayRules` (or the engine's defaults) to all calls
of one worker for one employer at a time, because overtime and turnaround run across
calls. A summary also feeds the engine the worker's earlier calls for that employer from
the days before the period, so the first day's turnaround is right, and shows only the
lines of the bookings asked for.

CSV columns, one row per pay line:

    worker,worker_slug,organisation,show,position,date,kind,hours,multiplier,rate,amount,
    currency,status,booking_id

`worker` is the display name, `organisation` and `show` are slugs (`show` is the studio
project's slug for studio work), `position` the crew call's title, `date` the call's day in
the venue's time zone (YYYY-MM-DD), `kind` the engine's line kind (straight, overtime,
turnaround, minimum-call, meal-penalty, late-cancellation, day-rate, flat), numbers are
plain decimals with a dot, and `status` is "approved" (final) or "estimate" (from the
schedule). After the lines comes one row per worker and currency with kind "total", the
worker's columns and `amount` and `currency` filled, and every other column empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TextIO

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from stagedoor.core.validation import Errors
from stagedoor.engine.pay import Call, PayLine, compute_pay, validate_rules
from stagedoor.engine.pay import PayRules as EngineRules
from stagedoor.gigs.models import Show
from stagedoor.industry.enums import MANAGING_ROLES
from stagedoor.industry.models import Membership, Organisation
from stagedoor.industry.rules import can_manage, require_manager
from stagedoor.people.models import WorkerProfile

from .models import Booking, PayRules, Timesheet

APPROVED = "approved"
ESTIMATE = "estimate"
MAX_PERIOD_DAYS = 366
CSV_HEADER = (
    "worker",
    "worker_slug",
    "organisation",
    "show",
    "position",
    "date",
    "kind",
    "hours",
    "multiplier",
    "rate",
    "amount",
    "currency",
    "status",
    "booking_id",
)
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


def _local_date(booking: Booking) -> dt.date:
    position = booking.position
    return position.call_start.astimezone(zoneinfo.ZoneInfo(position.timezone_name)).date()


def _payable() -> QuerySet[Booking]:
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
    return Call(**common, **scheduled), ESTIMATE


def _pay_group(calls: list[Call], rules: EngineRules, worker: WorkerProfile, problems: list):
    """Lines and worked hours per call key, for one worker and one employer."""
    try:
        result = compute_pay(calls, rules)
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
            single = compute_pay([call], rules)
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
        for b in _payable().filter(
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
            date=_local_date(b),
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


def _check_period(start_date, end_date) -> None:
    errors = Errors()
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.add(name, "Give a date (YYYY-MM-DD).")
    if not errors and end_date < start_date:
        errors.add("end_date", "The end date must not be before the start date.")
    elif not errors and (end_date - start_date).days >= MAX_PERIOD_DAYS:
        errors.add("end_date", f"At most {MAX_PERIOD_DAYS} days at a time.")
    errors.raise_if_any()


def _in_period(bookings: QuerySet[Booking], start_date: dt.date, end_date: dt.date):
    """Bookings whose call starts on a day of the period, read in the venue's time zone."""
    # A day's bounds differ by venue, so take a day more on each side and trim in Python.
    lower = dt.datetime.combine(start_date, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=1)
    upper = dt.datetime.combine(end_date, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=2)
    found = bookings.filter(position__call_start__gte=lower, position__call_start__lt=upper)
    return [b for b in found if start_date <= _local_date(b) <= end_date]


def _managed_org_ids(user) -> set[int] | None:
    """Organisations `user` manages; None means every one (superusers, the operator)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    if not user.is_active:
        return set()
    return set(
        Membership.objects.filter(user=user, role__in=MANAGING_ROLES).values_list(
            "organisation_id", flat=True
        )
    )


def _of_orgs(org_ids: set[int]) -> Q:
    return Q(position__show__organisation_id__in=org_ids) | Q(
        position__project__organisation_id__in=org_ids
    )


def pay_for_worker(
    *, actor, worker: WorkerProfile, start_date: dt.date, end_date: dt.date
) -> PaySummary:
    """A worker's pay for calls on the days from `start_date` to `end_date` (venue time).

    The worker sees all of it; a manager sees only what their organisations owe them.
    """
    own = getattr(actor, "pk", None) is not None and actor.pk == worker.user_id
    org_ids = None if own else _managed_org_ids(actor)
    if org_ids is not None and not org_ids:
        raise PermissionDenied(
            f"Only {worker.display_name} and managers of organisations that booked them "
            "can see their pay."
        )
    _check_period(start_date, end_date)
    bookings = _payable().filter(worker=worker)
    if org_ids is not None:
        bookings = bookings.filter(_of_orgs(org_ids))
    bookings = bookings.order_by("position__call_start", "pk")
    return summarise(_in_period(bookings, start_date, end_date))


def pay_for_show(*, actor, show: Show) -> PaySummary:
    """Pay for a show's crew: all of it for its organisation's managers, and only their
    own for the crew booked on it."""
    bookings = _payable().filter(position__show=show)
    if not can_manage(actor, show.organisation):
        user_id = getattr(actor, "pk", None)
        booked = Booking.objects.filter(position__show=show, worker__user_id=user_id)
        if user_id is None or not booked.exists():
            raise PermissionDenied(
                f"Only managers of {show.organisation.name} and the crew booked on this show "
                "can see its pay."
            )
        bookings = bookings.filter(worker__user_id=user_id)
    bookings = bookings.order_by("position__call_start", "position_id", "worker__display_name")
    return summarise(list(bookings))


def pay_for_organisation(
    *, actor, organisation: Organisation, start_date: dt.date, end_date: dt.date
) -> PaySummary:
    """Everything an organisation owes for calls in the period, worker by worker."""
    require_manager(actor, organisation, "see its payroll")
    _check_period(start_date, end_date)
    bookings = (
        _payable()
        .filter(_of_orgs({organisation.pk}))
        .order_by("worker__display_name", "worker_id", "position__call_start", "pk")
    )
    return summarise(_in_period(bookings, start_date, end_date))


# --- CSV ----------------------------------------------------------------------------------


def _parent_slug(paid: BookingPay) -> str:
    position = paid.position
    return position.show.slug if position.show_id else position.project.slug


def csv_rows(summary: PaySummary):
    """The CSV's rows after the header; see the module docstring for the columns."""
    for paid, line in summary.items():
        yield [
            paid.worker.display_name,
            paid.worker.slug,
            paid.organisation.slug,
            _parent_slug(paid),
            paid.position.display_title,
            paid.date.isoformat(),
            line.kind,
            str(line.hours),
            str(line.multiplier),
            str(line.rate),
            str(line.amount),
            line.currency,
            paid.status,
            str(paid.booking.pk),
        ]
    for worker, currency, amount in summary.worker_totals:
        row = dict.fromkeys(CSV_HEADER, "")
        row |= {"worker": worker.display_name, "worker_slug": worker.slug, "kind": "total"}
        row |= {"amount": str(amount), "currency": currency}
        yield list(row.values())


def write_payroll_csv(summary: PaySummary, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(summary))


def payroll_csv(summary: PaySummary) -> str:
    out = io.StringIO()
    write_payroll_csv(summary, out)
    return out.getvalue()
