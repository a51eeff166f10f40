"""Parts and their results as JSON-safe dicts, for workers that take JSON (Celery)."""

from __future__ import annotations

import numpy as np

from .parts import PartResult, PartTask
from .problem import StaffingProblem

_ARRAYS = (
    "start", "end", "headcount", "pair_pos", "pair_worker", "pair_score", "pair_cost",
    "pair_km", "priority", "turnaround", "day", "week", "worker_hours",
)  # fmt: skip
_SCALARS = ("n_workers", "max_minutes_day", "max_minutes_week", "cost_scale")


def part_to_wire(task: PartTask) -> dict:
    p = task.problem
    problem = {name: getattr(p, name).tolist() for name in _ARRAYS}
    problem |= {name: getattr(p, name) for name in _SCALARS}
    return {
        "problem": problem,
        "objective": task.objective,
        "time_limit": task.time_limit,
        "seed": task.seed,
        "threads": task.threads,
        "deterministic": task.deterministic,
    }


def part_from_wire(data: dict) -> PartTask:
    return PartTask(problem=StaffingProblem(**data["problem"]), **{
        k: v for k, v in data.items() if k != "problem"
    })  # fmt: skip


def result_to_wire(result: PartResult) -> dict:
    return {
        "chosen": result.chosen.tolist(),
        "greedy": result.greedy.tolist(),
        "status": result.status,
        "cp_bound": result.cp_bound,
        "seconds": result.seconds,
    }


def result_from_wire(data: dict) -> PartResult:
    return PartResult(
        chosen=np.asarray(data["chosen"], dtype=np.int64),
        greedy=np.asarray(data["greedy"], dtype=np.int64),
        status=data["status"],
        cp_bound=data["cp_bound"],
        seconds=data["seconds"],
    )
