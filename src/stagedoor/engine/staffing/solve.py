"""Auto-staffing: split, warm-start, solve each part with CP-SAT, bound, explain.

`solve` is the one entry point. Parts are independent, so `map_parts` may run them
anywhere: in order (the default), in a process pool (`process_pool_map`), or as Celery
tasks (the Django side passes a mapper that sends `solve_part` payloads to workers).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from ..lp import solve_lps
from . import cpsat
from .bound import fill_lp, headcount_bound_from_lp, headcount_lp, overlap_bound
from .decompose import pairs_of, split
from .greedy import Ledger, greedy_baseline, greedy_fill, greedy_headcount, pair_values
from .problem import (
    HOURS_CAP,
    NO_ELIGIBLE,
    NOT_CHOSEN,
    OBJECTIVES,
    TAKEN,
    TURNAROUND,
    Plan,
    StaffingProblem,
    Unfilled,
)
from .structure import build_structure

LP_TOLERANCE = 1e-5
Progress = Callable[[int, int, str], None]


@dataclass
class PartTask:
    """One independent part, ready to ship to a worker process."""

    problem: StaffingProblem
    objective: str
    time_limit: float
    seed: int
    threads: int
    deterministic: bool


@dataclass
class PartResult:
    chosen: np.ndarray  # pair indices of the part
    greedy: np.ndarray
    status: str
    cp_bound: float | None
    seconds: float


def solve_part(task: PartTask) -> PartResult:
    """Warm start with the greedy, then CP-SAT within the part's share of the time."""
    p = task.problem
    structure = build_structure(p)
    if task.objective == "fill":
        hint = greedy_fill(p)
        result = cpsat.solve_fill(
            p, structure, hint, time_limit=task.time_limit, seed=task.seed,
            threads=task.threads, deterministic=task.deterministic,
        )  # fmt: skip
        values = pair_values(p)
        better = values[result.chosen].sum() >= values[hint].sum()
    else:
        hint = greedy_headcount(p)
        lower = overlap_bound(p, p.headcount) if len(hint) == p.seats else 0
        result = cpsat.solve_headcount(
            p, structure, hint, time_limit=task.time_limit, seed=task.seed,
            threads=task.threads, deterministic=task.deterministic, lower_bound=lower,
        )  # fmt: skip
        better = (len(result.chosen), -_workers(p, result.chosen)) >= (
            len(hint),
            -_workers(p, hint),
        )
    chosen = result.chosen if better else hint
    return PartResult(chosen, hint, result.status, result.bound, result.seconds)


def _workers(problem: StaffingProblem, chosen: np.ndarray) -> int:
    return len(np.unique(problem.pair_worker[chosen]))


def sequential_map(fn, tasks: Iterable, progress: Progress | None = None):
    tasks = list(tasks)
    out = []
    for i, task in enumerate(tasks):
        out.append(fn(task))
        if progress:
            progress(i + 1, len(tasks), f"Solved part {i + 1} of {len(tasks)}")
    return out


