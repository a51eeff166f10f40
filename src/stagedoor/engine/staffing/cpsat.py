"""The CP-SAT models for both objectives, on one independent part of a problem."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from .greedy import pair_values
from .problem import StaffingProblem
from .structure import Structure


@dataclass
class CpResult:
    chosen: np.ndarray
    status: str  # optimal | feasible | hint (CP-SAT found nothing better than the hint)
    objective: float
    bound: float | None  # CP-SAT's own proven bound on the same objective
    seconds: float


def _params(solver, *, time_limit: float, seed: int, threads: int, deterministic: bool):
    params = solver.parameters
    params.random_seed = seed
    params.num_workers = max(1, threads)
    if deterministic:
        # Deterministic time is CP-SAT's own work counter: the same seed and limit give the
        # same plan on any machine load. The wall limit is only a safety net.
        params.interleave_search = True
        params.max_deterministic_time = time_limit
        params.max_time_in_seconds = max(10.0 * time_limit, 30.0)
    else:
        params.max_time_in_seconds = time_limit


def _add_caps(model, problem: StaffingProblem, x, structure: Structure) -> None:
    minutes = problem.minutes()
    for cap, key in problem.caps():
        for pairs in structure.by_worker:
            groups: dict[int, list[int]] = defaultdict(list)
            for k in pairs.tolist():
                groups[int(key[problem.pair_pos[k]])].append(k)
            for members in groups.values():
                load = sum(int(minutes[problem.pair_pos[k]]) for k in members)
                if load > cap:
                    model.Add(sum(int(minutes[problem.pair_pos[k]]) * x[k] for k in members) <= cap)


def _finish(solver, status, x, hint, objective_of) -> CpResult:
    seconds = solver.WallTime()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = np.array(
            [k for k, var in enumerate(x) if solver.BooleanValue(var)], dtype=np.int64
        )
        label = "optimal" if status == cp_model.OPTIMAL else "feasible"
        return CpResult(
            chosen, label, solver.ObjectiveValue(), solver.BestObjectiveBound(), seconds
        )
    bound = solver.BestObjectiveBound() if status != cp_model.MODEL_INVALID else None
    return CpResult(hint, "hint", objective_of(hint), bound, seconds)


def solve_fill(
    problem: StaffingProblem,
    structure: Structure,
    hint: np.ndarray,
    *,
    time_limit: float,
    seed: int = 0,
    threads: int = 1,
    deterministic: bool = True,
) -> CpResult:
    """Most priority-weighted seats, then best matches, cheapest and nearest, then fairest."""
    model = cp_model.CpModel()
    values = pair_values(problem)
    x = [model.NewBoolVar(f"x{k}") for k in range(problem.n_pairs)]
    by_pos: dict[int, list[int]] = defaultdict(list)
    for k, pos in enumerate(problem.pair_pos.tolist()):
        by_pos[pos].append(k)
    for pos, pairs in by_pos.items():
        if len(pairs) > problem.headcount[pos]:
            model.Add(sum(x[k] for k in pairs) <= int(problem.headcount[pos]))
    for clique in structure.cliques:
        if len(clique) > 1:
            model.AddAtMostOne([x[k] for k in clique.tolist()])
    for a, b in structure.extra:
        model.AddBoolOr([x[a].Not(), x[b].Not()])
    _add_caps(model, problem, x, structure)
    model.Maximize(sum(int(v) * var for v, var in zip(values.tolist(), x, strict=True)))
    for k in hint.tolist():
        model.AddHint(x[k], True)
    hinted = set(hint.tolist())
    for k, var in enumerate(x):
        if k not in hinted:
            model.AddHint(var, False)
    solver = cp_model.CpSolver()
    _params(solver, time_limit=time_limit, seed=seed, threads=threads, deterministic=deterministic)
    status = solver.Solve(model)
    return _finish(solver, status, x, hint, lambda chosen: float(values[chosen].sum()))


def solve_headcount(
    problem: StaffingProblem,
    structure: Structure,
    hint: np.ndarray,
    *,
    time_limit: float,
    seed: int = 0,
    threads: int = 1,
    deterministic: bool = True,
    lower_bound: int = 0,
) -> CpResult:
    """Fewest distinct workers. Every seat is covered when the hint shows that is possible;
    otherwise each seat left open costs more than any number of workers."""
    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{k}") for k in range(problem.n_pairs)]
    u = [model.NewBoolVar(f"u{w}") for w in range(problem.n_workers)]
    by_pos: dict[int, list[int]] = defaultdict(list)
    for k, pos in enumerate(problem.pair_pos.tolist()):
        by_pos[pos].append(k)
    cover_all = len(hint) == problem.seats
    open_seats = []
    for pos in range(problem.n_positions):
        pairs, need = by_pos.get(pos, []), int(problem.headcount[pos])
        if cover_all:
            model.Add(sum(x[k] for k in pairs) == need)
        elif pairs:
            model.Add(sum(x[k] for k in pairs) <= need)
            open_seats.append(need - sum(x[k] for k in pairs))
    pw = problem.pair_worker
    for clique in structure.cliques:
        model.Add(sum(x[k] for k in clique.tolist()) <= u[int(pw[clique[0]])])
    for a, b in structure.extra:
        model.AddBoolOr([x[a].Not(), x[b].Not()])
    _add_caps(model, problem, x, structure)
    if lower_bound > 0:
        model.Add(sum(u) >= lower_bound)
    big = problem.n_workers + 1
    model.Minimize(sum(u) + big * sum(open_seats))
    used = set(pw[hint].tolist())
    hinted = set(hint.tolist())
    for k, var in enumerate(x):
        model.AddHint(var, k in hinted)
    for w, var in enumerate(u):
        model.AddHint(var, w in used)
    solver = cp_model.CpSolver()
    _params(solver, time_limit=time_limit, seed=seed, threads=threads, deterministic=deterministic)
    status = solver.Solve(model)

    def objective_of(chosen):
        return float(len(set(pw[chosen].tolist())) + big * (problem.seats - len(chosen)))

    return _finish(solver, status, x, hint, objective_of)
