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
into one array and sent in the binary COPY format straight into NumPy (`columns.py`); a
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
from django.db.models import Count, F, Q
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES
from stagedoor.core import memory
from stagedoor.engine.matching.build import PositionSpec, build_position_index, build_worker_index
from stagedoor.engine.matching.kernel import PositionIndex, WorkerIndex
from stagedoor.engine.matching.patch import patch_positions, patch_workers
from stagedoor.gigs.models import Crew, Position, PositionSkill, Status
from stagedoor.industry.enums import LEVEL_RANK
from stagedoor.industry.models import Certification, Role, Skill

from . import version
from .columns import worker_columns
from .models import IndexChange, RankingWeights

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


def open_position_specs(
    catalog: Catalog, weights: dict[int, tuple], now: dt.datetime | None = None
) -> list[PositionSpec]:
    """`position_specs` of every open position that is not full, read as plain rows: three
    queries and no model instance per call (the model path took about a minute for the
    national world's 173,667 open calls; tests hold the two to the same answer)."""
    now = now or timezone.now()
    live = Q(show__status=Status.PUBLISHED) | Q(project__status=Status.PUBLISHED)
    rows = (
        Position.objects.filter(live, call_start__gt=now, cancelled_at__isnull=True)
        .annotate(booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES)))
        .filter(booked__lt=F("headcount"))
        .order_by("pk")
        .values_list(
            "pk", "role_id", "level", "call_start", "call_end", "pay_amount", "pay_unit",
            "currency", "union_required", "crew", "show_id",
            "show__venue__timezone", "show__venue__latitude", "show__venue__longitude",
            "show__organisation_id", "show__organisation__turnaround_hours",
            "project__venue_id", "project__venue__timezone", "project__venue__latitude",
            "project__venue__longitude", "project__organisation_id",
            "project__organisation__turnaround_hours", "project__remote_allowed",
        )
    )  # fmt: skip
    open_live = Q(position__call_start__gt=now, position__cancelled_at__isnull=True) & (
        Q(position__show__status=Status.PUBLISHED) | Q(position__project__status=Status.PUBLISHED)
    )
    skills: dict[int, list] = {}
    for pid, skill_id, min_level in (
        PositionSkill.objects.filter(open_live)
        .order_by("position_id", "pk")
        .values_list("position_id", "skill_id", "min_level")
    ):
        skills.setdefault(pid, []).append((catalog.skill_pos[skill_id], min_level))
    certs: dict[int, list] = {}
    through = Position.required_certifications.through
    for pid, cert_id in (
        through.objects.filter(open_live)
        .order_by("position_id", "certification__name", "certification_id")
        .values_list("position_id", "certification_id")
    ):
        certs.setdefault(pid, []).append(catalog.cert_pos[cert_id])
    key_skills = [tuple(catalog.skill_pos[s.pk] for s in r.skills.all()) for r in catalog.roles]
    default_weights = RankingWeights().as_tuple()
    days: dict[tuple, int] = {}

    def day(moment: dt.datetime, tz_name: str) -> int:
        # Calls start on the hour or half hour: many share a (moment, zone).
        key = (moment, tz_name)
        if key not in days:
            days[key] = _local_day(moment, tz_name)
        return days[key]

    specs = []
    for (
        pk, role_id, level, start, end, pay, unit, currency, union, crew, show_id,
        s_tz, s_lat, s_lon, s_org, s_turn, pv_id, p_tz, p_lat, p_lon, p_org, p_turn, p_remote,
    ) in rows:  # fmt: skip
        if show_id is not None:
            tz_name, lat, lon, org, turnaround, remote = s_tz, s_lat, s_lon, s_org, s_turn, False
        else:
            org, turnaround, remote = p_org, p_turn, bool(p_remote)
            if pv_id is not None:
                tz_name, lat, lon = p_tz, p_lat, p_lon
            else:
                tz_name, lat, lon = "UTC", np.nan, np.nan
        role = catalog.role_pos[role_id]
        specs.append(
            PositionSpec(
                id=pk,
                role=role,
                level=LEVEL_RANK[level],
                start=int(start.timestamp()),
                end=int(end.timestamp()),
                start_day=day(start, tz_name),
                end_day=day(end, tz_name),
                lat=lat,
                lon=lon,
                org=org,
                pay=float(pay),
                pay_unit=UNIT_CODE[unit],
                currency=currency,
                skills=tuple(skills.get(pk, ())),
                key_skills=key_skills[role],
                certs=tuple(certs.get(pk, ())),
                union_required=union,
                remote=remote,
                touring=crew == Crew.TOURING,
                turnaround_hours=turnaround,
                weights=weights.get(org, default_weights),
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
    specs = open_position_specs(catalog, all_weights(), now)
    index = build_position_index(specs, workers)
    built = Indexes(
        str(mark.last_id), catalog, workers, index,
        {s.id: i for i, s in enumerate(specs)}, list(specs), mark,
    )  # fmt: skip
    memory.settled("matching index")
    return built


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
