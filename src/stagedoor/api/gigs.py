import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from stagedoor.gigs import rules, selectors, services
from stagedoor.gigs.models import Position, Show, StudioProject
from stagedoor.industry.models import Organisation, Venue

from .auth import WRITE_AUTH
from .errors import unknown
from .pagination import Pages
from .schemas import (
    PositionIn,
    PositionOut,
    PositionPatch,
    ShowDetailOut,
    ShowIn,
    ShowOut,
    ShowPatch,
)

router = Router(tags=["shows and positions"])


def _visible_shows(request):
    return selectors.visible_shows(request.user)


@router.get("/shows", response=list[ShowOut])
@paginate(Pages, page_size=50)
def list_shows(request, organisation: str | None = None, venue: str | None = None):
    shows = _visible_shows(request).order_by("date", "pk")
    if organisation:
        shows = shows.filter(organisation__slug=organisation)
    if venue:
        shows = shows.filter(venue__slug=venue)
    return shows


def _show_for_read(request, slug: str) -> Show:
    return get_object_or_404(
        _visible_shows(request).prefetch_related(
            *[f"positions__{p}" for p in ("skill_needs__skill", "required_certifications", "role")]
        ),
        slug=slug,
    )


@router.get("/shows/{slug}", response=ShowDetailOut)
def get_show(request, slug: str):
    return _show_for_read(request, slug)


@router.post("/shows", response={201: ShowOut}, auth=WRITE_AUTH)
def create_show(request, payload: ShowIn):
    data = payload.dict()
    organisation = unknown("organisation", Organisation, data.pop("organisation"))
    venue = unknown("venue", Venue, data.pop("venue"))
    show = services.show_create(actor=request.auth, organisation=organisation, venue=venue, **data)
    return Reply(201, _visible_shows(request).get(pk=show.pk))


@router.patch("/shows/{slug}", response=ShowOut, auth=WRITE_AUTH)
def update_show(request, slug: str, payload: ShowPatch):
    show = get_object_or_404(Show.objects.select_related("organisation", "venue"), slug=slug)
    changes = payload.dict(exclude_unset=True)
    if "venue" in changes:
        changes["venue"] = unknown("venue", Venue, changes["venue"])
    services.show_update(actor=request.auth, show=show, **changes)
    return Show.objects.select_related("organisation", "venue", "tour").get(pk=show.pk)


@router.get("/positions", response=list[PositionOut])
@paginate(Pages, page_size=50)
def list_positions(request, role: str | None = None):
    positions = selectors.position_list().select_related("show", "project")
    if role:
        positions = positions.filter(role__slug=role)
    return positions


@router.get("/positions/{position_id}", response=PositionOut)
def get_position(request, position_id: int):
    position = get_object_or_404(
        selectors.positions_with_requirements().select_related(
            "show__organisation", "project__organisation"
        ),
        pk=position_id,
    )
    parent = position.show or position.project
    if not rules.can_see(request.user, parent):
        raise Http404("No such position")
    return position


@router.post("/positions", response={201: PositionOut}, auth=WRITE_AUTH)
def create_position(request, payload: PositionIn):
    data = payload.dict()
    show = unknown("show", Show, data.pop("show"))
    project = unknown("project", StudioProject, data.pop("project"))
    position = services.position_create(actor=request.auth, show=show, project=project, **data)
    return Reply(201, selectors.positions_with_requirements().get(pk=position.pk))


@router.patch("/positions/{position_id}", response=PositionOut, auth=WRITE_AUTH)
def update_position(request, position_id: int, payload: PositionPatch):
    position = get_object_or_404(
        Position.objects.select_related("show__organisation", "project__organisation"),
        pk=position_id,
    )
    services.position_update(
        actor=request.auth, position=position, **payload.dict(exclude_unset=True)
    )
    return selectors.positions_with_requirements().get(pk=position.pk)


@router.delete("/positions/{position_id}", response={204: None}, auth=WRITE_AUTH)
def delete_position(request, position_id: int):
    position = get_object_or_404(
        Position.objects.select_related("show__organisation", "project__organisation"),
        pk=position_id,
    )
    services.position_delete(actor=request.auth, position=position)
    return Reply(204, None)


class InterestOut(Schema):
    position: int
    interested: bool


class InterestedOut(Schema):
    worker: str = Field(..., alias="worker.slug")
    name: str = Field(..., alias="worker.display_name")
    since: dt.datetime = Field(..., alias="created_at")


def _call(request, position_id: int) -> Position:
    position = get_object_or_404(
        Position.objects.select_related(
            "show__organisation", "project__organisation", "show__venue", "project__venue"
        ),
        pk=position_id,
    )
    if not rules.can_see(request.auth, position.show or position.project):
        raise Http404("No such position")
    return position


@router.post("/positions/{position_id}/interest", response=InterestOut, auth=WRITE_AUTH)
def say_interested(request, position_id: int):
    """The worker says "I'm interested" in an open call (saying it twice is saying it once)."""
    position = _call(request, position_id)
    services.interest_set(actor=request.auth, position=position, interested=True)
    return {"position": position.pk, "interested": True}


@router.delete("/positions/{position_id}/interest", response=InterestOut, auth=WRITE_AUTH)
def take_back_interest(request, position_id: int):
    """The worker takes back their interest in a call."""
    position = _call(request, position_id)
    services.interest_set(actor=request.auth, position=position, interested=False)
    return {"position": position.pk, "interested": False}


@router.get("/positions/{position_id}/interested", response=list[InterestedOut], auth=WRITE_AUTH)
def who_is_interested(request, position_id: int):
    """The workers interested in a call, first to say it first (its managers only)."""
    position = _call(request, position_id)
    return selectors.interests_for_manager(actor=request.auth, position=position)
