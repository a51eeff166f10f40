"""Load benchmark: gunicorn on PostgreSQL with a whole world, driven by Locust from a second
process, loopback only (`BENCH_ONLY=load make bench`).

For each world (BENCH_LOAD_WORLDS, default "demo,national"; a number is a national world of
that many workers, and BENCH_SIZES, when set, adds one such world per size) it:

1. builds the world in its own database if it is missing (`stagedoor demo-data`, then
   `--scale national`), and prepares the run's logins: session cookies and API tokens for
   managers of the busiest organisations and for crew (`prepare`, below);
2. starts gunicorn (BENCH_LOAD_WORKERS, default 2 x cores) on 127.0.0.1:8105 with DEBUG off;
3. runs Locust headless, twice: the candidates endpoint alone at 4 connections (the issue's
   baseline: ~62 requests/s, p99 533 ms, demo world) and the mix of visitors, crew and managers
   (BENCH_LOAD_USERS, default 40, for BENCH_LOAD_SECONDS, default 60, and at most
   BENCH_LOAD_MAX_REQUESTS, default 40000), with the staleness probe beside it
   (`benchmarks/staleness.py`: a worker marks a call's hours off and clears them again, and
   the probe reads the candidates endpoint until each change shows);
4. checks the booking rules in SQL afterwards (no call over-filled, nobody double-booked).

It prints one table per world (requests/s per core, p50/p95/p99 per kind, errors), what
failed and how, the index's staleness and the invariants, with the machine and its load
average, and writes benchmarks/results/load.json.

Measured 2026-12-06 on the 2-core Xeon, nothing else running, national world (100,372 crew,
300,967 calls), gunicorn x4, 60 s (before the Gigs for you change below):
- 12 users, 7.5 requests/s in all (3.7 per core): zero errors; p99 Find crew 550 ms, Gigs for
  you 1,300 ms (p50 610), job search 1,100 ms, a posting 270 ms (p50 44), Today 150 ms;
  staleness median 104 ms, at most 432 ms, no stale reply; invariants: 0 over-filled, 0
  double-booked.
- 40 users saturate the machine: 18.7 requests/s (9.4 per core), p50 620 ms in all; zero
  errors, staleness at most 1,312 ms, invariants clean.
- The candidates endpoint alone at 4 connections: 31-33 requests/s, p99 210-220 ms (the
  issue's baseline, on the 372-crew demo world: 62 requests/s, p99 533 ms).
- Warm-up 162-190 s: each process's first matching request builds the position side of the
  index through the ORM (about 60 s for 173,667 open calls); the worker side reads in ~3 s.
Then Gigs for you in one process went from 402 ms to 58 ms (engine/matching/kernel.py: one
sorted key array per organisation table, and only calls for roles she holds evaluated);
and the position side of a full build reads open calls as plain rows (matching/index.py
`open_position_specs`): 173,667 open calls in 4.6 s, the whole index in 10.2 s (was about
60 s), so a process's first matching request and every background rebuild cost a sixth.
Re-run after both, same machine and settings, 12 users: 7.9 requests/s (3.9 per core), zero
errors; p99 Find crew 280 ms, Gigs for you 210 ms (p50 100), candidates 190 ms, Today 74 ms,
a posting 51 ms, the job board 110 ms, job search 470 ms (p50 99); staleness median 73 ms, at
most 230 ms, no stale reply; invariants clean; warm-up 23 s (was 162-190 s). Candidates alone
at 4 connections: 45.4 requests/s, p99 160 ms. Job search (p99 < 150 ms as a public page,
< 200 ms as the issue's search target) is what still misses at this load; the 40-user load
was not re-run.
Then (next session) job search in a city picks the shows in reach first (boards/reach.py) and
sorts by relevance in SQL; Find crew checks the manager and reads the interested list once.
Same machine, quiet (load 1.3 at the start), national world, gunicorn x4:
- 12 users, 180 s: 8.2 requests/s (4.1 per core), zero errors; p99 Find crew 270 ms, Gigs for
  you 240 ms, candidates 270 ms, Today 110 ms, a posting 61 ms, the job board 160 ms, job
  search 230 ms (p50 78); staleness median 74 ms, at most 660 ms, no stale reply; invariants
  clean (414,083 bookings); warm-up 25 s. (A 60 s run just before: job search p99 290 ms,
  Find crew 350 ms on 26 requests: at 60 s a p99 is a handful of requests.)
- 40 users, 60 s: 26.5 requests/s (13.3 per core; was 18.7), p50 75 ms in all (was 620 ms),
  p99 340 ms in all; zero errors; staleness at most 886 ms; invariants clean. Saturated, so
  every p99 is over its target (Find crew 380, Gigs for you 390, job search 360 ms).
- Candidates alone at 4 connections: 45.4-47.5 requests/s, p99 150-160 ms.
Still missing at 12 users: job search p99 230 ms (target 200) and the job board 160 ms
(public pages 150). In one process a search takes 25-126 ms; the slowest, a two-word search
("box office"), reads 14,000 matching rows from the heap to keep the soonest 1,001.
Tried: two processes of two threads each (BENCH_LOAD_WORKERS=2 GUNICORN_THREADS=2, half the
index copies to patch), 12 users 180 s: worse on every tail (p99 in all 360 ms, job search
560, Gigs for you 890; the threads wait on each other's Python), so four single-threaded
processes stay the default.
Then (next session) the board reads its rows narrow (boards.selectors.listed), the open calls
leave hidden shows out by key (gigs 0012) instead of joining every show, the role menu is
written in Python, and web processes freeze their long-lived objects out of the cycle
collector (core.memory). Same machine, quiet (load 0.2 at the start), 12 users, 180 s, three
runs (the second with GUNICORN_GC_FREEZE=0):
- 8.1-8.3 requests/s (4.1 per core), zero errors; p99 Find crew 260/190/250 ms, Gigs for
  you 150/180/220, candidates 160/160/190, Today 61/63/80, a posting 47/45/44, the job board
  79/77/78 (target 150), job search 190/160/170 (target 200; p50 49-54); staleness median
  59-63 ms, at most 166/543/224 ms, no stale reply; invariants clean.
- The freeze made no difference a 180 s run can see (a full collection is rare in that
  time; one takes 130-300 ms in a warm process, measured alone).
- 40 users, 60 s: 26.5 requests/s (13.3 per core), p50 65 ms in all (was 75), p99 280 ms in
  all (was 340); job search 260 (was 360), Find crew 350 (380), Gigs for you 320 (390);
  staleness at most 433 ms; invariants clean.
- Candidates alone at 4 connections: 48.8-53.2 requests/s, p99 130-150 ms.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .machineinfo import machine, machine_line

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
PORT = 8105
HOST = f"http://127.0.0.1:{PORT}"
BASE_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stagedoor_load"
)
BASELINE = {"rps": 62.0, "p99_ms": 533.0, "connections": 4}
MANAGERS = 40
SKIP_COMPRESS = (
    "js",
    "mjs",
    "css",
    "map",
    "html",
    "svg",
    "json",
    "txt",
    "md",
    "ts",
    "png",
    "jpg",
    "gif",
    "ico",
    "woff",
    "woff2",
    "ttf",
    "eot",
    "xml",
    "yml",
    "scss",
)
CREW = 400


def _worlds() -> list[str]:
    worlds = [w.strip() for w in os.environ.get("BENCH_LOAD_WORLDS", "demo,national").split(",")]
    sizes = [s.strip() for s in os.environ.get("BENCH_SIZES", "").split(",") if s.strip()]
    if sizes and os.environ.get("BENCH_ONLY", "").strip() == "load":
        worlds = ["demo", *sizes]
    return [w for w in worlds if w]


def _sizes(world: str) -> dict[str, int] | None:
    if world == "demo":
        return None
    workers = 100_000 if world == "national" else int(world)
    return {
        "workers": workers,
        "organisations": max(20, workers // 50),
        "shows": max(60, workers // 5),
        "positions": max(900, workers * 3),
    }


def _env(world: str) -> dict[str, str]:
    name = "demo" if world == "demo" else f"w{_sizes(world)['workers']}"
    var = RESULTS / "load-var"  # one for every world: static files are collected once
    var.mkdir(parents=True, exist_ok=True)
    return os.environ | {
        "LOAD_BUILD_LOG": str(RESULTS / f"load-{name}-build.log"),
        "DATABASE_URL": f"{BASE_URL}_{name}",
        "STAGEDOOR_VAR": str(var),
        "PYTHONPATH": os.pathsep.join([str(ROOT.parent / "src"), str(ROOT.parent)]),
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-only-not-a-secret-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DB_CONN_MAX_AGE": "60",
        # A load test from one address: the per-address limit would turn it into 429s.
        "STAGEDOOR_API_RATE_PER_ADDRESS": "1000000/m",
        "STAGEDOOR_API_RATE_PER_TOKEN": "1000000/m",
        "LOG_LEVEL": "ERROR",
    }


def _stagedoor(env: dict, *args: str) -> None:
    """A `stagedoor` command; what it prints (the demo's emails, among others) goes to the
    world's build log, not the benchmark's table."""
    with open(env["LOAD_BUILD_LOG"], "a") as log:
        subprocess.run(
            [sys.executable, "-m", "stagedoor", *args],
            env=env,
            check=True,
            cwd=ROOT.parent,
            stdout=log,
        )


# -- in a Django process (python -m benchmarks.load prepare|invariants) ------------------------


def _django() -> None:
    import django
    import psycopg
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    django.setup()


def _session(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def prepare(out: Path) -> None:
    """Logins for the run: managers of the organisations with the most open calls, crew who
    are candidates for those calls or hold offers, each with a session and a token."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.utils import timezone

    from stagedoor.api.models import ApiToken
    from stagedoor.booking.models import Offer
    from stagedoor.gigs.models import Position, Status
    from stagedoor.industry.enums import MemberRole
    from stagedoor.industry.models import Membership, Organisation
    from stagedoor.people.models import WorkerProfile

    User = get_user_model()
    now = timezone.now()
    open_calls = Position.objects.filter(
        show__status=Status.PUBLISHED,
        call_start__gt=now + dt.timedelta(days=2),
        cancelled_at__isnull=True,
    )
    orgs = list(
        Organisation.objects.annotate(
            n=Count("shows__positions", filter=Q(shows__positions__in=open_calls))
        )
        .filter(n__gt=0)
        .order_by("-n", "pk")[:MANAGERS]
    )
    ApiToken.objects.filter(name="load benchmark").delete()
    managers = []
    for i, org in enumerate(orgs):
        user, _ = User.objects.get_or_create(
            username=f"load.manager{i:02d}",
            defaults={
                "first_name": "Load",
                "last_name": f"Manager {i}",
                "email": f"load.manager{i:02d}@stagedoor.localhost",
            },
        )
        Membership.objects.get_or_create(
            organisation=org, user=user, defaults={"role": MemberRole.MANAGER}
        )
        positions = list(
            open_calls.filter(show__organisation=org)
            .order_by("call_start")
            .values_list("pk", flat=True)[:60]
        )
        _, key = ApiToken.issue(user=user, name="load benchmark", days=2)
        managers.append({"session": _session(user), "token": key, "positions": positions})
    # Crew: those with offers waiting, and those who share a city and a role with the calls.
    offered = list(
        Offer.objects.filter(status="pending", expires_at__gt=now)
        .values_list("worker", flat=True)
        .distinct()[: CREW // 2]
    )
    calls = open_calls.filter(show__organisation__in=orgs)
    cities = set(calls.values_list("show__venue__city", flat=True).distinct())
    roles = set(calls.values_list("role", flat=True).distinct())
    nearby = list(
        WorkerProfile.objects.filter(home_city__in=cities, roles__role__in=roles)
        .exclude(pk__in=offered)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")[:CREW]
    )
    workers, token_of = [], {}
    for worker in WorkerProfile.objects.filter(pk__in=offered + nearby[: CREW - len(offered)]):
        _, key = ApiToken.issue(user=worker.user, name="load benchmark", days=2)
        workers.append({"slug": worker.slug, "session": _session(worker.user), "token": key})
        token_of[worker.slug] = key
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    _, admin_key = ApiToken.issue(user=admin, name="load benchmark", days=2)
    postings = list(open_calls.order_by("?").values_list("pk", flat=True)[:2000])
    words = [
        "stagehand",
        "audio",
        "lighting",
        "rigger",
        "security",
        "load-in",
        "box office",
        "merch",
        "foh engineer",
        "follow spot",
        "runner",
        "doors",
        "backline",
    ]
    config = {
        "managers": managers,
        "workers": workers,
        "token_of": token_of,
        "postings": postings,
        "search_words": words,
        "cities": sorted(cities)[:30] or ["Chicago"],
        "admin_token": admin_key,
        "all_positions": list(open_calls.order_by("pk").values_list("pk", flat=True)[:5000]),
        "counts": {
            "workers": WorkerProfile.objects.count(),
            "positions": Position.objects.count(),
        },
    }
    out.write_text(json.dumps(config))


def invariants() -> dict:
    from stagedoor.booking.models import Booking, Offer
    from stagedoor.demo.national import broken_invariants

    return broken_invariants() | {
        "bookings": Booking.objects.count(),
        "offers": Offer.objects.count(),
    }


# -- the driver -------------------------------------------------------------------------------


def _build(world: str, env: dict, console: Console) -> None:
    probe = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "has-world", world],
        env=env,
        cwd=ROOT.parent,
        capture_output=True,
        text=True,
    )
    # A world built by older code gets the newer migrations (quick when there are none).
    _stagedoor(env, "migrate", "-v0")
    if probe.stdout.strip() == "yes":
        return
    console.print(f"Building the {world} world in {env['DATABASE_URL'].rsplit('/', 1)[1]}...")
    _stagedoor(env, "demo-data", "--quiet")
    sizes = _sizes(world)
    if sizes:
        args = [f"--{k}={v}" for k, v in sizes.items()]
        _stagedoor(env, "demo-data", "--quiet", "--scale", "national", "--replace", *args)


