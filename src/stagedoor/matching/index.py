"""Load the matching indexes from the database and keep them current.

The indexes live in process memory, keyed by the IndexVersion token: one query per
request checks the token; a new token (any change to workers, availability, bookings,
positions or lists) rebuilds them with a fixed number of queries, whatever the pool size.
A transaction that changed such data reads an index of its own until it commits (see
`version.py`), so a write followed by a read in one request always sees the write.
"""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES, Booking
from stagedoor.engine.matching.build import PositionSpec, build_position_index, build_worker_index
from stagedoor.engine.matching.kernel import NO_DAY, PositionIndex, WorkerIndex
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
from .models import Block, FirstCall, RankingWeights

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


def _columns(rows, n):
    return tuple(map(list, zip(*rows, strict=True))) if rows else ((),) * n


def load_catalog() -> Catalog:
    return Catalog(
        roles=list(Role.objects.order_by("pk").prefetch_related("skills")),
        skills=list(Skill.objects.order_by("pk")),
        certs=list(Certification.objects.order_by("pk")),
    )


def load_worker_index(catalog: Catalog, now: dt.datetime | None = None) -> WorkerIndex:
    now = now or timezone.now()
    profiles = list(
        WorkerProfile.objects.order_by("pk").values_list(
            "pk", "latitude", "longitude", "travel_radius_km", "willing_to_tour",
            "day_rate", "hourly_rate", "currency",
        )
    )  # fmt: skip
    cols = _columns(profiles, 8)
    roles = [
        (w, catalog.role_pos[r], LEVEL_RANK[lv])
        for w, r, lv in WorkerRole.objects.values_list("worker_id", "role_id", "level")
    ]
    skills = [
        (w, catalog.skill_pos[s], lv)
        for w, s, lv in WorkerSkill.objects.values_list("worker_id", "skill_id", "level")
    ]
    certs = [
        (w, catalog.cert_pos[c], issued.toordinal(), expires.toordinal() if expires else NO_DAY)
        for w, c, issued, expires in WorkerCertification.objects.values_list(
            "worker_id", "certification_id", "issued_on", "expires_on"
        )
    ]
    union = list(
        UnionMembership.objects.filter(status=UnionMembership.Status.GOOD_STANDING)
        .values_list("worker_id", flat=True)
        .distinct()
    )
    busy = [
        (w, int(s.timestamp()), int(e.timestamp()), False)
        for w, s, e in AvailabilityBlock.objects.filter(
            kind=AvailabilityBlock.Kind.UNAVAILABLE
        ).values_list("worker_id", "starts_at", "ends_at")
    ]
    bookings = list(
        Booking.objects.values_list(
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
    credits = Credit.objects.filter(verified=True).values_list(
        "worker_id", "organisation_id", "rating"
    )
    ratings = []
    for w, org, rating in credits:
        if rating:
            ratings.append((w, rating))
        if org:
            worked[(org, w)] = worked.get((org, w), 0) + 1
    first_call = list(FirstCall.objects.values_list("organisation_id", "worker_id", "rank"))
    blocked = list(Block.objects.values_list("organisation_id", "worker_id"))
    return build_worker_index(
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


def build_indexes(token: str, now: dt.datetime | None = None) -> Indexes:
    catalog = load_catalog()
    workers = load_worker_index(catalog, now)
    positions = [p for p in open_positions(now) if p.booked < p.headcount]
    specs = position_specs(positions, catalog, all_weights())
    index = build_position_index(specs, workers)
    return Indexes(token, catalog, workers, index, {s.id: i for i, s in enumerate(specs)})


_lock = threading.Lock()
_cached: Indexes | None = None


def current_indexes() -> Indexes:
    """The in-memory indexes, rebuilt if anything matching reads has changed."""
    global _cached
    token = version.shared_token()
    pending = version.pending()
    if pending is not None:
        # This transaction changed what matching reads: an index built from what it sees,
        # held by its on-commit hook, never in the shared cache other threads read.
        token = f"{token}+{pending.token}"
        if pending.indexes is None or pending.indexes.token != token:
            pending.indexes = build_indexes(token)
        return pending.indexes
    cached = _cached
    if cached is not None and cached.token == token:
        return cached
    with _lock:
        if _cached is None or _cached.token != token:
            _cached = build_indexes(token)
        return _cached


def forget() -> None:
    global _cached
    _cached = None
