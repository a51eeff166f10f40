"""Bounds: how good could any plan possibly be?

- fill: the LP relaxation of the clique formulation (an upper bound on the fill value);
- headcount: the larger of the most seats active at one instant (cheap) and the rounded-up
  LP relaxation of the covering model (a lower bound on workers).
"""

from __future__ import annotations

import math

import numpy as np

from ..lp import LinearProgram, csr
from ..lp.colgen import HeadcountBound, ScheduleCover
from .greedy import pair_values
from .problem import StaffingProblem
from .structure import Structure, build_structure, max_overlap


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


def priced_fill_bound(
    problem: StaffingProblem, keep: np.ndarray, lp: LinearProgram, row_dual: np.ndarray
) -> float:
    """A bound on the whole problem's fill value from the duals of `fill_lp` over only the
    `keep` pairs (of `problem.subproblem(all positions, keep)`), priced over every pair.

    For any y >= 0 on rows valid for the whole problem, v.x <= b.y + sum over all pairs k of
    max(0, v_k - (A'y)_k). The small LP's rows stay valid for the whole problem: its
    headcount rows take every pair of their position, and each clique row (calls of one
    worker all running at one instant) takes every left-out pair of that worker running
    at that instant too, which keeps it a clique. Caps and extra rows keep their kept
    pairs only (a subset of a valid row is valid). So a good dual of the small LP bounds
    the whole problem, and equals its LP value when no left-out pair prices in. Both signs
    of HiGHS's duals are tried; each gives a valid bound.
    """
    values = pair_values(problem).astype(np.float64)
    small = problem.subproblem(np.arange(problem.n_positions), keep)
    cliques = [c for c in build_structure(small).cliques if len(c) > 1]
    n_pos = problem.n_positions
    rows = np.repeat(np.arange(len(lp.row_hi)), np.diff(lp.row_starts))
    # Each clique row: its worker and an instant all its calls share (the latest start).
    heads = np.array([keep[c[0]] for c in cliques], dtype=np.int64)
    clique_worker = problem.pair_worker[heads].astype(np.int64)
    clique_time = np.array([problem.start[small.pair_pos[c]].max() for c in cliques])
    left = np.setdiff1d(np.arange(problem.n_pairs), keep)
    lw = problem.pair_worker[left].astype(np.int64)
    ls = problem.start[problem.pair_pos[left]]
    le = (problem.end + problem.turnaround)[problem.pair_pos[left]]
    order = np.lexsort((ls, lw))
    left, lw, ls, le = left[order], lw[order], ls[order], le[order]
    span = int((le - ls).max()) + 1 if len(left) else 1
    scale = int(max(problem.end.max() + problem.turnaround.max(), 1)) + 2 * span
    key = lw * scale + ls
    lo = np.searchsorted(key, clique_worker * scale + clique_time - span + 1, side="left")
    hi = np.searchsorted(key, clique_worker * scale + clique_time, side="right")
    best = np.inf
    for sign in (1.0, -1.0):
        y = np.maximum(0.0, sign * row_dual)
        priced = np.bincount(lp.row_index, weights=lp.row_value * y[rows], minlength=len(keep))
        reduced = values - y[problem.pair_pos]
        reduced[keep] = values[keep] - priced
        y_clique = y[n_pos : n_pos + len(cliques)]
        live = np.flatnonzero((y_clique > 0) & (hi > lo))
        if len(live):
            count = (hi - lo)[live]
            row = np.repeat(live, count)
            idx = np.repeat(lo[live] - np.cumsum(count) + count, count) + np.arange(count.sum())
            runs = le[idx] > clique_time[row]  # running at the clique's instant
            np.subtract.at(reduced, left[idx[runs]], y_clique[row[runs]])
        bound = float(np.dot(lp.row_hi, y) + np.maximum(reduced, 0.0).sum())
        best = min(best, bound)
    return float(np.floor(best + 1.0 + 1e-9 * abs(best)))


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


