"""Reads for the job boards: open calls as postings, imported postings, gigs and search."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, QuerySet
from django.utils import timezone

from stagedoor.engine.geo import haversine_km
from stagedoor.gigs.models import Position
from stagedoor.gigs.selectors import position_list
from stagedoor.industry.models import Organisation, Role
from stagedoor.industry.titles import classify_title

from .models import ExternalPosting, ImportRun


def open_positions(*, organisation: Organisation | None = None, q: str = "") -> QuerySet[Position]:
    """Calls open to crew: published show or project, call not started yet."""
    positions = position_list(open_only=True)
    if organisation is not None:
        positions = positions.filter(
            Q(show__organisation=organisation) | Q(project__organisation=organisation)
        )
    if not q.split():
        return positions
    return positions.filter(_search(q, POSITION_SEARCH))


# The fields a search looks in, for open calls and for imported postings.
POSITION_SEARCH = (
    "title",
    "role__name",
    "show__artist",
    "show__venue__city",
    "show__venue__name",
    "show__organisation__name",
    "project__title",
    "project__organisation__name",
)
POSTING_SEARCH = ("title", "employer_name", "city", "role__name", "description")


def _search(q: str, fields: tuple[str, ...]) -> Q:
    """Every word of `q` in one of `fields`, or the row's role is the one `q` names."""
    words = Q()
    for word in q.split():
        words &= reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields))
    role = role_named_by(q)
    return words | Q(role=role) if role else words


def role_named_by(q: str) -> Role | None:
    """The catalog role a search names in the trade's words, if any: "lampie" finds the
    lighting techs' calls and "A2" the monitor engineers', though neither word is in them."""
    text = " ".join(q.split())[:300]
    return classify_title(title=text).role if text else None


def posting(position_id: int) -> Position:
    """One open call, ready for its JobPosting (raises Position.DoesNotExist)."""
    return open_positions().get(pk=position_id)


def external_open(*, q: str = "") -> QuerySet[ExternalPosting]:
    """Imported postings still open: not past their closing time or their start day."""
    now = timezone.now()
    postings = (
        ExternalPosting.objects.select_related("role")
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gte=now))
        .filter(Q(starts_on__isnull=True) | Q(starts_on__gte=timezone.localdate()))
    )
    if q.split():
        postings = postings.filter(_search(q, POSTING_SEARCH))
    return postings.order_by("starts_on", "title", "pk")


@dataclass
class ExternalGig:
    posting: ExternalPosting
    distance_km: float | None


def external_gigs_for(*, worker, limit: int = 20) -> list[ExternalGig]:
    """Imported postings for a role the worker holds (any level), in reach or remote.

    In reach: the posting's city is within the worker's travel radius of home. Postings
    without coordinates are left out unless remote.
    """
    role_ids = list(worker.roles.values_list("role_id", flat=True))
    if not role_ids:
        return []
    radius = float(worker.travel_radius_km)
    # A box around home cuts the rows before the exact great-circle check.
    dlat = radius / 111.0 + 0.01
    postings = (
        external_open()
        .filter(role_id__in=role_ids)
        .filter(
            Q(remote=True)
            | Q(
                latitude__gte=worker.latitude - dlat,
                latitude__lte=worker.latitude + dlat,
            )
        )
    )
    out = []
    for p in postings:
        distance = None
        if p.latitude is not None and p.longitude is not None:
            distance = haversine_km(worker.latitude, worker.longitude, p.latitude, p.longitude)
        if p.remote or (distance is not None and distance <= radius):
            out.append(ExternalGig(p, None if distance is None else round(distance, 1)))
        if len(out) >= limit:
            break
    return out


def import_runs_of(*, actor, limit: int = 10) -> QuerySet[ImportRun]:
    runs = ImportRun.objects.select_related("created_by", "task")
    if not actor.is_superuser:
        runs = runs.filter(created_by=actor)
    return runs[:limit]


def import_run_get(*, actor, run_id: int) -> ImportRun:
    """A run its starter (or an admin) may see (raises ImportRun.DoesNotExist)."""
    runs = ImportRun.objects.select_related("task", "created_by")
    if not (actor.is_superuser or getattr(actor, "pk", None) is None):
        runs = runs.filter(created_by=actor)
    return runs.get(pk=run_id)


def latest_change(positions) -> dt.datetime | None:
    return max((p.created_at for p in positions), default=None)
