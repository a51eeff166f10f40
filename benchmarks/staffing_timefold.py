"""A peer solver side by side: the medium crew week solved by Timefold Solver.

Timefold (`pip install .[bench]`, Python package `timefold`, runs on a JDK 17) gets the
same instance and the same time limit as ours. Its model: one planning entity per seat,
whose planning variable is one of that seat's eligible candidates (entity value range, so
eligibility is built in) or unassigned; hard: no worker on two clashing calls (overlap or
rest under the larger turnaround, which also covers two seats of one call); soft: the
same integer pair value as ours (priority x 1,000,000 + score x 100 - cost, travel and
fairness pennies), one score level so both optimise exactly one objective. Its plan is
re-scored with our `pair_values` and checked with our `check_plan`.

`python -m benchmarks.staffing_timefold` (BENCH_CREW=medium, BENCH_TIMEFOLD_SECONDS).
Timefold runs in a spawned process (the JVM lives there and goes away with it).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from stagedoor.engine.staffing import check_plan, pair_values, solve, summary
from stagedoor.engine.staffing.crewgen import crew_weeks, describe

from .machineinfo import machine, machine_line

ROOT = Path(__file__).resolve().parent
NOT_INSTALLED = "Timefold not installed: pip install .[bench]"
JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64"


def available() -> str | None:
    """None if Timefold can be imported here, else why not."""
    try:
        import timefold.solver  # noqa: F401
    except ImportError:
        return NOT_INSTALLED
    return None


def _timefold_solve(size: str, seed: int, seconds: float) -> dict:
    """In a spawned process: build the Timefold model, solve, return the chosen pairs.

    Failures come back as text: Java exceptions do not pickle.
    """
    try:
        return _timefold_solve_here(size, seed, seconds)
    except Exception as exc:  # the JVM or the model failing is a result to report
        return {"error": f"{type(exc).__name__}: {exc}"}


def _timefold_solve_here(size: str, seed: int, seconds: float) -> dict:
    if not os.environ.get("JAVA_HOME") and Path(JDK17).exists():
        os.environ["JAVA_HOME"] = JDK17
    from timefold.solver import SolverFactory
    from timefold.solver.config import (
        Duration,
        ScoreDirectorFactoryConfig,
        SolverConfig,
        TerminationConfig,
    )

    from .timefold_model import Candidate, Roster, Seat, constraints

    started = time.perf_counter()
    p = crew_weeks(size, seed).problem
    values = pair_values(p)
    rest_max = int(p.turnaround.max())
    cands = [
        Candidate(k, int(w), int(v))
        for k, (w, v) in enumerate(zip(p.pair_worker.tolist(), values.tolist(), strict=True))
    ]
    order = np.argsort(p.pair_pos, kind="stable")
    bounds = np.searchsorted(p.pair_pos[order], np.arange(p.n_positions + 1))
    seats = []
    for pos in range(p.n_positions):
        mine = [cands[k] for k in order[bounds[pos] : bounds[pos + 1]].tolist()]
        for _ in range(int(p.headcount[pos])):
            end = int(p.end[pos])
            turn = int(p.turnaround[pos])
            seats.append(Seat(len(seats), int(p.start[pos]), end, turn, end + rest_max, mine))
    config = SolverConfig(
        solution_class=Roster,
        entity_class_list=[Seat],
        score_director_factory_config=ScoreDirectorFactoryConfig(
            constraint_provider_function=constraints
        ),
        termination_config=TerminationConfig(spent_limit=Duration(seconds=round(seconds))),
    )
    solver = SolverFactory.create(config).build_solver()
    built = time.perf_counter()
    solution = solver.solve(Roster(cands, seats))
    solved = time.perf_counter()
    chosen = sorted(s.pair.id for s in solution.seats if s.pair is not None)
    return {
        "chosen": chosen,
        "timefold_score": str(solution.score),
        "model_s": round(built - started, 2),
        "solve_s": round(solved - built, 2),
        "entities": len(seats),
    }


def run_timefold(
    size: str = "medium",
    console: Console | None = None,
    *,
    time_limit: float = 20.0,
    seed: int = 2027,
    write: bool = True,
) -> dict:
    """Ours and Timefold on one crew week with the same limit; tables and JSON."""
    console = console or Console(width=150)
    info = machine()
    console.print(machine_line(info))
    why = available()
    if why:
        console.print(f"Timefold benchmark skipped: {why}")
        return {"skipped": why}
    instance = crew_weeks(size, seed)
    p = instance.problem
    with console.status(f"Ours on crew week {size}, {time_limit:.0f} s..."):
        plan = solve(p, objective="fill", time_limit=time_limit, deterministic=False)
    ours = summary(p, "fill", plan.chosen) | {"seconds": round(plan.seconds, 2)}
    result = {"machine": info, "instance": describe(instance), "time_limit_s": time_limit}
    result["ours"] = ours | {"bound": plan.bound, "gap": plan.gap}
    with console.status(f"Timefold on crew week {size}, {time_limit:.0f} s of solving..."):
        t = time.perf_counter()
        try:
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                tf = pool.submit(_timefold_solve, size, seed, time_limit).result()
        except Exception as exc:  # the JVM or the model failing is a result to report
            result["timefold"] = {"error": f"{type(exc).__name__}: {exc}"}
            console.print(f"Timefold failed: {result['timefold']['error']}")
            _write(result, write)
            return result
        wall = time.perf_counter() - t
    if "error" in tf:
        result["timefold"] = tf
        console.print(f"Timefold failed: {tf['error']}")
        _write(result, write)
        return result
    chosen = np.asarray(tf.pop("chosen"), dtype=np.int64)
    problems = check_plan(p, chosen)
    theirs = summary(p, "fill", chosen) | tf | {"wall_s": round(wall, 2)}
    theirs["check_plan"] = problems[:5]
    theirs["violations"] = len(problems)
    result["timefold"] = theirs
    result["ratio_timefold_to_ours"] = (
        theirs["objective"] / ours["objective"] if ours["objective"] else None
    )
    t = Table(title=f"Crew week {size}: ours vs Timefold, {time_limit:.0f} s each")
    for col in ("solver", "filled", "objective", "score", "cost", "km", "time s", "check"):
        t.add_column(col, justify="right")
    t.add_row(
        "ours (CP-SAT + LP bound)", f"{ours['filled']:,} / {p.seats:,}",
        f"{ours['objective']:,.0f}",
        f"{ours['score']:,.0f}", f"{ours['cost']:,.0f}", f"{ours['km']:,.0f}",
        f"{ours['seconds']:.1f}", "ok",
    )  # fmt: skip
    t.add_row(
        "Timefold " + _version(), f"{theirs['filled']:,} / {p.seats:,}",
        f"{theirs['objective']:,.0f}", f"{theirs['score']:,.0f}", f"{theirs['cost']:,.0f}",
        f"{theirs['km']:,.0f}", f"{theirs['solve_s']:.1f} (+{theirs['model_s']:.1f} setup)",
        "ok" if not problems else f"{len(problems)} broken rules",
    )  # fmt: skip
    console.print(t)
    ratio = result["ratio_timefold_to_ours"]
    console.print(
        f"Timefold / ours objective: {ratio:.5f}; Timefold score {theirs['timefold_score']}; "
        f"our bound {plan.bound:,.0f} (gap {100 * (plan.gap or 0):.3f}%)."
    )
    _write(result, write)
    return result


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("timefold")
    except Exception:
        return ""


def _write(result: dict, write: bool) -> None:
    if write:
        out = ROOT / "results"
        out.mkdir(exist_ok=True)
        (out / "staffing_timefold.json").write_text(json.dumps(result, indent=2, default=str))


def main() -> None:
    size = os.environ.get("BENCH_CREW", "medium").split(",")[0]
    run_timefold(size, time_limit=float(os.environ.get("BENCH_TIMEFOLD_SECONDS", "20")))


if __name__ == "__main__":
    main()
