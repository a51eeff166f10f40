"""Ranked crew for a position, gigs for a worker, and why-not, with reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from stagedoor.booking.models import Hold, Offer
from stagedoor.engine.matching import kernel
from stagedoor.engine.matching.build import build_position_index
from stagedoor.engine.matching.reasons import Reason, reasons, why_not_texts
from stagedoor.gigs.labels import call_label
from stagedoor.gigs.models import Position
from stagedoor.gigs.selectors import interested_worker_ids
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
    offered: bool = False  # a pending offer on this call
    held: int | None = None  # her hold rank on this call (1 = 1st hold), if held
    marks: list[str] = field(default_factory=list)  # her offers and holds, in words
    clashes: bool = False  # a pending offer elsewhere that a booking here would void
    interested: bool = False  # she said "I'm interested" in this call

    @property
    def settled(self) -> bool:
        """Already asked for this call, or asked for one that clashes: ranked last."""
        return self.offered or self.held is not None or self.clashes


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


class CrewDesk:
    """Find crew for one call, as its manager reads it. Who may read is asked once, when
    the desk is made; the index, the call's place in it and who said they are interested
    are read once however often the page asks (it ranks, lists the raised hands no rule
    lets it book, each with its why-not, and may answer one more why-not)."""

    def __init__(self, *, actor, position: Position):
        if not can_manage(actor, position.organisation):
            raise PermissionDenied("Only the organisation's managers can see its crew.")
        self.position = position

    @cached_property
    def indexes(self):
        return current_indexes()

    @cached_property
    def position_index(self):
        return _position_index(self.indexes, self.position)

    @cached_property
    def interested(self) -> list[int]:
        """Who said they are interested in the call, first to say it first."""
        return interested_worker_ids(self.position)

    def candidates(self, *, k: int = 20, filters: CrewFilters | None = None) -> list[Candidate]:
        """The k best eligible workers, best first, each with its reasons."""
        w, p = self.indexes.workers, self.position_index
        filters = filters or CrewFilters()
        filtering = filters != CrewFilters()
        top, ev = kernel.candidates_for(w, p, 0, k=w.size if filtering else k)
        keep = np.ones(len(top), dtype=bool)
        org = self.position.organisation.pk
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
        self._add_interested(out)
        mark_commitments(self.position, out)
        # Who was already offered or held here, or whose pending offer clashes, moves below
        # the people still free to ask, keeping the score order within each group.
        out.sort(key=lambda c: c.settled)
        return out

    def _add_interested(self, out: list[Candidate]) -> None:
        """Mark the candidates who said they are interested, and add the eligible ones the
        ranking left below the cut (in the order they said it): a manager sees every hand
        raised."""
        if not self.interested:
            return
        listed = {c.worker.pk for c in out}
        w, p = self.indexes.workers, self.position_index
        extra = []
        for worker_id in self.interested:
            at = w.position_of(worker_id)
            if worker_id in listed or at is None:
                continue
            ev = kernel.why_not(w, p, at, 0)
            if why_not_texts(w, p, ev, 0):
                continue
            d = ev.distance_km[0]
            extra.append((worker_id, float(ev.score[0]), reasons(w, p, ev, 0), d))
        people = _workers_by_id(x[0] for x in extra)
        for worker_id, score, why, d in extra:
            out.append(
                Candidate(
                    worker=people[worker_id],
                    score=score,
                    reasons=why,
                    distance_km=None if np.isnan(d) else float(d),
                )
            )
        raised = set(self.interested)
        for c in out:
            c.interested = c.worker.pk in raised

    def interested_not_eligible(self, listed) -> list[WhyNot]:
        """The workers interested in the call whom no rule lets the manager book (not among
        `listed`, the candidate rows), each with the rules that keep them off."""
        shown = {c.worker.pk for c in listed}
        ids = [i for i in self.interested if i not in shown]
        people = _workers_by_id(ids)
        return [self.why_not(people[i]) for i in ids if i in people]

    def why_not(self, worker: WorkerProfile) -> WhyNot:
        """Every hard rule that keeps `worker` off the call (none when eligible)."""
        w, p = self.indexes.workers, self.position_index
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

    def candidate(self, worker: WorkerProfile) -> Candidate:
        """One Find crew row again, after an offer or a hold changed it: her score and
        reasons (none when a rule now keeps her off the call) and her offers and holds."""
        why = self.why_not(worker)
        row = Candidate(worker=worker, score=why.score, reasons=why.reasons, distance_km=None)
        row.interested = worker.pk in set(self.interested)
        mark_commitments(self.position, [row])
        return row


def candidates(
    *, actor, position: Position, k: int = 20, filters: CrewFilters | None = None
) -> list[Candidate]:
    """The k best eligible workers for a position, best first, each with its reasons."""
    return CrewDesk(actor=actor, position=position).candidates(k=k, filters=filters)


def interested_not_eligible(*, actor, position: Position, listed) -> list[WhyNot]:
    """The workers interested in `position` whom no rule lets the manager book (not among
    `listed`, the candidate rows), each with the rules that keep them off."""
    return CrewDesk(actor=actor, position=position).interested_not_eligible(listed)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@dataclass
class Commitments:
    """A worker's pending offers and active holds as seen from one call."""

    offered: bool = False  # a pending offer on this call
    held: int | None = None  # her hold rank on this call (1 = 1st hold)
    clashes: bool = False  # a pending offer on a call a booking here would rule out
    marks: list[str] = field(default_factory=list)


