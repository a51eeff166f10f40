"""Conflict structure of a staffing problem: per-worker cliques of clashing calls.

For one worker, calls padded by their employer's turnaround ([start, end + turnaround))
form an interval graph; its maximal cliques (found by one sweep) give the strongest
"at most one of these" constraints. Padding each call by its own turnaround misses a clash
only when the later call's employer asks for more rest than the earlier one's; those few
pairs are listed separately.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import StaffingProblem


@dataclass
class Structure:
    cliques: list[np.ndarray]  # pair indices; every pair is in at least one clique
    extra: list[tuple[int, int]]  # clashing pairs of pairs no clique covers
    by_worker: list[np.ndarray]  # pair indices per worker, by start time


def interval_cliques(start: np.ndarray, end: np.ndarray) -> list[list[int]]:
    """Maximal cliques of half-open intervals sorted by start (indices into them)."""
    n = len(start)
    by_end = np.argsort(end, kind="stable")
    active: dict[int, None] = {}
    cliques: list[list[int]] = []
    grew = False
    i = j = 0
    starts, ends = start.tolist(), end.tolist()
    order = by_end.tolist()
    while i < n:
        if ends[order[j]] <= starts[i]:
            if grew:
                cliques.append(list(active))
                grew = False
            del active[order[j]]
            j += 1
        else:
            active[i] = None
            i += 1
            grew = True
    if grew:
        cliques.append(list(active))
    return cliques


def build_structure(problem: StaffingProblem) -> Structure:
    """Cliques, uncovered clashes and pairs by worker, vectorised over all workers at once.

    Pairs are sorted by (worker, start). The calls active at the start of pair i are the
    pairs j <= i of the same worker whose padded end lies beyond it; that set is a maximal
    clique exactly when the next start of the worker comes at or after the earliest of
    their ends. Each pair's active set lies within the last `span` seconds (the longest
    padded call), so a few shifted comparisons over the whole array find them all. Same
    result as `build_structure_sweep` (the per-worker sweep), several times faster.
    """
    pw = problem.pair_worker.astype(np.int64)
    ps = problem.pair_pos.astype(np.int64)
    order = np.lexsort((problem.start[ps], pw))
    bounds = np.searchsorted(pw[order], np.arange(problem.n_workers + 1))
    by_worker = np.split(order, bounds[1:-1]) if problem.n_workers else []
    n = len(order)
    if n == 0:
        return Structure([], [], by_worker)
    w, pos = pw[order], ps[order]
    s, e_raw, turn = problem.start[pos], problem.end[pos], problem.turnaround[pos]
    e = e_raw + turn
    span = int((e - s).max()) + 1
    base = int(s.min())
    # One sorted key: worker, then start; workers lie more than 2 spans apart on it.
    key = w * (int(s.max()) - base + 2 * span + 1) + (s - base)
    idx = np.arange(n)
    first = np.searchsorted(key, key - span + 1, side="left")
    depth = int((idx - first).max())
    min_end = e.copy()
    for k in range(1, depth + 1):
        j = np.maximum(idx - k, 0)
        ok = (idx - k >= first) & (e[j] > s)
        np.minimum(min_end, np.where(ok, e[j], min_end), out=min_end)
    same_next = np.r_[w[1:] == w[:-1], False]
    point = np.flatnonzero(~same_next | (np.r_[s[1:], 0] >= min_end))
    heads, members = [point], [point]
    for k in range(1, depth + 1):
        j = point - k
        jj = np.maximum(j, 0)
        ok = (j >= first[point]) & (e[jj] > s[point])
        heads.append(point[ok])
        members.append(j[ok])
    head, member = np.concatenate(heads), np.concatenate(members)
    o = np.lexsort((member, head))
    head, member = head[o], member[o]
    cliques = np.split(order[member], np.flatnonzero(head[1:] != head[:-1]) + 1)
    extra: list[tuple[int, int]] = []
    if turn.min() != turn.max():
        # a, then b starting at or after a's padding but before e[a] + b's longer rest.
        last = np.searchsorted(key, key + (e_raw - s) + int(turn.max()), side="left")
        firsts, seconds = [], []
        for k in range(1, int((last - idx).max())):
            b = np.minimum(idx + k, n - 1)
            ok = (idx + k < last) & (s[b] >= e) & (s[b] < e_raw + np.maximum(turn, turn[b]))
            firsts.append(idx[ok])
            seconds.append(idx[ok] + k)
        if firsts:
            a_, b_ = np.concatenate(firsts), np.concatenate(seconds)
            o = np.lexsort((b_, a_))
            extra = list(zip(order[a_[o]].tolist(), order[b_[o]].tolist(), strict=True))
    return Structure(cliques, extra, by_worker)


def build_structure_sweep(problem: StaffingProblem) -> Structure:
    """The plain per-worker sweep: the reference `build_structure` is checked against."""
    pw = problem.pair_worker.astype(np.int64)
    ps = problem.pair_pos.astype(np.int64)
    order = np.lexsort((problem.start[ps], pw))
    bounds = np.searchsorted(pw[order], np.arange(problem.n_workers + 1))
    padded_end = problem.end + problem.turnaround
    cliques: list[np.ndarray] = []
    extra: list[tuple[int, int]] = []
    by_worker: list[np.ndarray] = []
    for w in range(problem.n_workers):
        pairs = order[bounds[w] : bounds[w + 1]]
        by_worker.append(pairs)
        if len(pairs) == 0:
            continue
        pos = ps[pairs]
        s, e = problem.start[pos], padded_end[pos]
        for clique in interval_cliques(s, e):
            cliques.append(pairs[clique])
        turn = problem.turnaround[pos]
        if len(pos) > 1 and turn.min() != turn.max():
            extra.extend(_uncovered(problem, pairs, pos))
    return Structure(cliques, extra, by_worker)


def _uncovered(problem: StaffingProblem, pairs, pos) -> list[tuple[int, int]]:
    """Clashes where the later call's turnaround is longer than the earlier call's padding."""
    out = []
    s, e, t = problem.start[pos], problem.end[pos], problem.turnaround[pos]
    longest = int(t.max())
    for a in range(len(pos)):
        lo = np.searchsorted(s, e[a] + t[a], side="left")
        hi = np.searchsorted(s, e[a] + longest, side="left")
        for b in range(lo, hi):
            if b != a and s[b] >= s[a] and s[b] < e[a] + max(t[a], t[b]):
                out.append((int(pairs[a]), int(pairs[b])))
    return out


def max_overlap(start: np.ndarray, end: np.ndarray, weight: np.ndarray | None = None) -> int:
    """The most (weighted) half-open intervals active at one instant."""
    if len(start) == 0:
        return 0
    weight = np.ones(len(start), dtype=np.int64) if weight is None else weight.astype(np.int64)
    times = np.concatenate([start, end])
    deltas = np.concatenate([weight, -weight])
    # Ends sort before starts at the same instant: half-open intervals touching don't overlap.
    kinds = np.concatenate([np.ones(len(start)), np.zeros(len(end))])
    order = np.lexsort((kinds, times))
    return int(np.cumsum(deltas[order]).max())
