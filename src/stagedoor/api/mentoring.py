"""Mentoring over HTTP: the worker's offer to mentor, their requests for a mentor, the
suggestions with their reasons, asking, accepting and declining, sessions and
recommendations, through the same services and selectors as /me/mentoring/.
Refusals are 422 naming the field; someone else's mentorship is 403."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from stagedoor.booking.rules import worker_of
from stagedoor.core.validation import refuse
from stagedoor.mentoring import selectors, services
from stagedoor.mentoring.enums import Cadence, Mode, Status
from stagedoor.mentoring.models import MentorOffer, Mentorship
from stagedoor.people.models import WorkerProfile

from .auth import WRITE_AUTH
from .pagination import Pages

router = Router(tags=["mentoring"])


def _own(request) -> WorkerProfile:
    worker = worker_of(request.auth)
    if worker is None:
        raise Http404("You have no worker profile yet.")
    return worker


class MentorOfferIn(Schema):
    roles: list[str] = Field(..., description="role slugs you mentor toward")
    capacity: int = Field(1, description="mentees at once, 1 to 10")
    mode: str = Field(Mode.EITHER, description="in_person, remote or either")
    cadence: str = Field(Cadence.MONTHLY, description="weekly, fortnightly, monthly, quarterly")
    known_for: str = Field("", description="what you do in a few words, e.g. Rigs arenas")
    note: str = ""
    is_open: bool = True


class MentorOfferOut(Schema):
    id: int
    worker: str
    name: str
    roles: list[str]
    capacity: int
    taken: int
    mode: str
    cadence: str
    known_for: str
    note: str
    is_open: bool

    @staticmethod
    def resolve_worker(obj) -> str:
        return obj.worker.slug

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.worker.display_name

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(r.slug for r in obj.roles.all())

    @staticmethod
    def resolve_taken(obj) -> int:
        return selectors.active_count(obj)


class MentorRequestIn(Schema):
    target: str = Field(..., description="slug of the role you are aiming for")
    mode: str = Mode.EITHER
    cadence: str = Cadence.MONTHLY
    note: str = ""


class MentorRequestOut(Schema):
    id: int
    target: str
    mode: str
    cadence: str
    note: str

    @staticmethod
    def resolve_target(obj) -> str:
        return obj.target.slug


class SuggestionOut(Schema):
    mentor_id: int = Field(..., description="the mentor's offer id, to ask them")
    worker: str
    name: str
    score: float
    distance_km: float | None = Field(None, description="None when you would meet online")
    in_person: bool
    role: str = Field(..., description="their role that fits your path best")
    reasons: list[str]
    text: str
    asked: bool


class AskIn(Schema):
    mentor_id: int
    target: str
    note: str = ""


class MentorSessionIn(Schema):
    held_on: dt.date
    minutes: int
    covered: str


class MentorSessionOut(Schema):
    id: int
    held_on: dt.date
    minutes: int
    covered: str


class RecommendationIn(Schema):
    role: str
    text: str


class RecommendationOut(Schema):
    id: int
    mentee: str
    role: str
    text: str

    @staticmethod
    def resolve_mentee(obj) -> str:
        return obj.mentorship.mentee.slug

    @staticmethod
    def resolve_role(obj) -> str:
        return obj.role.slug


class MentorshipOut(Schema):
    id: int
    mentor: str
    mentor_name: str
    mentee: str
    mentee_name: str
    target: str
    status: str = Field(..., description="asked, active, declined or ended")
    you_are: str = Field(..., description="mentor or mentee")
    sessions: list[MentorSessionOut]


def _mentorship_out(m: Mentorship, worker: WorkerProfile) -> dict:
    return {
        "id": m.pk,
        "mentor": m.offer.worker.slug,
        "mentor_name": m.offer.worker.display_name,
        "mentee": m.mentee.slug,
        "mentee_name": m.mentee.display_name,
        "target": m.target.slug,
        "status": m.status,
        "you_are": "mentor" if m.offer.worker_id == worker.pk else "mentee",
        "sessions": list(m.sessions.all()),
    }


def _mentorship(pk: int) -> Mentorship:
    return get_object_or_404(
        Mentorship.objects.select_related("offer__worker", "mentee", "target"), pk=pk
    )


@router.get("/mentoring/offer", response=MentorOfferOut, auth=WRITE_AUTH)
def my_offer(request):
    """Your offer to mentor (404 when you have made none)."""
    found = selectors.offer_of(_own(request))
    if found is None:
        raise Http404("You have not offered to mentor.")
    return found


@router.put("/mentoring/offer", response=MentorOfferOut, auth=WRITE_AUTH)
def save_offer(request, payload: MentorOfferIn):
    """Offer to mentor, or change your offer: roles you hold at mid level or above or have
    verified credits in."""
    return services.mentor_offer_save(actor=request.auth, worker=_own(request), **payload.dict())


@router.get("/mentoring/offers", response=list[MentorOfferOut])
@paginate(Pages, page_size=50)
def open_offers(request):
    """Everyone taking mentees now, by name."""
    return (
        MentorOffer.objects.filter(is_open=True, worker__is_public=True)
        .select_related("worker")
        .prefetch_related("roles")
        .annotate(taken=Count("mentorships", filter=Q(mentorships__status=Status.ACTIVE)))
        .order_by("worker__display_name", "pk")
    )


@router.post("/mentoring/requests", response={201: MentorRequestOut}, auth=WRITE_AUTH)
def ask_for_mentor(request, payload: MentorRequestIn):
    """Ask for a mentor toward a role (asking again for the same role updates the request)."""
    found = services.mentor_request_save(actor=request.auth, worker=_own(request), **payload.dict())
    return Reply(201, found)


@router.get("/mentoring/suggestions", response=list[SuggestionOut], auth=WRITE_AUTH)
def suggestions(request, target: str, mode: str = "", cadence: str = "", k: int = 5):
    """The best mentors for you toward `target`, best first, each with its reasons. Without
    `mode`/`cadence` your request's (or in person or online, monthly)."""
    worker = _own(request)
    wanted = selectors.open_request(worker, target)
    mode = mode or (wanted.mode if wanted else Mode.EITHER)
    cadence = cadence or (wanted.cadence if wanted else Cadence.MONTHLY)
    if mode not in Mode.values:
        refuse("mode", f"'{mode}' is not one of {', '.join(Mode.values)}.")
    if cadence not in Cadence.values:
        refuse("cadence", f"'{cadence}' is not one of {', '.join(Cadence.values)}.")
    if not 1 <= k <= 50:
        refuse("k", "Between 1 and 50.")
    found = selectors.suggestions(worker=worker, target=target, mode=mode, cadence=cadence, k=k)
    return [
        {
            "mentor_id": s.offer.pk,
            "worker": s.offer.worker.slug,
            "name": s.offer.worker.display_name,
            "score": s.suggestion.score,
            "distance_km": s.suggestion.distance_km,
            "in_person": s.suggestion.in_person,
            "role": s.suggestion.role,
            "reasons": list(s.suggestion.reasons),
            "text": s.text,
            "asked": s.asked is not None,
        }
        for s in found
    ]


