"""Load the matching indexes from the database and keep them current.

The indexes live in process memory. Each request reads the change log (`version.py`)
since the process last looked, one indexed query that usually returns nothing, and
patches the workers and positions it names into a copy of the arrays: changed rows are
overwritten, new workers and positions appended, deleted ones emptied (a tombstone no
rule lets through). Only a change to the catalog, a venue, an organisation or its
weights, a log too long to be worth patching, or an index older than `REFRESH_AFTER`,
builds them again in full. A transaction that changed such data reads an index of its
own until it commits, so a write followed by a read in one request always sees the write.

On PostgreSQL the workers' columns come in one query per table, each column aggregated
into one array and sent in the binary COPY format straight into NumPy (`_copy_rows`); a
patch copies only the columns whose changed rows differ. Issue 22 at 100,000 workers
(`BENCH_INDEX_SIZES=100000 BENCH_INDEX_WRITES=10 python -m benchmarks.index_load`, 2-core
Xeon shared with other work, load average 6.6-8.1 during both runs):

| measure                            | before   | after   |
|------------------------------------|----------|---------|
| worker columns read (SQL)          | 7.25 s   | 1.86 s  |
| NumPy build                        | 0.32 s   | 0.30 s  |
| full load (`build_indexes`)        | 10.01 s  | 2.87 s  |
| patch one worker's skill, p50/max  | 52/93 ms | 24/29 ms |
| patch one booking, p50/max         | 71/76 ms | 46/58 ms |
| commit -> other process's index    | 139 ms   | 41 ms   |
| Find crew after a write (patched)  | 133 ms   | 51 ms   |
| Find crew after a write (rebuilt)  | 11.2 s   | 3.5 s   |

The ORM reference (`worker_columns_orm`) reads the same columns in 12.6-14.5 s.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import zoneinfo
from dataclasses import dataclass, field, replace

import numpy as np
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES, Booking
from stagedoor.engine.matching.build import PositionSpec, build_position_index, build_worker_index
from stagedoor.engine.matching.kernel import NO_DAY, PositionIndex, WorkerIndex
from stagedoor.engine.matching.patch import patch_positions, patch_workers
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.enums import LEVEL_RANK
from stagedoor.industry.models import Certification, Role, Skill
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)

from . import version
from .models import Block, FirstCall, IndexChange, RankingWeights

UNIT_CODE = {"hour": 0, "day": 1, "flat": 2}


@dataclass
class Catalog:
    roles: list[Role]
    skills: list[Skill]
    certs: list[Certification]

    def __post_init__(self):
        self.role_pos = {r.pk: i for i, r in enumerate(self.roles)}
        self.skill_pos = {s.pk: i for i, s in enumerate(self.skills)}
        self.cert_pos = {c.pk: i for i, c in enumerate(self.certs)}


@dataclass
class Indexes:
    token: str
    catalog: Catalog
    workers: WorkerIndex
    positions: PositionIndex  # every open position (published, not started, not full)
    position_row: dict[int, int]  # position id -> row
    specs: list = field(default_factory=list)  # per row: its PositionSpec, None if closed
    mark: version.Mark = field(default_factory=version.Mark)  # the change log read so far
    built: float = field(default_factory=time.monotonic)  # when last built in full
    checked: float = field(default_factory=time.monotonic)  # when the log was last read


def _columns(rows, n):
    return tuple(map(list, zip(*rows, strict=True))) if rows else ((),) * n


def load_catalog() -> Catalog:
    return Catalog(
        roles=list(Role.objects.order_by("pk").prefetch_related("skills")),
        skills=list(Skill.objects.order_by("pk")),
        certs=list(Certification.objects.order_by("pk")),
    )


def load_worker_index(
    catalog: Catalog, now: dt.datetime | None = None, worker_ids=None
) -> WorkerIndex:
    """Every worker's index; only that of `worker_ids` when given (to patch them)."""
    return build_worker_index(**worker_columns(catalog, now, worker_ids))


