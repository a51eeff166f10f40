"""`stagedoor bench staffing` runs the crew-weeks benchmark from the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "staffing_crew.json"


@pytest.fixture
def keep_results():
    """The command writes its JSON where `make bench` does; put back what was there."""
    before = RESULTS.read_bytes() if RESULTS.exists() else None
    yield
    if before is None:
        RESULTS.unlink(missing_ok=True)
    else:
        RESULTS.write_bytes(before)


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
