"""Reads: the catalog of courses and sessions, who is on a session, what a worker signed up
for, and the links the career plan and "Start here" show (registered in apps.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from stagedoor.careers.selectors.graph import career_graph, worker_snapshot
from stagedoor.core.text import call_span, in_zone, money, span
from stagedoor.engine.geo import haversine_km
from stagedoor.people.models import WorkerCertification

from .enums import SEATED, EnrolmentStatus
from .models import Course, Enrolment, Session


@dataclass(frozen=True)
class Near:
    """A session with how far it is from the reader (None when online or unknown)."""

    session: Session
    distance_km: float | None

    @property
    def seats_left(self) -> int:
        return max(self.session.seats - self.session.seats_taken, 0)


def sessions() -> QuerySet[Session]:
    """Sessions with `seats_taken` counted and what a listing shows loaded."""
    return Session.objects.select_related(
        "course", "course__provider", "course__certification"
    ).annotate(seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEATED)))


def seats_taken(session: Session) -> int:
    return session.enrolments.filter(status__in=SEATED).count()


def distance(session: Session, place) -> float | None:
    if session.online or place is None or session.latitude is None:
        return None
    return haversine_km(place.latitude, place.longitude, session.latitude, session.longitude)


def upcoming(
    *,
    now: dt.datetime | None = None,
    certifications: list[str] | tuple[str, ...] | None = None,
    course: Course | None = None,
    place=None,
    radius_km: float | None = None,
    online: bool | None = None,
    with_seats: bool = False,
    after: dt.datetime | None = None,
) -> list[Near]:
    """Sessions still to start, soonest first. `place` (anything with latitude/longitude)
    gives each its distance; with `radius_km` too, in-person sessions farther away are left
    out (online ones stay unless `online` is False). `online=True` keeps only online ones."""
    now = now or timezone.now()
    found = sessions().filter(starts_at__gt=max(now, after) if after else now)
    if certifications is not None:
        found = found.filter(course__certification__slug__in=certifications)
    if course is not None:
        found = found.filter(course=course)
    if online is not None:
        found = found.filter(online=online)
    out = []
    for session in found.order_by("starts_at", "pk"):
        km = distance(session, place)
        if radius_km is not None and not session.online and (km is None or km > radius_km):
            continue
        near = Near(session, km)
        if with_seats and near.seats_left == 0:
            continue
        out.append(near)
    return out


def when_text(session: Session) -> str:
    """'Fri 11 Dec 08:00-13:00 CST' for a one-day session, 'Fri 11 Dec 08:00 CST - Sat 12
    Dec 13:00 CST' for one over several days: in the session's own zone, the zone named."""
    start, end = (
        in_zone(session.starts_at, session.timezone),
        in_zone(session.ends_at, session.timezone),
    )
    if start.date() == end.date():
        return call_span(session.starts_at, session.ends_at, session.timezone)
    return span(start, end)


def distance_text(near: Near) -> str:
    if near.session.online:
        return "Online"
    if near.distance_km is None:
        return near.session.city
    return f"{near.session.city}, {near.distance_km:.0f} km"


def price_text(course: Course) -> str:
    return "Free" if course.is_free else money(course.price, course.currency)


def seats_text(near: Near) -> str:
    if near.seats_left == 0:
        return "full"
    return f"{near.seats_left} of {near.session.seats} seats left"


def session_line(near: Near) -> str:
    """'OSHA 10 for Entertainment — Sat 12 Dec 09:00-17:00 CST, Lakeshore Safety Institute,
    Chicago, 6 km · $89.00 · 4 of 12 seats left'"""
    s = near.session
    when = when_text(s)
    return (
        f"{s.course.title} — {when}, {s.course.provider.name}, {distance_text(near)}"
        f" · {price_text(s.course)} · {seats_text(near)}"
    )


def held_certifications(worker, today: dt.date) -> set[str]:
    if worker is None:
        return set()
    return {
        wc.certification.slug
        for wc in WorkerCertification.objects.filter(worker=worker).select_related("certification")
        if wc.valid_on(today)
    }


