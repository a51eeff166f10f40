"""The catalog as the engine's career graph, and a worker as the engine's snapshot."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from stagedoor.booking.models import Booking, Timesheet, TimesheetBreak
from stagedoor.core.text import in_zone
from stagedoor.engine.careers import (
    CareerGraph,
    HeldCertification,
    HeldRole,
    RoleExperience,
    WorkerSnapshot,
    graph_from_records,
)
from stagedoor.gigs.models import Position
from stagedoor.industry.models import Certification, Role, Skill
from stagedoor.people.models import (
    Credit,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)


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


def local_date(position: Position) -> dt.date:
    return in_zone(position.call_start, position.timezone_name).date()


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
    return local_date(booking.position) if booking else None


def target_choices() -> list[tuple[str, str]]:
    return list(Role.objects.order_by("name").values_list("slug", "name"))
