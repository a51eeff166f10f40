"""Headcount mode on the public SMPTSP ("ptask") instances, against the published bounds.

`python -m benchmarks.staffing_ptask` runs every instance of ../shared/benchmarks/ptask
(247) at BENCH_PTASK_LIMIT seconds each (default 60). BENCH_PTASK=quick runs a sample of
15 spread over the three sets (the README's reference points among them); a comma list of
instance names runs those. BENCH_PTASK_PROCESSES runs instances side by side (each solve
then gets one CP-SAT thread). Every plan is checked with `check_plan`; results go to
benchmarks/results/staffing_ptask_{all,quick,subset}.json.
"""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from .machineinfo import machine

ROOT = Path(__file__).resolve().parent
PTASK = ROOT.parent.parent / "shared" / "benchmarks" / "ptask"
FOLDERS = {"137": "Data_137", "010": "Data_010", "100": "Data_100"}
# Plain CP-SAT clique model, 60 s on a 2-core machine (the benchmark's README).
REFERENCE = {
    "data_45_67_420_33": 62,
    "data_89_88_788_33": 74,
    "data_137_245_2105_33": 207,
    "data_0050_0318_0536_025": 123,
}
QUICK = [
    "data_9_49_104_33",
    "data_21_93_175_33",
    "data_45_67_420_33",
    "data_89_88_788_33",
    "data_110_183_1143_66",
    "data_137_245_2105_33",
    "data_1_50_258_20_90_100_200_300",
    "data_5_77_777_30_90_0_100_200",
    "data_10_153_1577_20_90_0_100_200",
    "data_0001_0062_0071_025",
    "data_0020_0152_0235_025",
    "data_0050_0318_0536_025",
    "data_0070_0550_0990_025",
    "data_0077_0648_1123_025",
    "data_0092_0948_1583_025",
]


def bounds_table(root: Path = PTASK) -> dict[str, dict]:
    """bounds.csv by instance name: set, jobs, workers, maxoverlap, vale_LB, vale_UB."""
    if not (root / "bounds.csv").exists():
        raise FileNotFoundError(f"{root / 'bounds.csv'}: the ptask benchmark is not there")
    out = {}
    with (root / "bounds.csv").open() as f:
        for row in csv.DictReader(f):
            out[row["instance"]] = {
                "set": row["set"],
                "jobs": int(row["jobs"]),
                "workers": int(row["workers"]),
                "maxoverlap": int(row["maxoverlap"]),
                "vale_LB": int(row["vale_LB"]) if row["vale_LB"] else None,
                "vale_UB": int(row["vale_UB"]) if row["vale_UB"] else None,
            }
    return out


def instance_path(name: str, row: dict, root: Path = PTASK) -> Path:
    return root / FOLDERS[row["set"]] / f"{name}.dat"


def selected(table: dict[str, dict], which: str | None = None, name: str = "BENCH_PTASK"):
    """The instances `which` names (all, quick, or a comma list; BENCH_PTASK by default)."""
    which = (os.environ.get("BENCH_PTASK", "all") if which is None else which).strip()
    if which in ("", "all"):
        return list(table)
    if which == "quick":
        return QUICK
    names = [n.strip() for n in which.split(",") if n.strip()]
    unknown = [n for n in names if n not in table]
    if unknown:
        raise ValueError(f"{name}: unknown instances {', '.join(unknown)}")
    return names


