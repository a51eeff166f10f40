"""Reads for auto-staffing runs: one run with its proposal, and an organisation's runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage

from .models import ProposedAssignment, StaffingRun, UnfilledSeat

_POSITION = ("position__role", "position__show__venue", "position__project__venue")


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
