"""`stagedoor bench staffing` runs the crew-weeks benchmark from the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "staffing_crew.json"


def _kept(*paths: Path):
    """The command writes its results where `make bench` does; put back what was there."""
    saved = {path: path.read_bytes() if path.exists() else None for path in paths}
    yield
    for path, before in saved.items():
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)


@pytest.fixture
def keep_results():
    yield from _kept(RESULTS)


def test_bench_staffing_prints_ours_baseline_and_bound(keep_results):
    out = io.StringIO()
    call_command("bench", "staffing", "--sizes", "small", "--time-limit", "5", stdout=out)
    lines = [" ".join(line.replace("│", " ").split()) for line in out.getvalue().splitlines()]
    # The small week solves to optimality at once, so every figure is exact.
    assert "small 4 18 308 646 450 1,313 9 550/7/89" in lines
    assert "small baseline 479 / 646 610,935,653 29,468 116,894 55,911" in lines
    assert "small ours 512 / 646 666,145,081 31,570 125,616 58,024" in lines
    [bound_row] = [line for line in lines if line.startswith("small 666,145,081 666,145,081")]
    assert bound_row.split()[3:5] == ["0.000%", "1%"]
    assert bound_row.endswith("ok yes")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sizes", "huge"], "--sizes: unknown huge."),
        (["--time-limit", "0"], "--time-limit: must be more than 0 seconds."),
    ],
)
def test_bench_staffing_refuses_bad_input(args, message):
    with pytest.raises(CommandError) as refused:
        call_command("bench", "staffing", *args)
    assert str(refused.value) == message


PTASK_RESULTS = RESULTS.parent / "staffing_ptask_subset.json"


@pytest.fixture
def keep_ptask_results():
    yield from _kept(PTASK_RESULTS, PTASK_RESULTS.with_suffix(".partial.jsonl"))


def test_bench_staffing_ptask_prints_the_instances_against_their_bounds(keep_ptask_results):
    out = io.StringIO()
    call_command(
        "bench", "staffing", "--ptask", "data_1_23_40_66,data_4_23_59_33", "--time-limit", "3",
        stdout=out,
    )  # fmt: skip
    lines = [" ".join(line.replace("│", " ").split()) for line in out.getvalue().splitlines()]
    # jobs, workers, max-overlap, vale LB and UB, ours, our bound, at bound
    assert any(line.startswith("data_1_23_40_66 40 23 20 20 20 20 20 yes ") for line in lines)
    assert any(line.startswith("data_4_23_59_33 59 23 20 20 20 20 20 yes ") for line in lines)
    assert "workers, ours vs vale_UB 40 vs 40" in lines
    assert "worse than vale_UB (target 0) 0" in lines
    assert "plans failing check_plan 0" in lines
    written = PTASK_RESULTS.with_suffix(".partial.jsonl").read_text().splitlines()
    assert len(written) == 2


def test_bench_staffing_ptask_refuses_unknown_instances():
    with pytest.raises(CommandError) as refused:
        call_command("bench", "staffing", "--ptask", "data_1_23_40_66,nope")
    assert str(refused.value) == "--ptask: unknown instances nope."
