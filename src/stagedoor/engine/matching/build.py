"""Build the matching indexes from plain columns (from the database, or synthetic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .kernel import DEFAULT_WEIGHTS, NO_DAY, PositionIndex, WorkerIndex

I64 = np.int64


def _a(values, dtype) -> np.ndarray:
    return np.asarray(values, dtype=dtype)


def _index_of(ids: np.ndarray, worker_ids) -> np.ndarray:
    worker_ids = _a(worker_ids, I64)
    at = np.searchsorted(ids, worker_ids)
    if len(worker_ids) and (at.max() >= len(ids) or not np.all(ids[at] == worker_ids)):
        raise ValueError("a row names a worker that is not in the pool")
    return at


def _org_table(orgs, idx, values, dtype):
    orgs, idx, values = _a(orgs, I64), _a(idx, I64), _a(values, dtype)
    table = {}
    for org in np.unique(orgs):
        rows = orgs == org
        order = np.argsort(idx[rows], kind="stable")
        table[int(org)] = (idx[rows][order], values[rows][order])
    return table


def build_worker_index(
    *,
    ids: Sequence[int],
    lat,
    lon,
    radius_km,
    will_tour,
    day_rate,
    hour_rate,
    currency: Sequence[str],
    role_names: list[str],
    skill_names: list[str],
    cert_names: list[str],
    roles: tuple = ((), (), ()),  # worker id, role index, level rank
    skills: tuple = ((), (), ()),  # worker id, skill index, level 1-5
    certs: tuple = ((), (), (), ()),  # worker id, cert index, first day, last day (NO_DAY)
    union_good: Sequence[int] = (),  # worker ids
    busy: tuple = ((), (), (), ()),  # worker id, start s, end s, is booking
    ratings: tuple = ((), ()),  # worker id, rating 1-5
    outcomes: tuple = ((), ()),  # worker id, 0 worked / 1 no-show / 2 late cancellation
    hours_30d: tuple = ((), ()),  # worker id, hours
    worked_for: tuple = ((), (), ()),  # org id, worker id, shows worked
    first_call: tuple = ((), (), ()),  # org id, worker id, rank
    blocked: tuple = ((), ()),  # org id, worker id
) -> WorkerIndex:
    order = np.argsort(_a(ids, I64), kind="stable")
    ids_sorted = _a(ids, I64)[order]
    n = len(ids_sorted)

    def col(values, dtype):
        return _a(values, dtype)[order]

    n_roles, n_skills, n_certs = len(role_names), len(skill_names), len(cert_names)
    role_level = np.full((n_roles, n), -1, dtype=np.int8)
    w = _index_of(ids_sorted, roles[0])
    role_idx = _a(roles[1], I64)
    np.maximum.at(role_level, (role_idx, w), _a(roles[2], np.int8))
    role_members = [np.flatnonzero(role_level[r] >= 0) for r in range(n_roles)]

    skill_level = np.zeros((n_skills + 1, n), dtype=np.int8)
    skill_level[n_skills] = 5
    w = _index_of(ids_sorted, skills[0])
    np.maximum.at(skill_level, (_a(skills[1], I64), w), _a(skills[2], np.int8))

    cert_from = np.full((n_certs + 1, n), NO_DAY, dtype=np.int32)
    cert_to = np.full((n_certs + 1, n), -1, dtype=np.int32)
    cert_from[n_certs] = -1
    cert_to[n_certs] = NO_DAY
    if len(certs[0]):
        w = _index_of(ids_sorted, certs[0])
        c = _a(certs[1], I64)
        frm, to = _a(certs[2], np.int32), _a(certs[3], np.int32)
        # Of several cards of one kind, keep the one valid longest (renewals replace).
        rank = np.lexsort((frm, to, w, c))
        c, w, frm, to = c[rank], w[rank], frm[rank], to[rank]
        cert_from[c, w] = frm
        cert_to[c, w] = to

    union = np.zeros(n, dtype=bool)
    union[_index_of(ids_sorted, union_good)] = True

    bw = _index_of(ids_sorted, busy[0])
    border = np.lexsort((_a(busy[1], I64), bw))
    busy_ptr = np.zeros(n + 1, dtype=I64)
    np.cumsum(np.bincount(bw, minlength=n), out=busy_ptr[1:])

    rating_sum = np.bincount(_index_of(ids_sorted, ratings[0]), _a(ratings[1], float), n)
    rating_count = np.bincount(_index_of(ids_sorted, ratings[0]), minlength=n).astype(float)
    ow, kind = _index_of(ids_sorted, outcomes[0]), _a(outcomes[1], I64)
    counts = [np.bincount(ow[kind == k], minlength=n).astype(np.int32) for k in range(3)]
    hours = np.bincount(_index_of(ids_sorted, hours_30d[0]), _a(hours_30d[1], float), n)

    currencies = sorted(set(currency))
    code = {c: i for i, c in enumerate(currencies)}
    return WorkerIndex(
        ids=ids_sorted,
        role_level=role_level,
        skill_level=skill_level,
        cert_from=cert_from,
        cert_to=cert_to,
        lat=col(lat, float),
        lon=col(lon, float),
        radius_km=col(radius_km, float),
        will_tour=col(will_tour, bool),
        union_good=union,
        day_rate=col(day_rate, float),
        hour_rate=col(hour_rate, float),
        currency=np.array([code[c] for c in currency], dtype=np.int16)[order],
        rating_sum=rating_sum,
        rating_count=rating_count,
        completed=counts[0],
        no_shows=counts[1],
        late_cancels=counts[2],
        hours_30d=hours,
        busy_ptr=busy_ptr,
        busy_start=_a(busy[1], I64)[border],
        busy_end=_a(busy[2], I64)[border],
        busy_booking=_a(busy[3], bool)[border],
        role_members=role_members,
        org_worked=_org_table(
            worked_for[0], _index_of(ids_sorted, worked_for[1]), worked_for[2], float
        ),
        org_first_call=_org_table(
            first_call[0], _index_of(ids_sorted, first_call[1]), first_call[2], float
        ),
        org_blocked={
            org: idx
            for org, (idx, _) in _org_table(
                blocked[0], _index_of(ids_sorted, blocked[1]), np.zeros(len(blocked[0])), float
            ).items()
        },
        role_names=list(role_names),
        skill_names=list(skill_names),
        cert_names=list(cert_names),
        currencies=currencies,
    )


@dataclass(frozen=True)
class PositionSpec:
    """One position as matching sees it."""

    id: int
    role: int
    level: int
    start: int  # epoch seconds
    end: int
    start_day: int  # proleptic ordinal of the local call date
    end_day: int
    lat: float
    lon: float
    org: int
    pay: float
    pay_unit: int  # 0 hour, 1 day, 2 flat
    currency: str
    skills: tuple[tuple[int, int], ...] = ()  # (skill index, minimum level)
    key_skills: tuple[int, ...] = ()  # the role's key skills, for fit only
    certs: tuple[int, ...] = ()
    union_required: bool = False
    remote: bool = False
    touring: bool = False  # a touring call: travels with the tour (else local crew)
    turnaround_hours: float = 8.0
    weights: tuple[float, ...] = DEFAULT_WEIGHTS


def _padded(rows: list[list[int]], fill: int, dtype) -> np.ndarray:
    width = max((len(r) for r in rows), default=0) or 1
    out = np.full((len(rows), width), fill, dtype=dtype)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def build_position_index(specs: Sequence[PositionSpec], workers: WorkerIndex) -> PositionIndex:
    n_skills, n_certs = len(workers.skill_names), len(workers.cert_names)
    code = {c: i for i, c in enumerate(workers.currencies)}
    fit_ids, fit_min = [], []
    for s in specs:
        required = dict(s.skills)
        merged = required | {k: 0 for k in s.key_skills if k not in required}
        fit_ids.append(list(merged))
        fit_min.append(list(merged.values()))
    fit_skill_ids = _padded(fit_ids, n_skills, np.int16)
    return PositionIndex(
        ids=_a([s.id for s in specs], I64),
        role=_a([s.role for s in specs], np.int16),
        level=_a([s.level for s in specs], np.int8),
        skill_ids=_padded([[k for k, _ in s.skills] for s in specs], n_skills, np.int16),
        skill_min=_padded([[m for _, m in s.skills] for s in specs], 0, np.int8),
        fit_skill_ids=fit_skill_ids,
        fit_skill_min=_padded(fit_min, 0, np.int8),
        fit_skill_valid=fit_skill_ids < n_skills,
        cert_ids=_padded([list(s.certs) for s in specs], n_certs, np.int16),
        start=_a([s.start for s in specs], I64),
        end=_a([s.end for s in specs], I64),
        start_day=_a([s.start_day for s in specs], np.int32),
        end_day=_a([s.end_day for s in specs], np.int32),
        union_required=_a([s.union_required for s in specs], bool),
        lat=_a([s.lat for s in specs], float),
        lon=_a([s.lon for s in specs], float),
        remote=_a([s.remote for s in specs], bool),
        touring=_a([s.touring for s in specs], bool),
        org=_a([s.org for s in specs], I64),
        turnaround_s=_a([int(s.turnaround_hours * 3600) for s in specs], I64),
        pay=_a([s.pay for s in specs], float),
        pay_unit=_a([s.pay_unit for s in specs], np.int8),
        currency=_a([code.get(s.currency, -1) for s in specs], np.int16),
        weights=_a([s.weights for s in specs], float).reshape(len(specs), 7),
    )
