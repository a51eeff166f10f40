"""Auto-staffing: split, warm-start, solve each part with CP-SAT, bound, explain.

`solve` is the one entry point. Parts are independent, so `map_parts` may run them
anywhere: in order (the default), in a process pool (`process_pool_map`), or as Celery
tasks (the Django side passes a mapper that sends `solve_part` payloads to workers).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..lp import LpJob, solve_lps
from . import cpsat
from .bound import (
    fill_lp,
    headcount_bound_from_lp,
    headcount_bound_job,
    overlap_bound,
    priced_fill_bound,
)
from .decompose import pairs_of, split
from .explain import unfilled_seats
from .greedy import greedy_baseline, greedy_fill, greedy_headcount, pair_values
from .lns import reduce_workers
from .mappers import sequential_map
from .problem import (
    OBJECTIVES,
    Plan,
    StaffingProblem,
)
from .structure import build_structure
from .tabu import tabu_fill, tabu_reduce

LP_TOLERANCE = 1e-5
WIDEN_UP_TO_PAIRS = 400_000  # the widest candidate set searched in one CP-SAT model
PRUNE_ABOVE_PAIRS = 150_000  # fill parts above this are searched over their best pairs
EXACT_PROBE_PAIRS = 30_000  # headcount parts up to this size try CP-SAT whole first
# The CP-SAT probe's share of a small full part's time: half for a tiny part, which it
# often proves optimal; a tenth above that, enough for the optima it proves at once (more
# went to waste where the optimum is above the bound: data_1_50_258 had 43 with half the
# time, 42 with a tenth; the searches after it get the rest).
TINY_PAIRS = 2_000
PROBE_SHARE = (0.5, 0.1)  # (tiny, small)
HEADCOUNT_ROUNDS = 1  # tabu search then CP-SAT moves, this many times over
TABU_SHARE = 0.5  # of each round's time, the tabu search's; the CP-SAT moves get the rest
FILL_SHARE = 0.1  # at most, of a headcount part's time to fill the seats its greedy left open
HEADCOUNT_LP_SECONDS = 60.0  # the same for the headcount LP
FILL_LP_SECONDS = 60.0  # the LP bound's own limit when the search runs on deterministic time
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
    # In-process only (None when shipped elsewhere): a lower bound on the part's workers
    # found meanwhile, or None; the headcount search stops once its plan meets it.
    known_bound: Callable[[], int | None] | None = None


@dataclass
class PartResult:
    chosen: np.ndarray  # pair indices of the part
    greedy: np.ndarray
    status: str
    cp_bound: float | None
    seconds: float


def solve_part(task: PartTask) -> PartResult:
    """Warm start with the greedy, then CP-SAT within the part's share of the time."""
    started = time.perf_counter()
    if task.objective == "fill":
        return _fill_part(task, started)
    return _headcount_part(task, started)


def _fill_part(task: PartTask, started: float) -> PartResult:
    """Greedy warm start, then CP-SAT. A very large part is searched over each seat's best
    candidates and the warm start's pairs only (the plan stays feasible for the whole part;
    the bound is still taken over every pair); on the wall clock, when CP-SAT proves that
    smaller model optimal with time to spare, the candidates widen and it searches again
    from its best plan."""
    p = task.problem
    values = pair_values(p)
    hint = best = greedy_fill(p, values)
    per_seat, extra = 2, 8
    keep = fill_candidates(p, hint)
    seconds, status, bound = 0.0, "hint", None
    while True:
        sub = p if keep is None else p.subproblem(np.arange(p.n_positions), keep)
        limit = task.time_limit
        if not task.deterministic:
            # A wall-clock share: what came before comes off it (the model, in solve_fill).
            limit = max(0.05, limit - (time.perf_counter() - started))
        result = cpsat.solve_fill(
            sub, build_structure(sub), best if keep is None else np.searchsorted(keep, best),
            time_limit=limit, seed=task.seed, threads=task.threads,
            deterministic=task.deterministic,
        )  # fmt: skip
        seconds += result.seconds
        chosen = result.chosen if keep is None else keep[result.chosen]
        if values[chosen].sum() >= values[best].sum():
            best, status = chosen, result.status
        bound = result.bound if keep is None else None  # the small model's bound is not one
        left = task.time_limit - (time.perf_counter() - started)
        if keep is None or task.deterministic or result.status != "optimal" or left < 1.0:
            break
        per_seat, extra = 2 * per_seat, 2 * extra
        wider = fill_candidates(p, best, per_seat=per_seat, extra=extra)
        if len(wider) == len(keep) or len(wider) > WIDEN_UP_TO_PAIRS:
            break
        if left < max(0.2 * task.time_limit, 2.0 + 5e-5 * len(wider)):
            break  # not worth writing a larger model for what time is left
        keep = wider
    if keep is not None and status == "optimal":
        status = "feasible"  # optimal for the candidates searched, not proven for the part
    return PartResult(best, hint, status, bound, seconds)


