from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from stagedoor.core.http import or_404
from stagedoor.gigs.models import Position
from stagedoor.matching import selectors
from stagedoor.people.models import WorkerProfile

from .auth import WRITE_AUTH

router = Router(tags=["matching"])


class ReasonOut(Schema):
    component: str
    points: float
    text: str


class CandidateOut(Schema):
    worker: str
    display_name: str
    score: float
    distance_km: float | None
    reasons: list[ReasonOut]
    offered: bool  # a pending offer on this call already
    hold_rank: int | None  # 1 for the 1st hold on this call, none when not held
    clashes: bool  # a pending offer on a call that a booking here would rule out
    marks: list[str]  # those offers and holds in words
    interested: bool  # said "I'm interested" in this call (listed even when ranked below k)


class WhyNotOut(Schema):
    worker: str
    eligible: bool
    rules: list[str]
    score: float
    reasons: list[ReasonOut]


class GigOut(Schema):
    position: int
    title: str
    role: str
    show: str | None
    project: str | None
    score: float
    reasons: list[ReasonOut]


def _position(position_id: int) -> Position:
    return or_404(Position, "No such position", selectors.load_position, position_id)


@router.get("/positions/{position_id}/candidates", response=list[CandidateOut], auth=WRITE_AUTH)
def position_candidates(
    request,
    position_id: int,
    k: int = 20,
    first_call_only: bool = False,
    union_only: bool = False,
    max_km: float | None = None,
):
    """The k best eligible workers for a position, with each component's reason."""
    filters = selectors.CrewFilters(
        first_call_only=first_call_only, union_only=union_only, max_km=max_km
    )
    crew = selectors.candidates(
        actor=request.auth, position=_position(position_id), k=max(1, min(k, 200)), filters=filters
    )
    return [
        {
            "worker": c.worker.slug,
            "display_name": c.worker.display_name,
            "score": round(c.score, 3),
            "distance_km": None if c.distance_km is None else round(c.distance_km, 1),
            "reasons": c.reasons,
            "offered": c.offered,
            "hold_rank": c.held,
            "clashes": c.clashes,
            "marks": c.marks,
            "interested": c.interested,
        }
        for c in crew
    ]


@router.get("/positions/{position_id}/why-not/{worker}", response=WhyNotOut, auth=WRITE_AUTH)
def position_why_not(request, position_id: int, worker: str):
    """The hard rules that keep a worker off a position (empty when eligible)."""
    profile = get_object_or_404(WorkerProfile, slug=worker)
    result = selectors.why_not(actor=request.auth, position=_position(position_id), worker=profile)
    return {
        "worker": profile.slug,
        "eligible": result.eligible,
        "rules": result.rules,
        "score": round(result.score, 3),
        "reasons": result.reasons,
    }


@router.get("/me/gigs", response=list[GigOut], auth=WRITE_AUTH)
def my_gigs(request, k: int = 20):
    """Open positions the signed-in worker is eligible for, best first."""
    worker = getattr(request.auth, "worker", None)
    if worker is None:
        raise Http404("You have no worker profile")
    return [
        {
            "position": g.position.pk,
            "title": g.position.display_title,
            "role": g.position.role.slug,
            "show": g.position.show.slug if g.position.show_id else None,
            "project": g.position.project.slug if g.position.project_id else None,
            "score": round(g.score, 3),
            "reasons": g.reasons,
        }
        for g in selectors.gigs(worker=worker, k=max(1, min(k, 200)))
    ]