def worker_columns_orm(catalog: Catalog, now: dt.datetime | None = None, worker_ids=None) -> dict:
    """What `build_worker_index` takes, read row by row through the ORM: the reference
    `worker_columns` must agree with (and the benchmark's "before")."""
    now = now or timezone.now()

    def of(queryset, field="worker_id"):
        return queryset if worker_ids is None else queryset.filter(**{f"{field}__in": worker_ids})

    profiles = list(
        of(WorkerProfile.objects.order_by("pk"), "pk").values_list(
            "pk", "latitude", "longitude", "travel_radius_km", "willing_to_tour",
            "day_rate", "hourly_rate", "currency",
        )
    )  # fmt: skip
    cols = _columns(profiles, 8)
    roles = [
        (w, catalog.role_pos[r], LEVEL_RANK[lv])
        for w, r, lv in of(WorkerRole.objects).values_list("worker_id", "role_id", "level")
    ]
    skills = [
        (w, catalog.skill_pos[s], lv)
        for w, s, lv in of(WorkerSkill.objects).values_list("worker_id", "skill_id", "level")
    ]
    certs = [
        (w, catalog.cert_pos[c], issued.toordinal(), expires.toordinal() if expires else NO_DAY)
        for w, c, issued, expires in of(WorkerCertification.objects).values_list(
            "worker_id", "certification_id", "issued_on", "expires_on"
        )
    ]
    union = list(
        of(UnionMembership.objects)
        .filter(status=UnionMembership.Status.GOOD_STANDING)
        .values_list("worker_id", flat=True)
        .distinct()
    )
    busy = [
        (w, int(s.timestamp()), int(e.timestamp()), False)
        for w, s, e in of(AvailabilityBlock.objects)
        .filter(kind=AvailabilityBlock.Kind.UNAVAILABLE)
        .values_list("worker_id", "starts_at", "ends_at")
    ]
    bookings = list(
        of(Booking.objects).values_list(
            "worker_id", "status", "late_cancellation", "cancelled_by_worker",
            "position__call_start", "position__call_end",
            "position__show__organisation_id", "position__project__organisation_id",
        )
    )  # fmt: skip
    outcomes, hours, worked = [], [], {}
    since = now - dt.timedelta(days=30)
    for w, status, late, by_worker, start, end, show_org, project_org in bookings:
        if status in BUSY_STATUSES:
            busy.append((w, int(start.timestamp()), int(end.timestamp()), True))
            if since <= start <= now:
                hours.append((w, (end - start).total_seconds() / 3600))
        if status == Booking.Status.COMPLETED:
            outcomes.append((w, 0))
            org = show_org or project_org
            worked[(org, w)] = worked.get((org, w), 0) + 1
        elif status == Booking.Status.NO_SHOW:
            outcomes.append((w, 1))
        elif status == Booking.Status.CANCELLED and late and by_worker:
            outcomes.append((w, 2))
    credits = (
        of(Credit.objects)
        .filter(verified=True)
        .values_list("worker_id", "organisation_id", "rating")
    )
    ratings = []
    for w, org, rating in credits:
        if rating:
            ratings.append((w, rating))
        if org:
            worked[(org, w)] = worked.get((org, w), 0) + 1
    first_call = list(of(FirstCall.objects).values_list("organisation_id", "worker_id", "rank"))
    blocked = list(of(Block.objects).values_list("organisation_id", "worker_id"))
    return dict(
        ids=cols[0],
        lat=cols[1],
        lon=cols[2],
        radius_km=cols[3],
        will_tour=cols[4],
        day_rate=[np.nan if v is None else float(v) for v in cols[5]],
        hour_rate=[np.nan if v is None else float(v) for v in cols[6]],
        currency=list(cols[7]),
        role_names=[r.name for r in catalog.roles],
        skill_names=[s.name for s in catalog.skills],
        cert_names=[c.name for c in catalog.certs],
        roles=_columns(roles, 3),
        skills=_columns(skills, 3),
        certs=_columns(certs, 4),
        union_good=union,
        busy=_columns(busy, 4),
        ratings=_columns(ratings, 2),
        outcomes=_columns(outcomes, 2),
        hours_30d=_columns(hours, 2),
        worked_for=_columns([(o, w, n) for (o, w), n in worked.items()], 3),
        first_call=_columns(first_call, 3),
        blocked=_columns(blocked, 2),
    )


# Binary COPY element types: what each column is cast to in SQL, as NumPy reads it.
WIRE = {"i2": ">i2", "i4": ">i4", "i8": ">i8", "f8": ">f8", "b": "?", "S3": "S3"}
_HEADER = 19  # binary COPY's signature, flags and extension length


