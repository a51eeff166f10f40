"""Mentor suggestions: the array version against the plain reference, on synthetic mentors
spread over the US Midwest. `python -m benchmarks.mentoring` (BENCH_MENTORS sizes, default
1000,10000,50000) prints a table and JSON."""

from __future__ import annotations

import json
import os
import random
import statistics
import time

from rich.console import Console
from rich.table import Table

from stagedoor.engine.mentoring import CADENCES, MODES, Ask, MentorCard, suggest, suggest_reference

ROLES = ("stagehand", "rigger", "head-rigger", "audio-tech", "lighting-tech", "carpenter")


def mentors(n: int, seed: int = 7) -> list[MentorCard]:
    rng = random.Random(seed)
    return [
        MentorCard(
            id=i, name=f"Mentor {i}", roles=tuple(sorted(rng.sample(ROLES, rng.randint(1, 3)))),
            latitude=rng.uniform(40.0, 44.0), longitude=rng.uniform(-91.0, -84.0),
            reach_km=rng.choice((25, 50, 80, 150)), mode=rng.choice(MODES),
            cadence=rng.choice(CADENCES), capacity=rng.randint(1, 4), taken=rng.randint(0, 3),
            city="Chicago",
        )
        for i in range(n)
    ]  # fmt: skip


def timed(fn, *args, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn(*args)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_MENTORS", "1000,10000,50000").split(",")]
    ask = Ask("rigger", ("stagehand", "rigger"), 41.88, -87.63, 50, "either", "monthly")
    table = Table("mentors", "array ms", "reference ms", "same answer", title="Mentor suggestions")
    rows = []
    for n in sizes:
        pool = mentors(n)
        fast = timed(suggest, ask, pool)
        slow = timed(suggest_reference, ask, pool, repeat=1 if n > 10_000 else 3)
        same = suggest(ask, pool) == suggest_reference(ask, pool)
        rows.append({"mentors": n, "array_ms": round(fast, 2), "reference_ms": round(slow, 2),
                     "same": same})  # fmt: skip
        table.add_row(f"{n:,}", f"{fast:,.1f}", f"{slow:,.1f}", "yes" if same else "NO")
    console = Console()
    console.print(table)
    console.print_json(json.dumps(rows))


if __name__ == "__main__":
    main()
