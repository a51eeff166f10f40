"""Board imports: rows per second and peak memory for a generated CSV of 10k, 50k, 200k rows.

`BENCH_ONLY=imports python -m benchmarks` (or `python -m benchmarks.imports [SIZES]`) writes
each CSV in memory (nothing is committed), then imports it through the services, each size
in a fresh process with an empty SQLite database (or DATABASE_URL's), so peak memory is that
size's alone. Rows are distinct postings (title numbered, 40 employers, 10 cities), with
one row in 50 repeating an earlier one, so the duplicate check has work to do (a repeat
within one source updates the posting it repeats).
Sizes come from BENCH_IMPORT_SIZES (default 10000,50000,200000). JSON goes to
benchmarks/results/imports.json.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .machineinfo import machine, machine_line

ROOT = Path(__file__).resolve().parent
# Short, so 200,000 rows stay under the 5 MB an import takes (as the 2.9 MB file did).
TITLES = ["Rigger", "Hand", "Spot", "A1", "A2", "LD", "FOH", "Mons", "Loader"]
CITIES = ["Berlin", "Bonn", "Köln", "Wien", "Graz", "Oslo", "Lyon", "Nice", "Leeds", "York"]


def generate(rows: int) -> tuple[str, int]:
    """(the CSV, how many of its rows repeat an earlier one)."""
    lines = ["title,employer,city"]
    repeats = 0
    for n in range(rows):
        if n % 50 == 49:
            n -= 7  # the same job again
            repeats += 1
        lines.append(f"{TITLES[n % len(TITLES)]} {n},C{n % 40},{CITIES[n % len(CITIES)]}")
    return "\n".join(lines) + "\n", repeats


class _Clock:
    """A progress that notes the CPU time at each batch (the import's start/advance)."""

    def __init__(self) -> None:
        self.marks: list[tuple[int, float]] = []
        self.done = 0

    def start(self, total: int, message: str = "") -> None:
        self.marks = [(0, time.process_time())]

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        self.done += steps
        self.marks.append((self.done, time.process_time()))

    def rate(self, first: int, last: int) -> int:
        inside = [(n, t) for n, t in self.marks if first <= n <= last] or self.marks
        (n0, t0), (n1, t1) = inside[0], inside[-1]
        return round((n1 - n0) / max(t1 - t0, 1e-9))


def one(rows: int) -> dict:
    """Import one generated CSV in this process (a fresh database); the measurements."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from stagedoor.boards import services
    from stagedoor.boards.models import ExternalPosting
    from stagedoor.core.permissions import OPERATOR
    from stagedoor.industry.titles import role_classifier

    call_command("migrate", verbosity=0)
    role_classifier().classify("Rigger")  # load the model outside the timing
    text, repeats = generate(rows)
    run = services.import_run_start(
        actor=OPERATOR, filename="bench.csv", content=text, source="bench", background=False
    )
    clock = _Clock()
    started, cpu = time.perf_counter(), time.process_time()
    counts = services.import_run_execute(clock, run_id=run.pk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # A row repeating one of the same file (no id) updates the posting it repeats.
    assert (counts["new"], counts["updated"]) == (rows - repeats, repeats), counts
    assert ExternalPosting.objects.count() == rows - repeats
    return {
        "rows": rows,
        "bytes": len(text.encode()),
        "new": counts["new"],
        "repeats": counts["updated"],
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "cpu_seconds": round(cpu, 2),
        # CPU rows/s over the first and the last tenth: equal when nothing grows per row.
        "first_tenth_rows_per_cpu_s": clock.rate(0, rows // 10),
        "last_tenth_rows_per_cpu_s": clock.rate(rows - rows // 10, rows),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def _in_child(rows: int) -> dict:
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "STAGEDOOR_VAR": var, "DEBUG": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.imports", "--one", str(rows)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        return {"rows": rows, "error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_imports(console: Console, sizes: tuple[int, ...] | None = None) -> list[dict]:
    if sizes is None:
        sizes = tuple(
            int(s) for s in os.environ.get("BENCH_IMPORT_SIZES", "10000,50000,200000").split(",")
        )
    info = machine()
    console.print(machine_line(info))
    table = Table(title="Board import of a generated CSV (each size in a fresh process)")
    columns = ("rows", "MB", "new", "repeats", "seconds", "rows/s", "CPU s",
               "rows/CPU s first tenth", "last tenth", "peak RSS MiB")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right")
    results = []
    for rows in sizes:
        r = _in_child(rows)
        results.append(r)
        if "error" in r:
            table.add_row(f"{rows:,}", *[""] * 8, r["error"])
            continue
        table.add_row(
            f"{rows:,}", f"{r['bytes'] / 1e6:.1f}", f"{r['new']:,}", f"{r['repeats']:,}",
            f"{r['seconds']:.1f}", f"{r['rows_per_s']:,}", f"{r['cpu_seconds']:.1f}",
            f"{r['first_tenth_rows_per_cpu_s']:,}", f"{r['last_tenth_rows_per_cpu_s']:,}",
            str(r["peak_rss_mib"]),
        )  # fmt: skip
    console.print(table)
    out = ROOT / "results"
    out.mkdir(exist_ok=True)
    (out / "imports.json").write_text(json.dumps({"machine": info, "runs": results}, indent=2))
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(int(sys.argv[2]))))
    else:
        sizes = tuple(int(s) for s in sys.argv[1].split(",")) if sys.argv[1:] else None
        run_imports(Console(width=150), sizes)
