"""The headcount bound by column generation, against brute force and the flow LP."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stagedoor.engine.lp import LinearProgram, solve_lps
from stagedoor.engine.lp.colgen import HeadcountBound, ScheduleCover, _heaviest, lagrangian_bound
from stagedoor.engine.staffing import StaffingProblem
from stagedoor.engine.staffing.bound import (
    headcount_bound_from_lp,
    headcount_bound_job,
    headcount_flow_lp,
)
from tests.engine.staffing.test_ptask import instance

H = 3600


@st.composite
def interval_problems(draw, max_pos=6, max_workers=3):
    """Calls with one turnaround for all and no caps: where the columns are exact."""
    n_pos = draw(st.integers(1, max_pos))
    n_w = draw(st.integers(1, max_workers))
    starts = [draw(st.integers(0, 20)) * H for _ in range(n_pos)]
    ends = [s + draw(st.integers(1, 6)) * H for s in starts]
    pairs = sorted(
        draw(
            st.lists(
                st.sampled_from(list(itertools.product(range(n_pos), range(n_w)))),
                unique=True,
                min_size=1,
            )
        )
    )
    return StaffingProblem(
        start=starts,
        end=ends,
        headcount=[draw(st.integers(1, 2)) for _ in range(n_pos)],
        n_workers=n_w,
        pair_pos=[p for p, _ in pairs],
        pair_worker=[w for _, w in pairs],
        turnaround=[draw(st.sampled_from([0, 2 * H]))] * n_pos,
    )


def schedules(problem: StaffingProblem) -> ScheduleCover:
    return ScheduleCover.build(
        problem.start, problem.end + problem.turnaround, problem.headcount,
        problem.pair_pos, problem.pair_worker, problem.n_workers,
    )  # fmt: skip


def holdable(p: StaffingProblem, w: int) -> list[tuple[int, ...]]:
    """Every set of worker w's calls that it can hold together (the empty set too)."""
    mine = [int(c) for c in p.pair_pos[p.pair_worker == w]]
    return [
        s
        for r in range(len(mine) + 1)
        for s in itertools.combinations(mine, r)
        if not any(p.conflicts(a, b) for a, b in itertools.combinations(s, 2))
    ]


def fewest_workers(p: StaffingProblem) -> int | None:
    """Brute force: the fewest workers covering every seat, None if no plan covers them."""
    best = None
    for pick in itertools.product(*(holdable(p, w) for w in range(p.n_workers))):
        cover = np.zeros(p.n_positions, dtype=int)
        for s in pick:
            cover[list(s)] += 1
        if np.all(cover >= p.headcount):
            used = sum(1 for s in pick if s)
            best = used if best is None else min(best, used)
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interval_problems(), st.lists(st.floats(0, 2), min_size=6, max_size=6))
def test_any_duals_give_a_lower_bound(problem, raw):
    fewest = fewest_workers(problem)
    pi = np.array(raw[: problem.n_positions])
    bound, _, _ = lagrangian_bound(schedules(problem), pi)
    if fewest is not None:
        assert bound <= fewest + 1e-9


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interval_problems(), st.lists(st.floats(0, 5), min_size=6, max_size=6))
def test_heaviest_schedule_matches_brute_force(problem, raw):
    weight = np.array(raw[: problem.n_positions])
    cover = schedules(problem)
    best = np.zeros(problem.n_workers)
    take = np.zeros(len(cover.calls), dtype=np.bool_)
    _heaviest(weight, cover.worker_ptr, cover.calls, cover.before, best, take)
    for w in range(problem.n_workers):
        slow = max(sum(weight[list(s)]) for s in holdable(problem, w))
        assert abs(best[w] - slow) < 1e-9


def random_problem(seed: int, n_pos=40, n_w=25, per_call=8) -> StaffingProblem:
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 48, n_pos) * H
    end = start + rng.integers(1, 9, n_pos) * H
    pos = np.repeat(np.arange(n_pos), per_call)
    worker = np.concatenate([rng.choice(n_w, per_call, replace=False) for _ in range(n_pos)])
    return StaffingProblem(
        start=start, end=end, headcount=rng.integers(1, 3, n_pos), n_workers=n_w,
        pair_pos=pos, pair_worker=worker, turnaround=np.full(n_pos, H),
    )  # fmt: skip


# An LP with no solution: as the columns' fallback, it leaves the columns' answer alone.
NO_FALLBACK = LinearProgram(
    c=np.zeros(1), col_lo=np.zeros(1), col_hi=np.ones(1),
    row_starts=np.array([0, 1]), row_index=np.zeros(1, np.int32), row_value=np.ones(1),
    row_lo=np.array([2.0]), row_hi=np.array([np.inf]), maximize=False,
)  # fmt: skip


def test_columns_round_to_the_flow_lp():
    """The fast bound against the slow reference: the LP by interior point, 12 problems."""
    problems = [random_problem(seed) for seed in range(12)]
    jobs = []
    for p in problems:
        jobs += [HeadcountBound(NO_FALLBACK, schedules(p)), headcount_flow_lp(p, p.headcount)]
    values = solve_lps(jobs, time_limit=60)
    columns, flow = values[0::2], values[1::2]
    assert None not in columns and None not in flow
    for by_columns, by_lp in zip(columns, flow, strict=True):
        assert by_columns <= by_lp + 1e-5 * max(1.0, by_lp)
        assert headcount_bound_from_lp(by_columns) == headcount_bound_from_lp(by_lp)


def test_the_bound_job_takes_columns_only_where_they_are_exact_and_pay():
    wide = random_problem(0, n_pos=200, n_w=150, per_call=120)
    assert wide.n_pairs == 24_000
    assert headcount_bound_job(wide, wide.headcount).cover is not None
    narrow = random_problem(0, n_pos=200, n_w=150, per_call=60)
    assert headcount_bound_job(narrow, narrow.headcount).cover is None
    fields = {f: getattr(wide, f) for f in ("start", "end", "headcount", "n_workers")}
    pairs = {"pair_pos": wide.pair_pos, "pair_worker": wide.pair_worker}
    mixed = StaffingProblem(**fields, **pairs, turnaround=np.arange(200) % 2 * H)
    assert headcount_bound_job(mixed, mixed.headcount).cover is None
    capped = StaffingProblem(**fields, **pairs, max_minutes_day=600)
    assert headcount_bound_job(capped, capped.headcount).cover is None


def test_columns_reach_the_optimum_on_a_data_100_instance():
    """data_0040 (384 workers, 576 tasks, 58,507 pairs): vale_LB = vale_UB = 147."""
    problem = instance("data_0040_0384_0576_025").problem()
    job = headcount_bound_job(problem, problem.headcount)
    assert job.cover is not None
    (value,) = solve_lps([job], time_limit=60)
    assert headcount_bound_from_lp(value) == 147
