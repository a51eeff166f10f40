"""Reads for worker profiles. Public views never see phone numbers or availability reasons."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Credit, WorkerCertification, WorkerProfile, WorkerRole, WorkerSkill


def worker_public_list(
    *, role: str | None = None, city: str | None = None
) -> QuerySet[WorkerProfile]:
    workers = WorkerProfile.objects.filter(is_public=True).prefetch_related(
        Prefetch("roles", queryset=WorkerRole.objects.select_related("role"))
    )
    if role:
        workers = workers.filter(roles__role__slug=role)
    if city:
        workers = workers.filter(home_city__iexact=city)
    return workers.order_by("display_name", "pk").distinct()


def worker_detail(slug: str, *, public_only: bool = True) -> WorkerProfile:
    workers = WorkerProfile.objects.select_related("user", "goal_role").prefetch_related(
        Prefetch("roles", queryset=WorkerRole.objects.select_related("role")),
        Prefetch("skills", queryset=WorkerSkill.objects.select_related("skill")),
        Prefetch(
            "certifications",
            queryset=WorkerCertification.objects.select_related("certification", "verified_by"),
        ),
        Prefetch("credits", queryset=Credit.objects.select_related("role", "organisation")),
        "links",
        "unions__local",
        "availability",
    )
    if public_only:
        workers = workers.filter(is_public=True)
    return workers.get(slug=slug)
