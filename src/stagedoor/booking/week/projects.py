"""The studio projects on the manager's home: each organisation's coming projects with
how many of their seats are booked, read in two queries whatever the number of projects.

Booked seats live in booking, which gigs may not import; that is why this read sits here
and not in gigs.selectors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from stagedoor.gigs.models import Position, Status, StudioProject

from ..models import BUSY_STATUSES


@dataclass(frozen=True)
class ProjectRow:
    project: StudioProject
    booked: int
    needed: int

    @property
    def open(self) -> int:
        return self.needed - self.booked

    @property
    def words(self) -> str:
        return f"{self.booked} of {self.needed}"


def coming_projects(organisations, today: dt.date | None = None) -> dict[int, list[ProjectRow]]:
    """Per organisation id, its studio projects not cancelled whose deadline has not passed
    (drafts included: the manager plans them here), soonest deadline first, each with its
    booked and needed seats over its live crew calls."""
    today = today or timezone.localdate()
    projects = list(
        StudioProject.objects.filter(organisation__in=organisations, deadline__gte=today)
        .exclude(status=Status.CANCELLED)
        .select_related("organisation", "venue")
        .order_by("deadline", "title", "pk")
    )
    calls = (
        Position.objects.filter(project__in=projects, cancelled_at__isnull=True)
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES), distinct=True)
        )
        .values_list("project_id", "headcount", "booked")
    )
    seats: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for project_id, headcount, booked in calls:
        seats[project_id][0] += min(booked, headcount)
        seats[project_id][1] += headcount
    rows: dict[int, list[ProjectRow]] = defaultdict(list)
    for project in projects:
        booked, needed = seats[project.pk]
        rows[project.organisation_id].append(
            ProjectRow(project=project, booked=booked, needed=needed)
        )
    return rows
