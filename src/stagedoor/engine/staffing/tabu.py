"""Fewer workers by tabu search over ejection moves, with the worker count held fixed.

Once a plan covers every seat with K workers, the search drops one of them and looks for a
plan with K - 1: every seat the dropped worker held is open. A move puts an open seat on an
eligible plan worker and bumps that worker's calls that clash with it back to open (the
way a coordinator shuffles a call list). Each step takes the move that leaves the fewest
seats open; a worker cannot take back a call it lost for a while (the tabu tenure), so the
search walks on through plans as good as the last instead of cycling. When nothing is open
the plan is one worker smaller and the next worker is dropped; when many steps bring no
progress the search goes back to the best plan and drops someone else.

A step costs microseconds where a CP-SAT repair costs tens of milliseconds, so the tabu
search runs first and the CP-SAT moves (lns.py) take over when it stalls.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .problem import StaffingProblem

_STALE_STEPS = 3_000  # steps without fewer open seats before the drop is undone (first round)
_TENURE = (2, 12)  # random part of the tabu tenure, plus 0.6 x the seats open
STEPS_PER_SECOND = 4_000  # the deterministic budget: steps counted, not seconds


class _Plan:
    """Worker -> calls and call -> workers, the K plan workers, and the seats open."""

    def __init__(self, problem: StaffingProblem, chosen: np.ndarray):
        p = problem
        self.p = p
        self.start = p.start.tolist()
        self.end = p.end.tolist()
        self.turn = p.turnaround.tolist()
        self.need = p.headcount.tolist()
        order = np.lexsort((p.pair_worker, p.pair_pos))
        bounds = np.searchsorted(p.pair_pos[order], np.arange(p.n_positions + 1))
        self.eligible = [
            p.pair_worker[order[bounds[j] : bounds[j + 1]]].tolist() for j in range(p.n_positions)
        ]
        pairs = zip(p.pair_pos.tolist(), p.pair_worker.tolist(), strict=True)
        self.pair_of = {(j, w): k for k, (j, w) in enumerate(pairs)}
        self.caps = [(cap, key.tolist()) for cap, key in p.caps()]
        self.minutes = p.minutes().tolist()
        self.load(chosen)

    def load(self, chosen: np.ndarray) -> None:
        p = self.p
        self.calls: list[list[int]] = [[] for _ in range(p.n_workers)]
        self.on: list[set[int]] = [set() for _ in range(p.n_positions)]
        for k in chosen.tolist():
            self.calls[int(p.pair_worker[k])].append(int(p.pair_pos[k]))
            self.on[int(p.pair_pos[k])].add(int(p.pair_worker[k]))
        self.active = {w for w in range(p.n_workers) if self.calls[w]}
        self.open = {
            j: self.need[j] - len(self.on[j])
            for j in range(p.n_positions)
            if len(self.on[j]) < self.need[j] and self.eligible[j]
        }

    def clashes(self, w: int, j: int) -> list[int]:
        """w's calls that one worker could not hold together with j."""
        s, e, t = self.start[j], self.end[j], self.turn[j]
        out = []
        for c in self.calls[w]:
            rest = t if t >= self.turn[c] else self.turn[c]
            if s < self.end[c] + rest and self.start[c] < e + rest:
                out.append(c)
        return out

    def within_caps(self, w: int, j: int, leaving: list[int]) -> bool:
        for cap, key in self.caps:
            k = key[j]
            load = self.minutes[j] + sum(
                self.minutes[c] for c in self.calls[w] if key[c] == k and c not in leaving
            )
            if load > cap:
                return False
        return True

    def put(self, w: int, j: int) -> None:
        self.calls[w].append(j)
        self.on[j].add(w)
        left = self.open.get(j, 0) - 1
        if left > 0:
            self.open[j] = left
        else:
            self.open.pop(j, None)

    def take(self, w: int, j: int) -> None:
        self.calls[w].remove(j)
        self.on[j].discard(w)
        self.open[j] = self.open.get(j, 0) + 1

    def drop(self, w: int) -> None:
        for j in list(self.calls[w]):
            self.take(w, j)
        self.active.discard(w)

    def fill_free(self) -> None:
        """Open seats straight onto plan workers free for them."""
        for j in sorted(self.open, key=lambda j: (self.start[j], j)):
            for w in self.eligible[j]:
                if j not in self.open:
                    break
                if (
                    w in self.active
                    and w not in self.on[j]
                    and not self.clashes(w, j)
                    and self.within_caps(w, j, [])
                ):
                    self.put(w, j)

    def chosen(self) -> np.ndarray:
        return np.array(
            sorted(self.pair_of[(j, w)] for w in self.active for j in self.calls[w]),
            dtype=np.int64,
        )


