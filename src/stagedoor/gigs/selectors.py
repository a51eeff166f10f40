"""Reads for shows, tours, projects and positions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from stagedoor.industry.models import Venue
from stagedoor.industry.rules import can_manage, managed_organisations

from .models import HIDDEN_Q, Interest, Position, PositionSkill, Show, Status, StudioProject, Tour


def positions_with_requirements() -> QuerySet[Position]:
    return Position.objects.select_related("role").prefetch_related(
        Prefetch("skill_needs", queryset=PositionSkill.objects.select_related("skill")),
        "required_certifications",
    )


def visible_shows(user) -> QuerySet[Show]:
    """The shows `user` may read (see `rules.can_see`): published ones, and every show of
    the organisations they belong to."""
    shows = Show.objects.select_related("organisation", "venue", "tour")
    if user is not None and user.is_authenticated and user.is_superuser:
        return shows
    mine = Q()
    if user is not None and user.is_authenticated and user.is_active:
        mine = Q(organisation__membership__user=user) | Q(
            pk__in=hosted_shows(user, include_past=True).values("pk")
        )
    return shows.filter(Q(status=Status.PUBLISHED) | mine).distinct()


def hosted_shows(user, *, include_past: bool = False) -> QuerySet[Show]:
    """Shows at the venues of the organisations `user` manages that another organisation
    runs, drafts left out (see `rules.hosts_show`), soonest first."""
    venues = Venue.objects.filter(organisation__in=managed_organisations(user))
    shows = (
        Show.objects.select_related("venue", "organisation", "tour")
        .filter(venue__in=venues)
        .exclude(organisation_id=F("venue__organisation_id"))
        .exclude(status=Status.DRAFT)
    )
    if not include_past:
        shows = shows.filter(date__gte=timezone.localdate() - timezone.timedelta(days=1))
    return shows.order_by("date", "pk")


def show_list(*, include_past: bool = False, organisation=None, statuses=None) -> QuerySet[Show]:
    # Cancelled calls need nobody: they count neither in the crew nor in the positions.
    live = Q(positions__cancelled_at__isnull=True)
    shows = Show.objects.select_related("venue", "organisation", "tour").annotate(
        crew_needed=Sum("positions__headcount", filter=live),
        position_count=Count("positions", filter=live),
    )
    if statuses is None:
        statuses = [Status.PUBLISHED]
    shows = shows.filter(status__in=statuses)
    if organisation is not None:
        shows = shows.filter(organisation=organisation)
    if not include_past:
        shows = shows.filter(date__gte=timezone.localdate() - timezone.timedelta(days=1))
    return shows.order_by("date", "artist")


def show_detail(slug: str) -> Show:
    return (
        Show.objects.select_related("venue", "organisation", "tour", "venue__union_local")
        .prefetch_related(Prefetch("positions", queryset=positions_with_requirements()))
        .get(slug=slug)
    )


def tour_detail(slug: str) -> Tour:
    return (
        Tour.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("stops", queryset=Show.objects.select_related("venue").order_by("tour_order"))
        )
        .get(slug=slug)
    )


def project_list(*, organisation=None) -> QuerySet[StudioProject]:
    projects = StudioProject.objects.select_related("organisation", "venue").filter(
        status=Status.PUBLISHED
    )
    if organisation is not None:
        projects = projects.filter(organisation=organisation)
    return projects.order_by("deadline")


def project_detail(slug: str) -> StudioProject:
    return (
        StudioProject.objects.select_related("organisation", "venue")
        .prefetch_related(Prefetch("positions", queryset=positions_with_requirements()))
        .get(slug=slug)
    )


def position_list(*, open_only: bool = True) -> QuerySet[Position]:
    positions = positions_with_requirements().select_related(
        "show__venue", "show__organisation", "project__organisation", "project__venue"
    )
    if open_only:
        # The hidden shows and projects are few and have their own index (gigs 0012), so
        # PostgreSQL leaves their calls out by key from a small hashed list; joining every
        # show to read its status cost a search over thousands of matches 10-30 ms more.
        positions = (
            positions.filter(call_start__gte=timezone.now(), cancelled_at__isnull=True)
            .exclude(show_id__in=Show.objects.filter(HIDDEN_Q).values("pk"))
            .exclude(project_id__in=StudioProject.objects.filter(HIDDEN_Q).values("pk"))
        )
    return positions.order_by("call_start", "pk")


def interested_worker_ids(position: Position) -> list[int]:
    """The workers who said they are interested in `position`, first to say it first."""
    return list(position.interests.order_by("created_at", "pk").values_list("worker_id", flat=True))


def interested_position_ids(worker, position_ids) -> set[int]:
    """Which of `position_ids` the worker said they are interested in."""
    if worker is None:
        return set()
    return set(
        worker.interests.filter(position_id__in=list(position_ids)).values_list(
            "position_id", flat=True
        )
    )


def interest_counts(position_ids) -> dict[int, int]:
    """How many workers are interested in each of `position_ids` (absent: none)."""
    rows = (
        Interest.objects.filter(position_id__in=list(position_ids))
        .values("position_id")
        .annotate(n=Count("pk"))
    )
    return {r["position_id"]: r["n"] for r in rows}


def interests_for_manager(*, actor, position: Position) -> list[Interest]:
    """Who said they are interested in `position`, for its organisation's managers only."""
    if not can_manage(actor, position.organisation):
        raise PermissionDenied("Only the organisation's managers can see who is interested.")
    return list(position.interests.select_related("worker").order_by("created_at", "pk"))