def run_one(args: tuple[str, dict, float, int]) -> dict:
    """Solve one instance in headcount mode (wall clock) and check the plan."""
    from stagedoor.engine.staffing import check_plan, solve
    from stagedoor.engine.staffing.ptask import load_ptask

    name, row, time_limit, threads = args
    problem = load_ptask(instance_path(name, row)).problem()
    started = time.perf_counter()
    plan = solve(
        problem, objective="headcount", time_limit=time_limit, threads=threads,
        deterministic=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    errors = check_plan(problem, plan.chosen)
    ub, lb = row["vale_UB"], row["vale_LB"]
    ours = plan.workers_used
    return {
        "instance": name,
        **row,
        "ours": ours,
        "bound": None if plan.bound is None else int(plan.bound),
        "filled": plan.filled,
        "seats": plan.seats,
        "at_bound": plan.bound is not None and plan.filled == plan.seats and ours <= plan.bound,
        "better_than_ub": ub is not None and ours < ub,
        "worse_than_ub": (ub is not None and ours > ub) or plan.filled < plan.seats,
        "open_gap": lb is not None and ub is not None and lb < ub,
        "gap": None if not plan.bound else round((ours - plan.bound) / ours, 4),
        "greedy": plan.stats.get("greedy", {}).get("workers"),
        "check": errors[:3],
        "seconds": round(seconds, 2),
    }


def run_ptask(
    time_limit: float = 60.0,
    instances: list[str] | None = None,
    processes: int = 1,
    console: Console | None = None,
) -> dict:
    """Run, print the tables, write the JSON and return the summary with every row."""
    console = console or Console(width=150)
    table = bounds_table()
    names = instances if instances is not None else selected(table)
    threads = 2 if processes <= 1 else 1
    jobs = [(n, table[n], time_limit, threads) for n in names]
    out = ROOT / "results"
    out.mkdir(exist_ok=True)
    which = "all" if instances is None and len(names) == len(table) else None
    which = which or ("quick" if names == QUICK else "subset")
    # Each row is written as it finishes: a long run stopped early keeps what it measured.
    partial = out / f"staffing_ptask_{which}.partial.jsonl"
    partial.write_text("")
    started = time.perf_counter()
    rows: list[dict] = []

    def done(row: dict) -> None:
        rows.append(row)
        with partial.open("a") as f:
            f.write(json.dumps(row) + "\n")

    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task(f"SMPTSP at {time_limit:g} s", total=len(jobs))
        if processes <= 1:
            for job in jobs:
                progress.update(bar, description=f"SMPTSP {job[0]}")
                done(run_one(job))
                progress.advance(bar)
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
                for future in as_completed([pool.submit(run_one, job) for job in jobs]):
                    done(future.result())
                    progress.advance(bar)
    rows.sort(key=lambda r: names.index(r["instance"]))
    total_s = time.perf_counter() - started
    summary = _summary(rows, total_s, time_limit)
    _print(console, rows, summary, time_limit)
    (out / f"staffing_ptask_{which}.json").write_text(
        json.dumps({"machine": machine(), "summary": summary, "instances": rows}, indent=2)
    )
    return {"summary": summary, "instances": rows}


def _summary(rows: list[dict], total_s: float, time_limit: float) -> dict:
    with_ub = [r for r in rows if r["vale_UB"] is not None]
    open_gap = [r for r in rows if r["open_gap"]]
    gaps = [r["gap"] for r in rows if r["gap"] is not None]
    return {
        "time_limit": time_limit,
        "instances": len(rows),
        "workers_ours": sum(r["ours"] for r in with_ub),
        "workers_vale_ub": sum(r["vale_UB"] for r in with_ub),
        "at_bound": sum(r["at_bound"] for r in rows),
        "open_gap_instances": len(open_gap),
        "better_than_ub_on_open_gap": sum(r["better_than_ub"] for r in open_gap),
        "worse_than_ub": sum(r["worse_than_ub"] for r in rows),
        "check_failures": sum(bool(r["check"]) for r in rows),
        "mean_gap": round(sum(gaps) / len(gaps), 4) if gaps else None,
        "reference": {
            name: {"cp_sat_60s": ref, "ours": r["ours"]}
            for name, ref in REFERENCE.items()
            for r in rows
            if r["instance"] == name
        },
        "seconds": round(total_s, 1),
    }


def _print(console: Console, rows: list[dict], summary: dict, time_limit: float) -> None:
    info = machine()
    console.print(
        f"[bold]Machine[/]: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; "
        f"Python {info['python']}, NumPy {info['numpy']}"
    )
    t = Table(title=f"SMPTSP headcount mode, {time_limit:g} s per instance (wall clock)")
    for col in ("instance", "jobs", "workers", "maxoverlap", "vale LB", "vale UB", "ours",
                "our bound", "at bound", "< UB", "s"):  # fmt: skip
        t.add_column(col, justify="left" if col == "instance" else "right")
    for r in rows:
        ours = str(r["ours"]) if not r["check"] else f"[red]{r['ours']} INVALID[/]"
        if r["worse_than_ub"]:
            ours = f"[red]{ours}[/]"
        elif r["better_than_ub"]:
            ours = f"[green]{ours}[/]"
        t.add_row(
            r["instance"], str(r["jobs"]), str(r["workers"]), str(r["maxoverlap"]),
            str(r["vale_LB"] or "-"), str(r["vale_UB"] or "-"), ours,
            "-" if r["bound"] is None else str(r["bound"]),
            "yes" if r["at_bound"] else "", "yes" if r["better_than_ub"] else "",
            f"{r['seconds']:.1f}",
        )  # fmt: skip
    console.print(t)
    s = summary
    tot = Table(title="Totals")
    tot.add_column("measure")
    tot.add_column("value", justify="right")
    tot.add_row("workers, ours vs vale_UB", f"{s['workers_ours']} vs {s['workers_vale_ub']}")
    tot.add_row("at our bound (proven optimal)", f"{s['at_bound']} of {s['instances']}")
    tot.add_row(
        "strictly better than vale_UB where vale_LB < vale_UB",
        f"{s['better_than_ub_on_open_gap']} of {s['open_gap_instances']} (target: a third)",
    )
    tot.add_row("worse than vale_UB (target 0)", str(s["worse_than_ub"]))
    tot.add_row("plans failing check_plan", str(s["check_failures"]))
    tot.add_row("mean gap to our bound", "-" if s["mean_gap"] is None else f"{s['mean_gap']:.2%}")
    tot.add_row("total seconds", f"{s['seconds']:.0f}")
    console.print(tot)
    if s["reference"]:
        ref = Table(title="README reference points (plain CP-SAT, 60 s, 2 cores)")
        for col in ("instance", "plain CP-SAT", "ours"):
            ref.add_column(col, justify="left" if col == "instance" else "right")
        for name, v in s["reference"].items():
            ref.add_row(name, str(v["cp_sat_60s"]), str(v["ours"]))
        console.print(ref)


def from_environment(console: Console | None = None) -> dict:
    """BENCH_PTASK (all, quick or names), BENCH_PTASK_LIMIT (s), BENCH_PTASK_PROCESSES."""
    limit = float(os.environ.get("BENCH_PTASK_LIMIT", "60"))
    processes = int(os.environ.get("BENCH_PTASK_PROCESSES", "1"))
    return run_ptask(time_limit=limit, processes=processes, console=console)


def main() -> None:
    from_environment()


if __name__ == "__main__":
    main()