def headcount_flow_lp(problem: StaffingProblem, cover: np.ndarray) -> LinearProgram:
    """The same LP as `headcount_lp`, each worker's clique rows written as a flow.

    A worker's calls (padded by their turnaround) are an interval graph, whose clique
    matrix has consecutive ones, so "at most u_w of the calls active at any instant" is a
    flow of u_w along the worker's time line: an arc per call from its start to its padded
    end and an idle arc between consecutive instants. Same optimum, but each pair sits in
    two rows instead of one per clique it belongs to: interior point is many times faster
    on long calls. Columns: x per pair, u per worker, then the idle arcs.
    """
    n, n_w = problem.n_pairs, problem.n_workers
    pw = problem.pair_worker.astype(np.int64)
    pos = problem.pair_pos.astype(np.int64)
    s = problem.start[pos].astype(np.int64)
    e = (problem.end + problem.turnaround)[pos].astype(np.int64)
    base = int(min(s.min(), e.min())) if n else 0
    width = (int(max(s.max(), e.max())) - base + 1) if n else 1
    key_s, key_e = pw * width + (s - base), pw * width + (e - base)
    nodes = np.unique(np.concatenate([key_s, key_e]))
    node_w = nodes // width
    first = np.r_[True, node_w[1:] != node_w[:-1]] if len(nodes) else np.zeros(0, bool)
    last = np.r_[node_w[1:] != node_w[:-1], True] if len(nodes) else np.zeros(0, bool)
    # Flow rows: one per node except each worker's last (the sum of a worker's rows is 0).
    row_of = np.cumsum(~last) - 1
    n_pos = problem.n_positions
    arcs = np.flatnonzero(~last)  # idle arc from node i to node i + 1 of the same worker
    n_arcs = len(arcs)
    cols_u = n + np.arange(n_w)
    cols_y = n + n_w + np.arange(n_arcs)
    i_s, i_e = np.searchsorted(nodes, key_s), np.searchsorted(nodes, key_e)
    first_node = np.flatnonzero(first)
    entries = [
        # coverage: sum of x over a position's pairs
        (pos, np.arange(n), np.ones(n)),
        # x leaves its start node and enters its end node (unless that is the last node)
        (n_pos + row_of[i_s], np.arange(n), -np.ones(n)),
        (
            n_pos + row_of[i_e][~last[i_e]],
            np.arange(n)[~last[i_e]],
            np.ones(int((~last[i_e]).sum())),
        ),
        # u_w enters the worker's first node
        (n_pos + row_of[first_node], cols_u[node_w[first_node]], np.ones(len(first_node))),
        # idle arcs: out of node i, into node i + 1 unless it is the worker's last
        (n_pos + row_of[arcs], cols_y, -np.ones(n_arcs)),
    ]
    into = arcs + 1
    keep = ~last[into]
    entries.append((n_pos + row_of[into[keep]], cols_y[keep], np.ones(int(keep.sum()))))
    row = np.concatenate([r for r, _, _ in entries]).astype(np.int64)
    col = np.concatenate([c for _, c, _ in entries]).astype(np.int64)
    val = np.concatenate([v for _, _, v in entries]).astype(np.float64)
    n_rows = n_pos + int((~last).sum())
    lo = np.concatenate([cover.astype(np.float64), np.zeros(n_rows - n_pos)])
    hi = lo.copy()
    # Clashes the padding misses (turnarounds that differ) and the hours caps, as before.
    structure = None
    if n and (problem.turnaround.min() != problem.turnaround.max() or problem.caps()):
        structure = build_structure(problem)
    extra_rows: list[np.ndarray] = []
    extra_coefs: list[np.ndarray] = []
    extra_hi: list[float] = []
    if structure is not None:
        for a, b in structure.extra:
            extra_rows.append(np.array([a, b]))
            extra_coefs.append(np.ones(2))
            extra_hi.append(1.0)
        cap_rows, cap_coefs, cap_his = _cap_rows(problem, structure)
        extra_rows += cap_rows
        extra_coefs += cap_coefs
        extra_hi += cap_his
    for k, (r, c) in enumerate(zip(extra_rows, extra_coefs, strict=True)):
        row = np.concatenate([row, np.full(len(r), n_rows + k)])
        col = np.concatenate([col, np.asarray(r, dtype=np.int64)])
        val = np.concatenate([val, c])
    lo = np.concatenate([lo, np.full(len(extra_hi), -np.inf)])
    hi = np.concatenate([hi, np.array(extra_hi, dtype=np.float64)])
    order = np.lexsort((col, row))
    row, col, val = row[order], col[order], val[order]
    starts = np.zeros(len(lo) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=len(lo)), out=starts[1:])
    n_cols = n + n_w + n_arcs
    return LinearProgram(
        c=np.concatenate([np.zeros(n), np.ones(n_w), np.zeros(n_arcs)]),
        col_lo=np.zeros(n_cols),
        col_hi=np.concatenate([np.ones(n + n_w), np.full(n_arcs, np.inf)]),
        row_starts=starts,
        row_index=col.astype(np.int32),
        row_value=val,
        row_lo=lo,
        row_hi=hi,
        maximize=False,
    )


# Column generation (lp/colgen.py) first where the calls have this many candidates each on
# average and the part is this large: its master grows with schedules, the flow LP with
# pairs. Measured on ptask: Data_100 (100 to 380 candidates a call) settles 1.5 to 2.7
# times sooner; Data_137 and Data_010 (20 to 80, long schedules) far later than the flow LP.
COLGEN_PAIRS_PER_CALL = 100
COLGEN_MIN_PAIRS = 20_000


def headcount_bound_job(problem: StaffingProblem, cover: np.ndarray) -> HeadcountBound:
    """The headcount LP bound of a part as the LP child solves it: by column generation
    where that is exact and pays (one turnaround for all, no hours caps, wide
    eligibility), else by the flow LP; the flow LP also when the columns run out of time."""
    lp = headcount_flow_lp(problem, cover)
    calls = max(1, int((cover > 0).sum()))
    wide = problem.n_pairs >= max(COLGEN_MIN_PAIRS, COLGEN_PAIRS_PER_CALL * calls)
    exact = not problem.caps() and (
        problem.n_positions == 0 or problem.turnaround.min() == problem.turnaround.max()
    )
    if not (wide and exact):
        return HeadcountBound(lp)
    schedules = ScheduleCover.build(
        problem.start, problem.end + problem.turnaround, cover,
        problem.pair_pos, problem.pair_worker, problem.n_workers,
    )  # fmt: skip
    return HeadcountBound(lp, schedules)


def overlap_bound(problem: StaffingProblem, cover: np.ndarray) -> int:
    """Seats active at one instant, calls padded by their turnaround: all need distinct people."""
    keep = cover > 0
    return max_overlap(problem.start[keep], (problem.end + problem.turnaround)[keep], cover[keep])


def headcount_bound_from_lp(value: float | None) -> int | None:
    # Interior-point values are accurate to a relative tolerance; round towards safety.
    return None if value is None else math.ceil(value - 1e-5 * max(1.0, abs(value)))
