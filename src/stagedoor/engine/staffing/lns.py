"""Fewer workers by large neighbourhood search: drop one, repair the calls it leaves open.

The headcount search keeps K workers in the plan. It drops the plan worker whose calls the
others could most nearly absorb as the plan stands (K - 1 left), hands what it can straight
to free plan workers, and repairs the rest: it picks a seat left open, 6-15 workers eligible
for it, a few others, and a window of time around it; frees every call those workers hold
in the window; and lets a small CP-SAT model put the freed calls and the open seats in the
window back on them (or on workers outside the plan, as long as no more workers are used),
covering as many call-minutes as possible (short calls left open fit in gaps more easily).
A move is kept when it leaves no more minutes open than before. When nothing is open the
plan has one worker fewer and it drops the next; when 100 moves bring no progress it goes
back to the best plan and drops someone else. Small models solve in milliseconds, so
hundreds of moves fit where one model of the whole part would still be searching.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from .problem import StaffingProblem
from .structure import interval_cliques

# A move frees the calls near one open seat of 6-15 workers eligible for it, up to 5 other
# plan workers and up to 2 from outside the plan, over a window of 1-5 typical call lengths
# either side. Measured on the SMPTSP benchmark: smaller moves stall, larger ones are slow.
_ELIGIBLE = (6, 16)
_OTHERS = (0, 6)
_OUTSIDE = (0, 3)
_SPANS = (1.0, 2.0, 3.0, 5.0)
_STALE_MOVES = 100  # moves without fewer open minutes before the drop is undone
_MOVE_DET_TIME = 0.5  # CP-SAT deterministic seconds per move
_MOVE_OVERHEAD = 0.04  # what a move's model building counts for in deterministic mode


class _State:
    """A plan as worker -> calls and call -> workers, with seats left open."""

    def __init__(self, problem: StaffingProblem, chosen: np.ndarray):
        p = problem
        self.p = p
        self.pair_of: dict[tuple[int, int], int] = {
            (int(pos), int(w)): k
            for k, (pos, w) in enumerate(
                zip(p.pair_pos.tolist(), p.pair_worker.tolist(), strict=True)
            )
        }
        order = np.lexsort((p.pair_worker, p.pair_pos))
        bounds = np.searchsorted(p.pair_pos[order], np.arange(p.n_positions + 1))
        self.eligible = [
            p.pair_worker[order[bounds[j] : bounds[j + 1]]].astype(np.int64)
            for j in range(p.n_positions)
        ]
        self.load(chosen)
        self.minutes = p.minutes()
        # Open seats weigh their minutes: short calls left open fit in gaps more easily.
        self.weight = [max(1, int(m)) for m in self.minutes]
        self.caps = p.caps()
        self.padded_end = p.end + p.turnaround

    def load(self, chosen: np.ndarray) -> None:
        p = self.p
        self.calls: dict[int, set[int]] = defaultdict(set)
        self.on: list[set[int]] = [set() for _ in range(p.n_positions)]
        for k in chosen.tolist():
            self.put(int(p.pair_worker[k]), int(p.pair_pos[k]))
        self.active = {w for w, c in self.calls.items() if c}

    def fits(self, w: int, j: int) -> bool:
        p = self.p
        if w in self.on[j] or any(p.conflicts(j, c) for c in self.calls.get(w, ())):
            return False
        for cap, key in self.caps:
            k = int(key[j])
            load = sum(int(self.minutes[c]) for c in self.calls.get(w, ()) if int(key[c]) == k)
            if load + int(self.minutes[j]) > cap:
                return False
        return True

    def put(self, w: int, j: int) -> None:
        self.calls[w].add(j)
        self.on[j].add(w)

    def take(self, w: int, j: int) -> None:
        self.calls[w].discard(j)
        self.on[j].discard(w)

    def open_seats(self) -> list[int]:
        p = self.p
        return [
            j
            for j in range(p.n_positions)
            if len(self.on[j]) < int(p.headcount[j]) and len(self.eligible[j])
        ]

    def chosen(self) -> np.ndarray:
        return np.array(
            sorted(self.pair_of[(j, w)] for w, cs in self.calls.items() for j in cs),
            dtype=np.int64,
        )


def _conflicts(p: StaffingProblem, jobs: list[int], padded_end) -> list[list[int]]:
    """Groups of mutually clashing calls: cliques of padded intervals, then leftover pairs."""
    if len(jobs) < 2:
        return []
    jobs = sorted(jobs, key=lambda j: (int(p.start[j]), j))
    arr = np.array(jobs, dtype=np.int64)
    groups = [[jobs[i] for i in c] for c in interval_cliques(p.start[arr], padded_end[arr])]
    groups = [g for g in groups if len(g) > 1]
    turn = p.turnaround[arr]
    if turn.min() != turn.max():
        for a in range(len(jobs)):
            for b in range(a + 1, len(jobs)):
                ja, jb = jobs[a], jobs[b]
                if p.conflicts(ja, jb) and not (
                    p.start[jb] < padded_end[ja] and p.start[ja] < padded_end[jb]
                ):
                    groups.append([ja, jb])
    return groups


def _move(state: _State, rng, target: int, span: int, seed: int, det_limit: float):
    """One repair move around open seat `target`. Returns the deterministic time spent."""
    p = state.p
    s, e = int(p.start[target]), int(p.end[target])
    lo, hi = s - span, e + span
    pool = [int(w) for w in state.eligible[target]]
    inside = [w for w in pool if w in state.active]
    outside = [w for w in pool if w not in state.active]
    rng.shuffle(inside)
    rng.shuffle(outside)
    n_in = int(rng.integers(*_ELIGIBLE))
    workers = inside[:n_in]
    # A few more plan workers, eligible or not, widen the moves that free the right one.
    others = [w for w in state.active if w not in set(workers)]
    if others:
        extra = rng.choice(
            len(others), size=min(len(others), int(rng.integers(*_OTHERS))), replace=False
        )
        workers += [others[i] for i in extra.tolist()]
    workers += outside[: int(rng.integers(*_OUTSIDE))]
    if not workers:
        return 0.0
    wset = set(workers)
    freed: set[int] = set()
    fixed: dict[int, list[int]] = {}
    for w in workers:
        keep = []
        for j in state.calls.get(w, ()):
            if int(p.start[j]) < hi and int(p.end[j]) > lo:
                freed.add(j)
            else:
                keep.append(j)
        fixed[w] = keep
    open_in = [
        j
        for j in range(p.n_positions)
        if len(state.on[j]) < int(p.headcount[j])
        and int(p.start[j]) < hi
        and int(p.end[j]) > lo
        and len(state.eligible[j])
    ]
    jobs = sorted(freed | set(open_in))
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for j in jobs:
        for w in state.eligible[j].tolist():
            if w not in wset or (w in state.on[j] and j not in freed):
                continue
            if any(p.conflicts(j, f) for f in fixed[w]):
                continue
            x[(j, w)] = model.NewBoolVar("")
    by_worker: dict[int, list[int]] = defaultdict(list)
    by_job: dict[int, list[int]] = defaultdict(list)
    for j, w in x:
        by_worker[w].append(j)
        by_job[j].append(w)
    covered_before = 0
    for j in jobs:
        ws = by_job.get(j, [])
        # seats of j held by workers outside the move stay as they are
        room = int(p.headcount[j]) - len(state.on[j] - wset)
        if ws and len(ws) > room:
            model.Add(sum(x[(j, w)] for w in ws) <= room)
        covered_before += len(state.on[j] & wset) * state.weight[j]
    u = {}
    for w in workers:
        js = by_worker.get(w, [])
        if fixed[w]:
            u[w] = 1
        else:
            u[w] = model.NewBoolVar("")
            for j in js:
                model.AddImplication(x[(j, w)], u[w])
        for group in _conflicts(p, js, state.padded_end):
            model.AddAtMostOne([x[(j, w)] for j in group])
        for cap, key in state.caps:
            load: dict[int, int] = defaultdict(int)
            for f in fixed[w]:
                load[int(key[f])] += int(state.minutes[f])
            per: dict[int, list[int]] = defaultdict(list)
            for j in js:
                per[int(key[j])].append(j)
            for k, members in per.items():
                room = cap - load[k]
                if sum(int(state.minutes[j]) for j in members) > room:
                    model.Add(sum(int(state.minutes[j]) * x[(j, w)] for j in members) <= room)
    in_plan = sum(1 for w in workers if w in state.active)
    model.Add(sum(u.values()) <= in_plan)
    model.Maximize(sum(state.weight[j] * var for (j, _w), var in x.items()))
    for (j, w), var in x.items():
        model.AddHint(var, w in state.on[j])
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = 1
    prm.random_seed = seed
    prm.max_deterministic_time = det_limit
    prm.max_time_in_seconds = max(1.0, 20 * det_limit)
    # Presolve costs more than it saves on a model this small: twice the moves without it.
    prm.cp_model_presolve = False
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.deterministic_time
    if solver.ObjectiveValue() < covered_before:
        return solver.deterministic_time
    for j in freed:
        for w in list(state.on[j] & wset):
            state.take(w, j)
    for (j, w), var in x.items():
        if solver.BooleanValue(var):
            state.put(w, j)
    for w in workers:
        if state.calls.get(w):
            state.active.add(w)
        else:
            state.active.discard(w)
    return solver.deterministic_time


def _pick_drop(state: _State, tried: set[int]) -> int | None:
    """The plan worker whose calls the others could most nearly absorb as they stand."""
    candidates = sorted(
        (w for w in state.active if w not in tried), key=lambda w: (len(state.calls[w]), w)
    )[:12]
    best, best_key = None, None
    for w in candidates:
        stuck = 0
        for j in state.calls[w]:
            if not any(
                v != w and v in state.active and state.fits(v, j)
                for v in state.eligible[j].tolist()
            ):
                stuck += 1
        key = (stuck, len(state.calls[w]), w)
        if best_key is None or key < best_key:
            best, best_key = w, key
    return best


def _reinsert(state: _State) -> None:
    """Put open seats straight onto plan workers who are free for them."""
    p = state.p
    for j in sorted(state.open_seats(), key=lambda j: (int(p.start[j]), j)):
        for v in state.eligible[j].tolist():
            if len(state.on[j]) >= int(p.headcount[j]):
                break
            if v in state.active and state.fits(v, j):
                state.put(v, j)


def reduce_workers(
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

    In deterministic mode the budget is CP-SAT's deterministic time summed over the moves
    (plus a safety net on the wall clock), so a seed and a limit give one answer.
    `known_bound`, if given, is asked now and then for a lower bound found meanwhile (an LP
    solving elsewhere): the search ends once the plan meets it. It never goes below a
    lower bound, so stopping there leaves the same plan.
    """
    started = time.perf_counter()
    p = problem
    state = _State(p, chosen)
    best = chosen
    seats = len(chosen)
    rng = np.random.default_rng(seed)
    length = int(np.median(p.end - p.start)) if p.n_positions else 0
    spent = 0.0
    moves = drops = 0
    wall_cap = time_limit if not deterministic else max(3.0 * time_limit, 5.0)

    def out_of_time() -> bool:
        nonlocal lower_bound
        if known_bound is not None and moves % 10 == 0:
            found = known_bound()
            if found is not None and found > lower_bound:
                lower_bound = found
        if len(np.unique(p.pair_worker[best])) <= lower_bound and len(best) >= seats:
            return True
        wall = time.perf_counter() - started
        return wall >= wall_cap or (deterministic and spent >= time_limit)

    tried: set[int] = set()
    while len(state.active) > lower_bound and not out_of_time():
        drop = _pick_drop(state, tried)
        if drop is None:
            break
        tried.add(drop)
        for j in list(state.calls[drop]):
            state.take(drop, j)
        state.active.discard(drop)
        _reinsert(state)
        drops += 1
        fewest, stale = None, 0
        while not out_of_time():
            open_ = state.open_seats()
            missing = seats - sum(len(c) for c in state.calls.values())
            if missing <= 0:
                break
            missing = sum(state.weight[j] * (int(p.headcount[j]) - len(state.on[j])) for j in open_)
            if fewest is None or missing < fewest:
                fewest, stale = missing, 0
            stale += 1
            if stale > _STALE_MOVES:
                break
            target = open_[int(rng.integers(len(open_)))]
            span = int(length * rng.choice(_SPANS))
            det = _move(state, rng, target, span, int(rng.integers(1 << 30)), _MOVE_DET_TIME)
            spent += det + _MOVE_OVERHEAD
            moves += 1
        if seats - sum(len(c) for c in state.calls.values()) <= 0:
            best = state.chosen()
            tried = set()
        else:
            state.load(best)  # stuck: back to the best plan, drop someone else
    stats = {
        "lns_moves": moves,
        "lns_drops": drops,
        "lns_budget_used": round(spent, 3),
        "lns_seconds": round(time.perf_counter() - started, 3),
    }
    return best, stats
