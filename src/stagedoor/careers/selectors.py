"""Reads for the career navigator, the newcomer start and the role pages' market facts.

The catalog becomes a `CareerGraph` and a worker a `WorkerSnapshot`; the engine
(`stagedoor.engine.careers`) does the path, the gap and the plan. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import statistics
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES, Booking, Timesheet, TimesheetBreak
from stagedoor.core.places import Place, find_place
from stagedoor.core.validation import Errors
from stagedoor.engine.career_data import INTERESTS
from stagedoor.engine.careers import (
    CareerGraph,
    CareerPath,
    CareerPlan,
    HeldCertification,
    HeldRole,
    Opening,
    RoleExperience,
    StartRole,
    WorkerSnapshot,
    career_path,
    graph_from_records,
    next_steps,
    start_here,
)
from stagedoor.engine.geo import haversine_km
from stagedoor.engine.months import month_start
from stagedoor.gigs.models import Position, Status
from stagedoor.gigs.selectors import position_list
from stagedoor.industry.enums import PayUnit
from stagedoor.industry.models import Certification, Role, Skill
from stagedoor.matching import selectors as matching
from stagedoor.people.models import (
    Credit,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)

# How many of the worker's best gigs matching is asked for before keeping those on the path.
GIGS_CONSIDERED = 200
OPENINGS_IN_PLAN = 5
DEFAULT_RADIUS_KM = 50
MAX_RADIUS_KM = 500
AVAILABILITY = {
    "weekdays": "Weekdays (Monday to Friday)",
    "weekends": "Weekends (Saturday and Sunday)",
    "evenings": "Evenings (calls from 17:00)",
}
EVENING_FROM_HOUR = 17
OPENINGS_PER_START_ROLE = 10
DEMAND_MONTHS = 6
PAY_LOOKBACK_DAYS = 365
TOP_TRANSITIONS = 5


def _refuse(field_name: str, message: str):
    errors = Errors()
    errors.add(field_name, message)
    errors.raise_if_any()


def _engine_error(exc: ValueError) -> ValidationError:
    """The engine's "field: reason" ValueError as a field error."""
    field_name, _, message = str(exc).partition(": ")
    return ValidationError({field_name: [message or str(exc)]})


# --- the graph ----------------------------------------------------------------------------


def career_graph() -> CareerGraph:
    """The catalog as the engine's graph: seven small queries, whatever the catalog size.

    Built per call rather than cached: on the shipped catalog (about 45 roles) it takes a
    few milliseconds, and a per-process cache would have to notice every edit of a role's
    skills, certifications or progression in the admin.
    """
    roles = {
        r["pk"]: {**r, "skills": [], "certifications": [], "leads_to": []}
        for r in Role.objects.values("pk", "slug", "name", "level", "department", "years_in_role")
    }
    for role_id, slug in Role.skills.through.objects.values_list("role_id", "skill__slug"):
        roles[role_id]["skills"].append(slug)
    for role_id, slug in Role.certifications.through.objects.values_list(
        "role_id", "certification__slug"
    ):
        roles[role_id]["certifications"].append(slug)
    for role_id, slug in Role.leads_to.through.objects.values_list("from_role_id", "to_role__slug"):
        roles[role_id]["leads_to"].append(slug)
    certs = {
        c["pk"]: {**c, "prerequisites": []}
        for c in Certification.objects.values(
            "pk", "slug", "name", "hours_required", "min_age", "validity_months"
        )
    }
    for cert_id, slug in Certification.prerequisites.through.objects.values_list(
        "from_certification_id", "to_certification__slug"
    ):
        certs[cert_id]["prerequisites"].append(slug)
    skills = Skill.objects.values("slug", "name", "category")
    return graph_from_records(roles.values(), certs.values(), skills)


# --- the worker ---------------------------------------------------------------------------


