"""Eligibility and ranking of workers for positions, over NumPy arrays. No Django.

One kernel serves both directions: `evaluate` takes pairs (worker index, position index),
so "best crew for a position" is many workers against one position and "gigs for a
worker" is one worker against many positions. Hard rules come back as named failure
masks (which is also how "why not this person?" is answered), soft components as
numbers in [0, 1] that organisation weights turn into a score.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from ..geo import haversine_km_pairs

NO_DAY = np.int32(2**31 - 1)  # "never": a certificate not held starts never, ends never
COMPONENTS = ("fit", "reputation", "reliability", "familiarity", "distance", "cost", "fairness")
DEFAULT_WEIGHTS = (3.0, 2.0, 2.0, 1.5, 1.0, 1.0, 0.5)
RULES = ("role", "level", "skills", "certifications", "union", "unavailable", "booked",
         "radius", "blocked")  # fmt: skip
DISTANCE_SCALE_KM = 200.0
FAIRNESS_HOURS = 160.0
PRIOR_RATING, PRIOR_WEIGHT = 3.5, 3.0
RADIUS_TOLERANCE_KM = 1e-6
SCORE_QUANTUM = 1e6  # scores compare as integers of micro-points, so ties are exact


@dataclass
class WorkerIndex:
    """Everything matching needs to know about every worker, column-wise."""

    ids: np.ndarray  # int64[N], sorted ascending
    role_level: np.ndarray  # int8[R, N]: level rank held in each role, -1 if none
    skill_level: np.ndarray  # int8[S + 1, N]: 0 if none; row S is a sentinel of 5s
    cert_from: np.ndarray  # int32[C + 1, N]: first valid day (NO_DAY if not held)
    cert_to: np.ndarray  # int32[C + 1, N]: last valid day (NO_DAY: no expiry)
    lat: np.ndarray
    lon: np.ndarray
    radius_km: np.ndarray
    will_tour: np.ndarray  # bool
    union_good: np.ndarray  # bool: member in good standing of some local
    day_rate: np.ndarray  # float, NaN if not given
    hour_rate: np.ndarray
    currency: np.ndarray  # int16 index into `currencies`
    rating_sum: np.ndarray
    rating_count: np.ndarray
    completed: np.ndarray  # int32: bookings worked
    no_shows: np.ndarray
    late_cancels: np.ndarray
    hours_30d: np.ndarray
    busy_ptr: np.ndarray  # int64[N + 1]: CSR over busy intervals, by worker
    busy_start: np.ndarray  # int64 epoch seconds
    busy_end: np.ndarray
    busy_booking: np.ndarray  # bool: a booking (turnaround applies) or an unavailable block
    role_members: list[np.ndarray]  # per role: worker indices holding it
    org_worked: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    org_first_call: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    org_blocked: dict[int, np.ndarray] = field(default_factory=dict)
    role_names: list[str] = field(default_factory=list)
    skill_names: list[str] = field(default_factory=list)
    cert_names: list[str] = field(default_factory=list)
    currencies: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.ids)

    def nbytes(self) -> int:
        arrays = [v for v in vars(self).values() if isinstance(v, np.ndarray)]
        arrays += list(self.role_members)
        for table in (self.org_worked, self.org_first_call):
            arrays += [a for pair in table.values() for a in pair]
        arrays += list(self.org_blocked.values())
        return int(sum(a.nbytes for a in arrays))

    def position_of(self, worker_id: int) -> int | None:
        i = int(np.searchsorted(self.ids, worker_id))
        return i if i < len(self.ids) and self.ids[i] == worker_id else None


@dataclass
class PositionIndex:
    """Positions column-wise; requirement lists are padded with sentinel ids."""

    ids: np.ndarray  # int64[P]
    role: np.ndarray  # int16
    level: np.ndarray  # int8 rank
    skill_ids: np.ndarray  # int16[P, K], padded with S (sentinel, always passes)
    skill_min: np.ndarray  # int8[P, K], padded with 0
    fit_skill_ids: np.ndarray  # required and the role's key skills, padded with S
    fit_skill_min: np.ndarray
    fit_skill_valid: np.ndarray  # bool[P, F]
    cert_ids: np.ndarray  # int16[P, Q], padded with C (sentinel)
    start: np.ndarray  # int64 epoch seconds
    end: np.ndarray
    start_day: np.ndarray  # int32 day numbers (local date of the call)
    end_day: np.ndarray
    union_required: np.ndarray
    lat: np.ndarray  # NaN when remote with no room
    lon: np.ndarray
    remote: np.ndarray  # bool: remote studio work, no travel rule
    touring: np.ndarray  # bool: a touring call (willing-to-tour workers may travel to it)
    org: np.ndarray  # int64
    turnaround_s: np.ndarray  # int64
    pay: np.ndarray  # float
    pay_unit: np.ndarray  # int8: 0 hour, 1 day, 2 flat
    currency: np.ndarray  # int16 index into the workers' `currencies`
    weights: np.ndarray  # float[P, 7]

    @property
    def size(self) -> int:
        return len(self.ids)


@dataclass
class Evaluation:
    """Rules and components for a list of (worker, position) pairs."""

    wi: np.ndarray
    pi: np.ndarray
    failures: dict[str, np.ndarray]
    components: np.ndarray  # float[L, 7]
    score: np.ndarray  # float[L] in [0, 100]
    distance_km: np.ndarray
    rank: np.ndarray  # level rank held in the position's role

    @property
    def eligible(self) -> np.ndarray:
        bad = np.zeros(len(self.wi), dtype=bool)
        for mask in self.failures.values():
            bad |= mask
        return ~bad


def _pairs_busy(w: WorkerIndex, p: PositionIndex, wi: np.ndarray, pi: np.ndarray, rest=True):
    """For each pair: does the worker have an unavailable block / a booking in the way?
    With `rest` (the rule) a booking is in the way inside the turnaround around it too."""
    counts = w.busy_ptr[wi + 1] - w.busy_ptr[wi]
    unavailable = np.zeros(len(wi), dtype=bool)
    booked = np.zeros(len(wi), dtype=bool)
    total = int(counts.sum())
    if total == 0:
        return unavailable, booked
    pair_of = np.repeat(np.arange(len(wi)), counts)
    # Interval ids: each pair's CSR range laid end to end.
    offsets = np.repeat(w.busy_ptr[wi] - np.cumsum(counts) + counts, counts)
    interval = offsets + np.arange(total)
    is_booking = w.busy_booking[interval]
    pad = np.where(is_booking & rest, p.turnaround_s[pi][pair_of], 0)
    overlap = (w.busy_start[interval] < p.end[pi][pair_of] + pad) & (
        w.busy_end[interval] > p.start[pi][pair_of] - pad
    )
    np.logical_or.at(unavailable, pair_of[overlap & ~is_booking], True)
    np.logical_or.at(booked, pair_of[overlap & is_booking], True)
    return unavailable, booked


def _in_sorted(sorted_ids: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Membership of `values` in a sorted array, and the matched positions."""
    if len(sorted_ids) == 0:
        return np.zeros(len(values), dtype=bool), np.zeros(len(values), dtype=np.int64)
    at = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[at] == values, at


