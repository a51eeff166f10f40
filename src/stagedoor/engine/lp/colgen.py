"""The headcount lower bound by column generation, with a valid bound at every round.

The headcount LP (`staffing.bound.headcount_flow_lp`) has the same optimum as a master LP
over worker schedules (sets of calls one worker can hold together): the fewest schedules,
at most one per worker, covering each call cover_p times. Column generation solves that
master over a few schedules (HiGHS interior point: its duals are central, which prices far
better columns than a simplex vertex) and adds, round after round, each worker's heaviest
schedule under those duals (weighted interval scheduling, compiled with Numba).

Every round gives a bound that needs no optimality. Relaxing the covering rows by
duals pi >= 0 leaves, for each worker, min over u in [0, 1] of u (1 - best_w(pi)), so

    L(pi) = sum_p cover_p pi_p + sum_w min(0, 1 - best_w(pi))

is at most the fewest workers for any pi >= 0 (Lagrangian relaxation). Pricing happens at
the master's duals and at a point halfway towards the best duals so far (Wentges
smoothing), which lifts L in far fewer rounds. The search stops once ceil(L) meets the
ceiling of the master's value (the LP could round to no more), when nothing prices in, or
on time. The long Data_100 ptask instances settle this way 1.5 to 2.7 times sooner
than the interior point on the whole flow LP. Only for problems whose clashes are
intervals padded by one turnaround and without hours caps (ptask, and many real weeks);
the others keep the flow LP.

This module must stay free of OR-Tools: it runs in the LP child process beside HiGHS.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numba
import numpy as np

from .child import LinearProgram, _solve_one

_ARTIFICIAL = 2.0  # the cost of covering a call with no schedule: a start, priced out later
_SMOOTH = 0.5  # the best duals' weight in the second pricing point
_jit = numba.njit(cache=True, nogil=True)


@dataclass
class ScheduleCover:
    """Calls as half-open intervals (padded by the turnaround), how many seats each needs,
    and every worker's eligible calls in order of end (`worker_ptr` slices `calls`)."""

    cover: np.ndarray  # int64[P]
    worker_ptr: np.ndarray  # int64[W + 1]
    calls: np.ndarray  # int64[L]: the call of each pair, by worker, by end
    before: np.ndarray  # int64[L]: the worker's last pair ending by this one's start, or -1

    @classmethod
    def build(cls, start, end, cover, pair_pos, pair_worker, n_workers: int) -> ScheduleCover:
        start = np.asarray(start, dtype=np.int64)
        end = np.asarray(end, dtype=np.int64)
        cover = np.asarray(cover, dtype=np.int64)
        pos = np.asarray(pair_pos, dtype=np.int64)
        worker = np.asarray(pair_worker, dtype=np.int64)
        keep = cover[pos] > 0
        pos, worker = pos[keep], worker[keep]
        order = np.lexsort((end[pos], worker))
        pos, worker = pos[order], worker[order]
        ptr = np.zeros(n_workers + 1, dtype=np.int64)
        np.cumsum(np.bincount(worker, minlength=n_workers), out=ptr[1:])
        base = int(min(start.min(), end.min())) if len(start) else 0
        span = (int(end.max()) - base + 1) if len(end) else 1
        key = worker * span + (end[pos] - base)
        before = np.searchsorted(key, worker * span + (start[pos] - base), side="right") - 1
        before = np.where(before >= ptr[worker], before, -1)
        return cls(cover, ptr, pos, before)


@dataclass
class HeadcountBound:
    """One part's headcount lower bound, solved in the LP child: column generation when
    `cover` is given (see `staffing.bound.headcount_bound_job`), then the flow LP by
    interior point if the columns did not settle it in time. `solve` gives the best
    valid bound found (a float to round up), or None."""

    lp: LinearProgram
    cover: ScheduleCover | None = None  # None: the flow LP only

    def solve(self, time_limit: float) -> float | None:
        started = time.perf_counter()
        found = None
        if self.cover is not None:
            value, settled = column_generation(self.cover, time_limit)
            if math.isfinite(value):
                found = value
            if settled:
                return found
        left = time_limit - (time.perf_counter() - started)
        value = _solve_one(self.lp, left) if left > 0.05 else None
        if value is not None and (found is None or value > found):
            found = value
        return found


@_jit
def _heaviest_of(lo, hi, weight, calls, before, value, take):
    """The heaviest set of pairs lo..hi (one worker's, sorted by end) whose calls do not
    overlap (weighted interval scheduling); `take` marks the way to walk it back."""
    prev = 0.0
    for k in range(lo, hi):
        with_k = weight[calls[k]]
        if with_k > 0.0 and before[k] >= 0:
            with_k += value[before[k]]
        take[k] = with_k > prev
        if take[k]:
            prev = with_k
        value[k] = prev
    return prev


@_jit
def _heaviest(weight, worker_ptr, calls, before, best, take):
    value = np.zeros(len(calls))
    for w in range(len(worker_ptr) - 1):
        best[w] = _heaviest_of(worker_ptr[w], worker_ptr[w + 1], weight, calls, before, value, take)


@_jit
def _walk_back(w, worker_ptr, before, take, out):
    """Worker w's marked schedule into `out` (pair indices); returns its length."""
    n, k, lo = 0, worker_ptr[w + 1] - 1, worker_ptr[w]
    while k >= lo:
        if take[k]:
            out[n] = k
            n += 1
            k = before[k]
        else:
            k -= 1
    return n


