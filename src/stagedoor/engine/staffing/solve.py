"""Auto-staffing: split, warm-start, solve each part with CP-SAT, bound, explain.

`solve` is the one entry point: it splits the problem, maps `parts.solve_part` over the
parts and bounds the plan (the LPs in a HiGHS child, see `engine.lp`). Parts are
independent, so `map_parts` may run them
anywhere: in order (the default), in a process pool (`process_pool_map`), or as Celery
tasks (the Django side passes a mapper that sends `solve_part` payloads to workers).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from ..lp import LpJob, solve_lps
from . import parts as part_search  # (`parts` names the split of the problem below)
from .bound import (
    fill_lp,
    headcount_bound_from_lp,
    headcount_bound_job,
    overlap_bound,
    priced_fill_bound,
)
from .decompose import pairs_of, split
from .explain import unfilled_seats
from .greedy import greedy_baseline, pair_values
from .mappers import sequential_map
from .parts import PartTask, solve_part, workers_in
from .problem import (
    OBJECTIVES,
    Plan,
    StaffingProblem,
)
from .structure import build_structure

LP_TOLERANCE = 1e-5
HEADCOUNT_LP_SECONDS = 60.0  # the same for the headcount LP
FILL_LP_SECONDS = 60.0  # the LP bound's own limit when the search runs on deterministic time
Progress = Callable[[int, int, str], None]


def _lp_peek(job: LpJob, i: int) -> Callable[[], int | None]:
    """Part i's headcount LP bound once the background job has it, else None."""

    def peek() -> int | None:
        values = job.peek()
        return None if values is None else headcount_bound_from_lp(values[i])

    return peek


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
    subs = [problem.subproblem(part, pairs) for part, pairs in zip(parts, part_pairs, strict=True)]
    lp_job = None
    if with_bound and objective == "fill" and subs:
        # The LP bound solves in its own process while the parts are searched.
        lp_job = _PartLps(
            subs,
            time_limit=FILL_LP_SECONDS if deterministic else time_limit,
            # An LP over a part of a million pairs would not finish in time: such parts
            # get the LP over their best pairs, its duals priced over all their pairs.
            max_pairs=part_search.PRUNE_ABOVE_PAIRS,
        )
    if with_bound and objective == "headcount" and subs:
        # The LP for every seat filled solves in its own process while the parts are
        # searched (the search uses one core); a part that ends with a seat open gets
        # its LP afresh in `_bound`.
        lp_job = LpJob(
            [headcount_bound_job(sub, sub.headcount) for sub in subs],
            time_limit=HEADCOUNT_LP_SECONDS if deterministic else time_limit,
        )
    budget, reserve = time_limit, _report_reserve(time_limit)
    if not deterministic:
        # Wall time: the setup so far and a reserve for the report come off the search.
        spent = time.perf_counter() - started
        budget = max(0.1 * time_limit, time_limit - spent - reserve)
    tasks = [
        PartTask(
            problem=sub,
            objective=objective,
            # Each part's share of the time follows its size; tiny parts finish early.
            time_limit=max(0.05, budget * len(pairs) / total_pairs),
            seed=seed,
            threads=threads,
            deterministic=deterministic,
        )
        for sub, pairs in zip(subs, part_pairs, strict=True)
    ]
    if objective == "headcount" and lp_job is not None and map_parts is None:
        for i, task in enumerate(tasks):
            task.known_bound = _lp_peek(lp_job, i)
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
        workers_used=workers_in(problem, chosen),
        unfilled=unfilled_seats(problem, chosen),
        parts=len(tasks),
    )
    if with_bound:
        wait = None
        if lp_job is not None and not deterministic:
            wait = max(0.0, time_limit - (time.perf_counter() - started) - 0.5 * reserve)
        plan.bound, plan.bound_source = _bound(
            problem, objective, tasks, results, plan, lp_job=lp_job, wait=wait
        )
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
        return float(workers_in(problem, chosen))
    return float(pair_values(problem)[chosen].sum())


def summary(problem: StaffingProblem, objective: str, chosen: np.ndarray) -> dict:
    """Fill, score, cost and travel of a set of pairs, for side-by-side tables."""
    return {
        "objective": _objective(problem, objective, chosen),
        "filled": len(chosen),
        "workers": workers_in(problem, chosen),
        "score": round(float(problem.pair_score[chosen].sum()), 3),
        "cost": round(float(problem.pair_cost[chosen].sum()), 2),
        "km": round(float(problem.pair_km[chosen].sum()), 1),
    }