# A per-organisation table flattened into one sorted key array, kept for the few newest
# tables (an index and its patched successors): a table is never changed once built, and
# holding it here keeps its id from being reused while the entry lives.
_FLAT: OrderedDict[int, tuple[dict, np.ndarray, np.ndarray]] = OrderedDict()
_FLAT_LOCK = threading.Lock()
_FLAT_KEEP = 8


def _flat(table: dict) -> tuple[np.ndarray, np.ndarray]:
    """Every (organisation, worker row) of `table` as one sorted key, organisation << 32 |
    row, with its value: any number of pairs is looked up with one binary search, where a
    loop over organisations cost a scan of every pair per organisation (2,000 of them in the
    national world's Gigs for you)."""
    with _FLAT_LOCK:
        hit = _FLAT.get(id(table))
        if hit is not None and hit[0] is table:
            _FLAT.move_to_end(id(table))
            return hit[1], hit[2]
    if table:
        keys = np.concatenate(
            [(np.int64(org) << 32) | np.asarray(e[0], dtype=np.int64) for org, e in table.items()]
        )
        values = np.concatenate([np.asarray(e[1], dtype=np.float64) for e in table.values()])
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], values[order]
    else:
        keys, values = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    with _FLAT_LOCK:
        _FLAT[id(table)] = (table, keys, values)
        while len(_FLAT) > _FLAT_KEEP:
            _FLAT.popitem(last=False)
    return keys, values


