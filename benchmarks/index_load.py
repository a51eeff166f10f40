"""The matching index on PostgreSQL at national size: load, patch, staleness, Find crew.

`BENCH_ONLY=index python -m benchmarks` (or `python -m benchmarks.index_load`). Grows the
demo world's crew pool, in a database of its own (BENCH_INDEX_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/stagedoor_bench_index), to each of BENCH_INDEX_SIZES
(default 10000,50000,100000) workers with roles, skills, cards, availability and
bookings, inserted set-wise in SQL (a fixture of its own until `build_national` lands),
and prints:

- the full load, database reads and the NumPy build apart;
- the time to patch one changed worker / one booking into the index;
- staleness: from another connection's commit to this process's index showing it;
- Find crew (index check + ranking) under a stream of writes, patched vs rebuilt per write.
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time

import django

SIZES = [int(s) for s in os.environ.get("BENCH_INDEX_SIZES", "10000,50000,100000").split(",")]
URL = os.environ.get(
    "BENCH_INDEX_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stagedoor_bench_index"
)
WRITES = int(os.environ.get("BENCH_INDEX_WRITES", "30"))


def _setup() -> None:
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")
    os.environ.setdefault("DEBUG", "1")
    import psycopg

    name = URL.rsplit("/", 1)[1]
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    django.setup()
    from django.core.management import call_command

    from stagedoor.gigs.models import Position

    call_command("migrate", verbosity=0)
    if not Position.objects.exists():  # a new database: the demo world the pool grows from
        from stagedoor.demo.world import build_demo_world

        build_demo_world()


GROW_SQL = [
    # users and profiles around 20 city centres, ids continuing the demo's
    """INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email,
        is_staff, is_active, date_joined)
       SELECT '!', false, 'bench-' || g, 'Crew', 'Member ' || g, '', false, true, now()
       FROM generate_series(%(lo)s, %(hi)s - 1) g""",
    """INSERT INTO people_workerprofile (slug, display_name, headline, bio, home_city, country,
        latitude, longitude, travel_radius_km, willing_to_tour, day_rate, hourly_rate,
        currency, phone, is_public, user_id, show_rates)
       SELECT 'bench-' || g, 'Crew Member ' || g, '', '', 'City', 'US',
        (ARRAY[41.88,40.71,34.05,36.16,30.27,47.61,39.74,33.75,29.76,25.76,42.36,37.77,
               45.52,44.98,39.95,38.91,35.23,32.78,33.45,36.17])[1 + g %% 20]
               + (random() - 0.5) * 0.4,
        (ARRAY[-87.63,-74.01,-118.24,-86.78,-97.74,-122.33,-104.99,-84.39,-95.37,-80.19,-71.06,
               -122.42,-122.68,-93.27,-75.17,-77.04,-80.84,-96.80,-112.07,-115.14])[1 + g %% 20]
               + (random() - 0.5) * 0.4,
        25 + (g %% 8) * 25, g %% 5 = 0, 200 + (g %% 30) * 10, NULL, 'USD', '', true, u.id, false
       FROM generate_series(%(lo)s, %(hi)s - 1) g JOIN auth_user u ON u.username = 'bench-' || g""",
    # one or two roles each, the role's skills at a level, a card for half, time off for some
    """INSERT INTO people_workerrole (level, years, is_primary, role_id, worker_id)
       SELECT (ARRAY['entry','mid','senior','lead'])[1 + (w.id %% 4)], 3, true,
        r.ids[1 + (w.id %% array_length(r.ids, 1))], w.id
       FROM people_workerprofile w, (SELECT array_agg(id ORDER BY id) ids FROM industry_role) r
       WHERE w.slug LIKE 'bench-%%' AND w.id >= %(first)s
       UNION ALL
       SELECT 'mid', 2, false, r.ids[1 + ((w.id * 7 + 3) %% array_length(r.ids, 1))], w.id
       FROM people_workerprofile w, (SELECT array_agg(id ORDER BY id) ids FROM industry_role) r
       WHERE w.slug LIKE 'bench-%%' AND w.id >= %(first)s AND w.id %% 5 < 2
        AND (w.id * 7 + 3) %% array_length(r.ids, 1) <> w.id %% array_length(r.ids, 1)""",
    """INSERT INTO people_workerskill (level, skill_id, worker_id)
       SELECT DISTINCT ON (wr.worker_id, rs.skill_id) 1 + (wr.worker_id + rs.skill_id) %% 5,
        rs.skill_id, wr.worker_id
       FROM people_workerrole wr JOIN industry_role_skills rs ON rs.role_id = wr.role_id
       WHERE wr.worker_id >= %(first)s AND (wr.worker_id + rs.skill_id) %% 5 <> 0""",
    """INSERT INTO people_workercertification (issued_on, expires_on, credential_id,
        certification_id, worker_id)
       SELECT current_date - 400, current_date + (1000 + w.id %% 300)::int, '',
        c.ids[1 + (w.id %% array_length(c.ids, 1))], w.id
       FROM people_workerprofile w, (SELECT array_agg(id ORDER BY id) ids
                                     FROM industry_certification) c
       WHERE w.slug LIKE 'bench-%%' AND w.id >= %(first)s AND w.id %% 2 = 0""",
    """INSERT INTO people_availabilityblock (kind, starts_at, ends_at, reason, worker_id)
       SELECT 'unavailable', now() + (w.id %% 60) * interval '1 day',
        now() + (w.id %% 60) * interval '1 day' + interval '3 days', '', w.id
       FROM people_workerprofile w WHERE w.slug LIKE 'bench-%%' AND w.id >= %(first)s
        AND w.id %% 3 = 0""",
    # two bookings each on the demo's calls: worked, cancelled or still to come
    """INSERT INTO booking_booking (status, created_at, cancelled_by_worker, late_cancellation,
        position_id, worker_id, cancel_reason, is_crew_chief)
       SELECT (ARRAY['completed','confirmed','cancelled','completed','no_show'])
               [1 + (w.id + k) %% 5],
        now(), (w.id + k) %% 5 = 2, (w.id + k) %% 10 = 2,
        p.ids[1 + ((w.id * 3 + k * 11) %% array_length(p.ids, 1))], w.id, '', false
       FROM people_workerprofile w, generate_series(0, 1) k,
        (SELECT array_agg(id ORDER BY id) ids FROM gigs_position) p
       WHERE w.slug LIKE 'bench-%%' AND w.id >= %(first)s""",
]


def grow_to(n: int) -> int:
    """Add bench workers until the pool holds `n`; returns how many it holds."""
    from django.db import connection, transaction

    from stagedoor.people.models import WorkerProfile

    have = WorkerProfile.objects.count()
    if have >= n:
        return have
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people_workerprofile")
        first = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM auth_user WHERE username LIKE 'bench-%%'")
        lo = cursor.fetchone()[0]
        params = {"lo": lo, "hi": lo + n - have, "first": first}
        for sql in GROW_SQL:
            cursor.execute(sql, params)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return WorkerProfile.objects.count()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def time_load() -> dict:
    from stagedoor.matching import columns as read
    from stagedoor.matching import index

    catalog = index.load_catalog()
    t = time.perf_counter()
    read.worker_columns_orm(catalog)
    orm_s = time.perf_counter() - t
    t = time.perf_counter()
    columns = read.worker_columns(catalog)
    db_s = time.perf_counter() - t
    t = time.perf_counter()
    from stagedoor.engine.matching.build import build_worker_index

    workers = build_worker_index(**columns)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    full = index.build_indexes()
    full_s = time.perf_counter() - t
    return {
        "workers": workers.size,
        "orm_db_s": round(orm_s, 2),
        "db_s": round(db_s, 2),
        "build_s": round(build_s, 2),
        "full_s": round(full_s, 2),
        "open_positions": full.positions.size,
    }


def _one_skill_change(i: int) -> int:
    from stagedoor.people.models import WorkerSkill

    skill = WorkerSkill.objects.filter(worker__slug__startswith="bench-").order_by("pk")[i * 7]
    skill.level = 1 + (skill.level % 5)
    skill.save()
    return skill.worker_id


def _one_booking_change(i: int) -> int:
    from stagedoor.booking.models import Booking

    booking = Booking.objects.filter(worker__slug__startswith="bench-").order_by("pk")[i * 5]
    booking.status = "cancelled" if booking.status != "cancelled" else "confirmed"
    booking.save()
    return booking.worker_id


def time_patches() -> dict:
    from stagedoor.matching import index

    index.forget()
    index.current_indexes()
    out = {}
    for name, change in (("worker", _one_skill_change), ("booking", _one_booking_change)):
        times = []
        for i in range(WRITES):
            change(i)
            t = time.perf_counter()
            index.current_indexes()
            times.append(time.perf_counter() - t)
        out[f"patch_{name}_p50_ms"] = ms(statistics.median(times))
        out[f"patch_{name}_max_ms"] = ms(max(times))
    return out


def time_staleness() -> dict:
    """Another connection commits; this thread, reading as a request would every 20 ms,
    notes when its index first shows the change."""
    from django.db import connection

    from stagedoor.matching import index
    from stagedoor.people.models import WorkerProfile

    index.forget()
    index.current_indexes()
    delays = []
    for i in range(10):
        w = WorkerProfile.objects.filter(slug__startswith="bench-").order_by("pk")[i * 11]
        radius = 30 + i * 7 + 1
        committed: list[float] = []

        def move(worker=w, radius=radius, committed=committed):
            worker.travel_radius_km = radius
            worker.save()
            committed.append(time.monotonic())
            connection.close()

        threading.Thread(target=move).start()
        while True:
            ix = index.current_indexes()
            at = ix.workers.position_of(w.pk)
            if ix.workers.radius_km[at] == radius and committed:
                delays.append(time.monotonic() - committed[0])
                break
            time.sleep(0.02)
    return {"stale_p50_ms": ms(statistics.median(delays)), "stale_max_ms": ms(max(delays))}


def time_find_crew_under_writes() -> dict:
    """Each round: one write, then Find crew for a call. Patched (now) against a full
    rebuild after each write (before)."""
    from stagedoor.engine.matching import kernel
    from stagedoor.engine.matching.build import build_position_index
    from stagedoor.matching import index

    index.forget()
    ix = index.current_indexes()
    specs = [s for s in ix.specs if s is not None][:WRITES] or [None]
    out = {}
    for mode in ("patched", "rebuilt"):
        times = []
        for i in range(WRITES):
            _one_booking_change(WRITES + i)
            t = time.perf_counter()
            ix = index.current_indexes() if mode == "patched" else index.build_indexes()
            spec = specs[i % len(specs)]
            if spec is not None:
                kernel.candidates_for(ix.workers, build_position_index([spec], ix.workers), 0)
            times.append(time.perf_counter() - t)
        times.sort()
        out[f"crew_{mode}_p50_ms"] = ms(times[len(times) // 2])
        out[f"crew_{mode}_max_ms"] = ms(times[-1])
    return out


def run(console=None) -> list[dict]:
    from rich.console import Console
    from rich.table import Table

    from .machineinfo import machine, machine_line

    console = console or Console(width=150)
    info = machine()
    console.print(machine_line(info))
    rows = []
    with console.status("growing the pool...") as status:
        for n in SIZES:
            status.update(f"growing the pool to {n:,} workers...")
            grow_to(n)
            status.update(f"{n:,} workers: loading...")
            row = time_load()
            if n == SIZES[-1]:
                status.update(f"{n:,} workers: patches, staleness, Find crew under writes...")
                row |= time_patches() | time_staleness() | time_find_crew_under_writes()
            rows.append(row)
    table = Table(title="Matching index on PostgreSQL: full load (database reads, NumPy build)")
    for col in ("workers", "open calls", "DB reads s (ORM, before)", "DB reads s (SQL, now)",
                "build s", "full load s (now)"):  # fmt: skip
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(f"{r['workers']:,}", f"{r['open_positions']:,}", f"{r['orm_db_s']:.2f}",
                      f"{r['db_s']:.2f}", f"{r['build_s']:.2f}", f"{r['full_s']:.2f}")  # fmt: skip
    console.print(table)
    last = rows[-1]
    t = Table(title=f"At {last['workers']:,} workers ({WRITES} writes each)")
    t.add_column("measure")
    t.add_column("p50 ms", justify="right")
    t.add_column("max ms", justify="right")
    for label, key in (("patch one worker's skill", "patch_worker"),
                       ("patch one booking", "patch_booking"),
                       ("staleness: commit -> other process's index", "stale"),
                       ("Find crew after a write, patched", "crew_patched"),
                       ("Find crew after a write, rebuilt (before)", "crew_rebuilt")):  # fmt: skip
        t.add_row(label, f"{last[f'{key}_p50_ms']:.1f}", f"{last[f'{key}_max_ms']:.1f}")
    console.print(t)
    console.print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(json.dumps({"machine": info, "rows": rows}))
    return rows


if __name__ == "__main__":
    _setup()
    run()
