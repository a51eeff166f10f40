"""The crew-weeks generator, and the fill solver's speed work checked on what it generates."""

import time

import numpy as np
import pytest

from stagedoor.engine.lp import LpJob
from stagedoor.engine.staffing import check_plan, greedy_baseline, greedy_fill, pair_values, solve
from stagedoor.engine.staffing import parts as parts_mod
from stagedoor.engine.staffing import solve as solve_module
from stagedoor.engine.staffing.bound import fill_lp, priced_fill_bound
from stagedoor.engine.staffing.crewgen import CALLS, HOUR, SIZES, T0, crew_weeks, describe
from stagedoor.engine.staffing.problem import StaffingProblem
from stagedoor.engine.staffing.structure import build_structure, build_structure_sweep

ARRAYS = ("start", "end", "headcount", "pair_pos", "pair_worker", "pair_score", "pair_cost",
          "pair_km", "priority", "turnaround", "day", "week", "worker_hours")  # fmt: skip


@pytest.fixture(scope="module")
def small():
    return crew_weeks("small", 11)


def test_same_seed_same_arrays():
    a, b = crew_weeks("small", 3), crew_weeks("small", 3)
    for name in ARRAYS:
        assert np.array_equal(getattr(a.problem, name), getattr(b.problem, name)), name
    for name in ("role_level", "away", "lat", "lon", "radius_km", "will_tour", "pos_role"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    c = crew_weeks("small", 4)
    assert not np.array_equal(a.problem.pair_worker, c.problem.pair_worker)


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="size"):
        crew_weeks("huge")


@pytest.mark.parametrize("size", ["medium", "large"])
def test_sizes_as_the_issue_asks(size):
    seats, workers, days = SIZES[size]
    info = describe(crew_weeks(size))
    assert seats <= info["seats"] <= seats * 1.1
    assert info["workers"] == workers and info["days"] == days and info["cities"] == 5
    assert info["pairs"] > 5 * info["positions"]


