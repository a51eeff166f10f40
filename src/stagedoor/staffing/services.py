"""Auto-staffing runs: start one, solve it in the background, accept its proposal.

`staffing_run_start` checks the request and records the run; the "auto-staff" task
(`staffing_run_execute`) builds the problem from the database, solves it with the engine,
checks the plan independently and saves it as a proposal. `staffing_proposal_accept`
turns the kept rows into offers or holds through the booking services, one transaction
per row, so a worker booked elsewhere in the meantime is refused and reported while the
rest go out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stagedoor.booking import services as booking
from stagedoor.booking.models import BUSY_STATUSES
from stagedoor.core.tasks import start_task
from stagedoor.core.validation import Errors, check_aware, messages_of, refuse
from stagedoor.engine.staffing import OBJECTIVES, check_plan, solve
from stagedoor.gigs.labels import call_label
from stagedoor.gigs.models import Show, StudioProject, Tour
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager

from .models import ProposedAssignment, StaffingRun, UnfilledSeat
from .parts import part_mapper
from .problem import BuiltProblem, Scope, build_problem

MAX_TIME_LIMIT = 600
MAX_RANGE_DAYS = 366
ACTIONS = ("offer", "hold")


class InvalidPlan(RuntimeError):
    """The solver's plan broke a hard rule; it is never saved."""


def _check_scope(errors: Errors, organisation, date_from, date_to, show, tour, project) -> None:
    parents = [(name, x) for name, x in (("show", show), ("tour", tour), ("project", project)) if x]
    if len(parents) > 1:
        errors.add(parents[1][0], "Give one of show, tour or project, not several.")
    for name, parent in parents:
        if parent.organisation_id != organisation.pk:
            errors.add(name, f"This {name} belongs to another organisation.")
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None and not isinstance(value, dt.date):
            errors.add(name, "Give a date (YYYY-MM-DD).")
    if not parents:
        if date_from is None:
            errors.add("date_from", "Give the first day, or a show, tour or project.")
        if date_to is None:
            errors.add("date_to", "Give the last day, or a show, tour or project.")
    if isinstance(date_from, dt.date) and isinstance(date_to, dt.date):
        if date_to < date_from:
            errors.add("date_to", "The last day comes before the first.")
        elif (date_to - date_from).days >= MAX_RANGE_DAYS:
            errors.add("date_to", f"At most {MAX_RANGE_DAYS} days in one run.")


def _check_numbers(errors: Errors, objective, time_limit, seed, max_hours_day, max_hours_week):
    if objective not in OBJECTIVES:
        errors.add("objective", f"'{objective}' is not one of: {', '.join(OBJECTIVES)}.")
    if not isinstance(time_limit, int | float) or not 0 < time_limit <= MAX_TIME_LIMIT:
        errors.add("time_limit", f"Give more than 0 and at most {MAX_TIME_LIMIT} seconds.")
    if not isinstance(seed, int) or not 0 <= seed < 2**31:
        errors.add("seed", "Give a whole number from 0 to 2147483647.")
    for name, value, most in (("max_hours_day", max_hours_day, 24),
                              ("max_hours_week", max_hours_week, 168)):  # fmt: skip
        if value is not None and (not isinstance(value, int) or not 1 <= value <= most):
            errors.add(name, f"Give whole hours from 1 to {most}, or leave it empty.")


@transaction.atomic
def staffing_run_start(
    *,
    actor,
    organisation: Organisation,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    show: Show | None = None,
    tour: Tour | None = None,
    project: StudioProject | None = None,
    objective: str = "fill",
    time_limit: float = 10,
    seed: int = 0,
    max_hours_day: int | None = None,
    max_hours_week: int | None = None,
    background: bool = True,
) -> StaffingRun:
    """Record an auto-staffing run for an organisation's open calls in a scope and queue
    the "auto-staff" task that solves it (after commit). With `background=False` nothing
    is queued: the caller runs `staffing_run_execute` itself (the CLI, with its own bar)."""
    require_manager(actor, organisation, "auto-staff its calls")
    errors = Errors()
    _check_scope(errors, organisation, date_from, date_to, show, tour, project)
    _check_numbers(errors, objective, time_limit, seed, max_hours_day, max_hours_week)
    errors.raise_if_any()
    run = StaffingRun.objects.create(
        organisation=organisation, show=show, tour=tour, project=project,
        date_from=date_from, date_to=date_to, objective=objective, time_limit=float(time_limit),
        seed=seed, max_hours_day=max_hours_day, max_hours_week=max_hours_week,
        created_by=booking.actor_user(actor),
    )  # fmt: skip
    if background:
        run.task = start_task("auto-staff", user=booking.actor_user(actor), run_id=run.pk)
        run.save(update_fields=["task"])
    return run


