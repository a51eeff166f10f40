"""Fewer workers by tabu search over ejection moves, with the worker count held fixed.

Once a plan covers every seat with K workers, the search drops one of them and looks for a
plan with K - 1: every seat the dropped worker held is open. A move puts an open seat on an
eligible plan worker and bumps that worker's calls that clash with it back to open (the
way a coordinator shuffles a call list). Each step takes the move that leaves the fewest
seats open; a worker cannot take back a call it lost for a while (the tabu tenure), so the
search walks on through plans as good as the last instead of cycling. When nothing is open
the plan is one worker smaller and the next worker is dropped; when many steps bring no
progress the search goes back to the best plan and drops someone else.

The steps run compiled (Numba): a step costs 5 to 15 microseconds, where a CP-SAT repair
costs tens of milliseconds, so the tabu search runs first and the CP-SAT moves (lns.py)
take over after it (solve.TABU_SHARE). The plan lives in flat arrays: each worker's calls in its own
slice of `calls` (as long as the worker's eligible pairs), which pairs are held, and how
many seats of each call are open.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numba
import numpy as np

from .problem import StaffingProblem

_STALE_STEPS = 2_000  # steps without fewer open seats before the drop is undone (first round)
_TENURE = (2, 12)  # random part of the tabu tenure, plus 0.6 x the calls with a seat open
STEPS_PER_SECOND = 20_000  # the deterministic budget: steps counted, not seconds
_CHUNK = 1_024  # steps between looks at the clock and the bound found meanwhile
_DONE, _STALE, _OUT = 0, 1, 2  # how a walk ended: nothing open, no progress, budget spent
# The walk's counters, kept in one array so that a walk can go on where the last one ended.
_TAKEN, _SINCE, _FEWEST, _OPEN, _LIMIT = range(5)

_jit = numba.njit(cache=True, nogil=True)


class _Plan:
    """The problem as flat arrays, and the plan's state over them."""

    def __init__(self, problem: StaffingProblem, chosen: np.ndarray):
        p = problem
        self.p = p
        i64 = np.int64
        self.start = np.ascontiguousarray(p.start, dtype=i64)
        self.end = np.ascontiguousarray(p.end, dtype=i64)
        self.turn = np.ascontiguousarray(p.turnaround, dtype=i64)
        self.need = np.ascontiguousarray(p.headcount, dtype=i64)
        pair_pos = np.ascontiguousarray(p.pair_pos, dtype=i64)
        pair_worker = np.ascontiguousarray(p.pair_worker, dtype=i64)
        self.pair_pos, self.pair_worker = pair_pos, pair_worker
        # Eligible workers of each call, ascending, with the pair each makes.
        order = np.lexsort((pair_worker, pair_pos))
        self.elig_ptr = np.searchsorted(pair_pos[order], np.arange(p.n_positions + 1)).astype(i64)
        self.elig_w = pair_worker[order]
        self.elig_pair = order.astype(i64)
        # Each worker's slice of `calls`: room for every call it is eligible for.
        per_worker = np.bincount(pair_worker, minlength=p.n_workers)
        self.slot = np.zeros(p.n_workers + 1, dtype=i64)
        np.cumsum(per_worker, out=self.slot[1:])
        caps = p.caps()
        self.cap_limit = np.array([cap for cap, _ in caps], dtype=i64)
        self.cap_key = np.array(
            [key for _, key in caps] or np.zeros((0, p.n_positions)), dtype=i64
        ).reshape(len(caps), p.n_positions)
        self.minutes = np.ascontiguousarray(p.minutes(), dtype=i64)
        self.by_start = np.lexsort((np.arange(p.n_positions), self.start)).astype(i64)
        self.has_eligible = np.diff(self.elig_ptr) > 0
        self.calls = np.zeros(max(1, p.n_pairs), dtype=i64)
        self.ncalls = np.zeros(p.n_workers, dtype=i64)
        self.held = np.zeros(p.n_pairs, dtype=np.bool_)
        self.active = np.zeros(p.n_workers, dtype=np.bool_)
        self.open = np.zeros(p.n_positions, dtype=i64)
        self.load(chosen)

    def load(self, chosen: np.ndarray) -> None:
        chosen = np.asarray(chosen, dtype=np.int64)
        _load(chosen, self.pair_pos, self.pair_worker, self.slot, self.calls, self.ncalls)
        self.held[:] = False
        self.held[chosen] = True
        self.active[:] = self.ncalls > 0
        taken = np.bincount(self.pair_pos[chosen], minlength=self.p.n_positions)
        self.open[:] = np.where(self.has_eligible, self.need - taken, 0).clip(0)

    def args(self) -> tuple:
        """The arrays every kernel takes, in its order."""
        return (
            self.start, self.end, self.turn, self.elig_ptr, self.elig_w, self.elig_pair,
            self.cap_limit, self.cap_key, self.minutes, self.slot, self.calls, self.ncalls,
            self.held, self.active, self.open,
        )  # fmt: skip

    def fill_free(self) -> None:
        """Open seats straight onto plan workers free for them."""
        _fill_free(*self.args(), self.by_start)

    def chosen(self) -> np.ndarray:
        return np.flatnonzero(self.held).astype(np.int64)

    def workers(self) -> int:
        return int(self.active.sum())


