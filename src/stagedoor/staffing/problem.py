"""Build the engine's `StaffingProblem` from the database.

The crew calls are an organisation's open positions in a scope (a date range, one show,
one tour or one studio project): published, not started, with seats left once live
bookings and pending offers are counted. The eligible workers of each call, and their
scores, come from the matching kernel on the cached index, so every hard rule of "Find
crew" (role and level, skills, certifications, union, availability, bookings plus the
turnaround, travel radius, blocks) holds for auto-staffing too.

Choices the engine leaves to us, made here:

- priority: a call for a lead-level role or at lead level is worth 3 seats, a senior one
  2, the rest 1, so when crew is short the plan staffs department heads first;
- cost: what the worker asks for the whole call (hourly rate x hours, day rate x days the
  call spans) when their rate is in the call's currency and unit, else the call's own pay;
  it only breaks ties among equally good plans;
- day and week: the call's local date at the venue, weeks starting on Monday;
- a worker with a pending offer on a call is not proposed for it again (the offer already
  counts against its seats), nor for any call that overlaps that offer's call or breaks
  the turnaround around it: accepting one would make the other impossible.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q
from django.utils import timezone

from stagedoor.booking.models import Offer
from stagedoor.engine.matching import kernel
from stagedoor.engine.matching.build import build_position_index
from stagedoor.engine.matching.reasons import Reason, reasons
from stagedoor.engine.staffing import StaffingProblem
from stagedoor.engine.staffing.words import worker_causes
from stagedoor.gigs.models import Position
from stagedoor.industry.enums import LEVEL_RANK
from stagedoor.industry.models import Organisation
from stagedoor.matching.index import (
    all_weights,
    current_indexes,
    open_positions,
    position_specs,
)

PRIORITY_BY_LEVEL = {3: 3, 2: 2}  # level rank -> priority; entry and mid count 1


@dataclass
class Scope:
    organisation: Organisation
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    show_id: int | None = None
    tour_id: int | None = None
    project_id: int | None = None


@dataclass
class BuiltProblem:
    """The problem and what its indices stand for in the database."""

    problem: StaffingProblem
    positions: list[Position]  # problem position p -> Position
    worker_ids: list[int]  # problem worker w -> WorkerProfile id
    _sources: list[tuple[int, int]] = field(default_factory=list)  # pair -> (position, row)
    _evaluations: list = field(default_factory=list)
    _index: object = None  # the matching Indexes the pairs were evaluated on
    _position_index: object = None
    # problem position p -> what kept each of its other candidates out (engine words causes)
    excluded: list[list[str | None]] = field(default_factory=list)

    def reasons_of(self, pair: int) -> list[Reason]:
        """The matching reasons behind one pair's score, best contribution first."""
        pos, row = self._sources[pair]
        return reasons(self._index.workers, self._position_index, self._evaluations[pos], row)


def priority_of(position: Position) -> int:
    rank = max(LEVEL_RANK[position.level], LEVEL_RANK[position.role.level])
    return PRIORITY_BY_LEVEL.get(rank, 1)


def local_day(moment: dt.datetime, tz_name: str) -> int:
    return moment.astimezone(zoneinfo.ZoneInfo(tz_name)).date().toordinal()


def scope_positions(scope: Scope, now: dt.datetime) -> list[Position]:
    """Open positions in the scope with seats left, by call time; `open_seats` set on each."""
    org = scope.organisation
    qs = (
        open_positions(now)
        .select_related("role")
        .filter(Q(show__organisation=org) | Q(project__organisation=org))
    )
    if scope.show_id:
        qs = qs.filter(show_id=scope.show_id)
    if scope.tour_id:
        qs = qs.filter(show__tour_id=scope.tour_id)
    if scope.project_id:
        qs = qs.filter(project_id=scope.project_id)
    # Coarse filter in UTC (a day either side covers every time zone), exact one below.
    if scope.date_from:
        start = dt.datetime.combine(scope.date_from, dt.time(), dt.UTC) - dt.timedelta(days=1)
        qs = qs.filter(call_start__gte=start)
    if scope.date_to:
        end = dt.datetime.combine(scope.date_to, dt.time(), dt.UTC) + dt.timedelta(days=2)
        qs = qs.filter(call_start__lt=end)
    positions = list(qs.order_by("call_start", "pk"))
    pending: dict[int, int] = {}
    for pid in Offer.objects.filter(
        position__in=positions, status=Offer.Status.PENDING
    ).values_list("position_id", flat=True):
        pending[pid] = pending.get(pid, 0) + 1
    out = []
    for p in positions:
        day = dt.date.fromordinal(local_day(p.call_start, p.timezone_name))
        if (scope.date_from and day < scope.date_from) or (scope.date_to and day > scope.date_to):
            continue
        p.open_seats = p.headcount - p.booked - pending.get(p.pk, 0)
        if p.open_seats > 0:
            out.append(p)
    return out


