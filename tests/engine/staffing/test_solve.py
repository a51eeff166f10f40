"""The auto-staffing solver against brute force, its checker, bounds and explanations."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stagedoor.engine.staffing import (
    StaffingProblem,
    check_plan,
    greedy_baseline,
    pair_values,
    solve,
)
from stagedoor.engine.staffing.decompose import components, split
from stagedoor.engine.staffing.explain import unfilled_seats
from stagedoor.engine.staffing.problem import NO_ELIGIBLE, TAKEN, TURNAROUND
from stagedoor.engine.staffing.structure import build_structure, interval_cliques, max_overlap

H = 3600


@st.composite
def tiny_problems(draw, max_pairs=9):
    n_pos = draw(st.integers(1, 4))
    n_w = draw(st.integers(1, 3))
    starts = [draw(st.integers(0, 30)) * H for _ in range(n_pos)]
    lengths = [draw(st.integers(1, 8)) * H for _ in range(n_pos)]
    all_pairs = list(itertools.product(range(n_pos), range(n_w)))
    pairs = draw(
        st.lists(st.sampled_from(all_pairs), unique=True, max_size=min(max_pairs, len(all_pairs)))
    )
    pairs.sort()
    n = len(pairs)
    return StaffingProblem(
        start=starts,
        end=[s + d for s, d in zip(starts, lengths, strict=True)],
        headcount=[draw(st.integers(1, 2)) for _ in range(n_pos)],
        n_workers=n_w,
        pair_pos=[p for p, _ in pairs],
        pair_worker=[w for _, w in pairs],
        pair_score=[draw(st.integers(0, 100)) for _ in range(n)],
        pair_cost=[draw(st.integers(0, 500)) for _ in range(n)],
        pair_km=[draw(st.integers(0, 300)) for _ in range(n)],
        priority=[draw(st.integers(1, 3)) for _ in range(n_pos)],
        turnaround=[draw(st.sampled_from([0, 2 * H, 8 * H])) for _ in range(n_pos)],
        day=[s // (24 * H) for s in starts],
        week=[0] * n_pos,
        max_minutes_day=draw(st.sampled_from([None, 6 * 60, 10 * 60])),
        worker_hours=[draw(st.integers(0, 250)) for _ in range(n_w)],
    )


def brute_force(problem: StaffingProblem, objective: str):
    """The best key over every valid subset of pairs: fill value, or (seats, -workers)."""
    values = pair_values(problem)
    best = None
    for r in range(problem.n_pairs + 1):
        for subset in itertools.combinations(range(problem.n_pairs), r):
            if check_plan(problem, list(subset)):
                continue
            chosen = list(subset)
            if objective == "fill":
                key = int(values[chosen].sum())
            else:
                key = (len(chosen), -len(set(problem.pair_worker[chosen].tolist())))
            best = key if best is None or key > best else best
    return best


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems())
def test_fill_matches_brute_force(problem):
    plan = solve(problem, objective="fill", time_limit=5, with_bound=False)
    assert check_plan(problem, plan.chosen) == []
    assert plan.objective == brute_force(problem, "fill")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems())
def test_headcount_matches_brute_force(problem):
    plan = solve(problem, objective="headcount", time_limit=5, with_bound=False)
    assert check_plan(problem, plan.chosen) == []
    assert (plan.filled, -plan.workers_used) == brute_force(problem, "headcount")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems(max_pairs=7))
def test_bounds_hold_against_brute_force(problem):
    fill = solve(problem, objective="fill", time_limit=5)
    assert fill.bound >= brute_force(problem, "fill")
    assert fill.bound >= fill.objective
    heads = solve(problem, objective="headcount", time_limit=5)
    filled, fewest = brute_force(problem, "headcount")
    # CP-SAT proves each tiny part optimal; the bound takes that proof even where the LP
    # and the max-overlap bound fall short of it.
    assert (heads.filled, heads.workers_used) == (filled, -fewest)
    assert (heads.status, heads.bound) == ("optimal", -fewest)


def _conflict_pairs_slow(problem: StaffingProblem) -> set[tuple[int, int]]:
    out = set()
    for a, b in itertools.combinations(range(problem.n_pairs), 2):
        same_worker = problem.pair_worker[a] == problem.pair_worker[b]
        if same_worker and problem.conflicts(int(problem.pair_pos[a]), int(problem.pair_pos[b])):
            out.add((a, b))
    return out


@settings(max_examples=150, deadline=None)
@given(tiny_problems())
def test_cliques_cover_exactly_the_clashes(problem):
    structure = build_structure(problem)
    covered = set()
    for clique in structure.cliques:
        covered |= {tuple(sorted(p)) for p in itertools.combinations(clique.tolist(), 2)}
    covered |= {tuple(sorted(p)) for p in structure.extra}
    assert covered == _conflict_pairs_slow(problem)
    in_a_clique = set(np.concatenate(structure.cliques).tolist()) if structure.cliques else set()
    assert in_a_clique == set(range(problem.n_pairs))


def test_interval_cliques_half_open():
    start = np.array([0, 5, 10, 10])
    end = np.array([10, 12, 20, 11])
    assert interval_cliques(start, end) == [[0, 1], [1, 2, 3], [2]] or interval_cliques(
        start, end
    ) == [[0, 1], [1, 2, 3]]
    assert max_overlap(start, end) == 3
    assert max_overlap(np.array([0, 10]), np.array([10, 20])) == 1


def _two_shows() -> StaffingProblem:
    # Thursday club load-out (18:00-02:00) and Friday arena load-in (08:00-16:00, priority
    # 3): six hours of rest, under the 8 h turnaround. Rigger 0 can do either, rigger 1
    # only Thursday. One call at a time gives Thursday to the better score (rigger 0) and
    # leaves Friday's arena empty.
    return StaffingProblem(
        start=[18 * H, 32 * H],
        end=[26 * H, 40 * H],
        headcount=[1, 1],
        n_workers=2,
        pair_pos=[0, 0, 1],
        pair_worker=[0, 1, 0],
        pair_score=[90, 60, 80],
        priority=[1, 3],
        turnaround=[8 * H, 8 * H],
    )


def test_whole_week_beats_one_call_at_a_time():
    problem = _two_shows()
    base = greedy_baseline(problem)
    assert base.tolist() == [0]  # rigger 0 to Thursday; Friday has nobody left
    plan = solve(problem, objective="fill", time_limit=2)
    assert plan.chosen.tolist() == [1, 2]
    assert plan.filled == 2 and plan.unfilled == []
    assert plan.objective == 1_000_000 + 6000 + 3_000_000 + 8000
    assert plan.bound == plan.objective and plan.gap == 0.0
    assert plan.status == "optimal"


def test_turnaround_boundary_in_checker():
    problem = StaffingProblem(
        start=[0, 12 * H], end=[4 * H, 16 * H], headcount=[1, 1], n_workers=1,
        pair_pos=[0, 1], pair_worker=[0, 0], turnaround=[8 * H, 8 * H],
    )  # fmt: skip
    assert check_plan(problem, [0, 1]) == []  # exactly 8 h of rest
    tight = StaffingProblem(
        start=[0, 12 * H - 1], end=[4 * H, 16 * H], headcount=[1, 1], n_workers=1,
        pair_pos=[0, 1], pair_worker=[0, 0], turnaround=[8 * H, 8 * H],
    )  # fmt: skip
    assert check_plan(tight, [0, 1]) == ["worker 0: calls 0 and 1 clash"]


def test_checker_names_every_broken_rule():
    problem = StaffingProblem(
        start=[0, H, 0], end=[2 * H, 3 * H, 2 * H], headcount=[1, 1, 1], n_workers=2,
        pair_pos=[0, 0, 1, 2], pair_worker=[0, 1, 0, 1], max_minutes_day=100,
    )  # fmt: skip
    assert check_plan(problem, [0, 1, 2, 3]) == [
        "position 0: 2 workers on 1 seats",
        "worker 0: calls 0 and 1 clash",
        "worker 0: 240 minutes in day 0, cap 100",
        "worker 1: calls 0 and 2 clash",
        "worker 1: 240 minutes in day 0, cap 100",
    ]
    assert check_plan(problem, [0, 0]) == [
        "a pair is chosen twice",
        "worker 0: 120 minutes in day 0, cap 100",
    ]
    assert check_plan(problem, [9]) == ["a chosen pair does not exist"]


def test_unfilled_reasons():
    # Call 0 has nobody; call 1 and 2 overlap with one worker; call 3 is 2 h after call 1
    # with an 8 h turnaround and the same single worker.
    problem = StaffingProblem(
        start=[0, 100 * H, 101 * H, 106 * H], end=[H, 104 * H, 103 * H, 108 * H],
        headcount=[1, 1, 1, 1], n_workers=1, pair_pos=[1, 2, 3], pair_worker=[0, 0, 0],
        pair_score=[90, 10, 10], turnaround=[0, 8 * H, 0, 8 * H],
    )  # fmt: skip
    plan = solve(problem, objective="fill", time_limit=2)
    assert plan.chosen.tolist() == [0]
    assert [(u.position, u.missing, u.reason) for u in plan.unfilled] == [
        (0, 1, NO_ELIGIBLE),
        (2, 1, TAKEN),
        (3, 1, TURNAROUND),
    ]
    assert [u.text for u in unfilled_seats(problem, plan.chosen)] == [
        "no eligible worker",
        "all eligible workers are taken by overlapping calls",
        "the eligible workers would break the turnaround",
    ]


def test_headcount_covers_with_fewest_workers():
    # Three calls in a row and one overlapping: two people cover all four.
    problem = StaffingProblem(
        start=[0, 2 * H, 4 * H, H], end=[2 * H, 4 * H, 6 * H, 3 * H], headcount=[1, 1, 1, 1],
        n_workers=4,
        pair_pos=[0, 1, 2, 3, 0, 1, 2, 3, 3],
        pair_worker=[0, 0, 0, 0, 1, 1, 2, 2, 3],
    )  # fmt: skip
    plan = solve(problem, objective="headcount", time_limit=2)
    assert check_plan(problem, plan.chosen) == []
    assert (plan.filled, plan.workers_used, plan.bound, plan.gap) == (4, 2, 2.0, 0.0)


def test_parts_are_independent_and_solved_apart():
    a, b = _two_shows(), _two_shows()
    joined = StaffingProblem(
        start=np.concatenate([a.start, b.start + 1000 * H]),
        end=np.concatenate([a.end, b.end + 1000 * H]),
        headcount=[1, 1, 1, 1],
        n_workers=4,
        pair_pos=[0, 0, 1, 2, 2, 3],
        pair_worker=[0, 1, 0, 2, 3, 2],
        pair_score=[90, 60, 80, 90, 60, 80],
        priority=[1, 3, 1, 3],
        turnaround=[8 * H] * 4,
    )
    assert [c.tolist() for c in components(joined)] == [[0, 1], [2, 3]]
    plan = solve(joined, objective="fill", time_limit=2)
    assert plan.parts == 2
    assert plan.chosen.tolist() == [1, 2, 4, 5]


def test_fill_splits_in_time_only_where_nothing_reaches_across():
    # One worker, calls far apart: two windows; with a weekly cap they stay together.
    problem = StaffingProblem(
        start=[0, 100 * H], end=[H, 101 * H], headcount=[1, 1], n_workers=1,
        pair_pos=[0, 1], pair_worker=[0, 0], turnaround=[8 * H, 8 * H],
    )  # fmt: skip
    assert [p.tolist() for p in split(problem, "fill")] == [[0], [1]]
    assert [p.tolist() for p in split(problem, "headcount")] == [[0, 1]]
    capped = StaffingProblem(
        start=[0, 100 * H], end=[H, 101 * H], headcount=[1, 1], n_workers=1,
        pair_pos=[0, 1], pair_worker=[0, 0], max_minutes_week=60,
    )  # fmt: skip
    assert [p.tolist() for p in split(capped, "fill")] == [[0, 1]]
    plan = solve(capped, objective="fill", time_limit=2)
    assert plan.filled == 1 and check_plan(capped, plan.chosen) == []


def _random_problem(seed: int, n_pos=60, n_w=40) -> StaffingProblem:
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 14 * 24, n_pos) * H
    pairs = sorted({(int(p), int(w)) for p, w in rng.integers(0, [n_pos, n_w], (400, 2))})
    return StaffingProblem(
        start=start,
        end=start + rng.integers(2, 10, n_pos) * H,
        headcount=rng.integers(1, 4, n_pos),
        n_workers=n_w,
        pair_pos=[p for p, _ in pairs],
        pair_worker=[w for _, w in pairs],
        pair_score=rng.uniform(0, 100, len(pairs)),
        priority=rng.integers(1, 4, n_pos),
        turnaround=np.full(n_pos, 10 * H),
    )


@pytest.mark.parametrize("objective", ["fill", "headcount"])
def test_same_seed_and_limit_same_plan(objective):
    problem = _random_problem(7)
    one = solve(problem, objective=objective, time_limit=1, seed=3, threads=2, with_bound=False)
    two = solve(problem, objective=objective, time_limit=1, seed=3, threads=2, with_bound=False)
    assert one.chosen.tolist() == two.chosen.tolist()
    assert check_plan(problem, one.chosen) == []


def _refusal(build) -> str:
    with pytest.raises(ValueError) as refused:
        build()
    return str(refused.value)


def test_bad_input_names_the_field():
    def problem(**kw):
        return lambda: StaffingProblem(**({"headcount": [1], "n_workers": 1} | kw))

    assert _refusal(problem(start=[10], end=[10], pair_pos=[], pair_worker=[])) == (
        "end: every call must end after it starts"
    )
    assert _refusal(problem(start=[0], end=[10], pair_pos=[0], pair_worker=[1])) == (
        "pair_worker: refers to a worker that does not exist"
    )
    assert _refusal(problem(start=[0], end=[10], pair_pos=[0, 0], pair_worker=[0, 0])) == (
        "pair_pos: a (position, worker) pair is listed twice"
    )
    assert _refusal(problem(start=[0], end=[10], pair_pos=[], pair_worker=[], headcount=[-1])) == (
        "headcount: must not be negative"
    )
    assert _refusal(lambda: solve(_two_shows(), objective="cheapest")) == (
        "objective: must be one of fill, headcount"
    )
    assert _refusal(lambda: solve(_two_shows(), time_limit=0)) == (
        "time_limit: must be more than 0 seconds"
    )