def _gunicorn(env: dict, workers: int) -> subprocess.Popen:
    if not (Path(env["STAGEDOOR_VAR"]) / "static" / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "-m", "benchmarks.load", "collectstatic"],
            env=env,
            cwd=ROOT.parent,
            check=True,
        )
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    # Production's settings (the Procfile's): the app preloaded in the master, each process
    # warming the title classifier as it starts; the bind, processes and timeout below win.
    server = subprocess.Popen(
        [
            gunicorn,
            "--config",
            "python:stagedoor.gunicorn_conf",
            "stagedoor.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--timeout",
            # A process's first ranking loads the matching index from the database: at
            # 100,000 crew on a busy machine that has taken minutes, and a shorter timeout
            # kills the process mid-load, which then starts again from nothing.
            os.environ.get("BENCH_LOAD_GUNICORN_TIMEOUT", "900"),
            "--log-level",
            "warning",
        ],
        env=env | {"STAGEDOOR_WARM_TITLES": "1", "LOG_FORMAT": "text"},
        cwd=ROOT.parent,
        start_new_session=True,
        # The console mail backend prints every offer's email: into the log, not the table.
        stdout=open(env["LOAD_BUILD_LOG"].replace("-build", "-server"), "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{HOST}/jobs/", timeout=30) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    _stop(server)
    raise RuntimeError("gunicorn did not answer on /jobs/ within two minutes")


def _warm_up(config: dict, concurrency: int) -> float:
    """Every gunicorn worker loads what a kind of request needs on its first one (the
    matching index, the title classifier that reads search words): send each kind from
    several threads at once before anything is timed. Returns the seconds it took."""
    from concurrent.futures import ThreadPoolExecutor

    manager, worker = config["managers"][0], config["workers"][0]
    position = manager["positions"][0] if manager["positions"] else config["all_positions"][0]
    kinds = [
        (
            f"/api/positions/{position}/candidates?k=20",
            {"Authorization": f"Bearer {config['admin_token']}"},
        ),
        (f"/manage/positions/{position}/crew/", {"Cookie": f"sessionid={manager['session']}"}),
        ("/jobs/?q=stagehand", {}),
        (f"/jobs/?q=audio&city={urllib.parse.quote(config['cities'][0])}", {}),
        (f"/jobs/{config['postings'][0]}/", {}),
        ("/me/", {"Cookie": f"sessionid={worker['session']}"}),
        ("/me/gigs/", {"Cookie": f"sessionid={worker['session']}"}),
    ]

    def ask(n: int) -> None:
        path, headers = kinds[n % len(kinds)]
        request = urllib.request.Request(f"{HOST}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=900) as reply:
                reply.read()
        except OSError:
            pass  # the timed runs count errors; the warm-up only has to have asked

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(ask, range(concurrency * len(kinds))))
    return time.perf_counter() - started


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _ms(text: str) -> float:
    return float(text) if text and text != "N/A" else 0.0


def _locust(
    env: dict,
    config: Path,
    classes: list[str],
    users: int,
    seconds: int,
    max_requests: int,
    prefix: Path,
) -> list[dict]:
    run_env = env | {"LOAD_CONFIG": str(config), "LOAD_MAX_REQUESTS": str(max_requests)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            HOST,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "5",
            *classes,
        ],
        env=run_env,
        cwd=ROOT.parent,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=open(f"{prefix}.log", "w"),  # noqa: SIM115
    )
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            rows.append(
                {
                    "kind": row["Name"] if row["Name"] != "Aggregated" else "All",
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": _ms(row["50%"]),
                    "p95": _ms(row["95%"]),
                    "p99": _ms(row["99%"]),
                }
            )
    return rows


