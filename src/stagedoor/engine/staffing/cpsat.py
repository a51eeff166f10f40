"""The CP-SAT models for both objectives, on one independent part of a problem."""

from __future__ import annotations

import time
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
    """Most priority-weighted seats, then best matches, cheapest and nearest, then fairest.

    The model is written straight into CP-SAT's proto from the arrays: with 10^5 to 10^6
    pairs, one Python object per variable and per term (the modelling API) takes longer
    than the search it feeds.
    """
    entered = time.perf_counter()
    values = pair_values(problem)
    n = problem.n_pairs
    model = cp_model.CpModel()
    proto = model.proto
    for _ in range(n):
        proto.variables.add().domain.extend((0, 1))
    order = np.argsort(problem.pair_pos, kind="stable")
    bounds = np.searchsorted(problem.pair_pos[order], np.arange(problem.n_positions + 1))
    sizes = np.diff(bounds)
    for pos in np.flatnonzero(sizes > problem.headcount).tolist():
        members = order[bounds[pos] : bounds[pos + 1]].tolist()
        linear = proto.constraints.add().linear
        linear.vars.extend(members)
        linear.coeffs.extend([1] * len(members))
        linear.domain.extend((0, int(problem.headcount[pos])))
    for clique in structure.cliques:
        if len(clique) > 1:
            proto.constraints.add().at_most_one.literals.extend(clique.tolist())
    for a, b in structure.extra:
        proto.constraints.add().at_most_one.literals.extend((a, b))
    minutes = problem.minutes()
    for cap, key in problem.caps():
        for members in _cap_groups(problem, structure, key, minutes, cap):
            linear = proto.constraints.add().linear
            linear.vars.extend(members.tolist())
            linear.coeffs.extend(minutes[problem.pair_pos[members]].tolist())
            linear.domain.extend((0, int(cap)))
    # CP-SAT minimises: maximise v.x as minimise -v.x, reported back times -1.
    proto.objective.vars.extend(range(n))
    proto.objective.coeffs.extend((-values).tolist())
    proto.objective.scaling_factor = -1.0
    hinted = np.zeros(n, dtype=np.int64)
    hinted[hint] = 1
    proto.solution_hint.vars.extend(range(n))
    proto.solution_hint.values.extend(hinted.tolist())
    if not deterministic:
        # Wall time: writing the model came off the limit.
        time_limit = max(0.05, time_limit - (time.perf_counter() - entered))
    solver = cp_model.CpSolver()
    _params(solver, time_limit=time_limit, seed=seed, threads=threads, deterministic=deterministic)
    # The full LP relaxation (cliques and headcounts) is nearly integral here: with it in
    # every node CP-SAT proves the crew weeks optimal in seconds, without it it stalls.
    solver.parameters.linearization_level = 2
    if deterministic and threads <= 1:
        # One worker is deterministic by itself; interleaving the portfolio in one thread
        # only slows it (the crew week: proved optimal in 4 s alone, 43 s interleaved).
        solver.parameters.interleave_search = False
    status = solver.Solve(model)
    seconds = solver.WallTime()
    hint_value = float(values[hint].sum())
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = np.flatnonzero(np.asarray(solver.response_proto.solution)[:n]).astype(np.int64)
        label = "optimal" if status == cp_model.OPTIMAL else "feasible"
        value = float(values[chosen].sum())
        bound = solver.BestObjectiveBound()
        return CpResult(chosen, label, value, bound if bound >= value else None, seconds)
    # Stopped before any solution (UNKNOWN): CP-SAT's "bound" is then no bound at all (it
    # reads 0 when presolve did not finish), so only one at least the hint's value counts.
    bound = None
    if status == cp_model.UNKNOWN and solver.BestObjectiveBound() >= hint_value > 0:
        bound = solver.BestObjectiveBound()
    return CpResult(hint, "hint", hint_value, bound, seconds)


def _cap_groups(problem, structure: Structure, key, minutes, cap) -> list[np.ndarray]:
    """Each worker's pairs on one day (or week) whose minutes add up to more than the cap."""
    out = []
    for pairs in structure.by_worker:
        if len(pairs) == 0:
            continue
        k = key[problem.pair_pos[pairs]]
        for v in np.unique(k).tolist():
            members = pairs[k == v]
            if int(minutes[problem.pair_pos[members]].sum()) > cap:
                out.append(members)
    return out


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
    # More subsolvers than cores, interleaved: on the SMPTSP instances this proves small
    # optima several times sooner than one subsolver per core.
    solver.parameters.interleave_search = True
    solver.parameters.num_workers = max(8, threads)
    status = solver.Solve(model)

    def objective_of(chosen):
        return float(len(set(pw[chosen].tolist())) + big * (problem.seats - len(chosen)))

    return _finish(solver, status, x, hint, objective_of)
