"""The SMPTSP ("ptask") reader on the public instances, and headcount mode reaching the
known optimum on small ones. Plain pytest, no database.

The instances live in the shared folder beside the repository (../shared/benchmarks/ptask);
a checkout without it fails here rather than skipping, so a missing benchmark is noticed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from stagedoor.engine.staffing import check_plan, solve
from stagedoor.engine.staffing.ptask import load_ptask, parse_ptask
from stagedoor.engine.staffing.structure import max_overlap

PTASK = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks" / "ptask"
FOLDERS = {"137": "Data_137", "010": "Data_010", "100": "Data_100"}


def bounds() -> dict[str, dict[str, str]]:
    path = PTASK / "bounds.csv"
    assert path.exists(), f"the ptask benchmark is missing: expected {path}"
    with path.open() as f:
        return {row["instance"]: row for row in csv.DictReader(f)}


def instance(name: str):
    row = bounds()[name]
    return load_ptask(PTASK / FOLDERS[row["set"]] / f"{name}.dat")


def test_shared_folder_is_found():
    assert PTASK.is_dir(), f"expected the ptask benchmark at {PTASK}"
    assert len(bounds()) == 247


@pytest.mark.parametrize(
    ("name", "jobs", "workers", "pairs", "first_job"),
    [
        ("data_9_49_104_33", 104, 49, 1783, (14, 426)),
        ("data_1_50_258_20_90_100_200_300", 258, 50, 2520, (1, 238)),
        ("data_0001_0062_0071_025", 71, 62, 1426, (381, 489)),
    ],
)
def test_parser_reads_the_files(name, jobs, workers, pairs, first_job):
    inst = instance(name)
    assert inst.name == name
    assert len(inst.start) == jobs and len(inst.end) == jobs
    assert len(inst.qualified) == workers
    assert (int(inst.start[0]), int(inst.end[0])) == first_job
    assert sum(len(q) for q in inst.qualified) == pairs
    row = bounds()[name]
    assert (int(row["jobs"]), int(row["workers"])) == (jobs, workers)
    assert max_overlap(inst.start, inst.end) == int(row["maxoverlap"])
    problem = inst.problem()
    assert problem.n_positions == jobs and problem.n_workers == workers
    assert problem.n_pairs == pairs
    assert problem.seats == jobs
    # minutes become seconds; every task one seat
    assert problem.start[0] == first_job[0] * 60 and problem.end[0] == first_job[1] * 60


GOOD = """# a comment
Type = 1
Jobs = 2
  0 10
  10 20
Qualifications = 2
  2: 0 1
  1: 1
"""


def test_parser_small_text():
    inst = parse_ptask(GOOD, "tiny")
    assert inst.start.tolist() == [0, 10] and inst.end.tolist() == [10, 20]
    assert [q.tolist() for q in inst.qualified] == [[0, 1], [1]]
    problem = inst.problem()
    plan = solve(problem, objective="headcount", time_limit=2, with_bound=False)
    assert plan.workers_used == 1  # half-open: the two jobs touch but do not overlap
    assert check_plan(problem, plan.chosen) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("Jobs = 2", "Jobs = two"), r"^bad line 2: expected 'Jobs = N'"),
        (GOOD.replace("  10 20", "  10"), r"^bad line 4: expected 'start end'"),
        (GOOD.replace("  10 20", "  20 10"), r"^bad line 4: job 1 ends before it starts"),
        (GOOD.replace("  1: 1", "  2: 1"), r"^bad line 7: worker 1 says 2 jobs, lists 1"),
        (GOOD.replace("  1: 1", "  1: 5"), r"^bad line 7: worker 1 names a job"),
        (GOOD.replace("Type = 1", "Kind = 1"), r"^bad line 1: expected 'Type = N'"),
    ],
)
def test_parse_errors_name_the_line(text, message):
    with pytest.raises(ValueError, match=message):
        parse_ptask(text, "bad")


# Small instances whose max-overlap bound is the optimum (maxoverlap == vale_UB).
@pytest.mark.parametrize(
    ("name", "optimum"),
    [
        ("data_1_23_40_66", 20),
        ("data_4_23_59_33", 20),
        ("data_6_48_80_66", 40),
        ("data_8_48_85_33", 40),
    ],
)
def test_headcount_reaches_the_known_optimum(name, optimum):
    row = bounds()[name]
    assert int(row["maxoverlap"]) == int(row["vale_UB"]) == optimum
    problem = instance(name).problem()
    plan = solve(problem, objective="headcount", time_limit=3, seed=0)
    assert check_plan(problem, plan.chosen) == []
    assert plan.filled == problem.seats
    assert plan.workers_used == optimum
    assert plan.bound == optimum
    assert plan.status == "optimal"
    assert len(np.unique(problem.pair_worker[plan.chosen])) == optimum


def test_flow_lp_equals_the_clique_lp():
    """The headcount LP written as a flow per worker has the clique form's optimum."""
    from stagedoor.engine.lp import solve_lps
    from stagedoor.engine.staffing import StaffingProblem, greedy_headcount
    from stagedoor.engine.staffing.bound import headcount_flow_lp, headcount_lp
    from stagedoor.engine.staffing.structure import build_structure

    rng = np.random.default_rng(3)
    n_pos, n_w = 30, 8
    start = rng.integers(0, 40, n_pos) * 900
    pos, worker = np.nonzero(rng.random((n_pos, n_w)) < 0.5)
    random = StaffingProblem(
        start=start,
        end=start + rng.integers(1, 12, n_pos) * 900,
        headcount=np.ones(n_pos, dtype=np.int32),
        n_workers=n_w,
        pair_pos=pos,
        pair_worker=worker,
        turnaround=rng.choice([0, 1800, 3600], n_pos),
    )
    problems = [instance("data_9_49_104_33").problem(), random]
    # cover what a plan covers, as the solver does: the LP of any plan's seats is feasible
    covers = [
        np.bincount(p.pair_pos[greedy_headcount(p)], minlength=p.n_positions) for p in problems
    ]
    flow = solve_lps([headcount_flow_lp(p, c) for p, c in zip(problems, covers, strict=True)])
    clique = solve_lps(
        [headcount_lp(p, build_structure(p), c) for p, c in zip(problems, covers, strict=True)]
    )
    assert flow[0] == pytest.approx(40.0, abs=1e-4)
    for a, b in zip(flow, clique, strict=True):
        assert a is not None and a == pytest.approx(b, abs=1e-4)
