"""Auto-staffing: start a run, watch its progress and proposal, accept it as offers or holds.

Refusals come back as 422 naming the field, permission problems as 403.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.responses import Status as Reply

from stagedoor.core.http import or_404
from stagedoor.core.models import TaskRecord
from stagedoor.gigs.models import Show, StudioProject, Tour
from stagedoor.industry.models import Organisation
from stagedoor.staffing import selectors, services
from stagedoor.staffing.models import ProposedAssignment, StaffingRun

from .auth import WRITE_AUTH
from .errors import unknown

router = Router(tags=["staffing"])


class RunIn(Schema):
    organisation: str
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    show: str | None = None
    tour: str | None = None
    project: str | None = None
    objective: str = "fill"
    time_limit: float = 10
    seed: int = 0
    max_hours_day: int | None = None
    max_hours_week: int | None = None


class ProgressOut(Schema):
    done: int
    total: int
    percent: int
    message: str


class AssignmentOut(Schema):
    id: int
    position: int
    position_title: str
    call_start: dt.datetime
    worker: str
    display_name: str
    score: float
    reasons: list[str]
    selected: bool
    outcome: str
    refused_reason: str
    offer: int | None
    hold: int | None


class UnfilledOut(Schema):
    position: int
    position_title: str
    missing: int
    reason: str
    text: str


class OpenCauseOut(Schema):
    cause: str
    text: str
    seats: int


class SummaryOut(Schema):
    headline: str
    filled: int
    seats: int
    open: int
    open_by_cause: list[OpenCauseOut]
    cost: dict[str, str]
    cost_text: str
    gap_text: str


class SendingOut(Schema):
    task: int
    status: str
    done: int
    total: int
    text: str
    sent: int | None
    refused: int | None
    cancelled: bool


class RunOut(Schema):
    id: int
    organisation: str
    show: str | None
    tour: str | None
    project: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    objective: str
    time_limit: float
    seed: int
    max_hours_day: int | None
    max_hours_week: int | None
    status: str
    error: str
    progress: ProgressOut
    solver_status: str
    objective_value: float | None
    bound: float | None
    gap: float | None
    filled: int
    seats: int
    workers_used: int
    parts: int
    seconds: float | None
    baseline: dict | None
    proposal: list[AssignmentOut]
    unfilled: list[UnfilledOut]
    summary: SummaryOut | None
    sending: SendingOut | None
    created_at: dt.datetime
    accepted_at: dt.datetime | None


class ProposalAcceptIn(Schema):
    assignment_ids: list[int] | None = None
    action: str = "offer"
    expires_at: dt.datetime | None = None
    message: str = ""


class SendIn(Schema):
    assignment_ids: list[int] | None = None
    expires_at: dt.datetime | None = None
    message: str = ""


class AcceptOut(Schema):
    created: list[AssignmentOut]
    refused: list[AssignmentOut]


def assignment_out(a: ProposedAssignment) -> dict:
    return {
        "id": a.pk,
        "position": a.position_id,
        "position_title": a.position.display_title,
        "call_start": a.position.call_start,
        "worker": a.worker.slug,
        "display_name": a.worker.display_name,
        "score": a.score,
        "reasons": a.reason_lines(),
        "selected": a.selected,
        "outcome": a.outcome,
        "refused_reason": a.refused_reason,
        "offer": a.offer_id,
        "hold": a.hold_id,
    }


RUN_FIELDS = (
    "date_from", "date_to", "objective", "time_limit", "seed", "max_hours_day",
    "max_hours_week", "status", "error", "solver_status", "objective_value",
    "bound", "gap", "filled", "seats", "workers_used", "parts", "seconds",
    "created_at", "accepted_at",
)  # fmt: skip


def summary_out(run: StaffingRun) -> dict | None:
    if run.status != StaffingRun.Status.DONE:
        return None
    s = selectors.run_summary(run)
    return {
        "headline": s.headline, "filled": s.filled, "seats": s.seats, "open": s.open,
        "open_by_cause": [{"cause": c, "text": t, "seats": n} for c, t, n in s.by_cause],
        "cost": {c: f"{v:.2f}" for c, v in s.cost.items()}, "cost_text": s.cost_text,
        "gap_text": s.gap_text,
    }  # fmt: skip


def sending_out(run: StaffingRun) -> dict | None:
    task = services.staffing_sending_check(run)
    if task is None:
        return None
    done = task.status == TaskRecord.Status.DONE
    return {
        "task": task.pk, "status": task.status, "done": task.done, "total": task.total,
        "text": selectors.sending_words(task),
        "sent": task.result.get("sent") if done else None,
        "refused": task.result.get("refused") if done else None,
        "cancelled": bool(done and task.result.get("cancelled")),
    }  # fmt: skip


def run_out(run: StaffingRun) -> dict:
    return {
        "summary": summary_out(run),
        "sending": sending_out(run),
        "id": run.pk,
        "organisation": run.organisation.slug,
        "show": run.show.slug if run.show_id else None,
        "tour": run.tour.slug if run.tour_id else None,
        "project": run.project.slug if run.project_id else None,
        **{name: getattr(run, name) for name in RUN_FIELDS},
        "progress": selectors.progress_of(run),
        "baseline": run.stats.get("baseline"),
        "proposal": [assignment_out(a) for a in run.assignments.all()],
        "unfilled": [
            {
                "position": u.position_id,
                "position_title": u.position.display_title,
                "missing": u.missing,
                "reason": u.reason,
                "text": u.text,
            }
            for u in run.unfilled.all()
        ],
    }


def _run(request, run_id: int) -> StaffingRun:
    return or_404(
        StaffingRun, "No such run", selectors.staffing_run_get, actor=request.auth, run_id=run_id
    )


@router.post("/staffing/runs", response={201: RunOut}, auth=WRITE_AUTH)
def start_run(request, payload: RunIn):
    """Start auto-staffing an organisation's open calls in a date range, or of one show,
    tour or studio project. Poll the run until `status` is `done`."""
    run = services.staffing_run_start(
        actor=request.auth,
        organisation=unknown("organisation", Organisation, payload.organisation),
        date_from=payload.date_from,
        date_to=payload.date_to,
        show=unknown("show", Show, payload.show),
        tour=unknown("tour", Tour, payload.tour),
        project=unknown("project", StudioProject, payload.project),
        objective=payload.objective,
        time_limit=payload.time_limit,
        seed=payload.seed,
        max_hours_day=payload.max_hours_day,
        max_hours_week=payload.max_hours_week,
    )
    return Reply(201, run_out(_run(request, run.pk)))


@router.get("/staffing/runs/{run_id}", response=RunOut, auth=WRITE_AUTH)
def get_run(request, run_id: int):
    """A run's status and progress; once done, its proposal, unfilled seats, objective,
    bound and gap, and the call-by-call baseline."""
    return run_out(_run(request, run_id))


@router.post("/staffing/runs/{run_id}/offers", response={202: SendingOut}, auth=WRITE_AUTH)
def send_offers(request, run_id: int, payload: SendIn):
    """Send offers for the rows in `assignment_ids` (default: every selected row still
    proposed) in the background. Answers 202 with the task to poll (`GET` this path, or
    the run's `sending`): "112 of 220 offers sent", then what went out and was refused."""
    run = _run(request, run_id)
    services.staffing_offers_start(
        actor=request.auth, run=run, assignment_ids=payload.assignment_ids,
        expires_at=payload.expires_at, message=payload.message,
    )  # fmt: skip
    return Reply(202, sending_out(_run(request, run_id)))


@router.get("/staffing/runs/{run_id}/offers", response=SendingOut, auth=WRITE_AUTH)
def sending(request, run_id: int):
    """How far the run's latest "send offers" has got; 404 if offers were never sent."""
    out = sending_out(_run(request, run_id))
    if out is None:
        raise Http404("No offers of this run were sent in the background.")
    return out


@router.post("/staffing/runs/{run_id}/offers/cancel", response=SendingOut, auth=WRITE_AUTH)
def cancel_sending(request, run_id: int):
    """Stop sending after the offer going out now; the rest stay proposed and kept."""
    run = _run(request, run_id)
    services.staffing_offers_cancel(actor=request.auth, run=run)
    return sending_out(_run(request, run_id))


@router.post("/staffing/runs/{run_id}/accept", response=AcceptOut, auth=WRITE_AUTH)
def accept_run(request, run_id: int, payload: ProposalAcceptIn):
    """Send offers (`action: offer`) or pencil holds (`hold`) for the rows in
    `assignment_ids` (default: every selected row still proposed), waiting for every one
    (`POST .../offers` sends offers in the background instead). Rows the booking rules
    refuse (someone got booked meanwhile) come back under `refused` with the reason."""
    report = services.staffing_proposal_accept(
        actor=request.auth,
        run=_run(request, run_id),
        assignment_ids=payload.assignment_ids,
        action=payload.action,
        expires_at=payload.expires_at,
        message=payload.message,
    )
    return {
        "created": [assignment_out(a) for a in report.created],
        "refused": [assignment_out(a) for a in report.refused],
    }
