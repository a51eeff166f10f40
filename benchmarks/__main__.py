"""`make bench`: matching and staffing benchmarks, printed as tables (and JSON).

BENCH_ONLY picks among matching, ptask, crew, timefold, titles, imports, load, search and index
(default: all but index).
Matching sizes come from BENCH_SIZES (default 10000,100000,1000000); the naive path is the
pure-Python reference from the tests, timed on a few queries at the sizes it can bear. Staffing: the
public ptask instances (benchmarks.staffing_ptask), the crew weeks (BENCH_CREW, default
medium,large) and Timefold on the medium week (needs `pip install .[bench]`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from stagedoor.engine.matching.build import build_position_index, build_worker_index
from stagedoor.engine.matching.kernel import candidates_for, gigs_for

from . import synthetic
from .machineinfo import machine

ROOT = Path(__file__).resolve().parent
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))
POSITIONS = int(os.environ.get("BENCH_POSITIONS", "2000"))
NAIVE_QUERIES = 3
NAIVE_MAX = 100_000


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def bench_size(n: int, progress: Progress) -> dict:
    from tests.matching.reference import RefOrgLists, rank_workers

    task = progress.add_task(f"{n:>9,} workers", total=4 + 2 * QUERIES)
    columns = synthetic.pool(n)
    progress.advance(task)
    started = time.perf_counter()
    workers = build_worker_index(**columns)
    build_s = time.perf_counter() - started
    progress.advance(task)
    specs = synthetic.positions(POSITIONS)
    index = build_position_index(specs, workers)
    progress.advance(task)
    rng = np.random.default_rng(5)
    pos_times, gig_times = [], []
    for p in rng.integers(0, index.size, QUERIES):
        t = time.perf_counter()
        candidates_for(workers, index, int(p), k=20)
        pos_times.append(time.perf_counter() - t)
        progress.advance(task)
    for w in rng.integers(0, workers.size, QUERIES):
        t = time.perf_counter()
        gigs_for(workers, index, int(w), k=20)
        gig_times.append(time.perf_counter() - t)
        progress.advance(task)
    naive = None
    if n <= NAIVE_MAX:
        refs = synthetic.reference_workers(columns)
        lists = RefOrgLists()
        times = []
        for p in rng.integers(0, index.size, NAIVE_QUERIES):
            t = time.perf_counter()
            rank_workers(refs, specs[int(p)], lists, 20)
            times.append(time.perf_counter() - t)
        naive = float(np.median(times))
    progress.advance(task)
    p50 = synthetic.percentile(pos_times, 50)
    return {
        "workers": n,
        "positions": POSITIONS,
        "build_s": round(build_s, 3),
        "index_mb": round(workers.nbytes() / 2**20, 1),
        "position_p50_ms": ms(p50),
        "position_p99_ms": ms(synthetic.percentile(pos_times, 99)),
        "gigs_p50_ms": ms(synthetic.percentile(gig_times, 50)),
        "gigs_p99_ms": ms(synthetic.percentile(gig_times, 99)),
        "naive_ms": None if naive is None else ms(naive),
        "naive_ratio": None if naive is None else round(naive / p50, 1),
    }


def api_latency() -> dict | None:
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stagedoor_bench")
    env = os.environ | {"DATABASE_URL": url, "STAGEDOOR_VAR": str(ROOT / "results")}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.api_latency"], capture_output=True, text=True, env=env,
        cwd=ROOT.parent,
    )  # fmt: skip
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    only = {x.strip() for x in os.environ.get("BENCH_ONLY", "").split(",") if x.strip()}
    console = Console(width=150)
    if not only or "matching" in only:
        matching(console)
    if not only or "ptask" in only:
        ptask(console)
    if not only or "crew" in only:
        from .staffing_crew import run_crew

        run_crew(tuple(os.environ.get("BENCH_CREW", "medium,large").split(",")), console)
    if not only or "timefold" in only:
        from .staffing_timefold import run_timefold

        run_timefold("medium", console, time_limit=20.0)
    if not only or "titles" in only:
        from .titles import run_titles

        run_titles(console)
    if "index" in only:  # PostgreSQL at national size: BENCH_ONLY=index (see index_load.py)
        __import__("benchmarks.index_load").index_load.run(console)
    if not only or "imports" in only:
        from .imports import run_imports

        run_imports(console)
    if not only or "load" in only:
        from .load import run_load

        run_load(console)
    if not only or "search" in only:
        from .search import run_search

        run_search(console)


def ptask(console: Console) -> None:
    try:
        from .staffing_ptask import from_environment
    except ImportError as exc:
        console.print(f"ptask benchmark skipped: {exc}")
        return
    from_environment(console)


def matching(console: Console) -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
    info = machine()
    console.print(
        f"[bold]Machine[/]: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; "
        f"Python {info['python']}, NumPy {info['numpy']}"
    )
    rows = []
    with Progress(console=console, transient=True) as progress:
        for n in sizes:
            rows.append(bench_size(n, progress))
    table = Table(
        title=f"Matching kernel: top-20, {QUERIES} queries per size, {POSITIONS} open positions"
    )
    for col in ("workers", "build s", "index MB", "position p50 ms", "position p99 ms",
                "gigs p50 ms", "gigs p99 ms", "naive ms", "naive / fast"):  # fmt: skip
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(
            f"{r['workers']:,}", f"{r['build_s']:.2f}", f"{r['index_mb']:.0f}",
            f"{r['position_p50_ms']:.2f}", f"{r['position_p99_ms']:.2f}",
            f"{r['gigs_p50_ms']:.2f}", f"{r['gigs_p99_ms']:.2f}",
            "-" if r["naive_ms"] is None else f"{r['naive_ms']:.0f}",
            "-" if r["naive_ratio"] is None else f"{r['naive_ratio']:.0f}x",
        )  # fmt: skip
    console.print(table)
    console.print(
        "Targets: 100k p50 < 10 ms, p99 < 30 ms, build < 3 s, index < 300 MB; 1M p99 < 300 ms."
    )
    with console.status("API on PostgreSQL with the demo world..."):
        api = api_latency()
    if api and "error" not in api:
        t = Table(title="API /api/positions/{id}/candidates, PostgreSQL, demo world")
        for col in ("requests", "workers", "p50 ms", "p99 ms"):
            t.add_column(col, justify="right")
        t.add_row(
            str(api["requests"]),
            str(api["workers"]),
            f"{api['p50_ms']:.1f}",
            f"{api['p99_ms']:.1f}",
        )
        console.print(t)
        console.print("Target: p99 < 100 ms.")
    else:
        console.print(f"API benchmark skipped: {api['error'] if api else 'no result'}")
    out = ROOT / "results"
    out.mkdir(exist_ok=True)
    (out / "matching.json").write_text(
        json.dumps({"machine": info, "kernel": rows, "api": api}, indent=2)
    )


if __name__ == "__main__":
    main()