def _failures(prefix: Path) -> list[dict]:
    """What Locust counted as failed, by kind and error (its failures CSV)."""
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return [
            {"kind": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
            for r in csv.DictReader(f)
        ]


def run_world(world: str, console: Console) -> dict:
    env = _env(world)
    _build(world, env, console)
    config = RESULTS / f"load-{world}-config.json"
    subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "prepare", str(config)],
        env=env,
        cwd=ROOT.parent,
        check=True,
    )
    cores = os.cpu_count() or 1
    workers = int(os.environ.get("BENCH_LOAD_WORKERS", str(2 * cores)))
    users = int(os.environ.get("BENCH_LOAD_USERS", "40"))
    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    max_requests = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "40000"))
    load_before = os.getloadavg()[0]
    server = _gunicorn(env, workers)
    try:
        warm_up_s = _warm_up(json.loads(config.read_text()), 2 * workers)
        baseline = _locust(
            env,
            config,
            ["CandidatesOnly"],
            4,
            min(30, seconds),
            max_requests,
            RESULTS / f"load-{world}-candidates",
        )
        # The staleness probe writes and reads beside the mix, for as long as it runs.
        stale_out = RESULTS / f"load-{world}-staleness.json"
        stale_out.unlink(missing_ok=True)
        probe = ["benchmarks.staleness", str(config), str(seconds), str(stale_out)]
        prober = subprocess.Popen(
            [sys.executable, "-m", *probe],
            env=env,
            cwd=ROOT.parent,
            stderr=open(RESULTS / f"load-{world}-staleness.log", "w"),  # noqa: SIM115
        )
        try:
            mix = _locust(
                env,
                config,
                ["Visitor", "Worker", "Manager"],
                users,
                seconds,
                max_requests,
                RESULTS / f"load-{world}-mix",
            )
        finally:
            try:
                prober.wait(60)
            except subprocess.TimeoutExpired:
                prober.kill()
    finally:
        _stop(server)
    staleness = json.loads(stale_out.read_text()) if stale_out.exists() else None
    load_after = os.getloadavg()[0]
    checked = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "invariants"],
        env=env,
        cwd=ROOT.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    counts = json.loads(config.read_text())["counts"]
    return {
        "world": world,
        "counts": counts,
        "gunicorn_workers": workers,
        "users": users,
        "seconds": seconds,
        "cores": cores,
        "load_before": round(load_before, 2),
        "load_after": round(load_after, 2),
        "candidates_4": baseline,
        "mix": mix,
        "invariants": json.loads(checked.stdout.strip().splitlines()[-1]),
        "staleness": staleness,
        "failures": _failures(RESULTS / f"load-{world}-mix"),
        "warm_up_s": round(warm_up_s, 1),
    }


