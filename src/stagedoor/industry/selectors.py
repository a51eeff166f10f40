"""Reads for the catalog, organisations and venues."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from .models import Certification, Invitation, Membership, Organisation, Role, Skill, Venue


def role_list() -> QuerySet[Role]:
    return Role.objects.annotate(
        open_positions=Count(
            "positions",
            filter=Q(
                positions__call_start__gte=timezone.now(), positions__show__status="published"
            ),
        )
    ).order_by("department", "level", "name")


def role_detail(slug: str) -> Role:
    return (
        Role.objects.prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("name")),
            "certifications",
            Prefetch("leads_to", queryset=Role.objects.order_by("name")),
            Prefetch("comes_from", queryset=Role.objects.order_by("name")),
        )
        .filter(slug=slug)
        .get()
    )


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.order_by("category", "name")


def certification_list() -> QuerySet[Certification]:
    return Certification.objects.prefetch_related("prerequisites").order_by("name")


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(venue_count=Count("venues")).order_by("kind", "name")


def organisation_detail(slug: str) -> Organisation:
    return Organisation.objects.prefetch_related("venues").get(slug=slug)


def venue_list() -> QuerySet[Venue]:
    return Venue.objects.select_related("organisation", "union_local").order_by("city", "name")


def venue_detail(slug: str) -> Venue:
    return Venue.objects.select_related("organisation", "union_local").get(slug=slug)


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Who belongs to the organisation, owner first, then by role and name."""
    order = {"owner": 0, "manager": 1, "dispatcher": 2, "crew_chief": 3}
    rank = Case(
        *[When(role=role, then=Value(n)) for role, n in order.items()],
        output_field=IntegerField(),
    )
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .annotate(rank=rank)
        .order_by("rank", "user__first_name", "user__last_name", "user__username")
    )


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations not yet accepted, withdrawn or expired, newest first."""
    return (
        Invitation.objects.filter(
            organisation=organisation,
            accepted_at=None,
            revoked_at=None,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def invitations_of(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organisation=organisation).select_related("invited_by")


def memberships_of(user) -> QuerySet[Membership]:
    """The organisations `user` belongs to, with their role there."""
    if user is None or not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