def _worked_hours(worker: WorkerProfile) -> dict[str, float]:
    """Hours per role slug from worked bookings: the approved timesheet when there is one
    (check-in to check-out less breaks), otherwise the scheduled call."""
    rows = Booking.objects.filter(worker=worker, status=Booking.Status.COMPLETED).values_list(
        "position__role__slug",
        "position__call_start",
        "position__call_end",
        "timesheet__pk",
        "timesheet__status",
        "timesheet__check_in",
        "timesheet__check_out",
    )
    rows = list(rows)
    sheets = [r[3] for r in rows if r[4] == Timesheet.Status.APPROVED and r[5] and r[6]]
    breaks: dict[int, dt.timedelta] = {}
    if sheets:
        for sheet_id, start, end in TimesheetBreak.objects.filter(
            timesheet_id__in=sheets
        ).values_list("timesheet_id", "starts_at", "ends_at"):
            breaks[sheet_id] = breaks.get(sheet_id, dt.timedelta()) + (end - start)
    hours: dict[str, float] = {}
    for role, start, end, sheet, status, check_in, check_out in rows:
        if status == Timesheet.Status.APPROVED and check_in and check_out:
            span = check_out - check_in - breaks.get(sheet, dt.timedelta())
        else:
            span = end - start
        hours[role] = hours.get(role, 0.0) + span.total_seconds() / 3600
    return hours


def worker_snapshot(worker: WorkerProfile) -> WorkerSnapshot:
    """The worker's roles, skills, certifications, credits and worked hours per role."""
    roles = tuple(
        HeldRole(slug, level, float(years))
        for slug, level, years in WorkerRole.objects.filter(worker=worker)
        .order_by("role__slug")
        .values_list("role__slug", "level", "years")
    )
    skills = dict(WorkerSkill.objects.filter(worker=worker).values_list("skill__slug", "level"))
    certs = tuple(
        HeldCertification(slug, expires)
        for slug, expires in WorkerCertification.objects.filter(worker=worker)
        .order_by("certification__slug", "expires_on")
        .values_list("certification__slug", "expires_on")
    )
    credits = dict(
        Credit.objects.filter(worker=worker)
        .values_list("role__slug")
        .annotate(n=Count("pk"))
        .values_list("role__slug", "n")
    )
    hours = _worked_hours(worker)
    experience = tuple(
        RoleExperience(slug, credits.get(slug, 0), round(hours.get(slug, 0.0), 2))
        for slug in sorted(set(credits) | set(hours))
    )
    return WorkerSnapshot(roles, skills, certs, experience)


def _local_date(position: Position) -> dt.date:
    return timezone.localtime(position.call_start, zoneinfo.ZoneInfo(position.timezone_name)).date()


def next_call_date(worker: WorkerProfile, now: dt.datetime | None = None) -> dt.date | None:
    """The day (venue time) of the worker's next confirmed call."""
    booking = (
        Booking.objects.filter(
            worker=worker,
            status=Booking.Status.CONFIRMED,
            position__call_start__gte=now or timezone.now(),
        )
        .select_related("position__show__venue", "position__project__venue")
        .order_by("position__call_start")
        .first()
    )
    return _local_date(booking.position) if booking else None


def _opening_title(position: Position) -> str:
    where = position.show.artist if position.show_id else position.project.title
    return f"{position.display_title} for {where} on {_local_date(position).isoformat()}"


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


# --- the navigator ------------------------------------------------------------------------


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
        Opening(p.pk, p.role.slug, _opening_title(p), _local_date(p)) for p in positions.values()
    ]
    try:
        plan = next_steps(
            graph, snapshot, target, next_call_date=next_call, today=today, openings=openings
        )
    except ValueError as exc:
        raise _engine_error(exc) from exc
    return Navigator(role, plan, worker, next_call, positions, graph)


# --- the newcomer start -------------------------------------------------------------------


@dataclass(frozen=True)
class NearbyOpening:
    position: Position
    distance_km: float

    @property
    def venue(self):
        return self.position.show.venue if self.position.show_id else self.position.project.venue


@dataclass(frozen=True)
class StartOption:
    start: StartRole
    openings: tuple[NearbyOpening, ...]


@dataclass(frozen=True)
class Start:
    place: Place
    radius_km: int
    interests: tuple[str, ...]
    availability: tuple[str, ...]
    options: tuple[StartOption, ...]

    @property
    def opening_count(self) -> int:
        return sum(len(o.openings) for o in self.options)