@router.get("/mentoring/mentorships", response=list[MentorshipOut], auth=WRITE_AUTH)
def mentorships(request):
    """Your open mentorships, as mentee and as mentor, with their sessions."""
    worker = _own(request)
    return [
        _mentorship_out(m, worker)
        for m in selectors.as_mentee(worker) + selectors.as_mentor(worker)
    ]


@router.post("/mentoring/mentorships", response={201: MentorshipOut}, auth=WRITE_AUTH)
def ask(request, payload: AskIn):
    """Ask a suggested mentor toward `target`; they are told and answer."""
    worker = _own(request)
    offer = MentorOffer.objects.select_related("worker").filter(pk=payload.mentor_id).first()
    if offer is None:
        refuse("mentor_id", f"No mentor {payload.mentor_id}.")
    wanted = selectors.open_request(worker, payload.target) or services.mentor_request_save(
        actor=request.auth, worker=worker, target=payload.target
    )
    found = services.mentorship_ask(
        actor=request.auth, request=wanted, offer=offer, note=payload.note
    )
    return Reply(201, _mentorship_out(found, worker))


def _answer(request, pk: int, accept: bool) -> dict:
    m = services.mentorship_answer(actor=request.auth, mentorship=_mentorship(pk), accept=accept)
    return _mentorship_out(m, _own(request))


@router.post("/mentoring/mentorships/{pk}/accept", response=MentorshipOut, auth=WRITE_AUTH)
def accept(request, pk: int):
    """The mentor accepts; refused (422 on capacity) when they have no room left."""
    return _answer(request, pk, True)


@router.post("/mentoring/mentorships/{pk}/decline", response=MentorshipOut, auth=WRITE_AUTH)
def decline(request, pk: int):
    return _answer(request, pk, False)


@router.post(
    "/mentoring/mentorships/{pk}/sessions", response={201: MentorSessionOut}, auth=WRITE_AUTH
)
def log_session(request, pk: int, payload: MentorSessionIn):
    """Either side logs a session (a date ahead plans the next one)."""
    found = services.session_log(actor=request.auth, mentorship=_mentorship(pk), **payload.dict())
    return Reply(201, found)


@router.post(
    "/mentoring/mentorships/{pk}/recommendations",
    response={201: RecommendationOut},
    auth=WRITE_AUTH,
)
def recommend(request, pk: int, payload: RecommendationIn):
    """The mentor recommends their mentee for a role; Find crew shows it to managers."""
    found = services.recommendation_save(
        actor=request.auth, mentorship=_mentorship(pk), **payload.dict()
    )
    return Reply(201, found)
