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