@_jit
def _load(chosen, pair_pos, pair_worker, slot, calls, ncalls):
    ncalls[:] = 0
    for k in chosen:
        w = pair_worker[k]
        calls[slot[w] + ncalls[w]] = pair_pos[k]
        ncalls[w] += 1


@_jit
def _clash(start, end, turn, a, b):
    """Can one worker not hold calls a and b together? (overlap, or too little rest)"""
    rest = turn[a] if turn[a] >= turn[b] else turn[b]
    return start[a] < end[b] + rest and start[b] < end[a] + rest


@_jit
def _n_clashes(start, end, turn, slot, calls, ncalls, w, j, most=1 << 30):
    """How many of w's calls clash with j (counting stops once past `most`)."""
    n = 0
    for i in range(slot[w], slot[w] + ncalls[w]):
        if _clash(start, end, turn, j, calls[i]):
            n += 1
            if n > most:
                break
    return n


@_jit
def _within_caps(start, end, turn, cap_limit, cap_key, minutes, slot, calls, ncalls, w, j):
    """Would w stay within the hours caps holding j, once its calls clashing with j go?"""
    for c in range(len(cap_limit)):
        k = cap_key[c, j]
        load = minutes[j]
        for i in range(slot[w], slot[w] + ncalls[w]):
            o = calls[i]
            if cap_key[c, o] == k and not _clash(start, end, turn, j, o):
                load += minutes[o]
        if load > cap_limit[c]:
            return False
    return True


@_jit
def _pair(elig_ptr, elig_w, elig_pair, j, w):
    """The pair (call j, worker w): a binary search in j's eligible workers."""
    lo, hi = elig_ptr[j], elig_ptr[j + 1]
    while lo < hi:
        mid = (lo + hi) // 2
        if elig_w[mid] < w:
            lo = mid + 1
        else:
            hi = mid
    return elig_pair[lo]


@_jit
def _put(slot, calls, ncalls, held, open_, w, j, pair):
    calls[slot[w] + ncalls[w]] = j
    ncalls[w] += 1
    held[pair] = True
    open_[j] -= 1


@_jit
def _take(slot, calls, ncalls, held, open_, w, i, pair):
    """w lets go of the call in its slot i (the last call moves into the gap)."""
    j = calls[i]
    last = slot[w] + ncalls[w] - 1
    calls[i] = calls[last]
    ncalls[w] -= 1
    held[pair] = False
    open_[j] += 1


@_jit
def _fill_free(
    start, end, turn, elig_ptr, elig_w, elig_pair, cap_limit, cap_key, minutes,
    slot, calls, ncalls, held, active, open_, by_start,
):  # fmt: skip
    for j in by_start:
        for e in range(elig_ptr[j], elig_ptr[j + 1]):
            if open_[j] <= 0:
                break
            w, pair = elig_w[e], elig_pair[e]
            if not active[w] or held[pair]:
                continue
            if _n_clashes(start, end, turn, slot, calls, ncalls, w, j, 0) > 0:
                continue
            if len(cap_limit) and not _within_caps(
                start, end, turn, cap_limit, cap_key, minutes, slot, calls, ncalls, w, j
            ):
                continue
            _put(slot, calls, ncalls, held, open_, w, j, pair)


@_jit
def _drop(elig_ptr, elig_w, elig_pair, slot, calls, ncalls, held, active, open_, w):
    while ncalls[w] > 0:
        i = slot[w] + ncalls[w] - 1
        pair = _pair(elig_ptr, elig_w, elig_pair, calls[i], w)
        _take(slot, calls, ncalls, held, open_, w, i, pair)
    active[w] = False


