"""The career navigator: gap, path and plan toward a target role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from stagedoor.core.validation import refuse
from stagedoor.engine.careers import (
    CareerGraph,
    CareerPath,
    CareerPlan,
    Opening,
    WorkerSnapshot,
    career_path,
    next_steps,
)
from stagedoor.gigs.models import Position
from stagedoor.industry.models import Role
from stagedoor.matching import selectors as matching
from stagedoor.people.models import WorkerProfile

from .graph import career_graph, local_date, next_call_date, worker_snapshot

# How many of the worker's best gigs matching is asked for before keeping those on the path.
GIGS_CONSIDERED = 200
OPENINGS_IN_PLAN = 5


def _refuse(field_name: str, message: str):
    refuse(field_name, message)


def _engine_error(exc: ValueError) -> ValidationError:
    """The engine's "field: reason" ValueError as a field error."""
    field_name, _, message = str(exc).partition(": ")
    return ValidationError({field_name: [message or str(exc)]})


def _opening_title(position: Position) -> str:
    where = position.show.artist if position.show_id else position.project.title
    return f"{position.display_title} for {where} on {local_date(position).isoformat()}"


def eligible_openings(
    worker: WorkerProfile, roles: set[str] | frozenset[str]
) -> dict[int, Position]:
    """Open positions in `roles` the worker is eligible for right now (matching decides),
    by id: the OPENINGS_IN_PLAN best matches, so a plan stays a plan and not a job board."""
    fitting = [
        gig.position
        for gig in matching.gigs(worker=worker, k=GIGS_CONSIDERED)
        if gig.position.role.slug in roles
    ]
    return {position.pk: position for position in fitting[:OPENINGS_IN_PLAN]}


@dataclass(frozen=True)
class Navigator:
    """A plan toward `target` with what a page needs to show it."""

    role: Role
    plan: CareerPlan
    worker: WorkerProfile | None
    next_call: dt.date | None
    positions: dict[int, Position] = field(default_factory=dict)
    graph: CareerGraph | None = None

    @property
    def is_visitor(self) -> bool:
        return self.worker is None


def _target(graph: CareerGraph, target: str | None) -> str:
    if not target:
        _refuse("target", "Choose a role to aim for.")
    if target not in graph.roles:
        _refuse("target", f"unknown role '{target}'")
    return target


def career_path_for(*, target: str, worker: WorkerProfile | None = None) -> CareerPath:
    """The shortest path to `target` from the worker's roles (from entry level without)."""
    graph = career_graph()
    _target(graph, target)
    held = () if worker is None else worker_snapshot(worker).role_slugs
    return career_path(graph, held, target)


def navigator(
    *, target: str, worker: WorkerProfile | None = None, today: dt.date | None = None
) -> Navigator:
    """Gap, path and plan toward `target` for a worker, or the generic plan for a visitor.

    A worker's plan includes the open positions on their path they are eligible for now;
    a visitor's starts at entry level with no positions. Unknown `target` is refused as
    a field error.
    """
    graph = career_graph()
    target = _target(graph, target)
    today = today or timezone.localdate()
    role = Role.objects.get(slug=target)
    if worker is None:
        plan = next_steps(graph, WorkerSnapshot(), target, today=today)
        return Navigator(role, plan, None, None, {}, graph)
    snapshot = worker_snapshot(worker)
    next_call = next_call_date(worker)
    # The path decides which openings count.
    route = career_path(graph, snapshot.role_slugs, target)
    positions = eligible_openings(worker, set(route.roles))
    openings = [
        Opening(p.pk, p.role.slug, _opening_title(p), local_date(p)) for p in positions.values()
    ]
    try:
        plan = next_steps(
            graph, snapshot, target, next_call_date=next_call, today=today, openings=openings
        )
    except ValueError as exc:
        raise _engine_error(exc) from exc
    return Navigator(role, plan, worker, next_call, positions, graph)
