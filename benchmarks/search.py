"""Job search at national scale: p50/p95/p99 of typical searches over 300,000 crew calls.

`BENCH_ONLY=search python -m benchmarks` (or `python -m benchmarks.search [POSITIONS]`) with
DATABASE_URL naming a PostgreSQL database: the search reads the full-text GIN index there
(gigs 0010). If the database holds fewer open calls than asked (BENCH_SEARCH_POSITIONS,
default 300000), a bulk fixture adds them first (bulk inserts; kept for the next run):
400 organisations, 1,200 venues in 60 cities, 20,000 shows, calls with the catalog's roles
and the trade's titles, a few with a rare word. When stagedoor.demo.national lands, its
build_national can fill the database instead.

Each search runs as the jobs page runs it: the count, the first page of 25 calls (keys
first, then those rows: stagedoor.core.paging), and the imported postings' query; the
"page" columns time the whole /jobs/ request through Django's test client (template and
middleware included; run with DEBUG=0 and collected static files, as the load benchmark
serves, for the figures a visitor sees).
Prints EXPLAIN (ANALYZE) of a word search, to see the GIN index used. JSON goes to
benchmarks/results/search.json.

In the national world (`python -m benchmarks.search 200000` against sd_national_w100000:
300,967 calls, 217,447 open; pass a count it already holds or the fixture adds calls), a
word in a city was the slowest search: the planner cannot tell how few calls one city
holds, so filtering on the show's venue walked every open call soonest first until it had
a thousand in that city (42,907 rows read for Dallas's 561 "load-in" calls, 215 ms of SQL).
boards.reach now picks the shows in reach first and reads their calls by the show index:
7 ms of SQL for Dallas, 49 ms for "stagehand" in Chicago (2,300 shows; 82 ms before).
Whole /jobs/ requests through the test client, one at a time, on the 2-core machine
shared with other runs (load 3.5-5, so the p99 of 8 runs is noise; p50 range of two
alternated runs): a word in a city 200-430 ms -> 45-170 ms (Dallas 369-428 -> 64-84,
Glasgow 290-382 -> 44-74, Berlin 288-411 -> 130-145, Chicago 209-217 -> 156-172); words
without a city, a rare word, role + pay and no words at all unchanged (40-130 ms, same
plans). The benchmark's table, two alternated runs each (p50 ms): "audio" in Austin
356/236 -> 121/112, "stagehand" in Chicago 184/116 -> 156/150, the rest within the noise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from .machineinfo import machine, machine_line

ROOT = Path(__file__).resolve().parent
RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", "40"))
CITIES = [
    ("Chicago", "US", 41.88, -87.63, "America/Chicago"),
    ("Berlin", "DE", 52.52, 13.40, "Europe/Berlin"),
    ("London", "GB", 51.51, -0.13, "Europe/London"),
    ("New York", "US", 40.71, -74.01, "America/New_York"),
    ("Austin", "US", 30.27, -97.74, "America/Chicago"),
    ("Nashville", "US", 36.16, -86.78, "America/Chicago"),
    ("Toronto", "CA", 43.65, -79.38, "America/Toronto"),
    ("Melbourne", "AU", -37.81, 144.96, "Australia/Melbourne"),
    ("Hamburg", "DE", 53.55, 9.99, "Europe/Berlin"),
    ("Manchester", "GB", 53.48, -2.24, "Europe/London"),
]
# Titles as managers write them, by the role slug they go with (any other role: its name).
TITLES = {
    "foh-engineer": ["FOH engineer", "A1 / FOH", "Front of house engineer"],
    "monitor-engineer": ["Monitor engineer", "A2 monitors", "Monitor tech"],
    "rigger": ["Up rigger", "Down rigger", "Rigger"],
    "stagehand": ["Load-in hands", "Loaders", "Stagehand"],
    "lighting-tech": ["Lighting tech", "LX crew", "Lampie"],
}
ARTISTS = [
    "The Nightjars",
    "Velvet Arcade",
    "Mara Holt",
    "Kilowatt Choir",
    "Low Harbour",
    "Saint Ivory",
    "The Copper Fields",
    "Juno Reyes",
    "Paper Lanterns",
    "Okafor Trio",
]
QUERIES = [
    ("the board (no search)", {}),
    ("foh engineer chicago", {"q": "foh engineer chicago"}),
    ("two common words (box office)", {"q": "box office"}),
    ("rigger", {"q": "rigger"}),
    ("lighting", {"q": "lighting"}),
    ("a rare word (theremin)", {"q": "theremin"}),
    ("no words: role + pay", {"role": "stagehand", "min_pay": "200"}),
    ("no words: city 50 km", {"city": "Chicago, US"}),
    # As the load benchmark's visitors search: a word, and two times in five a city.
    ("a word in a big city (stagehand, Chicago)", {"q": "stagehand", "city": "Chicago, US"}),
    ("a word in a city (audio, Austin)", {"q": "audio", "city": "Austin, US"}),
]


def fixture(positions: int, progress: Progress) -> int:
    """Add open calls until the database holds `positions`; how many were added."""
    from django.db import transaction

    from stagedoor.gigs.models import Position, Show, Status
    from stagedoor.industry.models import Organisation, Role, Venue

    have = Position.objects.filter(call_start__gte=dt.datetime.now(dt.UTC)).count()
    if have >= positions:
        return 0
    rng = random.Random(22)
    roles = list(Role.objects.all())
    tag = f"b{int(time.time())}"
    task = progress.add_task("Bulk fixture", total=positions - have)
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(
                slug=f"{tag}-o{i}",
                name=f"{rng.choice(ARTISTS).split()[-1]} Live {i}",
                kind="promoter",
                city=CITIES[i % len(CITIES)][0],
            )
            for i in range(400)
        )
        venues = Venue.objects.bulk_create(
            Venue(
                slug=f"{tag}-v{i}",
                organisation=orgs[i % len(orgs)],
                name=f"Hall {i}",
                address=f"{i} Main Street",
                city=(c := CITIES[i % len(CITIES)])[0],
                country=c[1],
                latitude=c[2] + rng.uniform(-0.1, 0.1),
                longitude=c[3] + rng.uniform(-0.1, 0.1),
                timezone=c[4],
                capacity=2000,
            )
            for i in range(1200)
        )
    today = dt.date.today()
    shows_needed = max(1, (positions - have) // 15)
    shows = []
    for start in range(0, shows_needed, 5000):
        with transaction.atomic():
            shows += Show.objects.bulk_create(
                Show(
                    slug=f"{tag}-s{i}",
                    organisation=(v := rng.choice(venues)).organisation,
                    venue=v,
                    artist=rng.choice(ARTISTS),
                    status=Status.PUBLISHED,
                    date=today + dt.timedelta(days=rng.randint(2, 360)),
                )
                for i in range(start, min(shows_needed, start + 5000))
            )
    added = 0
    while added < positions - have:
        batch = []
        for _ in range(min(5000, positions - have - added)):
            show, role = rng.choice(shows), rng.choice(roles)
            begin = dt.datetime.combine(show.date, dt.time(rng.choice((8, 10, 14))), dt.UTC)
            rare = rng.random() < 0.0002
            batch.append(
                Position(
                    show=show,
                    role=role,
                    title="Theremin tech"
                    if rare
                    else rng.choice(TITLES.get(role.slug, [role.name])),
                    call_start=begin,
                    call_end=begin + dt.timedelta(hours=8),
                    pay_amount=Decimal(rng.randint(150, 600)),
                    pay_unit="day",
                    currency="USD",
                    notes=rng.choice(["", "", "Steel-toe boots.", "Blacks."]),
                )
            )
        with transaction.atomic():
            Position.objects.bulk_create(batch)
        added += len(batch)
        progress.advance(task, len(batch))
    return added


def _search(params: dict) -> tuple[int, int]:
    """What the jobs page does for these parameters: (matches, postings)."""
    from stagedoor.boards import selectors
    from stagedoor.boards.forms import JobSearchForm
    from stagedoor.core.paging import KeyedPaginator

    form = JobSearchForm(params)
    assert form.is_valid(), form.errors
    filters = form.filters()
    page = KeyedPaginator(selectors.job_search(filters), 25, most=selectors.MOST).get_page(1)
    list(page)
    return page.paginator.count, len(selectors.external_search(filters))


def _pages(params: dict) -> list[float]:
    """Milliseconds of the whole /jobs/ request (Django's test client, one process, no
    network; the template and the middleware included): RUNS // 2 of them after a warm one."""
    from django.test import Client

    client = Client()
    client.get("/jobs/", params)
    times = []
    for _ in range(max(RUNS // 2, 1)):
        t = time.perf_counter()
        response = client.get("/jobs/", params)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def _explain(q: str) -> list[str]:
    from stagedoor.boards import selectors

    qs = selectors.open_positions(q=q)[:25]
    return qs.explain(analyze=True).splitlines()


def run_search(console: Console, positions: int | None = None) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.db import connection

    from stagedoor.industry.titles import role_classifier

    if positions is None:
        positions = int(os.environ.get("BENCH_SEARCH_POSITIONS", "300000"))
    info = machine()
    console.print(machine_line(info))
    if connection.vendor != "postgresql":
        console.print("[yellow]Job search benchmark: set DATABASE_URL to a PostgreSQL database.")
        return {}
    with Progress(console=console, transient=True) as progress:
        added = fixture(positions, progress)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    role_classifier().classify("Rigger")  # load the title model outside the timing
    table = Table(title=f"Job search, first page of 25 + count ({RUNS} runs each, {added:,} added)")
    columns = ("p50 ms", "p95 ms", "p99 ms", "max ms", "page p50", "page max")
    for column in ("search", "matches", *columns):
        table.add_column(column, justify="right")
    results = []
    for label, params in QUERIES:
        _search(params)  # warm
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            count, _external = _search(params)
            times.append((time.perf_counter() - t) * 1000)
        q = statistics.quantiles(times, n=100, method="inclusive")
        pages = _pages(params)
        row = {
            "search": label,
            "matches": count,
            "p50": round(q[49], 1),
            "p95": round(q[94], 1),
            "p99": round(q[98], 1),
            "max": round(max(times), 1),
            "page p50": round(statistics.median(pages), 1),
            "page max": round(max(pages), 1),
        }
        results.append(row)
        keys = ("p50", "p95", "p99", "max", "page p50", "page max")
        table.add_row(label, f"{count:,}", *(f"{row[k]:.1f}" for k in keys))
    console.print(table)
    plan = _explain("foh engineer chicago")
    console.print("[bold]EXPLAIN ANALYZE[/] open_positions(q='foh engineer chicago')[:25]:")
    for line in plan:
        if any(word in line for word in ("Index", "Scan", "Execution", "Sort", "Limit")):
            console.print("  " + line.strip())
    info["load_1min_after"] = round(os.getloadavg()[0], 2)
    console.print(f"load after: {info['load_1min_after']}")
    out = ROOT / "results"
    out.mkdir(exist_ok=True)
    data = {"machine": info, "positions": positions, "runs": results, "explain": plan}
    (out / "search.json").write_text(json.dumps(data, indent=2))
    return data


if __name__ == "__main__":
    run_search(Console(width=150), int(sys.argv[1]) if sys.argv[1:] else None)