def _copy_rows(sql: str, params: list, types: str) -> list[np.ndarray]:
    """The columns of `sql`'s rows as NumPy arrays, with no Python object per row.

    PostgreSQL aggregates each column into one array (`array_agg`), so the result is a
    single row, sent in the binary COPY format: each array is a header and then, per
    element, its length and its big-endian value. Every column is cast in SQL to a
    fixed-width type (`types`: one code of WIRE per column) and never NULL, so each array's
    elements are one `np.frombuffer`. A result that breaks that layout (a NULL, a currency
    not three bytes long) is read again row by row (`_sql_rows`)."""
    codes = types.split()
    names = [f"c{i}" for i in range(len(codes))]
    aggregated = ", ".join(f"COALESCE(array_agg({n}), '{{}}')" for n in names)
    query = (
        f"COPY (SELECT {aggregated} FROM ({sql}) x({', '.join(names)})) TO STDOUT (FORMAT BINARY)"
    )
    started = time.monotonic()
    with connection.cursor() as cursor, cursor.cursor.copy(query, params or None) as copy:
        data = b"".join(bytes(chunk) for chunk in copy)
    if connection.queries_logged:  # counted as any query is (CaptureQueriesContext, DEBUG)
        connection.queries_log.append({"sql": query, "time": f"{time.monotonic() - started:.3f}"})
    out, at = [], _HEADER + 2  # the row's field count
    for code in codes:
        length, ndim, has_null = np.frombuffer(data, ">i4", 3, at)
        if has_null:
            return _sql_rows(sql, params, codes)
        n = int(np.frombuffer(data, ">i4", 1, at + 16)[0]) if ndim else 0
        first = at + 4 + 12 + 8 * ndim
        element = np.dtype([("l", ">i4"), ("v", WIRE[code])])
        values = np.frombuffer(data, element, n, first)
        if (values["l"] != element["v"].itemsize).any():
            return _sql_rows(sql, params, codes)
        v = values["v"]
        out.append(v.astype(str) if code == "S3" else v.astype(WIRE[code].lstrip(">")))
        at += 4 + int(length)
    return out


def _sql_rows(sql: str, params: list, codes: list[str]) -> list[np.ndarray]:
    """The same as `_copy_rows`, row by row (a NULL, a longer or shorter text)."""
    sql = sql.replace("convert_to(currency, 'UTF8')", "currency")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    native = {c: (str if c == "S3" else WIRE[c].lstrip(">")) for c in codes}
    if not rows:
        return [np.zeros(0, dtype=native[c]) for c in codes]
    return [
        np.array(col, dtype=object if c == "S3" else native[c])
        for c, col in zip(codes, zip(*rows, strict=True), strict=True)
    ]


def _positions_of(pks: np.ndarray, ordered: list) -> np.ndarray:
    """Catalog rows (ordered by pk) of the given pks; KeyError for one the catalog lacks."""
    catalog = np.array([x.pk for x in ordered], dtype=np.int64)
    at = np.searchsorted(catalog, pks)
    if len(pks) and (at.max() >= len(catalog) or (catalog[at] != pks).any()):
        raise KeyError("a role, skill or certification the catalog does not hold")
    return at


EPOCH = "FLOOR(EXTRACT(EPOCH FROM {}))::int8"
ORDINAL = "({} - DATE '0001-01-01' + 1)::int4"
NAN = "COALESCE({}::float8, 'NaN')"