def _table(result: dict) -> Table:
    c = result["counts"]
    table = Table(
        title=f"{result['world']} world ({c['workers']:,} crew, {c['positions']:,} calls): "
        f"gunicorn x{result['gunicorn_workers']}, {result['users']} Locust users, "
        f"{result['seconds']} s; load {result['load_before']} -> {result['load_after']}"
    )
    for col in ("kind", "requests", "errors", "req/s", "req/s/core", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(col, justify="left" if col == "kind" else "right")

    def row(r: dict, label: str | None = None, style: str = "") -> None:
        table.add_row(
            label or r["kind"],
            f"{r['requests']:,}",
            f"{r['failures']:,}",
            f"{r['rps']:.1f}",
            f"{r['rps'] / result['cores']:.1f}",
            f"{r['p50']:.0f}",
            f"{r['p95']:.0f}",
            f"{r['p99']:.0f}",
            style=style,
        )

    for r in result["mix"]:
        row(r, style="bold" if r["kind"] == "All" else "")
    for r in result["candidates_4"]:
        if r["kind"] == "All":
            row(r, "Candidates alone, 4 connections", style="italic")
    return table


def _staleness_line(s: dict | None) -> str:
    if not s:
        return "[red]Index staleness: the probe did not report (see load-*-staleness.log).[/]"
    if not s["changes"]:
        return "Index staleness: the probe made no change (no call listed any crew)."
    lag = (
        f"first reply showing it {s['lag_p50_ms']:.0f} ms after the commit (median), "
        f"{s['lag_max_ms']:.0f} ms at most"
        if s["lag_max_ms"] is not None
        else "none showed"
    )
    stale = (
        f"{s['stale_replies']} replies begun after a commit still showed the old state, "
        f"begun up to {s['stale_max_ms']:.0f} ms after it"
        if s["stale_replies"]
        else "no reply begun after a commit showed the old state"
    )
    unresolved = f"; {s['unresolved']} never showed within 10 s" if s["unresolved"] else ""
    return (
        f"Index staleness under the mix's writes ({s['changes']} changes: a worker marks a "
        f"call's hours off, then clears them; read on the candidates endpoint): {lag}; "
        f"{stale}{unresolved}."
    )


def run_load(console: Console) -> list[dict]:
    info = machine()
    console.print(machine_line(info))
    RESULTS.mkdir(exist_ok=True)
    results = []
    for world in _worlds():
        result = run_world(world, console)
        results.append(result)
        console.print(_table(result))
        inv = result["invariants"]
        for failure in result["failures"]:
            console.print(f"[red]{failure['count']} x {failure['kind']}: {failure['error']}[/]")
        console.print(_staleness_line(result["staleness"]))
        console.print(
            f"After the run: {inv['over_filled_calls']} calls over-filled, "
            f"{inv['double_bookings']} double bookings ({inv['bookings']:,} bookings, "
            f"{inv['offers']:,} offers in all)."
            f" Warm-up before timing (each kind's first request in every process): "
            f"{result['warm_up_s']:.0f} s."
        )
    console.print(
        f"Issue baseline (demo world, candidates endpoint, {BASELINE['connections']} "
        f"connections): ~{BASELINE['rps']:.0f} req/s, p99 {BASELINE['p99_ms']:.0f} ms. Targets: "
        "Find crew and Gigs for you p99 < 300 ms, public pages p99 < 150 ms, zero errors, zero "
        "broken invariants, the index never stale by more than a second."
    )
    (RESULTS / "load.json").write_text(json.dumps({"machine": info, "worlds": results}, indent=2))
    return results


def main(argv: list[str]) -> None:
    if argv and argv[0] == "prepare":
        _django()
        prepare(Path(argv[1]))
    elif argv and argv[0] == "collectstatic":
        # Hashed names and the manifest, as production serves them, without compressing
        # every vendor file with Brotli: Locust asks for pages, not static files.
        _django()
        from django.conf import settings
        from django.core.management import call_command

        settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = SKIP_COMPRESS
        call_command("collectstatic", "--noinput", verbosity=0)
    elif argv and argv[0] == "invariants":
        _django()
        print(json.dumps(invariants()))
    elif argv and argv[0] == "has-world":
        _django()
        from django.db import connection

        if "core_sitesetting" not in connection.introspection.table_names():
            print("no")
            return
        from stagedoor.core.models import SiteSetting
        from stagedoor.demo.national import national_exists

        demo = SiteSetting.objects.filter(key="demo_anchor").exists()
        print("yes" if demo and (argv[1] == "demo" or national_exists()) else "no")
    else:
        run_load(Console(width=150))


if __name__ == "__main__":
    main(sys.argv[1:])