@_jit
def _greedy_cover(cover, worker_ptr, calls, before, chosen, out):
    """Worker after worker, the schedule with the most calls still short of cover: the
    first columns. Marks their pairs in `chosen`."""
    need = cover.copy()
    weight = np.zeros(len(cover))
    value = np.zeros(len(calls))
    take = np.zeros(len(calls), dtype=np.bool_)
    for w in range(len(worker_ptr) - 1):
        lo, hi = worker_ptr[w], worker_ptr[w + 1]
        for k in range(lo, hi):
            weight[calls[k]] = 1.0 if need[calls[k]] > 0 else 0.0
        if _heaviest_of(lo, hi, weight, calls, before, value, take) < 1.0:
            continue
        for i in range(_walk_back(w, worker_ptr, before, take, out)):
            chosen[out[i]] = True
            need[calls[out[i]]] -= 1


def lagrangian_bound(cover: ScheduleCover, pi: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """L(pi) (see the module docstring), each worker's best schedule value, and the marks."""
    best = np.zeros(len(cover.worker_ptr) - 1)
    take = np.zeros(len(cover.calls), dtype=np.bool_)
    _heaviest(pi, cover.worker_ptr, cover.calls, cover.before, best, take)
    return float(np.dot(cover.cover, pi) + np.minimum(0.0, 1.0 - best).sum()), best, take


def column_generation(cover: ScheduleCover, time_limit: float) -> tuple[float, bool]:
    """(the best L found, settled: the LP's rounded value can be no higher than ceil(L))."""
    import highspy

    started = time.perf_counter()
    n_p, n_w = len(cover.cover), len(cover.worker_ptr) - 1
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))  # HiGHS counts across its runs
    inf = highspy.kHighsInf
    # Rows: each call covered cover_p times, then each worker on at most one schedule.
    lo = np.concatenate([cover.cover.astype(np.float64), np.full(n_w, -inf)])
    hi = np.concatenate([np.full(n_p, inf), np.ones(n_w)])
    no_entries = np.zeros(n_p + n_w, np.int32)
    h.addRows(n_p + n_w, lo, hi, 0, no_entries, np.zeros(0, np.int32), np.zeros(0))
    need = np.flatnonzero(cover.cover > 0).astype(np.int32)
    h.addCols(
        len(need), np.full(len(need), _ARTIFICIAL), np.zeros(len(need)), np.full(len(need), inf),
        len(need), np.arange(len(need), dtype=np.int32), need, np.ones(len(need)),
    )  # fmt: skip
    out = np.zeros(max(1, int(np.diff(cover.worker_ptr).max(initial=0))), dtype=np.int64)
    chosen = np.zeros(len(cover.calls), dtype=np.bool_)
    _greedy_cover(cover.cover, cover.worker_ptr, cover.calls, cover.before, chosen, out)
    workers = np.searchsorted(cover.worker_ptr, np.flatnonzero(chosen), side="right") - 1
    _add_columns(h, cover, chosen, np.unique(workers), out, n_p, walk=False)
    best_bound, best_pi = -math.inf, None
    while time.perf_counter() - started < time_limit:
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        z = float(h.getInfo().objective_function_value)
        dual = np.asarray(h.getSolution().row_dual, dtype=np.float64)
        pi, sigma = np.maximum(0.0, dual[:n_p]), np.minimum(0.0, dual[n_p:])
        points = [pi] if best_pi is None else [pi, _SMOOTH * best_pi + (1.0 - _SMOOTH) * pi]
        new = []
        for point in points:
            bound, best, take = lagrangian_bound(cover, point)
            if bound > best_bound:
                best_bound, best_pi = bound, point
            pricing_in = np.flatnonzero(1.0 - best - sigma < -1e-9)
            if len(pricing_in):
                new.append((take, pricing_in))
        if math.ceil(best_bound - _slack(best_bound)) >= math.ceil(z - _slack(z)):
            return best_bound, True
        if not new:  # nothing prices in: the master's value is the LP's
            return max(best_bound, z - _slack(z)), True
        for take, pricing_in in new:
            _add_columns(h, cover, take, pricing_in, out, n_p, walk=True)
    return best_bound, False


def _slack(value: float) -> float:
    return 1e-6 * max(1.0, abs(value))


def _add_columns(h, cover: ScheduleCover, marks, workers, out, n_p: int, *, walk: bool) -> None:
    """A column per worker: its schedule walked back from `marks` (walk), or all its
    marked pairs."""
    index, starts = [], [0]
    for w in workers.tolist():
        if walk:
            pairs = out[: _walk_back(w, cover.worker_ptr, cover.before, marks, out)]
        else:
            lo, hi = cover.worker_ptr[w], cover.worker_ptr[w + 1]
            pairs = lo + np.flatnonzero(marks[lo:hi])
        if len(pairs) == 0:
            continue
        index += [cover.calls[pairs], np.array([n_p + w])]
        starts.append(starts[-1] + len(pairs) + 1)
    if len(starts) == 1:
        return
    idx = np.concatenate(index).astype(np.int32)
    n = len(starts) - 1
    h.addCols(
        n, np.ones(n), np.zeros(n), np.full(n, np.inf), len(idx),
        np.array(starts[:-1], dtype=np.int32), idx, np.ones(len(idx)),
    )  # fmt: skip