def worker_columns(catalog: Catalog, now: dt.datetime | None = None, worker_ids=None) -> dict:
    """What `build_worker_index` takes, read from the database in a few set-wise queries
    whose rows are numbers only (epoch seconds, day numbers, level ranks, floats), copied
    in PostgreSQL's binary format straight into NumPy columns, without a Python object per
    row. PostgreSQL only; elsewhere (SQLite in development) the ORM reference does the same."""
    if connection.vendor != "postgresql":
        return worker_columns_orm(catalog, now, worker_ids)
    now = now or timezone.now()
    since = now - dt.timedelta(days=30)
    only, params = "", []
    if worker_ids is not None:
        only, params = " AND {} = ANY(%s)", [[int(x) for x in worker_ids]]
    rank = "CASE level " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in LEVEL_RANK.items()) + " END"
    profiles = _copy_rows(
        f"SELECT id, {NAN.format('latitude')}, {NAN.format('longitude')},"
        f" {NAN.format('travel_radius_km')}, willing_to_tour, {NAN.format('day_rate')},"
        f" {NAN.format('hourly_rate')}, convert_to(currency, 'UTF8')"
        " FROM people_workerprofile WHERE true" + only.format("id"),
        params, "i8 f8 f8 f8 b f8 f8 S3",
    )  # fmt: skip
    roles = _copy_rows(
        f"SELECT worker_id, role_id, ({rank})::int2 FROM people_workerrole WHERE true"
        + only.format("worker_id"), params, "i8 i8 i2",
    )  # fmt: skip
    skills = _copy_rows(
        "SELECT worker_id, skill_id, level::int2 FROM people_workerskill WHERE true"
        + only.format("worker_id"), params, "i8 i8 i2",
    )  # fmt: skip
    certs = _copy_rows(
        f"SELECT worker_id, certification_id, {ORDINAL.format('issued_on')},"
        f" COALESCE({ORDINAL.format('expires_on')}, {int(NO_DAY)})"
        " FROM people_workercertification WHERE true" + only.format("worker_id"),
        params, "i8 i8 i4 i4",
    )  # fmt: skip
    union = _copy_rows(
        "SELECT DISTINCT worker_id FROM people_unionmembership WHERE status = %s"
        + only.format("worker_id"), [UnionMembership.Status.GOOD_STANDING, *params], "i8",
    )[0]  # fmt: skip
    blocks = _copy_rows(
        f"SELECT worker_id, {EPOCH.format('starts_at')}, {EPOCH.format('ends_at')}"
        " FROM people_availabilityblock WHERE kind = %s" + only.format("worker_id"),
        [AvailabilityBlock.Kind.UNAVAILABLE, *params],
        "i8 i8 i8",
    )
    busy_in = ", ".join(f"'{x}'" for x in BUSY_STATUSES)
    S = Booking.Status
    bookings = _copy_rows(
        f"SELECT b.worker_id, {EPOCH.format('p.call_start')}, {EPOCH.format('p.call_end')},"
        f" b.status IN ({busy_in}),"
        " b.status IN (" + busy_in + ") AND p.call_start BETWEEN %s AND %s,"
        " EXTRACT(EPOCH FROM p.call_end - p.call_start)::float8 / 3600,"
        " (CASE WHEN b.status = %s THEN 0 WHEN b.status = %s THEN 1"
        "  WHEN b.status = %s AND b.late_cancellation AND b.cancelled_by_worker THEN 2"
        "  ELSE -1 END)::int2"
        " FROM booking_booking b JOIN gigs_position p ON p.id = b.position_id WHERE true"
        + only.format("b.worker_id"),
        [since, now, S.COMPLETED, S.NO_SHOW, S.CANCELLED, *params],
        "i8 i8 i8 b b f8 i2",
    )
    worked = _copy_rows(
        "SELECT org, worker_id, COUNT(*)::float8 FROM ("
        " SELECT COALESCE(s.organisation_id, j.organisation_id) org, b.worker_id"
        " FROM booking_booking b JOIN gigs_position p ON p.id = b.position_id"
        " LEFT JOIN gigs_show s ON s.id = p.show_id"
        " LEFT JOIN gigs_studioproject j ON j.id = p.project_id"
        " WHERE b.status = %s" + only.format("b.worker_id") + " UNION ALL"
        " SELECT organisation_id, worker_id FROM people_credit"
        " WHERE verified AND organisation_id IS NOT NULL" + only.format("worker_id") + ") x"
        " GROUP BY org, worker_id", [S.COMPLETED, *params, *params], "i8 i8 f8",
    )  # fmt: skip
    ratings = _copy_rows(
        "SELECT worker_id, rating::float8 FROM people_credit WHERE verified AND rating > 0"
        + only.format("worker_id"), params, "i8 f8",
    )  # fmt: skip
    first_call = _copy_rows(
        "SELECT organisation_id, worker_id, rank::float8 FROM matching_firstcall WHERE true"
        + only.format("worker_id"), params, "i8 i8 f8",
    )  # fmt: skip
    blocked = _copy_rows(
        "SELECT organisation_id, worker_id FROM matching_block WHERE true"
        + only.format("worker_id"), params, "i8 i8",
    )  # fmt: skip
    bw, bs, be, is_busy, recent, hours, outcome = bookings
    keep = outcome >= 0
    return dict(
        ids=profiles[0],
        lat=profiles[1],
        lon=profiles[2],
        radius_km=profiles[3],
        will_tour=profiles[4],
        day_rate=profiles[5],
        hour_rate=profiles[6],
        currency=profiles[7].tolist(),
        role_names=[r.name for r in catalog.roles],
        skill_names=[x.name for x in catalog.skills],
        cert_names=[c.name for c in catalog.certs],
        roles=(roles[0], _positions_of(roles[1], catalog.roles), roles[2]),
        skills=(skills[0], _positions_of(skills[1], catalog.skills), skills[2]),
        certs=(certs[0], _positions_of(certs[1], catalog.certs), certs[2], certs[3]),
        union_good=union,
        busy=(
            np.concatenate([blocks[0], bw[is_busy]]),
            np.concatenate([blocks[1], bs[is_busy]]),
            np.concatenate([blocks[2], be[is_busy]]),
            np.concatenate([np.zeros(len(blocks[0]), dtype=bool), np.ones(is_busy.sum(), bool)]),
        ),
        ratings=ratings,
        outcomes=(bw[keep], outcome[keep].astype(np.int64)),
        hours_30d=(bw[recent], hours[recent]),
        worked_for=worked,
        first_call=first_call,
        blocked=blocked,
    )