def offer_clashes(positions: list[Position], now: dt.datetime) -> dict[int, set[int]]:
    """For each call, the workers with a pending offer on another call that overlaps it or
    leaves less than the turnaround between them (the larger of the two calls' rules)."""
    if not positions:
        return {}
    widest = dt.timedelta(hours=max(p.organisation.turnaround_hours for p in positions) + 48)
    first = min(p.call_start for p in positions) - widest
    last = max(p.call_end for p in positions) + widest
    pending = list(
        Offer.objects.filter(
            status=Offer.Status.PENDING,
            expires_at__gt=now,
            position__call_start__lt=last,
            position__call_end__gt=first,
        ).values_list(
            "worker_id",
            "position_id",
            "position__call_start",
            "position__call_end",
            "position__show__organisation__turnaround_hours",
            "position__project__organisation__turnaround_hours",
        )
    )
    out: dict[int, set[int]] = {}
    for p in positions:
        own = p.organisation.turnaround_hours
        for worker_id, pid, start, end, show_rest, project_rest in pending:
            if pid == p.pk:
                continue
            rest = dt.timedelta(hours=max(own, show_rest or project_rest or 0))
            if start < p.call_end + rest and end > p.call_start - rest:
                out.setdefault(p.pk, set()).add(worker_id)
    return out


def _call_cost(unit: int, amount: np.ndarray, hours: float, days: int) -> np.ndarray:
    if unit == 0:
        return amount * hours
    if unit == 1:
        return amount * days
    return amount


def build_problem(
    scope: Scope,
    *,
    max_hours_day: int | None = None,
    max_hours_week: int | None = None,
    now: dt.datetime | None = None,
) -> BuiltProblem:
    """The staffing problem of a scope, with every eligible (call, worker) pair."""
    now = now or timezone.now()
    positions = scope_positions(scope, now)
    indexes = current_indexes()
    w = indexes.workers
    specs = position_specs(positions, indexes.catalog, all_weights())
    pindex = build_position_index(specs, w)
    offered = set(
        Offer.objects.filter(position__in=positions, status=Offer.Status.PENDING).values_list(
            "position_id", "worker_id"
        )
    )
    blocked = offer_clashes(positions, now)
    pair_pos, pair_wi, score, cost, km, sources, evaluations = [], [], [], [], [], [], []
    excluded = []
    for i, p in enumerate(positions):
        top, ev = kernel.candidates_for(w, pindex, i, k=w.size)
        evaluations.append(ev)
        ids = w.ids[ev.wi].tolist()
        committed = np.array(
            [(p.pk, int(x)) in offered or int(x) in blocked.get(p.pk, ()) for x in ids], dtype=bool
        )
        excluded.append(
            worker_causes(ev.failures, kernel.booked_over(w, pindex, ev.wi, ev.pi), committed)
        )
        top = top[~committed[top]]
        if len(top) == 0:
            continue
        hours = (p.call_end - p.call_start).total_seconds() / 3600
        days = int(pindex.end_day[i] - pindex.start_day[i]) + 1
        unit = int(pindex.pay_unit[i])
        ask = kernel.asking_rate(w, pindex, ev.wi[top], ev.pi[top])
        asked = _call_cost(unit, ask, hours, days)
        own = _call_cost(unit, np.full(len(top), float(p.pay_amount)), hours, days)
        distance = np.nan_to_num(ev.distance_km[top], nan=0.0)
        pair_pos.append(np.full(len(top), i))
        pair_wi.append(ev.wi[top])
        score.append(ev.score[top])
        cost.append(np.where(np.isnan(asked), own, asked))
        km.append(np.where(pindex.remote[i], 0.0, distance))
        sources.extend((i, int(row)) for row in top.tolist())

    def cat(parts, dtype):
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

    wi = cat(pair_wi, np.int64)
    workers, compact = np.unique(wi, return_inverse=True)
    days = np.array([local_day(p.call_start, p.timezone_name) for p in positions], dtype=np.int64)
    problem = StaffingProblem(
        start=[int(p.call_start.timestamp()) for p in positions],
        end=[int(p.call_end.timestamp()) for p in positions],
        headcount=[p.open_seats for p in positions],
        n_workers=len(workers),
        pair_pos=cat(pair_pos, np.int32),
        pair_worker=compact.astype(np.int32),
        pair_score=cat(score, np.float64),
        pair_cost=cat(cost, np.float64),
        pair_km=cat(km, np.float64),
        priority=[priority_of(p) for p in positions],
        turnaround=pindex.turnaround_s if len(positions) else np.zeros(0, dtype=np.int64),
        day=days,
        week=(days - 1) // 7,  # day 1 (1 Jan of year 1) was a Monday
        max_minutes_day=None if max_hours_day is None else max_hours_day * 60,
        max_minutes_week=None if max_hours_week is None else max_hours_week * 60,
    )
    built = BuiltProblem(
        problem=problem,
        positions=positions,
        worker_ids=[int(x) for x in w.ids[workers]],
        _sources=sources,
        _evaluations=evaluations,
        _index=indexes,
        _position_index=pindex,
        excluded=excluded,
    )
    return built
