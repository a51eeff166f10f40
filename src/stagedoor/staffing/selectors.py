"""Reads for auto-staffing runs: one run with its proposal, and an organisation's runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

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
        raise PermissionDenied(f"Only managers of {run.organisation.name} can see its runs.")
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
        raise PermissionDenied(f"Only managers of {organisation.name} can see its runs.")
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
