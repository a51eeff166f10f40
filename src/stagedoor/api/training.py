"""Training over HTTP: the course catalog and its sessions (public), signing up, cancelling
and recording a completion (the worker), the roster and confirming completions (the
provider's managers). The same services and selectors as the pages; refusals are 422
naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from stagedoor.core.places import find_place
from stagedoor.core.text import in_zone
from stagedoor.core.validation import refuse
from stagedoor.industry.models import Organisation
from stagedoor.training import selectors, services
from stagedoor.training.models import Course, Enrolment, Session
from stagedoor.training.rules import require_provider_manager

from .auth import WRITE_AUTH
from .errors import unknown
from .pagination import Pages

router = Router(tags=["training"])


class CourseOut(Schema):
    slug: str
    title: str
    kind: str = Field(..., description="certification or programme")
    provider: str = Field(..., description="the provider organisation's slug")
    provider_name: str
    certification: str | None = Field(None, description="slug of the certification it leads to")
    prerequisites: list[str]
    hours_required: int | None
    price: Decimal
    currency: str
    free: bool
    duration_hours: Decimal
    description: str

    @staticmethod
    def resolve_provider(obj) -> str:
        return obj.provider.slug

    @staticmethod
    def resolve_provider_name(obj) -> str:
        return obj.provider.name

    @staticmethod
    def resolve_certification(obj) -> str | None:
        return obj.certification.slug if obj.certification_id else None

    @staticmethod
    def resolve_prerequisites(obj) -> list[str]:
        return sorted(p.slug for p in obj.prerequisites.all())

    @staticmethod
    def resolve_free(obj) -> bool:
        return obj.is_free


class SessionOut(Schema):
    id: int
    course: str = Field(..., description="the course's slug")
    title: str
    provider_name: str
    starts_at: dt.datetime = Field(..., description="in the session's own zone")
    ends_at: dt.datetime
    timezone: str
    online: bool
    city: str
    address: str
    latitude: float | None
    longitude: float | None
    seats: int
    seats_left: int
    distance_km: float | None = Field(None, description="from the place asked about")
    text: str = Field(..., description="the session in one line, as the pages write it")


def _session_out(near: selectors.Near) -> dict:
    s = near.session
    return {
        "id": s.pk,
        "course": s.course.slug,
        "title": s.course.title,
        "provider_name": s.course.provider.name,
        "starts_at": in_zone(s.starts_at, s.timezone),
        "ends_at": in_zone(s.ends_at, s.timezone),
        "timezone": s.timezone,
        "online": s.online,
        "city": s.city,
        "address": s.address,
        "latitude": s.latitude,
        "longitude": s.longitude,
        "seats": s.seats,
        "seats_left": near.seats_left,
        "distance_km": None if near.distance_km is None else round(near.distance_km, 1),
        "text": selectors.session_line(near),
    }


class EnrolmentOut(Schema):
    id: int
    session: int
    course: str
    worker: str = Field(..., description="the worker's profile slug")
    status: str = Field(..., description="enrolled, cancelled, claimed, confirmed or declined")
    verified_certification: str | None = Field(
        None, description="slug of the certification the confirmation put on the profile"
    )

    @staticmethod
    def resolve_session(obj) -> int:
        return obj.session_id

    @staticmethod
    def resolve_course(obj) -> str:
        return obj.session.course.slug

    @staticmethod
    def resolve_worker(obj) -> str:
        return obj.worker.slug

    @staticmethod
    def resolve_verified_certification(obj) -> str | None:
        return obj.certification.certification.slug if obj.certification_id else None


class CourseChange(Schema):
    """A course's fields as its provider's managers change them (the provider stays)."""

    title: str
    kind: str = Field(..., description="certification or programme")
    certification: str | None = None
    description: str = ""
    prerequisites: list[str] = []
    hours_required: int | None = None
    price: Decimal = Decimal("0")
    currency: str = "USD"
    duration_hours: Decimal


class CourseIn(CourseChange):
    provider: str = Field(..., description="the training provider organisation's slug")


class SessionIn(Schema):
    course: str = Field(..., description="the course's slug")
    starts_at: dt.datetime = Field(..., description="with its UTC offset")
    ends_at: dt.datetime
    timezone: str = Field(..., description="IANA zone the session is held in")
    seats: int
    online: bool = False
    city: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None


@router.get("/training/courses", response=list[CourseOut])
@paginate(Pages, page_size=100)
def courses(request, certification: str = "", provider: str = ""):
    """Every course, by title; filter by the certification it leads to or its provider."""
    found = Course.objects.select_related("provider", "certification").prefetch_related(
        "prerequisites"
    )
    if certification:
        found = found.filter(certification__slug=certification)
    if provider:
        found = found.filter(provider__slug=provider)
    return found.order_by("title", "pk")


@router.post("/training/courses", response={201: CourseOut}, auth=WRITE_AUTH)
def add_course(request, payload: CourseIn):
    """A training provider's manager posts a course."""
    data = payload.dict()
    org = unknown("provider", Organisation, data.pop("provider"))
    course = services.course_create(actor=request.auth, provider=org, **data)
    return Reply(201, course)


@router.put("/training/courses/{slug}", response=CourseOut, auth=WRITE_AUTH)
def change_course(request, slug: str, payload: CourseChange):
    """A training provider's manager changes one of its courses; its slug stays."""
    course = get_object_or_404(Course.objects.select_related("provider"), slug=slug)
    return services.course_update(actor=request.auth, course=course, **payload.dict())


