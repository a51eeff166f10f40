"""Reads for auto-staffing runs: one run with its proposal, and an organisation's runs;
a run in a coordinator's words (`run_summary`): seats filled, open seats by cause, the
labour cost, how close to the best plan, and the proposal grouped by show and day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from stagedoor.booking.models import PayRules
from stagedoor.booking.pay.summary import engine_rules
from stagedoor.core.models import TaskRecord
from stagedoor.core.text import in_zone
from stagedoor.engine.pay.rules import Call, compute_pay
from stagedoor.engine.staffing.words import (
    CAUSE_SHORT,
    CAUSES,
    gap_words,
    headline,
    open_by_cause,
    seat_cause,
)
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage
from stagedoor.matching.selectors import commitments

from .models import ProposedAssignment, StaffingRun, UnfilledSeat

_POSITION = (
    "position__role",
    "position__show__venue",
    "position__show__organisation",
    "position__project__venue",
    "position__project__organisation",
)


def staffing_run_get(*, actor, run_id: int) -> StaffingRun:
    """A run with its proposal and unfilled seats, for its organisation's managers.
    Raises StaffingRun.DoesNotExist or PermissionDenied."""
    run = (
        StaffingRun.objects.select_related("organisation", "task", "show", "tour", "project")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ProposedAssignment.objects.select_related("worker", *_POSITION),
            ),
            Prefetch("unfilled", queryset=UnfilledSeat.objects.select_related(*_POSITION)),
        )
        .get(pk=run_id)
    )
    if not can_manage(actor, run.organisation):
        raise PermissionDenied("Only the organisation's managers can see its runs.")
    return run


def mark_proposal(run: StaffingRun) -> None:
    """Set `marks` on each row still proposed: the worker's pending offers and holds on
    this call or on one that clashes with it (sent since the run, or by hand), so the
    coordinator sees them before sending. Works on the prefetched rows the page shows."""
    rows = [a for a in run.assignments.all() if a.outcome == ProposedAssignment.Outcome.PROPOSED]
    seen = commitments([(a.position, a.worker_id) for a in rows])
    for a in run.assignments.all():
        a.marks = seen[(a.position_id, a.worker_id)].marks if a in rows else []


def staffing_runs_of(*, actor, organisation: Organisation, limit: int = 10) -> list[StaffingRun]:
    if not can_manage(actor, organisation):
        raise PermissionDenied("Only the organisation's managers can see its runs.")
    return list(
        organisation.staffing_runs.select_related("show", "tour", "project", "created_by")[:limit]
    )


def progress_of(run: StaffingRun) -> dict:
    """Done/total/percent/message of the run's task (a finished run is 100%)."""
    task = run.task
    if run.status == StaffingRun.Status.DONE:
        return {"done": 100, "total": 100, "percent": 100, "message": "Proposal ready"}
    if task is None:
        return {"done": 0, "total": 0, "percent": 0, "message": run.error}
    return {"done": task.done, "total": task.total, "percent": task.percent,
            "message": run.error or task.message}  # fmt: skip


# --- the run in words ---------------------------------------------------------------------


def money(amounts: dict[str, Decimal]) -> str:
    """'5400.00 EUR', several currencies joined with ' + ', as the pay pages write money."""
    if not amounts:
        return "0.00"
    return " + ".join(f"{Decimal(v):.2f} {c}" for c, v in sorted(amounts.items()))


def plan_cost(assignments) -> dict[str, Decimal]:
    """Estimated pay of the proposal's rows (`ProposedAssignment`s with their positions),
    by currency: each person's calls priced by the employer's pay rules as the pay pages
    estimate a call not yet worked (scheduled times, meals on time), so overtime and the
    turnaround between one person's calls count."""
    rows = [a for a in assignments if a.outcome != ProposedAssignment.Outcome.REFUSED]
    orgs = {a.position.organisation.pk: a.position.organisation for a in rows}
    stored = {r.organisation_id: r for r in PayRules.objects.filter(organisation__in=orgs)}
    rules = {pk: engine_rules(org, stored.get(pk)) for pk, org in orgs.items()}
    groups: dict[tuple[int, int], list[Call]] = {}
    for i, a in enumerate(rows):
        p = a.position
        groups.setdefault((a.worker_id, p.organisation.pk), []).append(
            Call(key=str(i), start=p.call_start, end=p.call_end, rate=p.pay_amount,
                 unit=p.pay_unit, currency=p.currency, timezone=p.timezone_name, estimate=True)
        )  # fmt: skip
    totals: dict[str, Decimal] = {}
    for (_, org_id), calls in groups.items():
        for currency, amount in compute_pay(calls, rules[org_id]).totals.items():
            totals[currency] = totals.get(currency, Decimal("0.00")) + amount
    return totals


