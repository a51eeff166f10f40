"""Auto-staffing's Celery tasks.

`solve_part` solves one independent part of a run on a worker listening on the "staffing"
queue; `parts.celery_map` sends the parts by this task's name. The "auto-staff" task kind
(`services.staffing_run_execute`) runs through core's task records.
"""

from __future__ import annotations

from celery import shared_task

from stagedoor.engine.staffing import solve_part
from stagedoor.engine.staffing.wire import part_from_wire, result_to_wire

from .parts import SOLVE_PART_TASK


@shared_task(name=SOLVE_PART_TASK)
def solve_part_task(payload: dict) -> dict:
    return result_to_wire(solve_part(part_from_wire(payload)))
