"""The tabu ejection search: valid plans, never fewer seats, fewer workers where it can."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from stagedoor.engine.staffing import StaffingProblem, check_plan, greedy_headcount
from stagedoor.engine.staffing.tabu import STEPS_PER_SECOND, tabu_fill, tabu_reduce

from .test_solve import H, _random_problem, tiny_problems


def _workers(problem: StaffingProblem, chosen) -> int:
    return len(set(problem.pair_worker[np.asarray(chosen, dtype=np.int64)].tolist()))


def _pairs(problem: StaffingProblem, chosen) -> list[tuple[int, int]]:
    return sorted(
        (int(problem.pair_pos[k]), int(problem.pair_worker[k])) for k in np.asarray(chosen)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems())
def test_every_plan_it_returns_passes_the_checker(problem):
    start = greedy_headcount(problem, runs=1, seed=0)
    filled = tabu_fill(problem, start, time_limit=0.05, seed=1)
    assert check_plan(problem, filled) == []
    assert len(filled) >= len(start)
    fewer, stats = tabu_reduce(problem, filled, lower_bound=0, time_limit=0.05, seed=1)
    assert check_plan(problem, fewer) == []
    assert len(fewer) >= len(filled)
    assert _workers(problem, fewer) <= _workers(problem, filled)
    assert stats["tabu_steps"] <= 0.05 * STEPS_PER_SECOND  # the deterministic budget


def _problem(calls, eligible) -> StaffingProblem:
    """calls: (start hour, end hour); eligible: (call, worker) pairs."""
    return StaffingProblem(
        start=[s * H for s, _ in calls],
        end=[e * H for _, e in calls],
        headcount=[1] * len(calls),
        n_workers=1 + max(w for _, w in eligible),
        pair_pos=[c for c, _ in eligible],
        pair_worker=[w for _, w in eligible],
    )


def test_fill_bumps_a_call_along_to_open_a_seat():
    # Worker 0 holds call 0; call 1 (same hours) only worker 0 can take, call 0 also worker 1.
    problem = _problem([(9, 17), (9, 17)], [(0, 0), (0, 1), (1, 0)])
    held = np.array([0], dtype=np.int64)  # pair (call 0, worker 0)
    filled = tabu_fill(problem, held, time_limit=0.1, seed=0)
    assert _pairs(problem, filled) == [(0, 1), (1, 0)]


def test_fill_leaves_the_plan_as_it_was_when_no_seat_can_open():
    problem = _problem([(9, 17), (10, 12)], [(0, 0), (1, 0)])
    held = np.array([0], dtype=np.int64)
    assert tabu_fill(problem, held, time_limit=0.1, seed=0).tolist() == [0]


def test_reduce_hands_a_workers_calls_to_the_others():
    # Three workers, each on one call; worker 1 can take the evening, worker 0 the morning
    # and the afternoon: two are enough.
    problem = _problem(
        [(8, 12), (13, 17), (18, 22)],
        [(0, 0), (0, 2), (1, 0), (1, 1), (2, 1), (2, 2)],
    )
    plan = np.array([0, 3, 5], dtype=np.int64)  # 0 morning, 1 afternoon, 2 evening
    assert _workers(problem, plan) == 3
    fewer, _ = tabu_reduce(problem, plan, lower_bound=1, time_limit=0.5, seed=0)
    assert check_plan(problem, fewer) == []
    assert len(fewer) == 3
    assert _workers(problem, fewer) == 2


def test_same_seed_and_budget_same_plan():
    problem = _random_problem(11)
    start = greedy_headcount(problem, runs=1, seed=0)
    one, _ = tabu_reduce(problem, start, lower_bound=0, time_limit=2, seed=4)
    two, _ = tabu_reduce(problem, start, lower_bound=0, time_limit=2, seed=4)
    assert one.tolist() == two.tolist()
    assert check_plan(problem, one) == []
    assert _workers(problem, one) < _workers(problem, start)