def parse_interests(raw) -> list[str]:
    """'sound,light' or a list of them; names as in career_data.INTERESTS."""
    if isinstance(raw, str):
        raw = raw.split(",")
    return [item.strip().lower() for item in raw or () if item and item.strip()]


def _fits(position: Position, availability: tuple[str, ...]) -> bool:
    if not availability:
        return True
    local = timezone.localtime(position.call_start, zoneinfo.ZoneInfo(position.timezone_name))
    weekend = local.weekday() >= 5
    return (
        ("weekdays" in availability and not weekend)
        or ("weekends" in availability and weekend)
        or ("evenings" in availability and local.hour >= EVENING_FROM_HOUR)
    )


def newcomer_start(
    *,
    interests,
    city: str,
    radius_km: int = DEFAULT_RADIUS_KM,
    availability=(),
) -> Start:
    """Entry-level roles for a newcomer's interests, each with the live entry-level
    positions within `radius_km` of `city` (by the venue's coordinates) that fit the
    availability.

    Availability: any of "weekdays", "weekends", "evenings" (a call starting at 17:00 or
    later, venue time); a position fits when it fits any chosen one, and no choice means
    any time. Positions are published, not started and not yet fully booked.
    """
    errors = Errors()
    wanted = parse_interests(interests)
    unknown = [i for i in wanted if i.replace("-", " ").replace("_", " ") not in INTERESTS]
    if unknown:
        errors.add(
            "interests",
            f"Unknown interest '{unknown[0]}'; choose from {', '.join(sorted(INTERESTS))}.",
        )
    if not wanted and not unknown:
        errors.add("interests", "Choose at least one interest.")
    place = None
    if not (city or "").strip():
        errors.add("city", "This field is required.")
    else:
        place = find_place(city)
        if place is None:
            errors.add("city", f"No city called '{city}' is known; try 'City, CC'.")
    if not isinstance(radius_km, int) or not 1 <= radius_km <= MAX_RADIUS_KM:
        errors.add("radius_km", f"Give a distance from 1 to {MAX_RADIUS_KM} km.")
    availability = tuple(sorted({a.strip() for a in availability or () if a.strip()}))
    bad = [a for a in availability if a not in AVAILABILITY]
    if bad:
        errors.add(
            "availability", f"Unknown availability '{bad[0]}'; use {', '.join(AVAILABILITY)}."
        )
    errors.raise_if_any()
    graph = career_graph()
    starts = start_here(graph, wanted)
    slugs = {s.role for s in starts}
    positions = (
        position_list()
        .filter(role__slug__in=slugs, level="entry")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES), distinct=True)
        )
    )
    by_role: dict[str, list[NearbyOpening]] = {}
    for position in positions:
        if position.booked >= position.headcount or not _fits(position, availability):
            continue
        venue = position.show.venue if position.show_id else position.project.venue
        if venue is None:
            continue
        km = haversine_km(place.latitude, place.longitude, venue.latitude, venue.longitude)
        if km <= radius_km:
            by_role.setdefault(position.role.slug, []).append(NearbyOpening(position, round(km, 1)))
    options = tuple(
        StartOption(s, tuple(by_role.get(s.role, [])[:OPENINGS_PER_START_ROLE])) for s in starts
    )
    return Start(place, radius_km, tuple(wanted), availability, options)


# --- market facts for a role page ---------------------------------------------------------


@dataclass(frozen=True)
class PayRange:
    unit: str
    unit_label: str
    currency: str
    low: Decimal
    median: Decimal
    high: Decimal
    positions: int


@dataclass(frozen=True)
class RoleMarket:
    open_positions: int
    pay: tuple[PayRange, ...]
    demand: tuple[tuple[dt.date, int], ...]  # (first day of month, positions)
    came_from: tuple[tuple[Role, int], ...]  # (role, people)
    went_to: tuple[tuple[Role, int], ...]

    @property
    def demand_peak(self) -> int:
        return max((n for _, n in self.demand), default=0)