def _per_org(table: dict, orgs: np.ndarray, wi: np.ndarray, default: float) -> np.ndarray:
    keys, values = _flat(table)
    if not len(keys):
        return np.full(len(wi), default, dtype=np.float64)
    found, at = _in_sorted(keys, (np.asarray(orgs, dtype=np.int64) << 32) | wi)
    return np.where(found, values[at], default)


def _blocked(w: WorkerIndex, orgs: np.ndarray, wi: np.ndarray) -> np.ndarray:
    out = np.zeros(len(wi), dtype=bool)
    for org in np.unique(orgs):
        blocked = w.org_blocked.get(int(org))
        if blocked is not None:
            rows = orgs == org
            out[rows] = _in_sorted(blocked, wi[rows])[0]
    return out


def reputation_of(rating_sum, rating_count):
    """Mean rating shrunk toward the prior when few, scaled to [0, 1]."""
    mean = (rating_sum + PRIOR_RATING * PRIOR_WEIGHT) / (rating_count + PRIOR_WEIGHT)
    return (mean - 1.0) / 4.0


def reliability_of(completed, no_shows, late_cancels):
    return (completed + 2.0) / (completed + 2.0 + 2.0 * no_shows + late_cancels)


def evaluate(w: WorkerIndex, p: PositionIndex, wi: np.ndarray, pi: np.ndarray) -> Evaluation:
    """Check every hard rule and compute every soft component for each pair."""
    wi = np.asarray(wi, dtype=np.int64)
    pi = np.asarray(pi, dtype=np.int64)
    rank = w.role_level[p.role[pi], wi].astype(np.int16)
    failures = {
        "role": rank < 0,
        "level": (rank >= 0) & (rank < p.level[pi]),
    }
    skill_ids = p.skill_ids[pi]
    held = w.skill_level[skill_ids, wi[:, None]]
    failures["skills"] = np.any(held < p.skill_min[pi], axis=1)
    cert_ids = p.cert_ids[pi]
    start_day = p.start_day[pi][:, None]
    end_day = p.end_day[pi][:, None]
    valid = (w.cert_from[cert_ids, wi[:, None]] <= start_day) & (
        w.cert_to[cert_ids, wi[:, None]] >= end_day
    )
    failures["certifications"] = ~np.all(valid, axis=1)
    failures["union"] = p.union_required[pi] & ~w.union_good[wi]
    failures["unavailable"], failures["booked"] = _pairs_busy(w, p, wi, pi)
    distance = haversine_km_pairs(w.lat[wi], w.lon[wi], p.lat[pi], p.lon[pi])
    # The radius is waived for remote studio work and for touring calls a worker willing to
    # tour is offered; a local call at a tour stop keeps it (local crew are hired in each city).
    travels = p.remote[pi] | (p.touring[pi] & w.will_tour[wi])
    too_far = distance > w.radius_km[wi] + RADIUS_TOLERANCE_KM
    failures["radius"] = ~travels & np.nan_to_num(too_far, nan=False)
    failures["blocked"] = _blocked(w, p.org[pi], wi)

    comps = np.zeros((len(wi), len(COMPONENTS)), dtype=np.float64)
    # fit: half the level above the minimum, half the skills above their minimum.
    level_part = np.clip(rank - p.level[pi], 0, 3) / 3.0
    fit_ids, fit_min = p.fit_skill_ids[pi], p.fit_skill_min[pi].astype(np.float64)
    fit_valid = p.fit_skill_valid[pi]
    fit_held = w.skill_level[fit_ids, wi[:, None]].astype(np.float64)
    per_skill = np.clip((fit_held - fit_min) / np.maximum(5.0 - fit_min, 1.0), 0.0, 1.0)
    n_fit = fit_valid.sum(axis=1)
    skill_part = np.where(
        n_fit > 0, np.where(fit_valid, per_skill, 0.0).sum(axis=1) / np.maximum(n_fit, 1), 0.0
    )
    comps[:, 0] = 0.5 * level_part + 0.5 * skill_part
    comps[:, 1] = reputation_of(w.rating_sum[wi], w.rating_count[wi])
    comps[:, 2] = reliability_of(w.completed[wi], w.no_shows[wi], w.late_cancels[wi])
    worked = _per_org(w.org_worked, p.org[pi], wi, 0.0)
    first_call = _per_org(w.org_first_call, p.org[pi], wi, 0.0) > 0
    comps[:, 3] = 0.6 * np.minimum(worked, 5.0) / 5.0 + 0.4 * first_call
    near = 1.0 - np.minimum(np.nan_to_num(distance, nan=0.0), DISTANCE_SCALE_KM) / DISTANCE_SCALE_KM
    comps[:, 4] = np.where(p.remote[pi], 1.0, near)
    comps[:, 5] = _cost(w, p, wi, pi)
    comps[:, 6] = 1.0 - np.minimum(w.hours_30d[wi], FAIRNESS_HOURS) / FAIRNESS_HOURS

    weights = p.weights[pi]
    total_weight = weights.sum(axis=1)
    weighted = comps * weights
    score = 100.0 * weighted.sum(axis=1) / total_weight
    return Evaluation(wi, pi, failures, comps, score, distance, rank)


