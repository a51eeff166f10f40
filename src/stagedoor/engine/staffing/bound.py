"""Bounds: how good could any plan possibly be?

- fill: the LP relaxation of the clique formulation (an upper bound on the fill value);
- headcount: the larger of the most seats active at one instant (cheap) and the rounded-up
  LP relaxation of the covering model (a lower bound on workers).
"""

from __future__ import annotations

import math

import numpy as np

from ..lp import LinearProgram, csr
from .greedy import pair_values
from .problem import StaffingProblem
from .structure import Structure, max_overlap


def _cap_rows(problem: StaffingProblem, structure: Structure):
    rows, coefs, his = [], [], []
    minutes = problem.minutes()
    for cap, key in problem.caps():
        for pairs in structure.by_worker:
            groups: dict[int, list[int]] = {}
            for k in pairs.tolist():
                groups.setdefault(int(key[problem.pair_pos[k]]), []).append(k)
            for members in groups.values():
                m = minutes[problem.pair_pos[members]].astype(np.float64)
                if m.sum() > cap:
                    rows.append(np.array(members))
                    coefs.append(m)
                    his.append(float(cap))
    return rows, coefs, his


def fill_lp(problem: StaffingProblem, structure: Structure) -> LinearProgram:
    n = problem.n_pairs
    order = np.argsort(problem.pair_pos, kind="stable")
    bounds = np.searchsorted(problem.pair_pos[order], np.arange(problem.n_positions + 1))
    rows = [order[bounds[p] : bounds[p + 1]] for p in range(problem.n_positions)]
    his = [float(h) for h in problem.headcount]
    coefs = [np.ones(len(r)) for r in rows]
    for clique in structure.cliques:
        if len(clique) > 1:
            rows.append(clique)
            coefs.append(np.ones(len(clique)))
            his.append(1.0)
    for a, b in structure.extra:
        rows.append(np.array([a, b]))
        coefs.append(np.ones(2))
        his.append(1.0)
    cap_rows, cap_coefs, cap_his = _cap_rows(problem, structure)
    rows, coefs, his = rows + cap_rows, coefs + cap_coefs, his + cap_his
    starts, index, value = csr(rows, n, coefs)
    return LinearProgram(
        c=pair_values(problem).astype(np.float64),
        col_lo=np.zeros(n),
        col_hi=np.ones(n),
        row_starts=starts,
        row_index=index,
        row_value=value,
        row_lo=np.full(len(his), -np.inf),
        row_hi=np.array(his),
        maximize=True,
    )


def headcount_lp(
    problem: StaffingProblem, structure: Structure, cover: np.ndarray
) -> LinearProgram:
    """Columns: one x per pair, then one u per worker. Position p must get cover[p] seats."""
    n, w = problem.n_pairs, problem.n_workers
    order = np.argsort(problem.pair_pos, kind="stable")
    bounds = np.searchsorted(problem.pair_pos[order], np.arange(problem.n_positions + 1))
    rows = [order[bounds[p] : bounds[p + 1]] for p in range(problem.n_positions)]
    coefs = [np.ones(len(r)) for r in rows]
    lo = [float(c) for c in cover]
    hi = list(lo)
    for clique in structure.cliques:
        owner = int(problem.pair_worker[clique[0]])
        rows.append(np.concatenate([clique, [n + owner]]))
        coefs.append(np.concatenate([np.ones(len(clique)), [-1.0]]))
        lo.append(-np.inf)
        hi.append(0.0)
    for a, b in structure.extra:
        rows.append(np.array([a, b]))
        coefs.append(np.ones(2))
        lo.append(-np.inf)
        hi.append(1.0)
    cap_rows, cap_coefs, cap_his = _cap_rows(problem, structure)
    rows, coefs = rows + cap_rows, coefs + cap_coefs
    lo += [-np.inf] * len(cap_his)
    hi += cap_his
    starts, index, value = csr(rows, n + w, coefs)
    return LinearProgram(
        c=np.concatenate([np.zeros(n), np.ones(w)]),
        col_lo=np.zeros(n + w),
        col_hi=np.ones(n + w),
        row_starts=starts,
        row_index=index,
        row_value=value,
        row_lo=np.array(lo),
        row_hi=np.array(hi),
        maximize=False,
    )


def overlap_bound(problem: StaffingProblem, cover: np.ndarray) -> int:
    """Seats active at one instant, calls padded by their turnaround: all need distinct people."""
    keep = cover > 0
    return max_overlap(problem.start[keep], (problem.end + problem.turnaround)[keep], cover[keep])


def headcount_bound_from_lp(value: float | None) -> int | None:
    # Interior-point values are accurate to a relative tolerance; round towards safety.
    return None if value is None else math.ceil(value - 1e-5 * max(1.0, abs(value)))