def test_calls_roles_and_priorities_are_realistic(small):
    p = small.problem
    hour = (p.start - T0) % 86400 // HOUR
    assert set(hour.tolist()) <= {int(c[1]) for c in CALLS}
    length = (p.end - p.start) / HOUR
    assert set(np.round(length, 1).tolist()) <= {5.0, 6.5, 3.0}
    assert set((p.turnaround // HOUR).tolist()) <= {8, 9, 10}
    assert set(p.priority.tolist()) <= {1, 2, 3} and (p.priority == 3).any()
    assert p.headcount.max() >= 5  # stagehands come in numbers
    assert p.pair_score.min() >= 0 and p.pair_score.max() <= 100 and p.pair_score.std() > 5
    assert (p.pair_cost > 0).all() and (p.pair_km >= 0).all()


def test_every_pair_follows_the_rules_and_every_eligible_pair_is_listed(small):
    p = small.problem
    assert small.eligible(p.pair_pos, p.pair_worker).all()
    pos, worker = np.meshgrid(np.arange(p.n_positions), np.arange(p.n_workers), indexing="ij")
    pos, worker = pos.ravel(), worker.ravel()
    all_eligible = small.eligible(pos, worker)
    listed = set(zip(p.pair_pos.tolist(), p.pair_worker.tolist(), strict=True))
    expected = zip(pos[all_eligible].tolist(), worker[all_eligible].tolist(), strict=True)
    assert listed == set(expected)


def test_vectorised_structure_matches_the_sweep(small):
    rng = np.random.default_rng(0)
    problems = [small.problem]
    for _ in range(60):
        n_pos, n_w = int(rng.integers(1, 25)), int(rng.integers(1, 5))
        start = rng.integers(0, 40, n_pos) * 10
        pairs = [(q, w) for q in range(n_pos) for w in range(n_w) if rng.random() < 0.6]
        if not pairs:
            continue
        pp, ww = (np.array(x) for x in zip(*pairs, strict=True))
        problem = StaffingProblem(
            start=start, end=start + rng.integers(1, 8, n_pos) * 10,
            headcount=np.ones(n_pos), n_workers=n_w, pair_pos=pp, pair_worker=ww,
            turnaround=rng.choice([0, 10, 20, 35], n_pos),
        )  # fmt: skip
        problems.append(problem)
    for problem in problems:
        fast, sweep = build_structure(problem), build_structure_sweep(problem)
        assert [c.tolist() for c in fast.cliques] == [c.tolist() for c in sweep.cliques]
        assert fast.extra == sweep.extra
        assert all(
            np.array_equal(a, b) for a, b in zip(fast.by_worker, sweep.by_worker, strict=True)
        )


def test_small_week_solved_in_fill_mode_beats_the_baseline(small):
    p = small.problem
    values = pair_values(p)
    plan = solve(p, objective="fill", time_limit=3)
    assert check_plan(p, plan.chosen) == []
    base = greedy_baseline(p)
    assert check_plan(p, base) == []
    assert plan.objective == float(values[plan.chosen].sum())
    assert plan.objective >= float(values[base].sum())
    assert plan.objective >= float(values[greedy_fill(p)].sum())
    assert plan.bound is not None and plan.bound >= plan.objective
    # Seats by priority: the whole-week plan never fills fewer priority-weighted seats.
    assert p.priority[p.pair_pos[plan.chosen]].sum() >= p.priority[p.pair_pos[base]].sum()


def test_wall_clock_mode_keeps_to_the_limit(small):
    started = time.perf_counter()
    plan = solve(small.problem, objective="fill", time_limit=2, deterministic=False)
    assert time.perf_counter() - started < 2 + 3.0  # a spawned process's start, at most
    assert check_plan(small.problem, plan.chosen) == []
    assert plan.bound is not None and plan.bound >= plan.objective


def test_a_part_too_large_for_cp_sat_is_searched_over_its_best_pairs(small, monkeypatch):
    p = small.problem
    monkeypatch.setattr(parts_mod, "PRUNE_ABOVE_PAIRS", 100)
    hint = greedy_fill(p)
    keep = parts_mod.fill_candidates(p, hint)
    assert keep is not None and len(keep) < p.n_pairs
    assert np.isin(hint, keep).all() and (np.diff(keep) > 0).all()
    plan = solve_module(p, objective="fill", time_limit=2)
    assert check_plan(p, plan.chosen) == []
    assert plan.objective >= float(pair_values(p)[hint].sum())
    assert plan.bound is not None and plan.bound >= plan.objective


def test_lp_job_gives_up_on_time(small):
    lp = fill_lp(small.problem, build_structure(small.problem))
    job = LpJob([lp], time_limit=30)
    assert job.result(timeout=0.0) == [None]
    job = LpJob([lp], time_limit=30)
    (value,) = job.result(timeout=60)
    greedy = float(pair_values(small.problem)[greedy_fill(small.problem)].sum())
    assert value is not None and value >= greedy


def test_duals_of_the_best_pairs_lp_priced_over_all_pairs_bound_the_whole(small):
    p = small.problem
    full_lp = fill_lp(p, build_structure(p))
    (full,) = LpJob([full_lp], duals=True).result()
    # With every pair kept the priced bound is the LP value.
    assert priced_fill_bound(p, np.arange(p.n_pairs), full_lp, full[1]) == pytest.approx(
        full[0], rel=1e-6
    )
    keep = parts_mod.fill_candidates(p, np.zeros(0, dtype=np.int64), always=True)
    keep = keep[::2]  # a much smaller model than the pruning makes
    part = p.subproblem(np.arange(p.n_positions), keep)
    lp = fill_lp(part, build_structure(part))
    (solved,) = LpJob([lp], duals=True).result()
    priced = priced_fill_bound(p, keep, lp, solved[1])
    assert priced >= full[0] - 1e-6 * full[0]  # no better than the whole LP: it is a bound
    best = solve(p, objective="fill", time_limit=5, with_bound=False)
    assert priced >= best.objective
    # Any non-negative duals give a bound, even poor ones.
    assert priced_fill_bound(p, keep, lp, np.zeros_like(solved[1])) >= best.objective