_CALL_RELATED = (
    "position__role",
    "position__show__venue",
    "position__show__organisation",
    "position__project__venue",
    "position__project__organisation",
)


def commitments(pairs: list[tuple[Position, int]]) -> dict[tuple[int, int], Commitments]:
    """For each (call, worker id): her pending offers and active holds on that call, and on
    others that overlap it or break the turnaround (the larger of the two calls' rules,
    as auto-staff counts it). Reads booking's rows only, two queries for all the pairs."""
    out = {(p.pk, w): Commitments() for p, w in pairs}
    if not pairs:
        return out
    widest = dt.timedelta(hours=max(p.organisation.turnaround_hours for p, _ in pairs) + 48)
    window = {
        "worker_id__in": {w for _, w in pairs},
        "position__call_start__lt": max(p.call_end for p, _ in pairs) + widest,
        "position__call_end__gt": min(p.call_start for p, _ in pairs) - widest,
    }
    offers = list(
        Offer.objects.filter(status=Offer.Status.PENDING, **window)
        .select_related(*_CALL_RELATED)
        .order_by("position__call_start", "pk")
    )
    holds = list(
        Hold.objects.filter(status=Hold.Status.ACTIVE, **window)
        .select_related(*_CALL_RELATED)
        .order_by("created_at", "pk")
    )
    for position, worker_id in pairs:
        c = out[(position.pk, worker_id)]
        own = position.organisation.turnaround_hours
        for offer in offers:
            q = offer.position
            if offer.worker_id != worker_id:
                continue
            if q.pk == position.pk:
                c.offered = True
                c.marks.insert(0, "offered this call, waiting for an answer")
                continue
            rest = dt.timedelta(hours=max(own, q.organisation.turnaround_hours))
            if q.call_start < position.call_end + rest and q.call_end > position.call_start - rest:
                c.clashes = True
                c.marks.append(f"offered {call_label(q)}, which clashes with this call")
        ahead = 0  # her earlier holds on overlapping calls: the trade's hold rank
        for hold in holds:
            q = hold.position
            if hold.worker_id != worker_id:
                continue
            if q.pk == position.pk:
                c.held = ahead + 1
                c.marks.append(f"{_ordinal(c.held)} hold on this call")
            elif q.call_start < position.call_end and q.call_end > position.call_start:
                ahead += 1
                c.marks.append(f"{_ordinal(ahead)} hold on {call_label(q)}")
    return out


def mark_commitments(position: Position, found: list[Candidate]) -> None:
    """Copy each candidate's offers and holds, seen from `position`, onto the row."""
    seen = commitments([(position, c.worker.pk) for c in found])
    for c in found:
        mine = seen[(position.pk, c.worker.pk)]
        c.offered, c.held, c.clashes, c.marks = mine.offered, mine.held, mine.clashes, mine.marks


def why_not(*, actor, position: Position, worker: WorkerProfile) -> WhyNot:
    """Every hard rule that keeps `worker` off `position` (none when eligible)."""
    return CrewDesk(actor=actor, position=position).why_not(worker)


def candidate(*, actor, position: Position, worker: WorkerProfile) -> Candidate:
    """One Find crew row again, after an offer or a hold changed it: her score and reasons
    for `position` (none when a rule now keeps her off it) and her offers and holds."""
    return CrewDesk(actor=actor, position=position).candidate(worker)


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
        Gig(positions[pid], float(ev.score[row]), reasons(w, p, ev, int(row), to_worker=True))
        for pid, row in zip(ids, top, strict=True)
    ]
