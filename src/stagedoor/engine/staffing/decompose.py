"""Split a problem into independent parts that can be solved apart (and in parallel).

Two calls interact only through a worker eligible for both, so the connected components of
the position-worker eligibility graph are independent. For the fill objective a component
is cut further in time wherever no call of one side could clash with a call of the other
(the gap exceeds every turnaround, and no daily or weekly cap spans the cut). Headcount
counts distinct workers over the whole run, so it is split by components only.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .problem import StaffingProblem


def components(problem: StaffingProblem) -> list[np.ndarray]:
    """Positions of each component that has at least one eligible pair, largest first."""
    n_pos, n_w = problem.n_positions, problem.n_workers
    if problem.n_pairs == 0:
        return []
    graph = coo_matrix(
        (
            np.ones(problem.n_pairs, dtype=np.int8),
            (problem.pair_pos.astype(np.int64), n_pos + problem.pair_worker.astype(np.int64)),
        ),
        shape=(n_pos + n_w, n_pos + n_w),
    )
    _, labels = connected_components(graph, directed=False)
    has_pairs = np.bincount(problem.pair_pos, minlength=n_pos) > 0
    pos_labels = labels[:n_pos]
    groups = {}
    for p in np.flatnonzero(has_pairs).tolist():
        groups.setdefault(int(pos_labels[p]), []).append(p)
    parts = [np.array(v, dtype=np.int64) for v in groups.values()]
    parts.sort(key=lambda a: (-len(a), int(a[0])))
    return parts


def time_windows(problem: StaffingProblem, positions: np.ndarray) -> list[np.ndarray]:
    """Cut one component's positions at every instant no clash or cap reaches across."""
    order = positions[np.lexsort((positions, problem.start[positions]))]
    rest = int(problem.turnaround[positions].max()) if len(positions) else 0
    out, current = [], [int(order[0])]
    reach = int(problem.end[order[0]]) + rest
    for p in order[1:].tolist():
        cut = int(problem.start[p]) >= reach
        for _cap, key in problem.caps():
            cut = cut and all(key[q] != key[p] for q in current)
        if cut:
            out.append(np.array(sorted(current), dtype=np.int64))
            current = []
        current.append(p)
        reach = max(reach, int(problem.end[p]) + rest)
    out.append(np.array(sorted(current), dtype=np.int64))
    return out


def split(problem: StaffingProblem, objective: str) -> list[np.ndarray]:
    parts = []
    for comp in components(problem):
        parts.extend(time_windows(problem, comp) if objective == "fill" else [comp])
    parts.sort(key=lambda a: (-len(a), int(a[0])))
    return parts


def pairs_of(problem: StaffingProblem, positions: np.ndarray) -> np.ndarray:
    mask = np.zeros(problem.n_positions, dtype=bool)
    mask[positions] = True
    return np.flatnonzero(mask[problem.pair_pos])
