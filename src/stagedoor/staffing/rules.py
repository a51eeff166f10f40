"""Who may watch auto-staffing's background work."""

from __future__ import annotations

from stagedoor.industry.rules import can_manage

from .models import StaffingRun


def may_see_task(user, task) -> bool:
    """An auto-staffing run, or the sending of its offers, is watched by the managers of the
    run's organisation (core.rules asks this for the "auto-staff" and "send-offers" kinds)."""
    run_id = (task.result or {}).get("params", {}).get("run_id")
    if not isinstance(run_id, int):
        return False
    run = StaffingRun.objects.select_related("organisation").filter(pk=run_id).first()
    return run is not None and can_manage(user, run.organisation)
