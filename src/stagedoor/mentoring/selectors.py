"""Reads for mentoring: who may mentor toward what, open offers as the engine's cards, the
suggestions for a request, a worker's mentorships and their sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from stagedoor.careers.selectors.navigator import career_path_for
from stagedoor.engine.mentoring import Ask, MentorCard, Suggestion, suggest, summary
from stagedoor.industry.enums import Level
from stagedoor.industry.models import Role
from stagedoor.people.models import Credit, WorkerProfile, WorkerRole

from .enums import OPEN_STATUSES, Cadence, Mode, Status
from .models import MentorOffer, MentorRequest, MentorSession, Mentorship, Recommendation

MENTOR_LEVELS = (Level.MID, Level.SENIOR, Level.LEAD)


def mentorable_roles(worker: WorkerProfile) -> QuerySet[Role]:
    """The roles a worker may mentor toward: those they hold at mid level or above, and
    those they have verified credits in."""
    held = WorkerRole.objects.filter(worker=worker, level__in=MENTOR_LEVELS).values("role_id")
    credited = Credit.objects.filter(worker=worker, verified=True).values("role_id")
    return Role.objects.filter(Q(pk__in=held) | Q(pk__in=credited)).order_by("name")


def offer_of(worker: WorkerProfile | None) -> MentorOffer | None:
    if worker is None:
        return None
    return MentorOffer.objects.filter(worker=worker).prefetch_related("roles").first()


def active_count(offer: MentorOffer) -> int:
    """Mentees the offer has now: the `taken` a list annotated, or one count."""
    taken = getattr(offer, "taken", None)
    if taken is None:
        taken = offer.mentorships.filter(status=Status.ACTIVE).count()
    return taken


def _open_offers(excluding: WorkerProfile | None) -> QuerySet[MentorOffer]:
    offers = (
        MentorOffer.objects.filter(is_open=True)
        .select_related("worker")
        .prefetch_related("roles")
        .annotate(taken=Count("mentorships", filter=Q(mentorships__status=Status.ACTIVE)))
    )
    if excluding is not None:
        offers = offers.exclude(worker=excluding)
    return offers


def card(offer: MentorOffer) -> MentorCard:
    w = offer.worker
    return MentorCard(
        id=offer.pk,
        name=w.display_name,
        roles=tuple(sorted(r.slug for r in offer.roles.all())),
        latitude=w.latitude,
        longitude=w.longitude,
        reach_km=w.travel_radius_km,
        mode=offer.mode,
        cadence=offer.cadence,
        capacity=offer.capacity,
        taken=offer.taken,
        city=w.home_city,
        known_for=offer.known_for,
    )


@dataclass(frozen=True)
class Suggested:
    offer: MentorOffer
    suggestion: Suggestion
    asked: Mentorship | None = None  # the mentee's open ask of this mentor, if any

    @property
    def text(self) -> str:
        return summary(self.suggestion.reasons)


def route_to(worker: WorkerProfile | None, target: str) -> tuple[str, ...]:
    return career_path_for(target=target, worker=worker).roles


def suggestions(
    *,
    worker: WorkerProfile,
    target: str,
    mode: str = Mode.EITHER,
    cadence: str = Cadence.MONTHLY,
    k: int = 5,
    route: tuple[str, ...] | None = None,
) -> list[Suggested]:
    """The best mentors for `worker` toward `target`, best first, with reasons. Mentors who
    already said no to this worker for this target are left out."""
    route = route if route is not None else route_to(worker, target)
    declined = Mentorship.objects.filter(
        mentee=worker, target__slug=target, status=Status.DECLINED
    ).values("offer_id")
    offers = {o.pk: o for o in _open_offers(worker).exclude(pk__in=declined)}
    if not offers:
        return []
    ask = Ask(
        target=target,
        route=route or (target,),
        latitude=worker.latitude,
        longitude=worker.longitude,
        reach_km=worker.travel_radius_km,
        mode=mode,
        cadence=cadence,
    )
    names = dict(Role.objects.values_list("slug", "name"))
    found = suggest(ask, [card(o) for o in offers.values()], names, k=k)
    asked = {
        m.offer_id: m
        for m in Mentorship.objects.filter(
            mentee=worker, offer_id__in=[s.mentor_id for s in found], status__in=OPEN_STATUSES
        )
    }
    return [Suggested(offers[s.mentor_id], s, asked.get(s.mentor_id)) for s in found]


def _with_people(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    return mentorships.select_related("offer__worker", "mentee", "target").prefetch_related(
        Prefetch("sessions", queryset=MentorSession.objects.order_by("-held_on", "-pk")),
        Prefetch("recommendations", queryset=Recommendation.objects.select_related("role")),
    )


def as_mentee(worker: WorkerProfile) -> list[Mentorship]:
    return list(
        _with_people(
            Mentorship.objects.filter(mentee=worker, status__in=OPEN_STATUSES).order_by(
                "status", "-asked_at"
            )
        )
    )


def as_mentor(worker: WorkerProfile) -> list[Mentorship]:
    return list(
        _with_people(
            Mentorship.objects.filter(offer__worker=worker, status__in=OPEN_STATUSES).order_by(
                "-status", "asked_at"
            )
        )
    )


def open_request(worker: WorkerProfile, target: str | None = None) -> MentorRequest | None:
    requests = MentorRequest.objects.filter(worker=worker).select_related("target")
    if target:
        requests = requests.filter(target__slug=target)
    return requests.first()


def next_and_last(mentorship: Mentorship, today: dt.date):
    """The next planned session (today or later) and the last one held, either may be None."""
    sessions = list(mentorship.sessions.all())
    ahead = [s for s in sessions if s.held_on >= today]
    past = [s for s in sessions if s.held_on < today]
    return (min(ahead, key=lambda s: (s.held_on, s.pk)) if ahead else None), (
        past[0] if past else None
    )


def recommendations_for(worker_ids) -> dict[int, list[Recommendation]]:
    """Recommendations of these workers by their mentors, newest first."""
    found: dict[int, list[Recommendation]] = {}
    rows = (
        Recommendation.objects.filter(mentorship__mentee_id__in=list(worker_ids))
        .select_related("mentorship__offer__worker", "mentorship__mentee", "role")
        .prefetch_related("mentorship__offer__worker__roles__role")
    )
    for rec in rows:
        found.setdefault(rec.mentorship.mentee_id, []).append(rec)
    return found
