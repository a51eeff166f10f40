"""The workers' columns the matching index is built from, read from the database.

`worker_columns` reads them set-wise on PostgreSQL: one query per table, each column
aggregated into one array and sent in the binary COPY format straight into NumPy, with no
Python object per row. `worker_columns_orm` reads the same through the ORM, row by row: the
reference the fast path is tested against, and what SQLite (development) uses.
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
from django.db import connection
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES, Booking
from stagedoor.engine.matching.kernel import NO_DAY
from stagedoor.industry.enums import LEVEL_RANK
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)

from .models import Block, FirstCall


def _columns(rows, n):
    return tuple(map(list, zip(*rows, strict=True))) if rows else ((),) * n


def worker_columns_orm(catalog, now: dt.datetime | None = None, worker_ids=None) -> dict:
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


def worker_columns(catalog, now: dt.datetime | None = None, worker_ids=None) -> dict:
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
