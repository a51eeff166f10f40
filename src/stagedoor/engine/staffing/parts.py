"""One independent part of a staffing problem, searched on its own: the unit `solve` maps.

A part is a set of calls and workers that share no worker and no clash with the rest, so
it can be searched anywhere: in the calling process, in a process pool or on a Celery
worker (`PartTask` and `PartResult` travel as JSON, see `wire.py`). Fill parts: a greedy
warm start, then CP-SAT. Headcount parts: randomised greedy restarts, the tabu search and
CP-SAT repair moves down towards the best bound known.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import cpsat
from .bound import overlap_bound
from .greedy import greedy_fill, greedy_headcount, pair_values
from .lns import reduce_workers
from .problem import StaffingProblem
from .structure import build_structure
from .tabu import tabu_fill, tabu_reduce

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
        if (len(result.chosen), -workers_in(p, result.chosen)) > (
            len(hint),
            -workers_in(p, hint),
        ):
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
            if workers_in(p, best) <= lower:
                break
            best, _stats = search(
                p, best, lower_bound=lower, time_limit=left(share), seed=task.seed + r,
                deterministic=task.deterministic, known_bound=known,
            )  # fmt: skip
            used += share * (1.0 - used)
    if len(best) == p.seats and workers_in(p, best) <= lower:
        status = "optimal"
    seconds = time.perf_counter() - started
    return PartResult(best, greedy, status, cp_bound if cp_bound is not None else lower, seconds)


def _probe_share(p: StaffingProblem) -> float:
    return PROBE_SHARE[0] if p.n_pairs <= TINY_PAIRS else PROBE_SHARE[1]


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


def workers_in(problem: StaffingProblem, chosen: np.ndarray) -> int:
    """How many people the pairs `chosen` put to work."""
    return len(np.unique(problem.pair_worker[chosen]))
