"""Where a run's independent parts are solved, for when one machine is not enough.

A run's parts go to workers listening on the "staffing" queue
(`celery -A stagedoor worker -Q staffing`) when a broker and a result backend are set and
STAGEDOOR_STAFFING_PARTS=celery. Otherwise they run in a local process pool of
STAGEDOOR_STAFFING_PROCESSES (1: in the calling process). Parts travel as JSON.

The services call this module; the Celery task itself lives in `tasks.py`, above the
services, so parts are sent by the task's registered name (the name is the wire contract
between this process and the workers anyway) rather than by importing the task.
"""

from __future__ import annotations

from celery import group, signature
from django.conf import settings

from stagedoor.engine.staffing import process_pool_map, solve_part
from stagedoor.engine.staffing.mappers import sequential_map
from stagedoor.engine.staffing.wire import part_to_wire, result_from_wire

PARTS_QUEUE = "staffing"
SOLVE_PART_TASK = "stagedoor.staffing.solve_part"


def celery_map(fn, tasks, progress=None, *, timeout: float | None = None):
    """Send every part to the staffing queue at once; collect results in order."""
    assert fn is solve_part, "only solve_part travels to Celery workers"
    tasks = list(tasks)
    longest = max((t.time_limit for t in tasks), default=0.0)
    pending = group(signature(SOLVE_PART_TASK, args=(part_to_wire(t),)) for t in tasks).apply_async(
        queue=PARTS_QUEUE
    )
    out = []
    for i, async_result in enumerate(pending.results):
        data = async_result.get(timeout=timeout or 60 + 10 * longest, disable_sync_subtasks=False)
        out.append(result_from_wire(data))
        if progress:
            progress(i + 1, len(tasks), f"Solved part {i + 1} of {len(tasks)}")
    return out


def part_mapper():
    """How this deployment solves a run's parts (see the module docstring)."""
    mode = getattr(settings, "STAGEDOOR_STAFFING_PARTS", "local")
    if mode == "celery" and not settings.CELERY_TASK_ALWAYS_EAGER:
        return celery_map
    processes = int(getattr(settings, "STAGEDOOR_STAFFING_PROCESSES", 1))
    return process_pool_map(processes) if processes > 1 else sequential_map