def _pick_drop(plan: _Plan, tried: set[int]) -> int | None:
    """The plan worker whose calls the others could most nearly take as they stand."""
    candidates = sorted(
        (w for w in plan.active if w not in tried), key=lambda w: (len(plan.calls[w]), w)
    )[:12]
    best, best_key = None, None
    for w in candidates:
        stuck = sum(
            1
            for j in plan.calls[w]
            if not any(
                v != w and v in plan.active and v not in plan.on[j] and not plan.clashes(v, j)
                for v in plan.eligible[j]
            )
        )
        key = (stuck, len(plan.calls[w]), w)
        if best_key is None or key < best_key:
            best, best_key = w, key
    return best


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
        return self.taken % 64 == 0 and time.perf_counter() - self.started >= self.time_limit


def _walk(plan: _Plan, rng, budget: _Budget, stale: int, base_open: dict, stop) -> bool:
    """Tabu steps until no seat beyond `base_open` is open (True), or `stale` steps bring
    no progress, or the budget or `stop()` says so (False)."""
    tabu: dict[tuple[int, int], int] = {}
    fewest, since = _open_count(plan, base_open), 0
    while _open_count(plan, base_open) > 0:
        if since > stale or budget.spent() or stop():
            return False
        budget.taken += 1
        since += 1
        move = _best_move(plan, tabu, budget.taken, fewest, base_open, rng)
        if move is None:
            continue
        j, w, out = move
        tenure = int(rng.integers(*_TENURE)) + int(0.6 * len(plan.open))
        for c in out:
            plan.take(w, c)
            tabu[(c, w)] = budget.taken + tenure
        plan.put(w, j)
        now = _open_count(plan, base_open)
        if now < fewest:
            fewest, since = now, 0
    return True


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
    plan.active = set(np.unique(problem.pair_worker).tolist())
    plan.fill_free()
    budget = _Budget(time_limit, deterministic)
    rng = np.random.default_rng(seed)
    if _walk(plan, rng, budget, 50 * _STALE_STEPS, {}, lambda: False):
        plan.active = {w for w in plan.active if plan.calls[w]}
        return plan.chosen()
    return chosen


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
    best = chosen
    best_workers = len(plan.active)
    rng = np.random.default_rng(seed)
    budget = _Budget(time_limit, deterministic)
    drops = rounds = 0
    stale = _STALE_STEPS
    tried: set[int] = set()

    def stop() -> bool:
        nonlocal lower_bound
        if known_bound is not None and budget.taken % 512 == 0:
            found = known_bound()
            if found is not None and found > lower_bound:
                lower_bound = found
        return best_workers <= lower_bound

    base_open = dict(plan.open)  # seats the plan leaves open may stay open
    while not (stop() or budget.spent()):
        drop = _pick_drop(plan, tried)
        if drop is None:
            # Every worker dropped in vain: again, each with a longer search.
            tried, stale = set(), 2 * stale
            rounds += 1
            continue
        tried.add(drop)
        plan.drop(drop)
        plan.fill_free()
        drops += 1
        if _walk(plan, rng, budget, stale, base_open, stop):
            best, best_workers = plan.chosen(), len(plan.active)
            tried = set()
        else:
            plan.load(best)  # stuck: back to the best plan, drop someone else
    stats = {
        "tabu_steps": budget.taken,
        "tabu_drops": drops,
        "tabu_rounds": rounds,
        "tabu_seconds": round(time.perf_counter() - budget.started, 3),
    }
    return best, stats


def _open_count(plan: _Plan, base_open: dict[int, int]) -> int:
    return sum(n - base_open.get(j, 0) for j, n in plan.open.items())


def _best_move(plan: _Plan, tabu, step: int, fewest: int, base_open, rng):
    """The move (seat, worker, calls bumped) leaving the fewest seats open, ties at random."""
    now = _open_count(plan, base_open)
    best_delta, moves = None, []
    for j in plan.open:
        for w in plan.eligible[j]:
            if w not in plan.active or w in plan.on[j]:
                continue
            out = plan.clashes(w, j)
            if plan.caps and not plan.within_caps(w, j, out):
                continue
            delta = len(out) - 1
            if tabu.get((j, w), 0) > step and now + delta >= fewest:
                continue  # tabu, and not a new best
            if best_delta is None or delta < best_delta:
                best_delta, moves = delta, [(j, w, out)]
            elif delta == best_delta:
                moves.append((j, w, out))
    if not moves:
        return None
    return moves[int(rng.integers(len(moves)))]
