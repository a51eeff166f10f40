"""Reads for crew-call templates."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from stagedoor.industry.rules import managed_organisations

from ..models import CrewTemplate, CrewTemplateLine, Show, Status


def templates_of(organisation) -> QuerySet[CrewTemplate]:
    """An organisation's templates by name, each with its lines (and their roles) and its
    line count and total headcount."""
    return (
        CrewTemplate.objects.filter(organisation=organisation)
        .select_related("organisation")
        .annotate(line_count=Count("lines"), people=Sum("lines__headcount"))
        .prefetch_related(
            Prefetch("lines", queryset=CrewTemplateLine.objects.select_related("role"))
        )
        .order_by("name")
    )


def templates_for(user) -> QuerySet[CrewTemplate]:
    """The templates of every organisation `user` manages."""
    return (
        CrewTemplate.objects.filter(organisation__in=managed_organisations(user))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("lines", queryset=CrewTemplateLine.objects.select_related("role"))
        )
        .order_by("organisation__name", "name")
    )


def template_detail(pk: int) -> CrewTemplate:
    return (
        CrewTemplate.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("lines", queryset=CrewTemplateLine.objects.select_related("role"))
        )
        .get(pk=pk)
    )


def shows_to_apply_to(organisation) -> QuerySet[Show]:
    """The organisation's shows still to come that a template may be posted to, soonest
    first."""
    return (
        Show.objects.filter(
            organisation=organisation, date__gte=timezone.localdate() - dt.timedelta(days=1)
        )
        .exclude(status=Status.CANCELLED)
        .select_related("venue")
        .order_by("date", "artist")
    )
