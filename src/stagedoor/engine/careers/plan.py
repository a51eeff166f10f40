"""A worker's next steps toward a target role, and a newcomer's places to start."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .data import COURSE_DAYS, DEFAULT_COURSE_DAYS, ENTRY_ROUTES, INTERESTS
from .gap import GapReport, WorkerSnapshot, gap_analysis, skill_gaps, valid_certifications
from .graph import CareerGraph, SkillNeed
from .path import CareerPath, career_path

# Step kinds, in the order a plan lists them: a renewal protects work already booked;
# cheap certifications open doors at once; an open position or an entry route earns
# credits; skills take longer; hour-gated certifications come last, after the hours.
STEP_KINDS = (
    "renew",
    "certification",
    "position",
    "entry-route",
    "skill",
    "experience",
    "hours",
    "gated-certification",
)


@dataclass(frozen=True)
class Opening:
    """An open position the worker is already eligible for (matching decides that)."""

    position_id: int
    role: str
    title: str = ""
    starts_on: date | None = None


@dataclass(frozen=True)
class Step:
    """One concrete thing to do: `kind` (see STEP_KINDS), what it is about, and why."""

    kind: str
    subject: str
    why: str


@dataclass(frozen=True)
class CareerPlan:
    target: str
    path: CareerPath
    gap: GapReport
    steps: tuple[Step, ...]


def _names(items: Iterable[str], conjunction: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _relevant_hours(graph: CareerGraph, profile: WorkerSnapshot, cert: str) -> float:
    # Hours count toward a certification in the roles that need it and the roles that
    # feed them: the work where the certified trade is actually practised.
    needing = {slug for slug, role in graph.roles.items() if cert in role.certifications}
    counted = needing | {p for slug in needing for p in graph.predecessors[slug]}
    return profile.hours_in(counted)


def _needed_certifications(
    graph: CareerGraph, route: tuple[str, ...], held: dict
) -> dict[str, int]:
    """Certifications (with prerequisites) still to earn -> index of the first path role
    that needs them."""
    first: dict[str, int] = {}
    for index, slug in enumerate(route):
        for cert in graph.roles[slug].certifications:
            first.setdefault(cert, index)
    stack = list(first)
    while stack:
        cert = stack.pop()
        for pre in graph.certification(cert).prerequisites:
            if first.get(pre, len(route)) > first[cert]:
                first[pre] = first[cert]
                stack.append(pre)
    return {c: i for c, i in first.items() if c not in held}


def _certification_steps(
    graph: CareerGraph,
    profile: WorkerSnapshot,
    route: tuple[str, ...],
    held: dict,
) -> tuple[list[Step], list[Step]]:
    needed = _needed_certifications(graph, route, held)
    gate: dict[str, list[str]] = {}
    hours_short: dict[str, float] = {}
    dependents: dict[str, list[str]] = {c: [] for c in needed}
    blockers = {c: {p for p in graph.certification(c).prerequisites if p in needed} for c in needed}
    for cert in needed:
        for pre in blockers[cert]:
            dependents[pre].append(cert)

    def key(cert: str) -> tuple:
        days = COURSE_DAYS.get(cert, DEFAULT_COURSE_DAYS)
        return (cert in gate, needed[cert], days, cert)

    for cert in needed:
        info = graph.certification(cert)
        if info.hours_required:
            have = _relevant_hours(graph, profile, cert)
            if have < info.hours_required:
                hours_short[cert] = info.hours_required - have
                gate.setdefault(cert, []).append(f"needs {info.hours_required:,} documented hours")
        if info.min_age and profile.age is not None and profile.age < info.min_age:
            gate.setdefault(cert, []).append(f"takes candidates aged {info.min_age} or over")
    # A certification built on a gated one waits too; prerequisites have no cycles in a
    # valid catalog, so pushing gates down the dependency edges terminates.
    stack = list(gate)
    while stack:
        cert = stack.pop()
        for dep in dependents[cert]:
            if dep not in gate:
                gate[dep] = [f"builds on {graph.cert_name(cert)}"]
                stack.append(dep)

    ready = [(key(c), c) for c in needed if not blockers[c]]
    heapq.heapify(ready)
    now: list[Step] = []
    later: list[Step] = []
    while ready:
        _, cert = heapq.heappop(ready)
        name = graph.cert_name(cert)
        users = [graph.roles[r].name for r in route if cert in graph.roles[r].certifications]
        if cert in gate:
            if cert in hours_short:
                later.append(
                    Step(
                        "hours",
                        cert,
                        f"Document about {hours_short[cert]:,.0f} more hours of relevant work, "
                        f"since {name} {gate[cert][0]}.",
                    )
                )
            why = f"Then go for {name}, which {' and '.join(gate[cert])}."
            later.append(Step("gated-certification", cert, why))
        else:
            days = _days(COURSE_DAYS.get(cert, DEFAULT_COURSE_DAYS))
            reasons = []
            if users:
                reasons.append(f"you need it to work as {_names(users, 'or')}")
            unlocks = [graph.cert_name(d) for d in sorted(dependents[cert])]
            if unlocks:
                reasons.append(f"it comes before {_names(unlocks)}")
            why = f"Take {name} (about {days}): {', and '.join(reasons)}."
            now.append(Step("certification", cert, why))
        for dep in dependents[cert]:
            blockers[dep].discard(cert)
            if not blockers[dep]:
                heapq.heappush(ready, (key(dep), dep))
    return now, later


def _merged_skill_needs(graph: CareerGraph, route: tuple[str, ...]) -> list[SkillNeed]:
    # One need per key across the roles still ahead: the highest level asked for, and for
    # a family of desks or DAWs any member listed by any of those roles.
    merged: dict[str, SkillNeed] = {}
    for slug in route:
        for need in graph.roles[slug].skills:
            seen = merged.get(need.key)
            if seen is None:
                merged[need.key] = need
            else:
                skills = tuple(sorted(set(seen.skills) | set(need.skills)))
                merged[need.key] = SkillNeed(need.key, skills, max(seen.min_level, need.min_level))
    return list(merged.values())


def _skill_steps(graph: CareerGraph, profile: WorkerSnapshot, route: tuple[str, ...]):
    steps = []
    for gap in skill_gaps(profile, tuple(_merged_skill_needs(graph, route))):
        roles = [
            graph.roles[r].name
            for r in route
            if any(n.key == gap.key and n.min_level == gap.need for n in graph.roles[r].skills)
        ]
        # Skill levels read as on the profile: "3/5".
        where = f"{_names(roles, 'or')} asks for {gap.need}/5"
        if len(gap.skills) == 1:
            skill = graph.skill_name(gap.best)
            if gap.have:
                why = f"Practise {skill} from {gap.have}/5 to {gap.need}/5: {where}."
            else:
                why = f"Learn {skill}: {where}."
        else:
            family = _names([graph.skill_name(s) for s in gap.skills], "or")
            held = f"{graph.skill_name(gap.best)} at {gap.have}/5" if gap.have else "none yet"
            why = f"Get one of {family} to {gap.need}/5 (best now: {held}): {where}."
        steps.append(Step("skill", gap.key, why))
    return steps


def _position_steps(graph: CareerGraph, path: CareerPath, openings: Iterable[Opening]):
    index = {slug: i for i, slug in enumerate(path.roles)}
    # Furthest along the path first: it skips the most of the route.
    fitting = sorted(
        (o for o in openings if o.role in index),
        key=lambda o: (-index[o.role], o.starts_on or date.max, o.position_id),
    )
    steps = []
    for opening in fitting:
        role = graph.roles[opening.role].name
        label = opening.title or f"the {role} position"
        if opening.role == path.target:
            why = f"Apply for {label}: you qualify, and it is the role you are aiming for."
        else:
            why = f"Apply for {label}: you qualify, and credits as {role} count toward the path."
        steps.append(Step("position", str(opening.position_id), why))
    return steps


def _experience_step(graph: CareerGraph, gap: GapReport) -> list[Step]:
    exp = gap.experience
    if not (exp.missing_hours or exp.missing_credits):
        return []
    feeders = [graph.roles[r].name for r in exp.roles if r != gap.target]
    where = f" as {_names(feeders, 'or')}" if feeders else ""
    why = (
        f"Build up about {exp.missing_hours:,.0f} more documented hours and "
        f"{exp.missing_credits} more credits{where}, the usual stint before stepping up to "
        f"{graph.roles[gap.target].name}."
    )
    return [Step("experience", gap.target, why)]


def next_steps(
    graph: CareerGraph,
    profile: WorkerSnapshot,
    target: str,
    *,
    next_call_date: date | None = None,
    today: date | None = None,
    openings: Iterable[Opening] = (),
) -> CareerPlan:
    """The path, the gap and the concrete steps toward `target`, most valuable first.

    Order by kind (STEP_KINDS): renewals due before the next call; certifications that
    can be earned now, in prerequisite order, those for the earliest role on the path
    first and the shortest course first among equals; open positions on the path
    (furthest along first); entry routes when the worker has no credits; skills for the
    roles on the path, largest shortfall first; the experience the target asks for; and
    last, certifications gated by documented hours or age, each after its hours.
    `openings` are positions the worker is already eligible for; those off the path
    are left out.
    """
    path = career_path(graph, profile.role_slugs, target)
    gap = gap_analysis(graph, profile, target, next_call_date, today=today)
    # Requirements of every role on the path count, held ones included: a ticket missing
    # for the role you work in now is the most urgent of all.
    route = path.roles or (target,)
    held = valid_certifications(profile, today)

    steps = [
        Step(
            "renew",
            e.certification,
            f"Renew {graph.cert_name(e.certification)} before {e.expires_on.isoformat()}: "
            f"it lapses ahead of your next call on {next_call_date.isoformat()}.",
        )
        for e in gap.expiring_certifications
        if next_call_date is not None
    ]
    now, later = _certification_steps(graph, profile, route, held)
    steps += now
    steps += _position_steps(graph, path, openings)
    if profile.total_credits == 0:
        departments = {graph.roles[r].department for r in route}
        steps += [
            Step("entry-route", entry.slug, entry.why)
            for entry in ENTRY_ROUTES
            if departments & set(entry.departments)
        ]
    steps += _skill_steps(graph, profile, route)
    steps += _experience_step(graph, gap)
    steps += later
    return CareerPlan(target, path, gap, tuple(steps))


@dataclass(frozen=True)
class StartRole:
    """An entry-level role for a newcomer, with the interests it serves."""

    role: str
    name: str
    interests: tuple[str, ...]
    leads_to: tuple[str, ...]
    why: str


def _interest(raw: str) -> str:
    name = raw.strip().lower().replace("-", " ").replace("_", " ")
    if name not in INTERESTS:
        raise ValueError(f"interests: unknown interest {raw!r}")
    return name


def start_here(graph: CareerGraph, interests: Iterable[str]) -> tuple[StartRole, ...]:
    """Entry-level roles that fit a newcomer's `interests` (see career_data.INTERESTS).

    A role fits an interest when its own department belongs to it, or when it leads
    straight to a role that does (stagehands move on to audio, lighting and rigging).
    Order: most interests served first, then roles in a chosen department before
    stepping-stone roles, then by slug. No interests: every entry-level role, by slug.
    """
    wanted = sorted({_interest(raw) for raw in interests})
    starts = []
    for slug in graph.entry_roles():
        role = graph.roles[slug]
        served, direct, onward = [], False, set()
        for interest in wanted:
            departments = INTERESTS[interest]
            nxt = {n for n in role.leads_to if graph.roles[n].department in departments}
            if role.department in departments:
                direct = True
                served.append(interest)
            elif nxt:
                served.append(interest)
            onward |= nxt
        if wanted and not served:
            continue
        leads = tuple(sorted(onward))
        if direct or not wanted:
            trade = role.department.replace("-", " ")
            why = f"{role.name} takes newcomers straight into {trade} work."
        else:
            names = _names([graph.roles[n].name for n in leads], "or")
            why = f"{role.name} takes newcomers and is the usual way up to {names}."
        starts.append(
            (-len(served), not direct, slug, StartRole(slug, role.name, tuple(served), leads, why))
        )
    return tuple(item[-1] for item in sorted(starts))
