"""The auto-staffing problem as arrays, and the plan that answers it. No Django.

A problem is a set of crew calls (positions) with fixed times and a headcount, a pool of
workers, and the sparse list of (position, worker) pairs that matching found eligible, each
with its match score, cost and travel. Two calls conflict for one worker when they overlap
or leave less rest between them than the larger of the two employers' turnarounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

OBJECTIVES = ("fill", "headcount")

# Unfilled-seat reasons, most specific first.
NO_ELIGIBLE = "no_eligible"
TAKEN = "taken"
TURNAROUND = "turnaround"
HOURS_CAP = "hours_cap"
NOT_CHOSEN = "not_chosen"
REASON_TEXT = {
    NO_ELIGIBLE: "no eligible worker",
    TAKEN: "all eligible workers are taken by overlapping calls",
    TURNAROUND: "the eligible workers would break the turnaround",
    HOURS_CAP: "the eligible workers are at their hours cap",
    NOT_CHOSEN: "left open by the plan",
}


def _arr(values, dtype) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(values, dtype=dtype))


@dataclass(frozen=True)
class StaffingProblem:
    """Crew calls, workers and eligible pairs. Times are epoch seconds, half-open."""

    start: np.ndarray  # int64[P]
    end: np.ndarray  # int64[P]
    headcount: np.ndarray  # int32[P]: open seats on the call
    n_workers: int
    pair_pos: np.ndarray  # int32[L]
    pair_worker: np.ndarray  # int32[L]
    pair_score: np.ndarray | None = None  # float[L] match score 0..100
    pair_cost: np.ndarray | None = None  # float[L] >= 0, what the call costs with this worker
    pair_km: np.ndarray | None = None  # float[L] >= 0, travel
    priority: np.ndarray | None = None  # int32[P] >= 1: department heads and leads higher
    turnaround: np.ndarray | None = None  # int64[P] seconds of rest the employer asks for
    day: np.ndarray | None = None  # int32[P] local day of the call (for the daily cap)
    week: np.ndarray | None = None  # int32[P] week of the call (for the weekly cap)
    max_minutes_day: int | None = None
    max_minutes_week: int | None = None
    worker_hours: np.ndarray | None = None  # float[W] hours already worked (fairness)
    cost_scale: float = 0.0  # the dearest pair's cost (0: work it out); parts keep the whole's

    def __post_init__(self):
        n_pos, n_pairs = len(self.start), len(self.pair_pos)
        set_ = object.__setattr__
        set_(self, "start", _arr(self.start, np.int64))
        set_(self, "end", _arr(self.end, np.int64))
        set_(self, "headcount", _arr(self.headcount, np.int32))
        set_(self, "pair_pos", _arr(self.pair_pos, np.int32))
        set_(self, "pair_worker", _arr(self.pair_worker, np.int32))
        defaults = {
            "pair_score": (n_pairs, np.float64, 0.0),
            "pair_cost": (n_pairs, np.float64, 0.0),
            "pair_km": (n_pairs, np.float64, 0.0),
            "priority": (n_pos, np.int32, 1),
            "turnaround": (n_pos, np.int64, 0),
            "day": (n_pos, np.int32, 0),
            "week": (n_pos, np.int32, 0),
            "worker_hours": (self.n_workers, np.float64, 0.0),
        }
        for name, (size, dtype, fill) in defaults.items():
            value = getattr(self, name)
            set_(self, name, np.full(size, fill, dtype) if value is None else _arr(value, dtype))
        if self.cost_scale <= 0:
            top = float(self.pair_cost.max()) if n_pairs else 0.0
            set_(self, "cost_scale", top if top > 0 else 1.0)
        self.validate()

    @property
    def n_positions(self) -> int:
        return len(self.start)

    @property
    def n_pairs(self) -> int:
        return len(self.pair_pos)

    @property
    def seats(self) -> int:
        return int(self.headcount.sum())

    def validate(self) -> None:
        """Refuse malformed input with the field and the reason."""
        n_pos, n_pairs = self.n_positions, self.n_pairs
        for name in ("end", "headcount", "priority", "turnaround", "day", "week"):
            if len(getattr(self, name)) != n_pos:
                raise ValueError(f"{name}: expected {n_pos} values, one per position")
        for name in ("pair_worker", "pair_score", "pair_cost", "pair_km"):
            if len(getattr(self, name)) != n_pairs:
                raise ValueError(f"{name}: expected {n_pairs} values, one per pair")
        if np.any(self.end <= self.start):
            raise ValueError("end: every call must end after it starts")
        if np.any(self.headcount < 0):
            raise ValueError("headcount: must not be negative")
        if np.any(self.priority < 1):
            raise ValueError("priority: must be at least 1")
        if n_pairs:
            if self.pair_pos.min() < 0 or self.pair_pos.max() >= n_pos:
                raise ValueError("pair_pos: refers to a position that does not exist")
            if self.pair_worker.min() < 0 or self.pair_worker.max() >= self.n_workers:
                raise ValueError("pair_worker: refers to a worker that does not exist")
            key = self.pair_pos.astype(np.int64) * max(self.n_workers, 1) + self.pair_worker
            if len(np.unique(key)) != n_pairs:
                raise ValueError("pair_pos: a (position, worker) pair is listed twice")

    def caps(self) -> list[tuple[int, np.ndarray]]:
        """(cap in minutes, day or week of each call) for each cap that is set."""
        pairs = ((self.max_minutes_day, self.day), (self.max_minutes_week, self.week))
        return [(cap, key) for cap, key in pairs if cap is not None]

    def minutes(self) -> np.ndarray:
        return ((self.end - self.start + 59) // 60).astype(np.int64)

    def conflicts(self, a: int, b: int) -> bool:
        """Can one worker not take both calls? (overlap, or rest shorter than turnaround)"""
        if a == b:
            return True
        rest = max(int(self.turnaround[a]), int(self.turnaround[b]))
        return bool(self.start[a] < self.end[b] + rest and self.start[b] < self.end[a] + rest)

    def subproblem(self, positions: np.ndarray, pairs: np.ndarray) -> StaffingProblem:
        """The part of the problem on `positions` and the `pairs` among them, renumbered."""
        positions = np.asarray(positions, dtype=np.int64)
        pairs = np.asarray(pairs, dtype=np.int64)
        pos_map = np.full(self.n_positions, -1, dtype=np.int64)
        pos_map[positions] = np.arange(len(positions))
        workers = np.unique(self.pair_worker[pairs])
        w_map = np.full(self.n_workers, -1, dtype=np.int64)
        w_map[workers] = np.arange(len(workers))
        return StaffingProblem(
            start=self.start[positions],
            end=self.end[positions],
            headcount=self.headcount[positions],
            n_workers=len(workers),
            pair_pos=pos_map[self.pair_pos[pairs]],
            pair_worker=w_map[self.pair_worker[pairs]],
            pair_score=self.pair_score[pairs],
            pair_cost=self.pair_cost[pairs],
            pair_km=self.pair_km[pairs],
            priority=self.priority[positions],
            turnaround=self.turnaround[positions],
            day=self.day[positions],
            week=self.week[positions],
            max_minutes_day=self.max_minutes_day,
            max_minutes_week=self.max_minutes_week,
            worker_hours=self.worker_hours[workers],
            cost_scale=self.cost_scale,
        )


@dataclass
class Unfilled:
    position: int
    missing: int
    reason: str

    @property
    def text(self) -> str:
        return REASON_TEXT[self.reason]


@dataclass
class Plan:
    """A solver's answer: the chosen pairs, how good it is and how good it could be."""

    objective_name: str
    chosen: np.ndarray  # int64 indices into the problem's pairs
    objective: float
    bound: float | None
    status: str  # "optimal" | "feasible"
    filled: int
    seats: int
    workers_used: int
    unfilled: list[Unfilled] = field(default_factory=list)
    seconds: float = 0.0
    parts: int = 1
    bound_source: str = ""
    stats: dict = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        """Relative distance to the bound: 0 is proven optimal."""
        if self.bound is None:
            return None
        if self.objective_name == "headcount":
            return (
                0.0
                if self.objective <= 0
                else max(0.0, self.objective - self.bound) / (self.objective)
            )
        if self.bound <= 0:
            return 0.0
        return max(0.0, self.bound - self.objective) / abs(self.bound)