def role_transitions(role: Role) -> tuple[Counter, Counter, dict[int, Role]]:
    """(came from, went to, roles by id): role id -> people, from each worker's credits in
    date order, in one query.

    A transition is two consecutive credits of one worker in different roles; a person
    counts once per pair of roles however often they went back and forth.
    """
    rows = (
        Credit.objects.filter(worker__in=Credit.objects.filter(role=role).values("worker"))
        .order_by("worker_id", "date", "pk")
        .values_list("worker_id", "role_id", "role__slug", "role__name")
    )
    pairs: set[tuple[int, int, int]] = set()
    roles: dict[int, Role] = {}
    previous: tuple[int, int] | None = None
    for worker_id, role_id, slug, name in rows:
        roles.setdefault(role_id, Role(pk=role_id, slug=slug, name=name))
        if previous is not None and previous[0] == worker_id and previous[1] != role_id:
            pairs.add((worker_id, previous[1], role_id))
        previous = (worker_id, role_id)
    came = Counter(a for _, a, b in pairs if b == role.pk)
    went = Counter(b for _, a, b in pairs if a == role.pk)
    return came, went, roles


def _top(counter: Counter, roles: dict[int, Role]) -> tuple[tuple[Role, int], ...]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], roles[kv[0]].name))
    return tuple((roles[pk], n) for pk, n in ranked[:TOP_TRANSITIONS])


def _pay_ranges(amounts: dict[tuple[str, str], list[Decimal]]) -> tuple[PayRange, ...]:
    units = dict(PayUnit.choices)
    return tuple(
        PayRange(
            unit,
            units.get(unit, unit),
            currency,
            min(values),
            Decimal(statistics.median(values)).quantize(Decimal("0.01")),
            max(values),
            len(values),
        )
        for (unit, currency), values in sorted(amounts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )


def role_market(role: Role, now: dt.datetime | None = None) -> RoleMarket:
    """Live facts for a role page, from the positions and credits on Stagedoor, in two
    queries whatever the numbers.

    - open positions: published, call not started;
    - pay: low, median and high of the positions of the last 12 months and the open ones,
      per pay unit and currency, the most common first;
    - demand: positions per month (server time zone) over this and the next five months;
    - came from / went to: see `role_transitions`, the five most common each.
    """
    now = now or timezone.now()
    first = timezone.localtime(now).date().replace(day=1)
    months = [month_start(first, n) for n in range(DEMAND_MONTHS)]
    upper = timezone.make_aware(dt.datetime.combine(month_start(first, DEMAND_MONTHS), dt.time()))
    since = now - dt.timedelta(days=PAY_LOOKBACK_DAYS)  # before the first of this month
    rows = (
        Position.objects.filter(role=role, call_start__gte=since)
        .exclude(show__status__in=[Status.DRAFT, Status.CANCELLED])
        .exclude(project__status__in=[Status.DRAFT, Status.CANCELLED])
        .values_list("call_start", "pay_unit", "currency", "pay_amount")
    )
    open_count = 0
    amounts: dict[tuple[str, str], list[Decimal]] = {}
    per_month: Counter = Counter()
    for start, unit, currency, amount in rows:
        open_count += start >= now
        amounts.setdefault((unit, currency), []).append(amount)
        if start < upper:
            per_month[timezone.localtime(start).date().replace(day=1)] += 1
    came, went, roles = role_transitions(role)
    return RoleMarket(
        open_positions=open_count,
        pay=_pay_ranges(amounts),
        demand=tuple((m, per_month.get(m, 0)) for m in months),
        came_from=_top(came, roles),
        went_to=_top(went, roles),
    )


def target_choices() -> list[tuple[str, str]]:
    return list(Role.objects.order_by("name").values_list("slug", "name"))


__all__ = [
    "AVAILABILITY",
    "Navigator",
    "RoleMarket",
    "Start",
    "career_graph",
    "career_path_for",
    "eligible_openings",
    "navigator",
    "newcomer_start",
    "next_call_date",
    "role_market",
    "worker_snapshot",
]