@_jit
def _pick_drop(
    start, end, turn, elig_ptr, elig_w, elig_pair, cap_limit, cap_key, minutes,
    slot, calls, ncalls, held, active, open_, tried,
):  # fmt: skip
    """The plan worker whose calls the others could most nearly take as they stand (among
    the 12 untried with the fewest calls), or -1 when every worker has been tried."""
    n_w = len(ncalls)
    order = np.argsort(ncalls * n_w + np.arange(n_w))  # fewest calls first, then by number
    best, best_stuck, best_calls, seen = -1, 0, 0, 0
    for w in order:
        if not active[w] or tried[w]:
            continue
        seen += 1
        if seen > 12:
            break
        stuck = 0
        for i in range(slot[w], slot[w] + ncalls[w]):
            j = calls[i]
            free = False
            for e in range(elig_ptr[j], elig_ptr[j + 1]):
                v = elig_w[e]
                if v == w or not active[v] or held[elig_pair[e]]:
                    continue
                if _n_clashes(start, end, turn, slot, calls, ncalls, v, j, 0) == 0 and (
                    len(cap_limit) == 0
                    or _within_caps(
                        start, end, turn, cap_limit, cap_key, minutes, slot, calls, ncalls, v, j
                    )
                ):
                    free = True
                    break
            if not free:
                stuck += 1
        if best < 0 or stuck < best_stuck or (stuck == best_stuck and ncalls[w] < best_calls):
            best, best_stuck, best_calls = w, stuck, ncalls[w]
    return best


@_jit
def _seed(seed):
    np.random.seed(seed)


@_jit
def _walk(
    start, end, turn, elig_ptr, elig_w, elig_pair, cap_limit, cap_key, minutes,
    slot, calls, ncalls, held, active, open_, tabu, counters, stale, tenure_lo, tenure_hi,
):  # fmt: skip
    """Tabu steps until no seat beyond the base is open (_DONE), `stale` steps bring no
    fewer open seats (_STALE) or the step limit in `counters` is reached (_OUT). The
    counters carry over between calls: steps taken, steps since progress, the fewest open
    seats, the open seats now (beyond the base), the step limit."""
    while counters[_OPEN] > 0:
        if counters[_SINCE] > stale:
            return _STALE
        if counters[_TAKEN] >= counters[_LIMIT]:
            return _OUT
        counters[_TAKEN] += 1
        counters[_SINCE] += 1
        step = counters[_TAKEN]
        now, fewest = counters[_OPEN], counters[_FEWEST]
        # The move leaving the fewest seats open, ties at random (reservoir sampling).
        best_delta, ties, mj, mw, mpair, open_calls = 1 << 30, 0, -1, -1, -1, 0
        for j in range(len(open_)):
            if open_[j] <= 0:
                continue
            open_calls += 1
            for e in range(elig_ptr[j], elig_ptr[j + 1]):
                w, pair = elig_w[e], elig_pair[e]
                if not active[w] or held[pair]:
                    continue
                delta = _n_clashes(start, end, turn, slot, calls, ncalls, w, j, best_delta + 1) - 1
                if delta > best_delta:
                    continue
                if tabu[pair] > step and now + delta >= fewest:
                    continue  # tabu, and not a new best
                if len(cap_limit) and not _within_caps(
                    start, end, turn, cap_limit, cap_key, minutes, slot, calls, ncalls, w, j
                ):
                    continue
                if delta < best_delta:
                    best_delta, ties = delta, 0
                ties += 1
                if ties == 1 or np.random.randint(ties) == 0:
                    mj, mw, mpair = j, w, pair
        if mj < 0:
            continue
        tenure = np.random.randint(tenure_lo, tenure_hi) + int(0.6 * open_calls)
        i = slot[mw]
        while i < slot[mw] + ncalls[mw]:
            c = calls[i]
            if _clash(start, end, turn, mj, c):
                pair = _pair(elig_ptr, elig_w, elig_pair, c, mw)
                _take(slot, calls, ncalls, held, open_, mw, i, pair)
                tabu[pair] = step + tenure
                counters[_OPEN] += 1
            else:
                i += 1
        _put(slot, calls, ncalls, held, open_, mw, mj, mpair)
        counters[_OPEN] -= 1
        if counters[_OPEN] < counters[_FEWEST]:
            counters[_FEWEST] = counters[_OPEN]
            counters[_SINCE] = 0
    return _DONE