def cause_of(seat: UnfilledSeat) -> str:
    """The seat's cause (runs saved before causes were worded carry the solver's reason)."""
    return seat.reason if seat.reason in CAUSES else seat_cause(seat.reason, ())


UNFOLD_ROWS = 20


@dataclass
class Group:
    """The proposal's rows and open seats of one show (or studio project) on one day."""

    key: str
    title: str
    day: dt.date
    rows: list = field(default_factory=list)
    unfilled: list = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(u.missing for u in self.unfilled)


@dataclass
class RunSummary:
    filled: int
    seats: int
    by_cause: list[tuple[str, str, int]]  # (cause, its words, open seats)
    headline: str
    cost: dict[str, Decimal]
    cost_text: str
    gap_text: str
    groups: list[Group]

    @property
    def open(self) -> int:
        return sum(n for _, _, n in self.by_cause)

    @property
    def unfold_all(self) -> bool:
        """A short proposal shows every group; a long one only the first, the rest folded."""
        return sum(len(g.rows) + len(g.unfilled) for g in self.groups) <= UNFOLD_ROWS


def _group_of(groups: dict, position) -> Group:
    day = in_zone(position.call_start, position.timezone_name).date()
    parent = ("show", position.show) if position.show_id else ("project", position.project)
    key = f"{parent[0]}-{parent[1].pk}-{day:%Y-%m-%d}"
    if key not in groups:
        # A tour plays one artist in many cities: the city tells its stops apart.
        title = (
            f"{parent[1].artist}, {parent[1].venue.city}" if position.show_id else parent[1].title
        )
        groups[key] = Group(key=key, title=title, day=day)
    return groups[key]


def run_summary(run: StaffingRun) -> RunSummary:
    """A finished run as a coordinator says it (the page, the API and the CLI share it)."""
    unfilled = list(run.unfilled.all())
    assignments = list(run.assignments.all())
    counts = open_by_cause((cause_of(u), u.missing) for u in unfilled)
    groups: dict[str, Group] = {}
    for a in assignments:
        _group_of(groups, a.position).rows.append(a)
    for u in unfilled:
        u.cause = cause_of(u)
        _group_of(groups, u.position).unfilled.append(u)
    if "cost" in run.stats:
        cost = {c: Decimal(v) for c, v in run.stats["cost"].items()}
    else:
        cost = plan_cost(assignments)
    return RunSummary(
        filled=run.filled,
        seats=run.seats,
        by_cause=[(c, CAUSE_SHORT[c], n) for c, n in counts],
        headline=headline(run.filled, run.seats, counts),
        cost=cost,
        cost_text=money(cost),
        gap_text=gap_words(run.gap, proven=run.solver_status == "optimal"),
        groups=sorted(groups.values(), key=lambda g: (g.day, g.title, g.key)),
    )


# --- sending offers -----------------------------------------------------------------------


def sending_of(run: StaffingRun) -> TaskRecord | None:
    """The task record of the run's latest "Send offers", if any."""
    task_id = run.stats.get("sending") if isinstance(run.stats, dict) else None
    return TaskRecord.objects.filter(pk=task_id).first() if task_id else None


def sending_words(task: TaskRecord) -> str:
    """Where a "Send offers" stands, in words: '112 of 220 offers sent', and at the end
    what went out, what the booking rules refused and whether it was cancelled."""
    if task.status == TaskRecord.Status.QUEUED:
        return f"Waiting to start sending {task.total} offer{'s' if task.total != 1 else ''}."
    if task.status == TaskRecord.Status.RUNNING:
        return f"{task.message}."
    if task.status == TaskRecord.Status.FAILED:
        if task.message.startswith("Sending stopped"):
            return task.message
        return (
            f"Sending stopped with an error after {task.done} of {task.total} offers: "
            f"{task.message}"
        )
    r = task.result
    total, sent, refused = r.get("total", 0), r.get("sent", 0), r.get("refused", 0)
    text = f"{sent} of {total} offers sent"
    if refused:
        text += f"; {refused} refused (see the rows marked refused)"
    if r.get("cancelled"):
        text = f"Cancelled: {text}; the rest are still ticked"
    return text + "."
