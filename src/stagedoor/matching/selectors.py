"""Ranked crew for a position, gigs for a worker, and why-not, with reasons."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from stagedoor.engine.matching import kernel
from stagedoor.engine.matching.build import build_position_index
from stagedoor.engine.matching.reasons import Reason, reasons, why_not_texts
from stagedoor.gigs.models import Position
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile, WorkerRole

from .index import current_indexes, position_specs, positions_for_matching
from .models import RankingWeights


@dataclass
class Candidate:
    worker: WorkerProfile
    score: float
    reasons: list[Reason]
    distance_km: float | None


@dataclass
class WhyNot:
    worker: WorkerProfile
    eligible: bool
    rules: list[str]
    score: float
    reasons: list[Reason]


@dataclass
class Gig:
    position: Position
    score: float
    reasons: list[Reason]


@dataclass
class CrewFilters:
    first_call_only: bool = False
    max_km: float | None = None
    union_only: bool = False


def _position_index(indexes, position: Position):
    weights = RankingWeights.objects.filter(organisation=position.organisation).first()
    by_org = {position.organisation.pk: weights.as_tuple()} if weights else {}
    specs = position_specs([position], indexes.catalog, by_org)
    return build_position_index(specs, indexes.workers)


def load_position(position_id: int) -> Position:
    return positions_for_matching().select_related("role").get(pk=position_id)


def _workers_by_id(ids) -> dict[int, WorkerProfile]:
    workers = WorkerProfile.objects.filter(pk__in=list(ids)).prefetch_related(
        Prefetch("roles", queryset=WorkerRole.objects.select_related("role"))
    )
    return {w.pk: w for w in workers}


def candidates(
    *, actor, position: Position, k: int = 20, filters: CrewFilters | None = None
) -> list[Candidate]:
    """The k best eligible workers for a position, best first, each with its reasons."""
    if not can_manage(actor, position.organisation):
        raise PermissionDenied(f"Only managers of {position.organisation.name} can see its crew.")
    indexes = current_indexes()
    w, p = indexes.workers, _position_index(indexes, position)
    filters = filters or CrewFilters()
    filtering = filters != CrewFilters()
    top, ev = kernel.candidates_for(w, p, 0, k=w.size if filtering else k)
    keep = np.ones(len(top), dtype=bool)
    org = position.organisation.pk
    if filters.first_call_only:
        listed = w.org_first_call.get(org, (np.array([], dtype=np.int64), None))[0]
        keep &= np.isin(ev.wi[top], listed)
    if filters.max_km is not None:
        keep &= ~(ev.distance_km[top] > filters.max_km)
    if filters.union_only:
        keep &= w.union_good[ev.wi[top]]
    top = top[keep][:k]
    people = _workers_by_id(int(w.ids[ev.wi[row]]) for row in top)
    out = []
    for row in top:
        d = ev.distance_km[row]
        out.append(
            Candidate(
                worker=people[int(w.ids[ev.wi[row]])],
                score=float(ev.score[row]),
                reasons=reasons(w, p, ev, int(row)),
                distance_km=None if np.isnan(d) else float(d),
            )
        )
    return out


def why_not(*, actor, position: Position, worker: WorkerProfile) -> WhyNot:
    """Every hard rule that keeps `worker` off `position` (none when eligible)."""
    if not can_manage(actor, position.organisation):
        raise PermissionDenied(f"Only managers of {position.organisation.name} can see its crew.")
    indexes = current_indexes()
    w, p = indexes.workers, _position_index(indexes, position)
    at = w.position_of(worker.pk)
    if at is None:
        return WhyNot(worker, False, ["has no profile in the matching index yet"], 0.0, [])
    ev = kernel.why_not(w, p, at, 0)
    rules = why_not_texts(w, p, ev, 0)
    return WhyNot(
        worker=worker,
        eligible=not rules,
        rules=rules,
        score=float(ev.score[0]),
        reasons=[] if rules else reasons(w, p, ev, 0),
    )


def gigs(*, worker: WorkerProfile, k: int = 20) -> list[Gig]:
    """Open positions the worker is eligible for, best match first, with reasons."""
    indexes = current_indexes()
    w, p = indexes.workers, indexes.positions
    at = w.position_of(worker.pk)
    if at is None or p.size == 0:
        return []
    top, ev = kernel.gigs_for(w, p, at, k=k)
    ids = [int(p.ids[ev.pi[row]]) for row in top]
    positions = {
        x.pk: x
        for x in Position.objects.filter(pk__in=ids).select_related(
            "role", "show__venue", "show__organisation", "project__organisation", "project__venue"
        )
    }
    return [
        Gig(positions[pid], float(ev.score[row]), reasons(w, p, ev, int(row)))
        for pid, row in zip(ids, top, strict=True)
    ]