@router.get("/training/sessions", response=list[SessionOut])
def sessions(
    request,
    certification: str = "",
    near: str = Query(
        "",
        description="a city, e.g. 'Chicago, US': in person within 100 km. Left empty, a "
        "signed-in worker's home city stands in for it",
    ),
    online: bool = False,
    everywhere: bool = Query(
        False, description="without `near`: every session, not only those near home"
    ),
    limit: int = Query(50, ge=1, le=200),
):
    """Upcoming sessions, soonest first, in person within 100 km of `near` (or, left empty,
    of a signed-in worker's home city) and online; each says how far it is. As the
    catalog page lists them."""
    place = None
    if near:
        place = find_place(near)
        if place is None:
            refuse("near", f"We do not know a city called '{near}'.")
    found = selectors.catalog(
        certification=certification,
        place=place,
        online_only=online,
        home=None if near else selectors.home_place(request.user),
        everywhere=everywhere,
    )
    return [_session_out(n) for n in found[:limit]]


@router.get("/training/sessions/{session_id}", response=SessionOut)
def session(request, session_id: int):
    found = get_object_or_404(selectors.sessions(), pk=session_id)
    return _session_out(selectors.Near(found, None))


@router.put("/training/sessions/{session_id}", response=SessionOut, auth=WRITE_AUTH)
def change_session(request, session_id: int, payload: SessionIn):
    """A provider's manager moves a session, or changes its place or seats, until it
    starts; never to fewer seats than people signed up (422 on `seats`)."""
    found = get_object_or_404(Session.objects.select_related("course__provider"), pk=session_id)
    if payload.course != found.course.slug:
        refuse("course", "A session stays with its course; schedule a new one instead.")
    data = payload.dict()
    data.pop("course")
    data["timezone_name"] = data.pop("timezone")
    services.session_update(actor=request.auth, session=found, **data)
    return _session_out(selectors.Near(selectors.sessions().get(pk=found.pk), None))


@router.post("/training/sessions", response={201: SessionOut}, auth=WRITE_AUTH)
def add_session(request, payload: SessionIn):
    """A provider's manager schedules a session of one of its courses."""
    course = Course.objects.select_related("provider").filter(slug=payload.course).first()
    if course is None:
        refuse("course", f"'{payload.course}' does not exist.")
    data = payload.dict()
    data.pop("course")
    data["timezone_name"] = data.pop("timezone")
    created = services.session_create(actor=request.auth, course=course, **data)
    found = selectors.sessions().get(pk=created.pk)
    return Reply(201, _session_out(selectors.Near(found, None)))


def _worker(request):
    worker = getattr(request.auth, "worker", None)
    if worker is None:
        refuse("worker", "Set up your crew profile first.")
    return worker


def _enrolment(enrolment_id: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related(
            "worker", "session__course__provider", "certification__certification"
        ),
        pk=enrolment_id,
    )


@router.post(
    "/training/sessions/{session_id}/enrolments", response={201: EnrolmentOut}, auth=WRITE_AUTH
)
def enrol(request, session_id: int):
    """Sign yourself up; 422 when full, started, already signed up or missing a prerequisite."""
    found = get_object_or_404(selectors.sessions(), pk=session_id)
    enrolment = services.enrolment_create(
        actor=request.auth, worker=_worker(request), session=found
    )
    return Reply(201, _enrolment(enrolment.pk))


@router.get("/training/enrolments", response=list[EnrolmentOut], auth=WRITE_AUTH)
def my_enrolments(request):
    """Your sign-ups (cancelled ones left out), soonest first."""
    return list(
        selectors.worker_enrolments(_worker(request)).select_related(
            "worker", "certification__certification"
        )
    )


@router.post("/training/enrolments/{enrolment_id}/cancel", response=EnrolmentOut, auth=WRITE_AUTH)
def cancel(request, enrolment_id: int):
    services.enrolment_cancel(actor=request.auth, enrolment=_enrolment(enrolment_id))
    return _enrolment(enrolment_id)


@router.post(
    "/training/enrolments/{enrolment_id}/completed", response=EnrolmentOut, auth=WRITE_AUTH
)
def claim(request, enrolment_id: int):
    """Record that you completed the session; its provider is asked to confirm."""
    services.enrolment_claim(actor=request.auth, enrolment=_enrolment(enrolment_id))
    return _enrolment(enrolment_id)


@router.post("/training/enrolments/{enrolment_id}/confirm", response=EnrolmentOut, auth=WRITE_AUTH)
def confirm(request, enrolment_id: int):
    """The provider confirms the completion: a verified certification on the profile."""
    services.enrolment_confirm(actor=request.auth, enrolment=_enrolment(enrolment_id))
    return _enrolment(enrolment_id)


@router.post("/training/enrolments/{enrolment_id}/decline", response=EnrolmentOut, auth=WRITE_AUTH)
def decline(request, enrolment_id: int):
    services.enrolment_decline(actor=request.auth, enrolment=_enrolment(enrolment_id))
    return _enrolment(enrolment_id)


@router.get("/training/sessions/{session_id}/roster", response=list[EnrolmentOut], auth=WRITE_AUTH)
def session_roster(request, session_id: int):
    """Who signed up, for the provider's managers."""
    found = get_object_or_404(selectors.sessions(), pk=session_id)
    require_provider_manager(request.auth, found.course.provider, "see who signed up")
    return list(selectors.roster(found).select_related("session__course", "certification"))
