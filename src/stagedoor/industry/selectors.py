"""Reads for the catalog, organisations and venues."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Certification, Organisation, Role, Skill, Venue


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