class _Stages:
    """Spreads the run over a 0-100 bar: loading 10, solving 85, saving 5."""

    def __init__(self, progress) -> None:
        self.progress, self.at = progress, 0
        if progress is not None:
            progress.start(100, "Loading crew calls and eligible crew")

    def to(self, percent: int, message: str) -> None:
        if self.progress is not None and percent >= self.at:
            self.progress.advance(percent - self.at, message)
            self.at = percent


def staffing_run_execute(progress=None, *, run_id: int) -> dict:
    """The "auto-staff" task: build, solve, check and save the proposal of a run."""
    run = StaffingRun.objects.select_related("organisation").get(pk=run_id)
    if run.status == StaffingRun.Status.DONE:  # a retried task: the proposal is saved
        return {"run": run.pk, "filled": run.filled, "seats": run.seats}
    StaffingRun.objects.filter(pk=run.pk).update(status=StaffingRun.Status.RUNNING)
    stages = _Stages(progress)
    try:
        built = build_problem(
            Scope(run.organisation, run.date_from, run.date_to,
                  run.show_id, run.tour_id, run.project_id),
            max_hours_day=run.max_hours_day, max_hours_week=run.max_hours_week,
        )  # fmt: skip
        stages.to(10, f"Solving {built.problem.n_positions} calls, {built.problem.seats} seats")
        plan = solve(
            built.problem, objective=run.objective, time_limit=run.time_limit, seed=run.seed,
            threads=1, deterministic=True, with_baseline=True, map_parts=part_mapper(),
            progress=lambda done, total, msg: stages.to(10 + 85 * done // max(total, 1), msg),
        )  # fmt: skip
        stages.to(95, "Checking and saving the proposal")
        proposal_save(run, built, plan)
    except Exception as exc:
        StaffingRun.objects.filter(pk=run.pk).update(
            status=StaffingRun.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:500],
            finished_at=timezone.now(),
        )
        raise
    stages.to(100, "Proposal ready")
    return {"run": run.pk, "filled": plan.filled, "seats": plan.seats}


@transaction.atomic
def proposal_save(run: StaffingRun, built: BuiltProblem, plan) -> StaffingRun:
    """Save a plan as the run's proposal, after checking it against every hard rule."""
    violations = check_plan(built.problem, plan.chosen)
    if violations:
        raise InvalidPlan("The plan breaks hard rules: " + "; ".join(violations[:5]))
    p = built.problem
    rows = []
    for x in plan.chosen.tolist():
        reasons = built.reasons_of(int(x))
        rows.append(
            ProposedAssignment(
                run=run,
                position=built.positions[int(p.pair_pos[x])],
                worker_id=built.worker_ids[int(p.pair_worker[x])],
                score=round(float(p.pair_score[x]), 3),
                cost=round(float(p.pair_cost[x]), 2),
                km=round(float(p.pair_km[x]), 1),
                reasons="\n".join(f"{r.component} +{r.points:.1f}: {r.text}" for r in reasons),
            )
        )
    ProposedAssignment.objects.bulk_create(rows)
    UnfilledSeat.objects.bulk_create(
        UnfilledSeat(run=run, position=built.positions[u.position], missing=u.missing,
                     reason=u.reason, text=u.text)
        for u in plan.unfilled
    )  # fmt: skip
    run.status = StaffingRun.Status.DONE
    run.solver_status = plan.status
    run.objective_value, run.bound, run.gap = plan.objective, plan.bound, plan.gap
    run.bound_source = plan.bound_source[:120]
    run.filled, run.seats, run.workers_used = plan.filled, plan.seats, plan.workers_used
    run.parts, run.seconds = plan.parts, round(plan.seconds, 3)
    run.stats = {k: plan.stats[k] for k in ("baseline", "greedy") if k in plan.stats}
    run.finished_at = timezone.now()
    run.save()
    return run


@dataclass
class AcceptReport:
    created: list[ProposedAssignment] = field(default_factory=list)
    refused: list[ProposedAssignment] = field(default_factory=list)