def relevant_hours(worker, certification: str) -> float:
    """Documented hours that count toward `certification`: in the roles that need it and
    the roles that lead to them (as the career plan counts them)."""
    if worker is None:
        return 0.0
    graph = career_graph()
    needing = {slug for slug, role in graph.roles.items() if certification in role.certifications}
    counted = needing | {p for slug in needing for p in graph.predecessors[slug]}
    return worker_snapshot(worker).hours_in(counted)


def standing_text(e: Enrolment) -> str:
    """'Signed up', 'Waiting for Lakeshore Safety Institute to confirm', ..."""
    provider = e.session.course.provider.name
    return {
        EnrolmentStatus.CLAIMED: f"Waiting for {provider} to confirm",
        EnrolmentStatus.DECLINED: f"{provider} did not confirm it",
    }.get(e.status, e.get_status_display())


def roster_text(e: Enrolment) -> str:
    """Where someone stands, as the provider reads it on their roster: a completion waiting
    for them is their own to-do ('Says they completed it: confirm'), not 'waiting for the
    provider'."""
    return {
        EnrolmentStatus.CLAIMED: "Says they completed it: confirm",
        EnrolmentStatus.CONFIRMED: "Completed; you confirmed it",
        EnrolmentStatus.DECLINED: "You did not confirm it",
    }.get(e.status, e.get_status_display())


CATALOG_RADIUS_KM = 100


def home_place(user):
    """The signed-in worker's profile (their home city's coordinates), the place the catalog
    measures from when no city is typed; None for anyone without a crew profile."""
    if user is None or not user.is_authenticated:
        return None
    worker = getattr(user, "worker", None)
    if worker is None or worker.latitude is None or worker.longitude is None:
        return None
    return worker


def catalog(
    *,
    certification: str = "",
    place=None,
    online_only: bool = False,
    provider: str = "",
    now=None,
    home=None,
    everywhere: bool = False,
) -> list[Near]:
    """The public catalog: upcoming sessions, filtered by certification, provider and place
    (in-person sessions within 100 km of a typed city, and online ones) or online only.

    Without a typed `place`, a worker's `home` (their profile) stands in for it, so a
    newcomer in Chicago is not offered a course in London as if it were an option;
    `everywhere` lists every session instead, each still with its distance from home."""
    near = place if place is not None else (None if everywhere else home)
    found = upcoming(
        now=now,
        certifications=[certification] if certification else None,
        place=near if near is not None else home,
        radius_km=CATALOG_RADIUS_KM if near is not None and not online_only else None,
        online=True if online_only else None,
    )
    if provider:
        found = [n for n in found if n.session.course.provider.slug == provider]
    return found


def worker_enrolments(worker) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(worker=worker)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("session__course__provider", "session__course__certification")
        .order_by("session__starts_at", "pk")
    )


def live_enrolment(worker, session) -> Enrolment | None:
    if worker is None:
        return None
    return (
        Enrolment.objects.filter(worker=worker, session=session)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .first()
    )


def roster(session: Session) -> QuerySet[Enrolment]:
    return (
        session.enrolments.exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("worker")
        .order_by("worker__display_name", "pk")
    )


def provider_courses(provider) -> QuerySet[Course]:
    return Course.objects.filter(provider=provider).select_related("certification")


RECENT_DAYS = 60


def provider_sessions(provider, *, ended: bool = False, now=None) -> QuerySet[Session]:
    """The provider's sessions still to end, soonest first; with `ended`, those that ended
    in the last 60 days, latest first (their rosters are where completions are confirmed)."""
    now = now or timezone.now()
    found = sessions().filter(course__provider=provider)
    if ended:
        since = now - dt.timedelta(days=RECENT_DAYS)
        return found.filter(ends_at__lte=now, ends_at__gt=since).order_by("-starts_at", "-pk")
    return found.filter(ends_at__gt=now).order_by("starts_at", "pk")


def waiting_claims(provider) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(session__course__provider=provider, status=EnrolmentStatus.CLAIMED)
        .select_related("worker", "session__course")
        .order_by("session__starts_at", "pk")
    )