def _local_day(moment: dt.datetime, tz_name: str) -> int:
    return moment.astimezone(zoneinfo.ZoneInfo(tz_name)).date().toordinal()


def position_specs(positions, catalog: Catalog, weights: dict[int, tuple]) -> list[PositionSpec]:
    """Matching's view of positions (loaded with show/project, venue, organisation)."""
    specs = []
    for p in positions:
        parent = p.show or p.project
        org = parent.organisation
        venue = p.show.venue if p.show_id else p.project.venue
        tz_name = venue.timezone if venue else "UTC"
        remote = bool(p.project_id and p.project.remote_allowed)
        specs.append(
            PositionSpec(
                id=p.pk,
                role=catalog.role_pos[p.role_id],
                level=LEVEL_RANK[p.level],
                start=int(p.call_start.timestamp()),
                end=int(p.call_end.timestamp()),
                start_day=_local_day(p.call_start, tz_name),
                end_day=_local_day(p.call_end, tz_name),
                lat=venue.latitude if venue else np.nan,
                lon=venue.longitude if venue else np.nan,
                org=org.pk,
                pay=float(p.pay_amount),
                pay_unit=UNIT_CODE[p.pay_unit],
                currency=p.currency,
                skills=tuple(
                    (catalog.skill_pos[n.skill_id], n.min_level) for n in p.skill_needs.all()
                ),
                key_skills=tuple(
                    catalog.skill_pos[s.pk]
                    for s in catalog.roles[catalog.role_pos[p.role_id]].skills.all()
                ),
                certs=tuple(catalog.cert_pos[c.pk] for c in p.required_certifications.all()),
                union_required=p.union_required,
                remote=remote,
                touring=p.is_touring,
                turnaround_hours=org.turnaround_hours,
                weights=weights.get(org.pk, RankingWeights().as_tuple()),
            )
        )
    return specs


def positions_for_matching():
    return Position.objects.select_related(
        "show__venue", "show__organisation", "project__venue", "project__organisation"
    ).prefetch_related(
        "required_certifications",
        "skill_needs",
    )


def open_positions(now: dt.datetime | None = None):
    """Positions a worker could still be offered: published, not cancelled, not started,
    not full."""
    now = now or timezone.now()
    live = Q(show__status=Status.PUBLISHED) | Q(project__status=Status.PUBLISHED)
    return (
        positions_for_matching()
        .filter(live, call_start__gt=now, cancelled_at__isnull=True)
        .annotate(booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES)))
        .order_by("pk")
    )


def all_weights() -> dict[int, tuple]:
    return {w.organisation_id: w.as_tuple() for w in RankingWeights.objects.all()}


def build_indexes(now: dt.datetime | None = None) -> Indexes:
    """Everything from the database, and the change log's mark to patch on from."""
    mark = version.start()
    catalog = load_catalog()
    workers = load_worker_index(catalog, now)
    positions = [p for p in open_positions(now) if p.booked < p.headcount]
    specs = position_specs(positions, catalog, all_weights())
    index = build_position_index(specs, workers)
    return Indexes(
        str(mark.last_id), catalog, workers, index,
        {s.id: i for i, s in enumerate(specs)}, list(specs), mark,
    )  # fmt: skip