def _reason_text(exc: ValidationError) -> str:
    return " ".join(m for msgs in messages_of(exc).values() for m in msgs)[:500]


def _check_no_clashing_offer(a: ProposedAssignment) -> None:
    # The plan was made around the offers pending then; one sent since (by hand, or by
    # another run) on a clashing call would make this one impossible to accept.
    for offer in booking.clashing_offers(a.worker, a.position):
        refuse(
            "worker",
            f"{a.worker.display_name} has a pending offer for {call_label(offer.position)}, "
            "which clashes with this call.",
        )


def _hold(actor, a: ProposedAssignment):
    # A hold does not reserve the seat, so hold_create lets it through; a proposal is
    # only worth pencilling while the worker and the call are still free.
    errors = Errors()
    clashing = booking.clashes(a.worker, a.position)
    if clashing:
        errors.add("worker", f"{a.worker.display_name} was booked on another call meanwhile.")
    if a.position.bookings.filter(status__in=BUSY_STATUSES).count() >= a.position.headcount:
        errors.add("position", "Every seat of this call is booked now.")
    errors.raise_if_any()
    return booking.hold_create(actor=actor, position=a.position, worker=a.worker,
                               note=f"Auto-staff run {a.run_id}")  # fmt: skip


def staffing_proposal_accept(
    *,
    actor,
    run: StaffingRun,
    assignment_ids: list[int] | None = None,
    action: str = "offer",
    expires_at: dt.datetime | None = None,
    message: str = "",
) -> AcceptReport:
    """Send offers to (or pencil holds on) the proposal's rows still waiting: those in
    `assignment_ids` (the rest are deselected), or every selected row. Each row is its own
    transaction; a row the booking services refuse is marked refused, with the reason."""
    require_manager(actor, run.organisation, "accept its auto-staffing proposals")
    errors = Errors()
    if action not in ACTIONS:
        errors.add("action", f"'{action}' is not one of: {', '.join(ACTIONS)}.")
    if run.status != StaffingRun.Status.DONE:
        errors.add("run", "The run has no proposal yet.")
    if expires_at is not None:
        check_aware(errors, "expires_at", expires_at)
        soonest = timezone.now() + dt.timedelta(minutes=booking.MIN_OFFER_MINUTES - 1)
        if action == "hold":
            errors.add("expires_at", "Holds do not expire; leave it empty.")
        elif "expires_at" not in errors.by_field and expires_at <= soonest:
            errors.add(
                "expires_at",
                f"Give the crew at least {booking.MIN_OFFER_MINUTES} minutes to answer.",
            )
    waiting = run.assignments.filter(outcome=ProposedAssignment.Outcome.PROPOSED)
    if assignment_ids is not None:
        ids = set(assignment_ids)
        unknown = ids - set(run.assignments.values_list("pk", flat=True))
        if unknown:
            errors.add("assignment_ids", f"Not rows of this run: {sorted(unknown)}.")
    errors.raise_if_any()
    if assignment_ids is not None:
        waiting.exclude(pk__in=ids).update(selected=False)
        waiting.filter(pk__in=ids).update(selected=True)
    report = AcceptReport()
    rows = waiting.filter(selected=True).select_related(
        "worker__user", "position__role", "position__show__venue",
        "position__show__organisation", "position__project__organisation",
        "position__project__venue",
    )  # fmt: skip
    for a in rows:
        try:
            with transaction.atomic():
                _check_no_clashing_offer(a)
                if action == "offer":
                    a.offer = booking.offer_send(
                        actor=actor, position=a.position, worker=a.worker,
                        expires_at=expires_at, message=message,
                    )  # fmt: skip
                    a.outcome = ProposedAssignment.Outcome.OFFERED
                else:
                    a.hold = _hold(actor, a)
                    a.outcome = ProposedAssignment.Outcome.HELD
                a.save(update_fields=["offer", "hold", "outcome"])
        except ValidationError as exc:
            a.outcome, a.refused_reason = ProposedAssignment.Outcome.REFUSED, _reason_text(exc)
            a.save(update_fields=["outcome", "refused_reason"])
            report.refused.append(a)
        else:
            report.created.append(a)
    if run.accepted_at is None and report.created:
        run.accepted_at = timezone.now()
        run.save(update_fields=["accepted_at"])
    return report
