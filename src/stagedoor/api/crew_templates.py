"""Crew-call templates and the tour copy over HTTP: the same services as the pages, for the
organisation's managers only (403 for anyone else), refusals as 422 naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from stagedoor.gigs import selectors as gig_selectors
from stagedoor.gigs.crewtemplates import selectors, services
from stagedoor.gigs.crewtemplates.times import span_words
from stagedoor.gigs.models import CrewTemplate, Show
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage, require_manager

from .auth import WRITE_AUTH
from .errors import unknown
from .schemas import PositionOut

router = Router(tags=["crew-call templates"])


class CrewTemplateLineOut(Schema):
    role: str = Field(..., alias="role.slug")
    title: str
    level: str
    headcount: int
    crew: str = Field(..., description="touring or local")
    start_minutes: int = Field(
        ..., description="minutes after midnight starting the show day, venue wall clock"
    )
    end_minutes: int
    times: str = Field(..., description="the same in words: 'Show day 23:00-02:30 (+1 day)'")
    pay_amount: Decimal
    pay_unit: str
    currency: str
    union_required: bool
    required_skills: dict[str, int]
    required_certifications: list[str]
    notes: str

    @staticmethod
    def resolve_times(obj) -> str:
        return span_words(obj.start_minutes, obj.end_minutes)


class CrewTemplateOut(Schema):
    id: int
    organisation: str = Field(..., alias="organisation.slug")
    name: str
    created_at: dt.datetime
    lines: list[CrewTemplateLineOut]

    @staticmethod
    def resolve_lines(obj) -> list:
        return list(obj.lines.all())


class CrewTemplateIn(Schema):
    show: str = Field(..., description="slug of the show whose live crew call to keep")
    name: str


class ApplyIn(Schema):
    show: str = Field(..., description="slug of a show of the template's organisation")


class AppliedOut(Schema):
    created: list[PositionOut]


class TourCopyOut(Schema):
    created: int = Field(..., description="calls posted")
    skipped: int = Field(..., description="calls left out: the stop already had the same call")
    stops_changed: int
    stops_skipped: int = Field(..., description="stops that already had the whole crew call")
    message: str


def _template(request, template_id: int, action: str) -> CrewTemplate:
    template = get_object_or_404(
        CrewTemplate.objects.select_related("organisation"), pk=template_id
    )
    require_manager(request.auth, template.organisation, action)
    return template


@router.get("/crew-templates", response=list[CrewTemplateOut], auth=WRITE_AUTH)
def list_templates(request, organisation: str | None = None):
    """The templates of the organisations you manage, or of one of them."""
    if organisation is None:
        return selectors.templates_for(request.auth)
    org = get_object_or_404(Organisation, slug=organisation)
    if not can_manage(request.auth, org):
        raise PermissionDenied("Only the organisation's managers can see its crew-call templates.")
    return selectors.templates_of(org)


@router.get("/crew-templates/{template_id}", response=CrewTemplateOut, auth=WRITE_AUTH)
def get_template(request, template_id: int):
    template = _template(request, template_id, "see its crew-call templates")
    return selectors.template_detail(template.pk)


@router.post("/crew-templates", response={201: CrewTemplateOut}, auth=WRITE_AUTH)
def create_template(request, payload: CrewTemplateIn):
    """Save a show's live (not cancelled) crew call as a template of its organisation."""
    show = unknown("show", Show, payload.show)
    template = services.crew_template_save(actor=request.auth, show=show, name=payload.name)
    return Reply(201, selectors.template_detail(template.pk))


@router.post("/crew-templates/{template_id}/apply", response={201: AppliedOut}, auth=WRITE_AUTH)
def apply_template(request, template_id: int, payload: ApplyIn):
    """Post every line as a crew call of the show, at its date in its venue's local time;
    all or nothing, a refusal names the line."""
    template = get_object_or_404(
        CrewTemplate.objects.select_related("organisation"), pk=template_id
    )
    show = unknown("show", Show, payload.show)
    created = services.crew_template_apply(actor=request.auth, template=template, show=show)
    positions = gig_selectors.positions_with_requirements().select_related("show")
    return Reply(201, {"created": list(positions.filter(pk__in=[p.pk for p in created]))})


@router.delete("/crew-templates/{template_id}", response={204: None}, auth=WRITE_AUTH)
def delete_template(request, template_id: int):
    template = get_object_or_404(
        CrewTemplate.objects.select_related("organisation"), pk=template_id
    )
    services.crew_template_delete(actor=request.auth, template=template)
    return Reply(204, None)


@router.post("/shows/{slug}/copy-crew-to-tour", response=TourCopyOut, auth=WRITE_AUTH)
def copy_crew_to_tour(request, slug: str):
    """Copy the show's live crew call to every other stop of its tour, in each stop's local
    time; calls a stop already has are skipped and counted."""
    show = get_object_or_404(
        Show.objects.select_related("organisation", "venue", "tour"), slug=slug
    )
    result = services.crew_copy_to_tour(actor=request.auth, show=show)
    return {
        "created": result.created,
        "skipped": result.skipped,
        "stops_changed": result.stops_changed,
        "stops_skipped": result.stops_skipped,
        "message": result.words(),
    }