def asking_rate(w: WorkerIndex, p: PositionIndex, wi, pi) -> np.ndarray:
    """What the worker asks in the position's pay unit (NaN if not comparable)."""
    unit = p.pay_unit[pi]
    ask = np.where(unit == 0, w.hour_rate[wi], np.where(unit == 1, w.day_rate[wi], np.nan))
    return np.where(w.currency[wi] == p.currency[pi], ask, np.nan)


def _cost(w: WorkerIndex, p: PositionIndex, wi, pi) -> np.ndarray:
    ask = asking_rate(w, p, wi, pi)
    pay = p.pay[pi]
    over = np.clip(1.0 - (ask - pay) / np.maximum(pay, 1e-9), 0.0, 1.0)
    return np.where(np.isnan(ask), 0.5, np.where(ask <= pay, 1.0, over))


def quantized(score: np.ndarray) -> np.ndarray:
    return np.rint(score * SCORE_QUANTUM).astype(np.int64)


def top_k(ev: Evaluation, keys: np.ndarray, k: int) -> np.ndarray:
    """Indices into `ev` of the k best eligible pairs: score desc, then key asc."""
    rows = np.flatnonzero(ev.eligible)
    if len(rows) == 0 or k <= 0:
        return rows[:0]
    q = quantized(ev.score[rows])
    if len(rows) > k:
        cut = np.partition(q, len(q) - k)[len(q) - k]
        keep = q >= cut
        rows, q = rows[keep], q[keep]
    order = np.lexsort((keys[rows], -q))
    return rows[order][:k]


def candidates_for(w: WorkerIndex, p: PositionIndex, position: int, k: int = 20):
    """The k best eligible workers for one position, and the evaluation behind them."""
    role = int(p.role[position])
    wi = w.role_members[role]
    wi = wi[w.role_level[role, wi] >= p.level[position]]
    ev = evaluate(w, p, wi, np.full(len(wi), position, dtype=np.int64))
    return top_k(ev, w.ids[ev.wi], k), ev


def gigs_for(w: WorkerIndex, p: PositionIndex, worker: int, positions: np.ndarray | None = None,
             k: int = 20):  # fmt: skip
    """The k best positions (among `positions`, default all) a worker is eligible for.
    Only calls for a role she holds at their level are evaluated: no other can be eligible,
    and most of a national world's calls are for other roles."""
    pi = np.arange(p.size) if positions is None else np.asarray(positions, dtype=np.int64)
    pi = pi[w.role_level[p.role[pi], worker] >= p.level[pi]]
    ev = evaluate(w, p, np.full(len(pi), worker, dtype=np.int64), pi)
    return top_k(ev, p.ids[ev.pi], k), ev


def booked_over(w: WorkerIndex, p: PositionIndex, wi, pi) -> np.ndarray:
    """For each pair: does one of the worker's bookings overlap the call itself? (The
    "booked" rule also counts bookings inside the turnaround; this tells the two apart.)"""
    wi, pi = np.asarray(wi, dtype=np.int64), np.asarray(pi, dtype=np.int64)
    return _pairs_busy(w, p, wi, pi, rest=False)[1]


def why_not(w: WorkerIndex, p: PositionIndex, worker: int, position: int) -> Evaluation:
    return evaluate(w, p, np.array([worker]), np.array([position]))
