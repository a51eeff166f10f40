"""Fast constructive plans: the solver's warm start and the coordinator's baseline."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .problem import StaffingProblem

FILL_UNIT = 1_000_000  # one seat of priority 1 outweighs every softer term on a seat
KM_SCALE = 500.0
FAIR_HOURS = 200.0  # hours already worked beyond which fairness no longer separates people


def pair_values(problem: StaffingProblem) -> np.ndarray:
    """Integer value of each pair in the fill objective.

    Priority-weighted seat first; then the match score (in hundredths of a point, up to
    10,000); then up to 50 off for the dearest worker and 50 off for the longest trip; last,
    fairness: up to 20 off for a worker with many hours already (spreading the work).
    Every term belongs to one pair, so the objective splits exactly over independent parts
    and its LP relaxation bounds it.
    """
    if problem.n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    cost_pen = np.rint(50.0 * np.minimum(problem.pair_cost / problem.cost_scale, 1.0))
    km_pen = np.rint(50.0 * np.minimum(problem.pair_km, KM_SCALE) / KM_SCALE)
    value = (
        problem.priority[problem.pair_pos].astype(np.int64) * FILL_UNIT
        + np.rint(np.clip(problem.pair_score, 0.0, 100.0) * 100.0).astype(np.int64)
        - cost_pen.astype(np.int64)
        - km_pen.astype(np.int64)
        - np.rint(np.minimum(problem.worker_hours[problem.pair_worker], FAIR_HOURS) / 10.0).astype(
            np.int64
        )
    )
    return value


class Ledger:
    """Who is on which call so far, answering "can this worker also take that call?"."""

    def __init__(self, problem: StaffingProblem):
        self.p = problem
        self.calls: dict[int, list[int]] = defaultdict(list)
        self.taken = np.zeros(problem.n_positions, dtype=np.int64)
        self.minutes = problem.minutes()
        self.day_minutes: dict[tuple[int, int], int] = defaultdict(int)
        self.week_minutes: dict[tuple[int, int], int] = defaultdict(int)

    def clash(self, w: int, pos: int) -> bool:
        return any(self.p.conflicts(other, pos) for other in self.calls.get(w, ()))

    def over_cap(self, w: int, pos: int) -> bool:
        p, m = self.p, int(self.minutes[pos])
        day, week = (w, int(p.day[pos])), (w, int(p.week[pos]))
        return (
            p.max_minutes_day is not None and self.day_minutes[day] + m > p.max_minutes_day
        ) or (p.max_minutes_week is not None and self.week_minutes[week] + m > p.max_minutes_week)

    def fits(self, w: int, pos: int) -> bool:
        return (
            self.taken[pos] < self.p.headcount[pos]
            and not self.clash(w, pos)
            and not self.over_cap(w, pos)
        )

    def add(self, w: int, pos: int) -> None:
        self.calls[w].append(pos)
        self.taken[pos] += 1
        self.day_minutes[(w, int(self.p.day[pos]))] += int(self.minutes[pos])
        self.week_minutes[(w, int(self.p.week[pos]))] += int(self.minutes[pos])


def greedy_fill(problem: StaffingProblem, values: np.ndarray | None = None) -> np.ndarray:
    """Best pairs first: a strong warm start for the fill objective."""
    values = pair_values(problem) if values is None else values
    # Scarce positions first among equal values: fewer candidates, less choice later.
    candidates = np.bincount(problem.pair_pos, minlength=problem.n_positions)
    order = np.lexsort((candidates[problem.pair_pos], -values))
    ledger = Ledger(problem)
    chosen = []
    for x in order.tolist():
        w, pos = int(problem.pair_worker[x]), int(problem.pair_pos[x])
        if ledger.fits(w, pos):
            ledger.add(w, pos)
            chosen.append(x)
    return np.array(sorted(chosen), dtype=np.int64)


def greedy_baseline(problem: StaffingProblem) -> np.ndarray:
    """What a coordinator does by hand: calls in date order, each to its best free people."""
    ledger = Ledger(problem)
    order_pairs = np.lexsort((-problem.pair_score, problem.pair_pos))
    bounds = np.searchsorted(problem.pair_pos[order_pairs], np.arange(problem.n_positions + 1))
    chosen = []
    for pos in np.lexsort((np.arange(problem.n_positions), problem.start)).tolist():
        for x in order_pairs[bounds[pos] : bounds[pos + 1]].tolist():
            if ledger.taken[pos] >= problem.headcount[pos]:
                break
            w = int(problem.pair_worker[x])
            if ledger.fits(w, pos):
                ledger.add(w, pos)
                chosen.append(x)
    return np.array(sorted(chosen), dtype=np.int64)


def greedy_headcount(problem: StaffingProblem) -> np.ndarray:
    """Few workers: calls by start; reuse a worker already in the plan before adding one.

    A new worker is the eligible one who could take the most of the calls still open.
    """
    ledger = Ledger(problem)
    reach = np.bincount(problem.pair_worker, minlength=problem.n_workers)
    used = np.zeros(problem.n_workers, dtype=bool)
    order_pairs = np.lexsort((problem.pair_worker, problem.pair_pos))
    bounds = np.searchsorted(problem.pair_pos[order_pairs], np.arange(problem.n_positions + 1))
    chosen = []
    for pos in np.lexsort((problem.end, problem.start)).tolist():
        pairs = order_pairs[bounds[pos] : bounds[pos + 1]]
        for _seat in range(int(problem.headcount[pos])):
            best, best_key = -1, None
            for x in pairs.tolist():
                w = int(problem.pair_worker[x])
                if not ledger.fits(w, pos):
                    continue
                # Prefer a worker already used, then the least flexible (keep the
                # versatile ones for later), then the lowest index for determinism.
                key = (0 if used[w] else 1, int(reach[w]) if used[w] else -int(reach[w]), w)
                if best_key is None or key < best_key:
                    best, best_key = x, key
            if best < 0:
                break
            w = int(problem.pair_worker[best])
            ledger.add(w, pos)
            used[w] = True
            chosen.append(best)
        for x in pairs.tolist():
            reach[int(problem.pair_worker[x])] -= 1
    return np.array(sorted(chosen), dtype=np.int64)
