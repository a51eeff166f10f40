"""Ways in over HTTP: internships, volunteer calls and apprenticeships near a city, applying
or saying "I'm interested", and the organisation's side (post, applicants, accept, decline,
completed). The same services as the pages; refusals are 422 naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from stagedoor.booking.rules import worker_of
from stagedoor.core.nearby import city_spot
from stagedoor.core.validation import Errors, check_choice, refuse
from stagedoor.industry.models import Organisation
from stagedoor.openings import selectors, services
from stagedoor.openings.enums import Kind
from stagedoor.openings.models import Application, Opportunity
from stagedoor.openings.rules import require_opening_manager

from .auth import WRITE_AUTH
from .pagination import PageOf, Pages

router = Router(tags=["openings"])


class WayInOut(Schema):
    slug: str
    kind: str = Field(..., description="internship, volunteer or apprenticeship")
    title: str
    organisation: str
    work_for: str
    teaches: str
    paid: bool
    pay: str = Field(..., description="'Unpaid', or the pay in words")
    pay_amount: Decimal | None
    pay_unit: str
    currency: str
    online: bool
    place: str
    latitude: float | None
    longitude: float | None
    starts_on: dt.date
    ends_on: dt.date
    deadline: dt.date | None
    places: int
    places_left: int
    how_to_apply: str
    target_roles: list[str]
    skills: list[str]
    distance_km: float | None = None
    url: str


def _out(o: Opportunity, km: float | None = None) -> dict:
    return {
        "slug": o.slug,
        "kind": o.kind,
        "title": o.title,
        "organisation": o.organisation.slug,
        "work_for": o.work_for,
        "teaches": o.teaches,
        "paid": o.paid,
        "pay": selectors.pay_words(o),
        "pay_amount": o.pay_amount,
        "pay_unit": o.pay_unit,
        "currency": o.currency,
        "online": o.remote,
        "place": selectors.place_words(o),
        "latitude": o.latitude,
        "longitude": o.longitude,
        "starts_on": o.starts_on,
        "ends_on": o.ends_on,
        "deadline": o.deadline,
        "places": o.places,
        "places_left": selectors.places_left(o),
        "how_to_apply": o.how_to_apply,
        "target_roles": sorted(r.slug for r in o.target_roles.all()),
        "skills": sorted(s.slug for s in o.skills.all()),
        "distance_km": round(km, 1) if km is not None else None,
        "url": o.get_absolute_url(),
    }


def _page(found: list) -> list[dict]:
    """One page of openings; the roles they lead to and the skills they teach are read for
    the page together."""
    prefetch_related_objects([f.opportunity for f in found], "target_roles", "skills")
    return [_out(f.opportunity, f.km) for f in found]


@router.get("/openings", response=list[WayInOut])
@paginate(Pages, page_size=50)
def list_openings(
    request,
    near: str = Query("", description="A city, e.g. Chicago or Leeds, GB: nearest first"),
    km: int = Query(0, description="How far from the city (default 80)"),
    kind: str = Query("", description="internship, volunteer or apprenticeship"),
    paid: bool | None = Query(None, description="true: paid only; false: unpaid only"),
    role: str = Query("", description="Only those leading toward this role (its slug)"),
):
    """Open internships, volunteer calls and apprenticeships still taking applications."""
    errors = Errors()
    if kind:
        check_choice(errors, "kind", kind, Kind.values)
    if km < 0 or km > 5000:
        errors.add("km", "Between 1 and 5,000 km.")
    errors.raise_if_any()
    spot = city_spot(near, "near", km or None) if near else None
    found = selectors.opportunity_list(
        today=timezone.localdate(),
        spot=spot,
        kind=kind or None,
        paid=paid,
        roles=[role] if role else (),
    )
    return PageOf(found, _page)


def _opening(slug: str) -> Opportunity:
    return get_object_or_404(Opportunity.objects.select_related("organisation", "venue"), slug=slug)


@router.get("/openings/{slug}", response=WayInOut)
def get_opening(request, slug: str):
    return _out(_opening(slug))


class OpeningIn(Schema):
    organisation: str = Field(..., description="The posting organisation's slug")
    kind: str
    title: str
    work_for: str = ""
    teaches: str
    target_roles: list[str]
    skills: list[str] = []
    paid: bool = False
    pay_amount: Decimal | None = None
    pay_unit: str = ""
    currency: str = ""
    online: bool = False
    venue: str | None = Field(None, description="A venue's slug")
    city: str = ""
    starts_on: dt.date
    ends_on: dt.date
    deadline: dt.date | None = None
    places: int = 1
    how_to_apply: str = ""


def _data(payload: OpeningIn) -> dict:
    data = payload.dict()
    data["remote"] = data.pop("online")
    data.pop("organisation")
    return data


@router.post("/openings", response={201: WayInOut}, auth=WRITE_AUTH)
def post_opening(request, payload: OpeningIn):
    """Post an opening for an organisation you manage."""
    organisation = Organisation.objects.filter(slug=payload.organisation).first()
    if organisation is None:
        refuse("organisation", f"'{payload.organisation}' does not exist.")
    saved = services.opportunity_save(
        actor=request.auth, organisation=organisation, data=_data(payload)
    )
    return Reply(201, _out(saved))


@router.put("/openings/{slug}", response=WayInOut, auth=WRITE_AUTH)
def change_opening(request, slug: str, payload: OpeningIn):
    o = _opening(slug)
    saved = services.opportunity_save(
        actor=request.auth, organisation=o.organisation, data=_data(payload), opportunity=o
    )
    return _out(saved)


@router.post("/openings/{slug}/close", response=WayInOut, auth=WRITE_AUTH)
def close_opening(request, slug: str):
    return _out(services.opportunity_close(actor=request.auth, opportunity=_opening(slug)))


class OpeningApplyIn(Schema):
    note: str = ""
    interested: bool = Field(False, description="Only say you are interested, without applying")


class ApplicationOut(Schema):
    id: int
    opening: str
    worker: str
    status: str = Field(
        ..., description="interested, applied, accepted, declined, completed, withdrawn"
    )
    note: str
    created_at: dt.datetime
    credit: int | None = Field(None, description="The verified credit, once completed")


def _application(a: Application) -> dict:
    return {
        "id": a.pk,
        "opening": a.opportunity.slug,
        "worker": a.worker.slug,
        "status": a.status,
        "note": a.note,
        "created_at": a.created_at,
        "credit": a.credit_id,
    }


@router.post("/openings/{slug}/apply", response={201: ApplicationOut}, auth=WRITE_AUTH)
def apply(request, slug: str, payload: OpeningApplyIn):
    """Apply (or say you are interested); refused after the deadline and the second time."""
    found = services.application_apply(
        actor=request.auth,
        opportunity=_opening(slug),
        note=payload.note,
        interested=payload.interested,
    )
    return Reply(201, _application(found))


@router.get("/openings/{slug}/applications", response=list[ApplicationOut], auth=WRITE_AUTH)
@paginate(Pages, page_size=50)
def list_applications(request, slug: str):
    """Who applied, first to apply first (the organisation's managers only)."""
    o = _opening(slug)
    require_opening_manager(request.auth, o, "see who applied")
    return PageOf(selectors.applicants(o), lambda page: [_application(a) for a in page])


class DecisionIn(Schema):
    accept: bool


def _app(application_id: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("opportunity__organisation", "worker"), pk=application_id
    )


@router.post(
    "/openings/applications/{application_id}/decision", response=ApplicationOut, auth=WRITE_AUTH
)
def decide(request, application_id: int, payload: DecisionIn):
    """Accept (while a place is free) or decline."""
    done = services.application_decide(
        actor=request.auth, application=_app(application_id), accept=payload.accept
    )
    return _application(done)


@router.post(
    "/openings/applications/{application_id}/complete", response=ApplicationOut, auth=WRITE_AUTH
)
def complete(request, application_id: int):
    """Mark an accepted person as having completed it: a verified credit on their profile."""
    done = services.application_complete(actor=request.auth, application=_app(application_id))
    return _application(done)


@router.get("/me/applications", response=list[ApplicationOut], auth=WRITE_AUTH)
def my_applications(request):
    worker = worker_of(request.auth)
    return [_application(a) for a in selectors.applications_of(worker)] if worker else []
