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

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stagedoor.booking import services as booking
from stagedoor.booking.models import BUSY_STATUSES
from stagedoor.core.locking import lock_rows
from stagedoor.core.models import TaskRecord
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.tasks import Cancelled, heartbeat, start_task, task_fail_if_stale
from stagedoor.core.validation import Errors, check_aware, messages_of, refuse
from stagedoor.engine.staffing import OBJECTIVES, check_plan, solve
from stagedoor.engine.staffing.words import CAUSE_TEXT, seat_cause
from stagedoor.gigs.labels import call_label
from stagedoor.gigs.models import Show, StudioProject, Tour
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager

from .models import ProposedAssignment, StaffingRun, UnfilledSeat
from .parts import part_mapper
from .problem import BuiltProblem, Scope, build_problem
from .selectors import plan_cost, sending_of

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
        run.task = start_task(
            "auto-staff",
            user=booking.actor_user(actor),
            organisation_id=run.organisation_id,
            run_id=run.pk,
        )
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
        stopped = isinstance(exc, Cancelled)
        StaffingRun.objects.filter(pk=run.pk).update(
            status=StaffingRun.Status.FAILED,
            error="Stopped before the proposal was ready."
            if stopped
            else f"{type(exc).__name__}: {exc}"[:500],
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
    seats = []
    for u in plan.unfilled:
        cause = seat_cause(u.reason, built.excluded[u.position] if built.excluded else ())
        seats.append(
            UnfilledSeat(run=run, position=built.positions[u.position], missing=u.missing,
                         reason=cause, text=CAUSE_TEXT[cause])
        )  # fmt: skip
    UnfilledSeat.objects.bulk_create(seats)
    run.status = StaffingRun.Status.DONE
    run.solver_status = plan.status
    run.objective_value, run.bound, run.gap = plan.objective, plan.bound, plan.gap
    run.bound_source = plan.bound_source[:120]
    run.filled, run.seats, run.workers_used = plan.filled, plan.seats, plan.workers_used
    run.parts, run.seconds = plan.parts, round(plan.seconds, 3)
    run.stats = {k: plan.stats[k] for k in ("baseline", "greedy") if k in plan.stats}
    run.stats["cost"] = {c: f"{v:.2f}" for c, v in plan_cost(rows).items()}
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


def _check_accept(actor, run, assignment_ids, action, expires_at) -> None:
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
    if assignment_ids is not None:
        unknown = set(assignment_ids) - set(run.assignments.values_list("pk", flat=True))
        if unknown:
            errors.add("assignment_ids", f"Not rows of this run: {sorted(unknown)}.")
    errors.raise_if_any()


def _waiting(run: StaffingRun, assignment_ids: list[int] | None):
    """The rows still proposed and kept; with `assignment_ids`, those become the kept ones."""
    waiting = run.assignments.filter(outcome=ProposedAssignment.Outcome.PROPOSED)
    if assignment_ids is not None:
        waiting.exclude(pk__in=assignment_ids).update(selected=False)
        waiting.filter(pk__in=assignment_ids).update(selected=True)
    return waiting.filter(selected=True).select_related(
        "worker__user", "position__role", "position__show__venue",
        "position__show__organisation", "position__project__organisation",
        "position__project__venue",
    )  # fmt: skip


def _accept_row(actor, a: ProposedAssignment, action: str, expires_at, message: str) -> bool:
    """Offer or hold one row in its own transaction; False (and the row marked refused,
    with the reason) when the booking rules refuse it."""
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
        return False
    return True


def _mark_accepted(run: StaffingRun) -> None:
    StaffingRun.objects.filter(pk=run.pk, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )


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
    transaction; a row the booking services refuse is marked refused, with the reason.
    Pages send offers in the background instead (`staffing_offers_start`)."""
    _check_accept(actor, run, assignment_ids, action, expires_at)
    report = AcceptReport()
    for a in _waiting(run, assignment_ids):
        if _accept_row(actor, a, action, expires_at, message):
            report.created.append(a)
        else:
            report.refused.append(a)
    if report.created:
        _mark_accepted(run)
        run.refresh_from_db(fields=["accepted_at"])
    return report


# --- sending offers in the background -----------------------------------------------------

SEND_OFFERS = "send-offers"


def _sent_words(sent: int, total: int, refused: int) -> str:
    """'112 of 220 offers sent', and how many the booking rules refused so far."""
    return f"{sent} of {total} offers sent" + (f", {refused} refused" if refused else "")


@transaction.atomic
def staffing_offers_start(*, actor, run: StaffingRun, assignment_ids: list[int] | None = None,
                          expires_at: dt.datetime | None = None, message: str = ""):  # fmt: skip
    """Send the offers of the kept rows in the background (the "send-offers" task): the
    task record counts them out ("112 of 220 offers sent") for the page, the API and the
    operations page to poll, and `staffing_offers_cancel` stops it between two offers."""
    _check_accept(actor, run, assignment_ids, "offer", expires_at)
    lock_rows((StaffingRun, [run.pk]))
    run.refresh_from_db(fields=["stats"])
    current = sending_of(run)
    if current is not None and not current.finished:
        refuse("run", "This run's offers are being sent already; wait for them or cancel.")
    total = _waiting(run, assignment_ids).count()
    if not total:
        refuse("assignment_ids", "No row is kept: tick the people to send offers to.")
    user = booking.actor_user(actor)
    task = start_task(
        SEND_OFFERS, user=user, organisation_id=run.organisation_id, run_id=run.pk,
        user_id=user.pk if user else None,
        expires_at=expires_at.isoformat() if expires_at else None, message=message,
    )  # fmt: skip
    TaskRecord.objects.filter(pk=task.pk).update(total=total, message=_sent_words(0, total, 0))
    run.stats = {**run.stats, "sending": task.pk}
    run.save(update_fields=["stats"])
    task.refresh_from_db()
    return task


def _beat(task_id: int | None) -> None:
    """Say the sender is alive: `staffing_sending_check` fails a sender silent too long."""
    heartbeat(task_id)


def staffing_offers_send(progress=None, *, run_id: int, user_id: int | None,
                         expires_at: str | None = None, message: str = "") -> dict:  # fmt: skip
    """The "send-offers" task: offer each kept row in turn, counting them out."""
    run = StaffingRun.objects.select_related("organisation").get(pk=run_id)
    task_id = getattr(getattr(progress, "record", None), "pk", None)
    actor = get_user_model().objects.get(pk=user_id) if user_id else OPERATOR
    expires = dt.datetime.fromisoformat(expires_at) if expires_at else None
    rows = list(_waiting(run, None))
    sent = refused = 0
    if progress is not None:
        progress.start(len(rows), _sent_words(0, len(rows), 0))
    _beat(task_id)
    cancelled = False
    for a in rows:
        stats = StaffingRun.objects.values_list("stats", flat=True).get(pk=run_id)
        if task_id is not None and stats.get("cancel") == task_id:
            cancelled = True
            break
        if _accept_row(actor, a, "offer", expires, message):
            sent += 1
        else:
            refused += 1
        if progress is not None:
            progress.advance(1, _sent_words(sent, len(rows), refused))
        _beat(task_id)
    if sent:
        _mark_accepted(run)
    return {"run_id": run_id, "sent": sent, "refused": refused, "total": len(rows),
            "cancelled": cancelled}  # fmt: skip


@transaction.atomic
def staffing_offers_cancel(*, actor, run: StaffingRun):
    """Stop sending a run's offers after the one going out now; the rest stay ticked."""
    require_manager(actor, run.organisation, "accept its auto-staffing proposals")
    lock_rows((StaffingRun, [run.pk]))
    run.refresh_from_db(fields=["stats"])
    task = sending_of(run)
    if task is None or task.finished:
        refuse("run", "No offers of this run are being sent.")
    run.stats = {**run.stats, "cancel": task.pk}
    run.save(update_fields=["stats"])
    return task


def staffing_sending_check(run: StaffingRun):
    """The run's sending task; one that has not said it is alive for
    STAGEDOOR_TASK_STALE_SECONDS (its worker died) is marked failed, with what went out."""
    task = sending_of(run)
    if task is None or task.status != TaskRecord.Status.RUNNING:
        return task
    task_fail_if_stale(
        task,
        f"Sending stopped after {task.done} of {task.total} offers: the background worker "
        "stopped answering. The rest are still ticked; send again to finish.",
    )
    return task