class _Budget:
    """Steps taken, and whether the budget (steps, or wall seconds) is spent."""

    def __init__(self, time_limit: float, deterministic: bool):
        self.started = time.perf_counter()
        self.time_limit = time_limit
        self.deterministic = deterministic
        self.steps = int(STEPS_PER_SECOND * time_limit) if deterministic else 0
        self.taken = 0

    def spent(self) -> bool:
        if self.deterministic:
            return self.taken >= self.steps
        return time.perf_counter() - self.started >= self.time_limit

    def limit(self) -> int:
        """How far the next stretch of steps may go."""
        if self.deterministic:
            return min(self.steps, self.taken + _CHUNK)
        return self.taken + _CHUNK


def _walk_plan(plan: _Plan, budget: _Budget, stale: int, base_open: np.ndarray, stop) -> bool:
    """Tabu steps until no seat beyond `base_open` is open (True), or `stale` steps bring
    no progress, or the budget or `stop()` says so (False)."""
    tabu = np.zeros(len(plan.held), dtype=np.int64)
    now = int((plan.open - base_open).sum())
    counters = np.array([budget.taken, 0, now, now, 0], dtype=np.int64)
    while True:
        if budget.spent() or stop():
            return counters[_OPEN] <= 0
        counters[_LIMIT] = budget.limit()
        how = _walk(*plan.args(), tabu, counters, stale, *_TENURE)
        budget.taken = int(counters[_TAKEN])
        if how != _OUT:
            return how == _DONE


def tabu_fill(
    problem: StaffingProblem,
    chosen: np.ndarray,
    *,
    time_limit: float,
    seed: int = 0,
    deterministic: bool = True,
) -> np.ndarray:
    """The plan with the seats it left open filled where bumping calls along allows, any
    worker welcome (the worker count comes down afterwards); the plan as given otherwise."""
    plan = _Plan(problem, chosen)
    plan.active[:] = plan.slot[1:] > plan.slot[:-1]
    plan.fill_free()
    budget = _Budget(time_limit, deterministic)
    _seed(seed)
    base = np.zeros_like(plan.open)
    if _walk_plan(plan, budget, 50 * _STALE_STEPS, base, lambda: False):
        return plan.chosen()
    return np.asarray(chosen, dtype=np.int64)


def tabu_reduce(
    problem: StaffingProblem,
    chosen: np.ndarray,
    *,
    lower_bound: int,
    time_limit: float,
    seed: int = 0,
    deterministic: bool = True,
    known_bound: Callable[[], int | None] | None = None,
) -> tuple[np.ndarray, dict]:
    """Fewer workers on the same seats: the best plan found and what the search did.

    The plans returned fill the seats `chosen` fills (and perhaps more). In deterministic
    mode the budget is STEPS_PER_SECOND x time_limit steps, so a seed and a limit give one
    answer; on the wall clock it is time_limit seconds. `known_bound`, if given, is asked
    now and then for a lower bound found meanwhile: the search ends once the plan meets it.
    """
    plan = _Plan(problem, chosen)
    best = np.asarray(chosen, dtype=np.int64)
    best_workers = plan.workers()
    _seed(seed)
    budget = _Budget(time_limit, deterministic)
    drops = rounds = 0
    stale = _STALE_STEPS
    tried = np.zeros(problem.n_workers, dtype=np.bool_)

    def stop() -> bool:
        nonlocal lower_bound
        if known_bound is not None:
            found = known_bound()
            if found is not None and found > lower_bound:
                lower_bound = found
        return best_workers <= lower_bound

    base_open = plan.open.copy()  # seats the plan leaves open may stay open
    while not (stop() or budget.spent()):
        drop = int(_pick_drop(*plan.args(), tried))
        if drop < 0:
            # Every worker dropped in vain: again, each with a longer search.
            tried[:] = False
            stale *= 2
            rounds += 1
            continue
        tried[drop] = True
        _drop(
            plan.elig_ptr, plan.elig_w, plan.elig_pair, plan.slot, plan.calls, plan.ncalls,
            plan.held, plan.active, plan.open, drop,
        )  # fmt: skip
        plan.fill_free()
        drops += 1
        if _walk_plan(plan, budget, stale, base_open, stop):
            best, best_workers = plan.chosen(), plan.workers()
            tried[:] = False
        else:
            plan.load(best)  # stuck: back to the best plan, drop someone else
    stats = {
        "tabu_steps": budget.taken,
        "tabu_drops": drops,
        "tabu_rounds": rounds,
        "tabu_seconds": round(time.perf_counter() - budget.started, 3),
    }
    return best, stats