def _headcount_part(task: PartTask, started: float) -> PartResult:
    """Randomised greedy restarts; seats the greedy left open filled by bumping calls along
    (tabu.py); CP-SAT on the whole part when a seat is still open or the part is small (it
    often proves the optimum at once); then, down towards the best bound known (max-overlap,
    CP-SAT's, the LP's once it is in), the tabu search with the worker count held fixed and
    after it the CP-SAT repair moves (lns.py), which reach further but cost more a move."""
    p = task.problem
    runs = int(np.clip(min(2.0, 0.05 * task.time_limit) / (3e-7 * p.n_pairs + 0.002), 1, 200))
    greedy = hint = greedy_headcount(p, runs=runs, seed=task.seed)
    best, status, cp_bound = hint, "feasible", None

    used = 0.0  # share of a deterministic budget spent so far

    def left(share: float = 1.0) -> float:
        if task.deterministic:
            return share * (1.0 - used) * task.time_limit
        return max(0.05, share * (task.time_limit - (time.perf_counter() - started)))

    full = len(hint) == p.seats
    if not full:
        # Seats left open: bump calls along, any worker welcome (CP-SAT settles the rest).
        hint = tabu_fill(
            p, hint, time_limit=left(FILL_SHARE), seed=task.seed,
            deterministic=task.deterministic,
        )  # fmt: skip
        used = FILL_SHARE
        full = len(hint) == p.seats
        best = hint
    lower = overlap_bound(p, p.headcount) if full else 0
    if not full or p.n_pairs <= EXACT_PROBE_PAIRS:
        # A seat left open: CP-SAT first makes sure no fillable seat stays open. A small
        # part: CP-SAT often proves the optimum outright in a share of the time.
        result = cpsat.solve_headcount(
            p, build_structure(p), hint, time_limit=left(_probe_share(p) if full else 0.5),
            seed=task.seed, threads=task.threads, deterministic=task.deterministic,
            lower_bound=lower,
        )  # fmt: skip
        used += (_probe_share(p) if full else 0.5) * (1.0 - used)
        if (len(result.chosen), -_workers(p, result.chosen)) > (len(hint), -_workers(p, hint)):
            best = result.chosen
        cp_bound = result.bound
        if result.status == "optimal":
            seconds = time.perf_counter() - started
            return PartResult(best, greedy, "optimal", cp_bound, seconds)
        if full and cp_bound is not None:
            lower = max(lower, math.ceil(cp_bound - 1e-6))
        elif len(best) == p.seats:
            lower = overlap_bound(p, p.headcount)
    known = task.known_bound if len(best) == p.seats else None
    # Tabu ejection steps (microseconds each) for TABU_SHARE of the time, then
    # CP-SAT repair moves, which reach further but cost more a move; HEADCOUNT_ROUNDS times.
    for r in range(HEADCOUNT_ROUNDS):
        for share, search in (
            (TABU_SHARE / (HEADCOUNT_ROUNDS - r), tabu_reduce),
            ((1.0 - TABU_SHARE) / (HEADCOUNT_ROUNDS - r - TABU_SHARE), reduce_workers),
        ):
            if _workers(p, best) <= lower:
                break
            best, _stats = search(
                p, best, lower_bound=lower, time_limit=left(share), seed=task.seed + r,
                deterministic=task.deterministic, known_bound=known,
            )  # fmt: skip
            used += share * (1.0 - used)
    if len(best) == p.seats and _workers(p, best) <= lower:
        status = "optimal"
    seconds = time.perf_counter() - started
    return PartResult(best, greedy, status, cp_bound if cp_bound is not None else lower, seconds)


def _probe_share(p: StaffingProblem) -> float:
    return PROBE_SHARE[0] if p.n_pairs <= TINY_PAIRS else PROBE_SHARE[1]


def _lp_peek(job: LpJob, i: int) -> Callable[[], int | None]:
    """Part i's headcount LP bound once the background job has it, else None."""

    def peek() -> int | None:
        values = job.peek()
        return None if values is None else headcount_bound_from_lp(values[i])

    return peek


def fill_candidates(
    problem: StaffingProblem,
    hint: np.ndarray,
    *,
    always: bool = False,
    per_seat: int = 2,
    extra: int = 8,
) -> np.ndarray | None:
    """Sorted pairs worth searching in a part too large for CP-SAT whole, else None.

    Each position keeps its per_seat x headcount + extra most valuable pairs, and every
    pair of the warm start stays (so the warm start is a plan of the smaller model too).
    """
    if problem.n_pairs <= PRUNE_ABOVE_PAIRS and not always:
        return None
    values = pair_values(problem)
    order = np.lexsort((-values, problem.pair_pos))
    pos = problem.pair_pos[order]
    rank = np.arange(len(pos)) - np.searchsorted(pos, pos, side="left")
    mask = np.zeros(problem.n_pairs, dtype=bool)
    mask[order[rank < per_seat * problem.headcount[pos].astype(np.int64) + extra]] = True
    mask[hint] = True
    return np.flatnonzero(mask)


def _workers(problem: StaffingProblem, chosen: np.ndarray) -> int:
    return len(np.unique(problem.pair_worker[chosen]))


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
            max_pairs=PRUNE_ABOVE_PAIRS,
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
        workers_used=_workers(problem, chosen),
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
                keep = fill_candidates(sub, np.zeros(0, dtype=np.int64), always=True)
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
        _workers(t.problem, r.chosen) <= o for t, r, o in zip(tasks, results, overlaps, strict=True)
    ):
        wait = 0.0  # every part meets its max-overlap bound: the LP can only agree
    values = lp_job.result(timeout=wait) if lp_job is not None else [None] * len(tasks)
    # The background LPs assumed every seat filled; a part that left one open is redone.
    redo = [
        i
        for i, (task, cover) in enumerate(zip(tasks, covers, strict=True))
        if (lp_job is None or not np.array_equal(cover, task.problem.headcount))
        and _workers(task.problem, results[i].chosen) > overlaps[i]
    ]
    lps = [headcount_bound_job(tasks[i].problem, covers[i]) for i in redo]
    for i, value in zip(redo, solve_lps(lps) if lps else [], strict=True):
        values[i] = value
    for task, result, overlap, value in zip(tasks, results, overlaps, values, strict=True):
        lp = headcount_bound_from_lp(value)
        # A part whose search proved its plan optimal (CP-SAT, or the plan met a bound)
        # bounds itself, whether or not the LP finished.
        proven = _workers(task.problem, result.chosen) if result.status == "optimal" else 0
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