class _PartLps:
    """The fill LP bounds of the parts, solving one after another in the background.

    Every part gets its LP relaxation. A part of more than `max_pairs` pairs first gets the
    LP over its best pairs only (as its search does), whose duals priced over all its
    pairs bound it (`priced_fill_bound`, seconds); its whole LP comes last, and counts
    when it finishes in time. `result` gives each part's best bound found, with a label.
    """

    PRICED = "LP over best pairs, duals priced over all (HiGHS)"
    WHOLE = "LP relaxation (HiGHS, interior point)"

    def __init__(self, subs, *, time_limit: float, max_pairs: int | None = None):
        self.subs = subs
        self.entries = []  # (part, keep or None, lp): the order they solve in
        late = []
        for i, sub in enumerate(subs):
            whole = (i, None, fill_lp(sub, build_structure(sub)))
            if max_pairs is not None and sub.n_pairs > max_pairs:
                keep = part_search.fill_candidates(sub, np.zeros(0, dtype=np.int64), always=True)
                small = sub.subproblem(np.arange(sub.n_positions), keep)
                self.entries.append((i, keep, fill_lp(small, build_structure(small))))
                late.append(whole)
            else:
                self.entries.append(whole)
        self.entries += late
        self.job = LpJob([lp for _, _, lp in self.entries], time_limit=time_limit, duals=True)

    def result(self, timeout: float | None = None) -> list[tuple[float, str] | None]:
        out: list[tuple[float, str] | None] = [None] * len(self.subs)
        for (i, keep, lp), solved in zip(self.entries, self.job.result(timeout), strict=True):
            if solved is None:
                continue
            if keep is None:
                # The interior point stops within a relative tolerance: round up by it.
                value = float(np.floor(solved[0] + LP_TOLERANCE * max(1.0, abs(solved[0]))))
                found = (value, self.WHOLE)
            else:  # exact arithmetic on the duals given: no tolerance needed
                found = (priced_fill_bound(self.subs[i], keep, lp, solved[1]), self.PRICED)
            if out[i] is None or found[0] < out[i][0]:
                out[i] = found
        return out


def _report_reserve(time_limit: float) -> float:
    """Wall seconds kept back from the search for the bound, the reasons and the report."""
    return min(8.0, 0.05 * time_limit + 0.3)


def _bound(
    problem, objective, tasks, results, plan, *, lp_job=None, wait=None
) -> tuple[float | None, str]:
    if objective == "fill":
        if lp_job is None:
            lp_job = _PartLps([t.problem for t in tasks], time_limit=FILL_LP_SECONDS)
        if all(r.status == "optimal" and r.cp_bound is not None for r in results):
            wait = 0.0  # CP-SAT proved every part: the LP can only agree
        values = lp_job.result(timeout=wait)
        total, used = 0.0, set()
        for result, task, found in zip(results, tasks, values, strict=True):
            # The smallest of the valid bounds on the part's integer objective: the LP's,
            # CP-SAT's own proven bound, and each seat's best pair.
            options = [(_trivial_fill_bound(task.problem), "each seat's best pair")]
            if found is not None:
                options.append(found)
            if result.cp_bound is not None:
                options.append((np.floor(result.cp_bound + 1e-6), "CP-SAT"))
            value, label = min(options, key=lambda o: o[0])
            total += value
            used.add(label)
        return float(total), " and ".join(sorted(used))
    total = 0
    covers = []
    for task, result in zip(tasks, results, strict=True):
        part = task.problem
        covers.append(np.bincount(part.pair_pos[result.chosen], minlength=part.n_positions))
    overlaps = [overlap_bound(t.problem, c) for t, c in zip(tasks, covers, strict=True)]
    if all(
        workers_in(t.problem, r.chosen) <= o
        for t, r, o in zip(tasks, results, overlaps, strict=True)
    ):
        wait = 0.0  # every part meets its max-overlap bound: the LP can only agree
    values = lp_job.result(timeout=wait) if lp_job is not None else [None] * len(tasks)
    # The background LPs assumed every seat filled; a part that left one open is redone.
    redo = [
        i
        for i, (task, cover) in enumerate(zip(tasks, covers, strict=True))
        if (lp_job is None or not np.array_equal(cover, task.problem.headcount))
        and workers_in(task.problem, results[i].chosen) > overlaps[i]
    ]
    lps = [headcount_bound_job(tasks[i].problem, covers[i]) for i in redo]
    for i, value in zip(redo, solve_lps(lps) if lps else [], strict=True):
        values[i] = value
    for task, result, overlap, value in zip(tasks, results, overlaps, values, strict=True):
        lp = headcount_bound_from_lp(value)
        # A part whose search proved its plan optimal (CP-SAT, or the plan met a bound)
        # bounds itself, whether or not the LP finished.
        proven = workers_in(task.problem, result.chosen) if result.status == "optimal" else 0
        total += max(overlap, lp or 0, proven)
    source = "max-overlap, LP relaxation (HiGHS: columns or interior point) and CP-SAT, per part"
    return float(total), source


def _trivial_fill_bound(problem: StaffingProblem) -> float:
    """Each seat's best pair: the headcount most valuable pairs of every position."""
    values = pair_values(problem)
    order = np.lexsort((-values, problem.pair_pos))
    pos = problem.pair_pos[order]
    rank = np.arange(len(pos)) - np.searchsorted(pos, pos, side="left")
    return float(values[order][rank < problem.headcount[pos]].sum())
