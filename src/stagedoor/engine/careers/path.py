"""Shortest career paths over the progression graph."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from .graph import CareerGraph


@dataclass(frozen=True)
class PathStep:
    """One role on a path.

    `years` is the typical time spent in the role before the next step (0 for the
    target); `new_skills` and `new_certifications` are what this role needs that the
    earlier roles on the path did not, i.e. what the step teaches.
    """

    role: str
    name: str
    years: float
    new_skills: tuple[str, ...]
    new_certifications: tuple[str, ...]


@dataclass(frozen=True)
class CareerPath:
    """The shortest route to `target`; empty `steps` with a `reason` when there is none."""

    target: str
    steps: tuple[PathStep, ...]
    total_years: float
    reason: str = ""

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(step.role for step in self.steps)


def _shortest(graph: CareerGraph, sources: Iterable[str], target: str) -> tuple[str, ...] | None:
    # The heap orders by (years, path): among equally short routes the one whose role
    # slugs come first, compared step by step from the start, wins. With non-negative
    # weights the first time a role is popped its (years, path) is the minimum.
    heap = [(0.0, (s,)) for s in sorted(set(sources))]
    heapq.heapify(heap)
    done: set[str] = set()
    while heap:
        years, path = heapq.heappop(heap)
        node = path[-1]
        if node in done:
            continue
        if node == target:
            return path
        done.add(node)
        weight = graph.roles[node].years_in_role
        for nxt in graph.roles[node].leads_to:
            if nxt not in done:
                heapq.heappush(heap, (years + weight, (*path, nxt)))
    return None


def _steps(graph: CareerGraph, slugs: tuple[str, ...]) -> tuple[PathStep, ...]:
    seen_skills: set[str] = set()
    seen_certs: set[str] = set()
    steps = []
    for i, slug in enumerate(slugs):
        role = graph.roles[slug]
        skills = tuple(sorted(set(role.skill_slugs) - seen_skills))
        certs = tuple(sorted(set(role.certifications) - seen_certs))
        seen_skills.update(role.skill_slugs)
        seen_certs.update(role.certifications)
        years = role.years_in_role if i < len(slugs) - 1 else 0
        steps.append(PathStep(slug, role.name, years, skills, certs))
    return tuple(steps)


def career_path(graph: CareerGraph, from_roles: Iterable[str], target: str) -> CareerPath:
    """The shortest route from the roles a person holds to `target`.

    Dijkstra over `leads_to` edges, each weighted by the typical years in the role being
    left; ties go to the route whose role slugs sort first. With no held roles (or none
    that lead to the target) the route starts from any entry-level role. Unknown roles
    raise ValueError naming the field.
    """
    graph.role(target, "target")
    held = tuple(from_roles)
    for slug in held:
        graph.role(slug, "from_roles")
    if target in held:
        return CareerPath(target, _steps(graph, (target,)), 0, "You already hold this role.")
    reason = ""
    slugs = _shortest(graph, held, target) if held else None
    if slugs is None:
        slugs = _shortest(graph, graph.entry_roles(), target)
        if held and slugs is not None:
            reason = "None of your roles leads here, so the route starts at entry level."
    if slugs is None:
        starts = "your roles" if held else "any entry-level role"
        return CareerPath(target, (), 0, f"No progression leads from {starts} to {target!r}.")
    steps = _steps(graph, slugs)
    return CareerPath(target, steps, sum(step.years for step in steps), reason)