def process_pool_map(processes: int):
    """A mapper that solves parts in `processes` spawned processes (one machine)."""

    def mapper(fn, tasks, progress: Progress | None = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        tasks = list(tasks)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
            futures = [pool.submit(fn, t) for t in tasks]
            out = []
            for i, f in enumerate(futures):
                out.append(f.result())
                if progress:
                    progress(i + 1, len(tasks), f"Solved part {i + 1} of {len(tasks)}")
            return out

    return mapper


def solve(
    problem: StaffingProblem,
    *,
    objective: str = "fill",
    time_limit: float = 10.0,
    seed: int = 0,
    threads: int = 1,
    deterministic: bool = True,
    with_bound: bool = True,
    with_baseline: bool = False,
    map_parts=None,
    progress: Progress | None = None,
) -> Plan:
    """Staff every seat of the problem at once; see the module docstring."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective: must be one of {', '.join(OBJECTIVES)}")
    if time_limit <= 0:
        raise ValueError("time_limit: must be more than 0 seconds")
    started = time.perf_counter()
    parts = split(problem, objective)
    part_pairs = [pairs_of(problem, part) for part in parts]
    total_pairs = max(1, sum(len(x) for x in part_pairs))
    tasks = [
        PartTask(
            problem=problem.subproblem(part, pairs),
            objective=objective,
            # Each part's share of the time follows its size; tiny parts finish early.
            time_limit=max(0.05, time_limit * len(pairs) / total_pairs),
            seed=seed,
            threads=threads,
            deterministic=deterministic,
        )
        for part, pairs in zip(parts, part_pairs, strict=True)
    ]
    mapper = map_parts or sequential_map
    results = mapper(solve_part, tasks, progress) if tasks else []
    chosen = np.sort(
        np.concatenate(
            [pairs[r.chosen] for pairs, r in zip(part_pairs, results, strict=True)]
            or [np.zeros(0, dtype=np.int64)]
        )
    ).astype(np.int64)
    statuses = {r.status for r in results}
    status = "optimal" if statuses <= {"optimal"} else "feasible"
    plan = Plan(
        objective_name=objective,
        chosen=chosen,
        objective=_objective(problem, objective, chosen),
        bound=None,
        status=status,
        filled=len(chosen),
        seats=problem.seats,
        workers_used=_workers(problem, chosen),
        unfilled=unfilled_seats(problem, chosen),
        parts=len(tasks),
    )
    if with_bound:
        plan.bound, plan.bound_source = _bound(problem, objective, tasks, results, plan)
        if plan.bound is not None and plan.gap == 0.0:
            plan.status = "optimal"
    if with_baseline:
        base = greedy_baseline(problem)
        plan.stats["baseline"] = summary(problem, objective, base)
    plan.stats["greedy"] = summary(
        problem,
        objective,
        np.sort(
            np.concatenate(
                [pairs[r.greedy] for pairs, r in zip(part_pairs, results, strict=True)]
                or [np.zeros(0, dtype=np.int64)]
            )
        ).astype(np.int64),
    )
    plan.stats["solver_seconds"] = round(sum(r.seconds for r in results), 3)
    plan.seconds = time.perf_counter() - started
    return plan


def _objective(problem: StaffingProblem, objective: str, chosen: np.ndarray) -> float:
    if objective == "headcount":
        return float(_workers(problem, chosen))
    return float(pair_values(problem)[chosen].sum())


def summary(problem: StaffingProblem, objective: str, chosen: np.ndarray) -> dict:
    """Fill, score, cost and travel of a set of pairs, for side-by-side tables."""
    return {
        "objective": _objective(problem, objective, chosen),
        "filled": len(chosen),
        "workers": _workers(problem, chosen),
        "score": round(float(problem.pair_score[chosen].sum()), 3),
        "cost": round(float(problem.pair_cost[chosen].sum()), 2),
        "km": round(float(problem.pair_km[chosen].sum()), 1),
    }


def _bound(problem, objective, tasks, results, plan) -> tuple[float | None, str]:
    if objective == "fill":
        lps = [fill_lp(t.problem, build_structure(t.problem)) for t in tasks]
        values = solve_lps(lps) if lps else []
        total, source = 0.0, "LP relaxation (HiGHS, interior point)"
        for result, task, value in zip(results, tasks, values, strict=True):
            if result.cp_bound is not None and (value is None or result.cp_bound < value):
                value = result.cp_bound  # CP-SAT proved a tighter bound on the same objective
            if value is None:
                value = _trivial_fill_bound(task.problem)
                source = "LP where solved, else each seat's best pair"
            total += value
        # The interior point stops within a relative tolerance: round towards safety.
        return float(np.floor(total + LP_TOLERANCE * max(1.0, abs(total)))), source
    total = 0
    covers, lps = [], []
    for task, result in zip(tasks, results, strict=True):
        part = task.problem
        cover = np.bincount(part.pair_pos[result.chosen], minlength=part.n_positions)
        covers.append(cover)
        lps.append(headcount_lp(task.problem, build_structure(task.problem), cover))
    values = solve_lps(lps) if lps else []
    for task, cover, value in zip(tasks, covers, values, strict=True):
        overlap = overlap_bound(task.problem, cover)
        lp = headcount_bound_from_lp(value)
        total += max(overlap, lp or 0)
    source = "max-overlap and LP relaxation (HiGHS), per part"
    return float(total), source


def _trivial_fill_bound(problem: StaffingProblem) -> float:
    values = pair_values(problem)
    total = 0.0
    for p in range(problem.n_positions):
        v = np.sort(values[problem.pair_pos == p])[::-1]
        total += float(v[: int(problem.headcount[p])].sum())
    return total


def unfilled_seats(problem: StaffingProblem, chosen: np.ndarray) -> list[Unfilled]:
    """Each position with open seats left, and why nobody could take them."""
    ledger = Ledger(problem)
    for x in chosen.tolist():
        ledger.add(int(problem.pair_worker[x]), int(problem.pair_pos[x]))
    on_call = {(int(problem.pair_worker[x]), int(problem.pair_pos[x])) for x in chosen.tolist()}
    order = np.argsort(problem.pair_pos, kind="stable")
    bounds = np.searchsorted(problem.pair_pos[order], np.arange(problem.n_positions + 1))
    out = []
    for pos in range(problem.n_positions):
        missing = int(problem.headcount[pos] - ledger.taken[pos])
        if missing <= 0:
            continue
        pairs = order[bounds[pos] : bounds[pos + 1]]
        if len(pairs) == 0:
            out.append(Unfilled(pos, missing, NO_ELIGIBLE))
            continue
        reasons = set()
        for x in pairs.tolist():
            w = int(problem.pair_worker[x])
            if (w, pos) in on_call:
                continue
            reasons.add(_why_busy(problem, ledger, w, pos))
        for reason in (NOT_CHOSEN, HOURS_CAP, TURNAROUND, TAKEN):
            if reason in reasons or reason == TAKEN:
                out.append(Unfilled(pos, missing, reason))
                break
    return out


def _why_busy(problem: StaffingProblem, ledger: Ledger, w: int, pos: int) -> str:
    calls = ledger.calls.get(w, [])
    s, e = problem.start[pos], problem.end[pos]
    if any(problem.start[c] < e and s < problem.end[c] for c in calls):
        return TAKEN
    if ledger.clash(w, pos):
        return TURNAROUND
    if ledger.over_cap(w, pos):
        return HOURS_CAP
    return NOT_CHOSEN