COMPACT_AFTER = 256  # closed position rows kept before the position index is rebuilt
PATCH_LIMIT = 2_000  # more lines than this since the last read: build in full instead
REFRESH_AFTER = 600.0  # seconds: rebuild in the background (hours worked, calls started)
PRUNE_AFTER = dt.timedelta(hours=1)  # log lines older than this are dropped on a rebuild
IDLE_REBUILD = PRUNE_AFTER.total_seconds() / 2  # unread this long: the log may be pruned


class Rebuild(Exception):
    """The change can't be patched in (the catalog, an organisation, a venue changed)."""


def patched(ix: Indexes, lines, now: dt.datetime | None = None) -> Indexes:
    """A new Indexes: `ix` with the workers and positions `lines` name reloaded."""
    now = now or timezone.now()
    workers, positions = set(), set()
    for _, kind, object_id in lines:
        if kind == IndexChange.Kind.EVERYTHING:
            raise Rebuild
        if kind == IndexChange.Kind.POSITION:
            positions.add(object_id)
        else:
            workers.add(object_id)
    w = ix.workers
    if workers:
        ids = sorted(workers)
        try:
            fresh = load_worker_index(ix.catalog, now, worker_ids=ids)
        except KeyError as exc:  # a role, skill or certification the catalog doesn't hold
            raise Rebuild from exc
        w = patch_workers(w, fresh, ids)
        if w is None:
            raise Rebuild
    p, specs, rows = ix.positions, ix.specs, ix.position_row
    if positions:
        found = [
            x
            for x in open_positions(now).filter(pk__in=sorted(positions))
            if x.booked < x.headcount
        ]
        try:
            new_specs = position_specs(found, ix.catalog, all_weights())
        except KeyError as exc:
            raise Rebuild from exc
        fresh = build_position_index(new_specs, w)
        p, specs, rows = patch_positions(p, specs, rows, fresh, new_specs, sorted(positions), w)
        if len(specs) - len(rows) > max(COMPACT_AFTER, len(rows)):  # mostly closed rows
            specs = [x for x in specs if x is not None]
            p, rows = build_position_index(specs, w), {x.id: i for i, x in enumerate(specs)}
    return replace(ix, workers=w, positions=p, specs=specs, position_row=rows)


def _catch_up(ix: Indexes) -> Indexes:
    """`ix` with every change committed since its mark (or built again in full)."""
    mark, lines = version.read(ix.mark, PATCH_LIMIT)
    if lines is None:
        return _full()
    if not lines:
        return replace(ix, mark=mark, checked=time.monotonic())
    try:
        ix = patched(ix, lines)
    except Rebuild:
        return _full()
    return replace(ix, mark=mark, token=str(mark.last_id), checked=time.monotonic())


def _full() -> Indexes:
    version.prune(timezone.now() - PRUNE_AFTER)
    return build_indexes()


_lock = threading.Lock()
_cached: Indexes | None = None
_refreshing = threading.Event()


def _refresh_in_background() -> None:
    """Build afresh without holding up requests, then put it in place (caught up)."""
    from django.db import connection

    global _cached
    try:
        fresh = build_indexes()
        with _lock:
            _cached = fresh
    finally:
        _refreshing.clear()
        connection.close()


def current_indexes() -> Indexes:
    """The in-memory indexes, patched with every change committed since they were read."""
    global _cached
    hook = version.pending()
    if hook is not None:
        # This transaction changed what matching reads: a copy patched with what it sees,
        # held by its on-commit hook, never in the shared cache other threads read.
        key = hook.changes
        if hook.indexes is None or hook.indexes[0] != key:
            # Patched on from its previous index, else from the shared one.
            base = hook.indexes[1] if hook.indexes else (_cached or build_indexes())
            shared = (_cached.token if _cached else base.token).split("+")[0]
            hook.indexes = (key, replace(_catch_up(base), token=f"{shared}+{key}"))
        return hook.indexes[1]
    with _lock:
        cached = _cached
        if cached is None or time.monotonic() - cached.checked > IDLE_REBUILD:
            _cached = _full()
        else:
            _cached = _catch_up(cached)
        cached = _cached
    if time.monotonic() - cached.built > REFRESH_AFTER and not _refreshing.is_set():
        _refreshing.set()
        threading.Thread(target=_refresh_in_background, daemon=True).start()
    return cached


def forget() -> None:
    global _cached
    _cached = None
