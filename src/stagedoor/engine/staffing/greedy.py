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

    def remove(self, w: int, pos: int) -> None:
        self.calls[w].remove(pos)
        self.taken[pos] -= 1
        self.day_minutes[(w, int(self.p.day[pos]))] -= int(self.minutes[pos])
        self.week_minutes[(w, int(self.p.week[pos]))] -= int(self.minutes[pos])

    def add(self, w: int, pos: int) -> None:
        self.calls[w].append(pos)
        self.taken[pos] += 1
        self.day_minutes[(w, int(self.p.day[pos]))] += int(self.minutes[pos])
        self.week_minutes[(w, int(self.p.week[pos]))] += int(self.minutes[pos])


def greedy_fill(problem: StaffingProblem, values: np.ndarray | None = None) -> np.ndarray:
    """The better of two passes: a strong warm start for the fill objective.

    Best pairs first (wins when crew is plentiful: every seat fills, the scores decide);
    and scarcity first: higher priority, then the positions with fewest candidates per
    seat, each given the eligible worker with the fewest other options, best value among
    equals (wins when crew is short: it keeps versatile people for the seats that need
    them, about 1-2% more seats filled on the crew weeks).
    """
    values = pair_values(problem) if values is None else values
    if problem.n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    pos = problem.pair_pos
    candidates = np.bincount(pos, minlength=problem.n_positions)
    per_seat = candidates[pos] / np.maximum(problem.headcount[pos], 1)
    options = np.bincount(problem.pair_worker, minlength=problem.n_workers)[problem.pair_worker]
    best = None
    for order in (
        np.lexsort((candidates[pos], -values)),
        np.lexsort((-values, options, per_seat, -problem.priority[pos])),
    ):
        chosen = _take_in_order(problem, order)
        if best is None or values[chosen].sum() > values[best].sum():
            best = chosen
    return best


def _take_in_order(problem: StaffingProblem, order: np.ndarray) -> np.ndarray:
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


def greedy_headcount(problem: StaffingProblem, *, runs: int = 1, seed: int = 0) -> np.ndarray:
    """Few workers: calls by start; reuse a worker already in the plan before adding one.

    Among plan workers free for the call, the least flexible takes it (fewest calls still
    ahead that they could take: the versatile ones are kept for later); a new worker is the
    eligible one who could take the most of the calls still ahead. When nobody is free, a
    plan worker blocked by one call hands that call to another plan worker who is free
    for it. Runs after the first jitter those preferences at random (seeded); the plan
    covering most seats with fewest workers wins.
    """
    p = problem
    if p.n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    order_pairs = np.lexsort((p.pair_worker, p.pair_pos))
    bounds = np.searchsorted(p.pair_pos[order_pairs], np.arange(p.n_positions + 1))
    pos_order = np.lexsort((p.end, p.start)).tolist()
    rng = np.random.default_rng(seed)
    best, best_key = None, None
    for run in range(max(1, runs)):
        jitter = rng.random(p.n_workers) * (0.0 if run == 0 else 0.3)
        chosen = _headcount_run(p, jitter, order_pairs, bounds, pos_order)
        key = (-len(chosen), len(np.unique(p.pair_worker[chosen])))
        if best_key is None or key < best_key:
            best, best_key = chosen, key
    return best


def _headcount_run(p: StaffingProblem, jitter, order_pairs, bounds, pos_order) -> np.ndarray:
    ledger = Ledger(p)
    reach = np.bincount(p.pair_worker, minlength=p.n_workers).astype(np.float64)
    used = np.zeros(p.n_workers, dtype=bool)
    never = -(2**62)
    # Calls come in start order, so a worker is free for the next call when every call
    # they hold ended (plus its turnaround, and plus the next call's) before it starts.
    busy_until = np.full(p.n_workers, never, dtype=np.int64)
    last_end = np.full(p.n_workers, never, dtype=np.int64)
    where: dict[tuple[int, int], int] = {}
    has_caps = bool(p.caps())

    def refresh(w: int) -> None:
        calls = ledger.calls[w]
        busy_until[w] = max((int(p.end[c] + p.turnaround[c]) for c in calls), default=never)
        last_end[w] = max((int(p.end[c]) for c in calls), default=never)

    for pos in pos_order:
        pairs = order_pairs[bounds[pos] : bounds[pos + 1]]
        ws = p.pair_worker[pairs]
        s = int(p.start[pos])
        for _seat in range(int(p.headcount[pos])):
            free = (busy_until[ws] <= s) & (last_end[ws] + int(p.turnaround[pos]) <= s)
            best, best_key = -1, None
            for i in np.flatnonzero(free).tolist():
                w = int(ws[i])
                if (w, pos) in where or (has_caps and ledger.over_cap(w, pos)):
                    continue
                if used[w]:
                    key = (0, reach[w] * (1.0 + jitter[w]), w)
                else:
                    key = (1, -reach[w] * (1.0 + jitter[w]), w)
                if best_key is None or key < best_key:
                    best, best_key = i, key
            if best < 0:
                best, taker = _hand_over(p, ledger, where, used, ws, pos, order_pairs, bounds)
                if best < 0:
                    break
                refresh(int(ws[best]))
                refresh(taker)
            w = int(ws[best])
            ledger.add(w, pos)
            where[(w, pos)] = int(pairs[best])
            used[w] = True
            busy_until[w] = max(busy_until[w], int(p.end[pos] + p.turnaround[pos]))
            last_end[w] = max(last_end[w], int(p.end[pos]))
        reach[ws] -= 1
    return np.array(sorted(where.values()), dtype=np.int64)


def _hand_over(p, ledger, where, used, ws, pos, order_pairs, bounds) -> tuple[int, int]:
    """Free a plan worker for `pos` by moving their one clashing call to another plan
    worker: (index into `ws` of the freed worker, the worker who took the call), or -1s."""
    for i in range(len(ws)):
        w = int(ws[i])
        if not used[w] or (w, pos) in where:
            continue
        block = [c for c in ledger.calls[w] if p.conflicts(c, pos)]
        if len(block) != 1:
            continue
        c = block[0]
        for x2 in order_pairs[bounds[c] : bounds[c + 1]].tolist():
            w2 = int(p.pair_worker[x2])
            if w2 == w or not used[w2] or (w2, c) in where:
                continue
            if ledger.clash(w2, c) or ledger.over_cap(w2, c):
                continue
            ledger.remove(w, c)
            if ledger.over_cap(w, pos):
                ledger.add(w, c)
                continue
            del where[(w, c)]
            ledger.add(w2, c)
            where[(w2, c)] = x2
            return i, w2
    return -1, -1
