"""Mentors across the demo's cities, made through the mentoring services as the crew would
from /me/mentoring/: an experienced arena rigger in Chicago with room for a newcomer, a few
mentorships already running with sessions logged (and the next one planned), and one
mentor's recommendation of a mentee who shows on a manager's Find crew page.
Runs once: a second demo-data run finds the offers and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stagedoor.booking.models import Notification
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.rules import managers_of
from stagedoor.matching import selectors as matching
from stagedoor.mentoring import services
from stagedoor.mentoring.models import MentorOffer, Mentorship
from stagedoor.mentoring.selectors import mentorable_roles
from stagedoor.people.models import WorkerProfile, WorkerRole

from .common import demo_anchor

# city, roles mentored toward (the first one they must hold), what they do, mode, cadence,
# mentees at once, a note for newcomers
MENTORS = [
    (
        "Chicago",
        ("rigger", "head-rigger"),
        "Rigs arenas",
        "either",
        "monthly",
        3,
        "Twenty-odd load-ins a year at the big rooms. Bring your harness questions.",
    ),
    (
        "Chicago",
        ("foh-engineer", "audio-tech"),
        "Mixes front of house",
        "either",
        "fortnightly",
        2,
        "Happy to walk you through a festival patch.",
    ),
    ("Chicago", ("lighting-tech",), "Runs lighting crews", "in_person", "monthly", 2, ""),
    (
        "Nashville",
        ("audio-tech", "monitor-engineer"),
        "Mixes monitors on tour",
        "remote",
        "monthly",
        2,
        "Online between tours.",
    ),
    ("New York City", ("rigger",), "Rigs theatre and TV", "either", "monthly", 1, ""),
    (
        "Los Angeles",
        ("head-rigger", "rigger"),
        "Leads rigging on stadium tours",
        "remote",
        "quarterly",
        2,
        "Mostly on the road, so we meet online.",
    ),
    ("London", ("rigger",), "Rigs arenas and festivals", "in_person", "monthly", 2, ""),
    (
        "Berlin",
        ("lighting-tech", "lighting-director"),
        "Programmes lighting",
        "either",
        "monthly",
        2,
        "",
    ),
    (
        "Austin",
        ("stagehand", "carpenter"),
        "Builds festival stages",
        "in_person",
        "weekly",
        3,
        "Come build with us on a Saturday.",
    ),
    ("Manchester", ("audio-tech",), "Runs the desk at a music hall", "either", "monthly", 2, ""),
]
# Logins that are mentees, not mentors: Rosa finds her own mentor; Will has one already.
NOT_MENTORS = ("rosa.rigger", "will.worker")
MENTORED = {"Chicago": ("lighting-tech", 2), "Nashville": ("audio-tech", 1)}


def _mentor(city: str, role: str, taken: set[int]) -> WorkerProfile | None:
    """The most experienced worker in `city` holding `role` at mid level or above."""
    found = (
        WorkerRole.objects.filter(
            worker__home_city=city,
            role__slug=role,
            level__in=("mid", "senior", "lead"),
            worker__user__isnull=False,
        )
        .exclude(worker_id__in=taken)
        .select_related("worker")
        .order_by("-is_primary", "-years", "worker__slug")
        .first()
    )
    return found.worker if found else None


def _newcomers(city: str, taken: set[int], n: int) -> list[WorkerProfile]:
    """Entry-level workers in the city, newest to the trade first."""
    rows = (
        WorkerRole.objects.filter(
            worker__home_city=city, level="entry", is_primary=True, worker__user__isnull=False
        )
        .exclude(worker_id__in=taken)
        .exclude(worker__user__username__in=("rosa.rigger", "nina.newcomer"))
        .select_related("worker")
        .order_by("years", "worker__slug")
    )
    out = []
    for row in rows:
        if row.worker_id not in taken and row.worker not in out:
            out.append(row.worker)
        if len(out) == n:
            break
    return out


def _mentors_toward(offer: MentorOffer, role: str) -> bool:
    return offer.roles.filter(slug=role).exists()


def _mentor_for(
    offer: MentorOffer, mentee: WorkerProfile, target: str, note: str = ""
) -> Mentorship:
    wanted = services.mentor_request_save(
        actor=mentee.user, worker=mentee, target=target, mode=offer.mode, cadence=offer.cadence
    )
    asked = services.mentorship_ask(actor=mentee.user, request=wanted, offer=offer)
    return services.mentorship_answer(actor=offer.worker.user, mentorship=asked, accept=True)


def _sessions(mentorship: Mentorship, anchor: dt.date, topics: list[str]) -> None:
    """Sessions a month apart up to the anchor, and the next one planned."""
    for n, topic in enumerate(topics):
        services.session_log(
            actor=mentorship.mentee.user,
            mentorship=mentorship,
            held_on=anchor - dt.timedelta(days=30 * (len(topics) - n) - 3),
            minutes=60 if n % 2 == 0 else 90,
            covered=topic,
            today=anchor,
        )
    services.session_log(
        actor=mentorship.offer.worker.user,
        mentorship=mentorship,
        held_on=anchor + dt.timedelta(days=9),
        at=dt.time(18, 0),
        minutes=60,
        covered="Walk a load-in together and talk through the paperwork",
        today=anchor,
    )


def _recommend_on_find_crew(offers: list[MentorOffer], taken: set[int], anchor) -> int:
    """A mentor vouches for a candidate a manager will see on an open call's Find crew."""
    calls = (
        Position.objects.filter(
            Q(show__status=Status.PUBLISHED),
            call_start__date__gt=anchor,
            show__venue__city="Chicago",
            role__slug__in=("stagehand", "rigger", "audio-tech", "lighting-tech"),
        )
        .select_related("role", "show__organisation")
        .order_by("call_start", "pk")[:20]
    )
    for call in calls:
        managers = managers_of(call.organisation)
        if not managers:
            continue
        chicago = [o for o in offers if o.worker.home_city == "Chicago"]
        mentor = next((o for o in chicago if _mentors_toward(o, call.role.slug)), None) or next(
            iter(chicago), None
        )
        if mentor is None:
            return 0
        for c in matching.candidates(actor=managers[0], position=call, k=8):
            w = c.worker
            if w.user_id is None or w.pk in taken or w.pk == mentor.worker_id:
                continue
            if w.user.username in ("rosa.rigger", "will.worker"):
                continue
            toward = min(r.slug for r in mentor.roles.all())
            m = _mentor_for(mentor, w, toward)
            taken.add(w.pk)
            _sessions(m, anchor, ["Safety on the deck and the crew chief's calls"])
            services.recommendation_save(
                actor=mentor.worker.user,
                mentorship=m,
                role=call.role.slug,
                text=(
                    f"{w.display_name.split()[0]} has been on my crew for months: on time, "
                    "careful at height, and asks before guessing."
                ),
            )
            return 1
    return 0


@transaction.atomic
def save_mentoring() -> dict[str, int]:
    if MentorOffer.objects.exists():
        return {"mentors": 0, "mentorships": 0, "recommendations": 0}
    anchor = demo_anchor()
    taken: set[int] = set(
        WorkerProfile.objects.filter(user__username__in=NOT_MENTORS).values_list("pk", flat=True)
    )
    offers: list[MentorOffer] = []
    for city, roles, known_for, mode, cadence, capacity, note in MENTORS:
        worker = _mentor(city, roles[0], taken)
        if worker is None:
            continue
        taken.add(worker.pk)
        allowed = set(mentorable_roles(worker).values_list("slug", flat=True))
        offers.append(
            services.mentor_offer_save(
                actor=worker.user,
                worker=worker,
                roles=[r for r in roles if r in allowed],
                capacity=capacity,
                mode=mode,
                cadence=cadence,
                known_for=known_for,
                note=note,
            )
        )
    made = 0
    topics = [
        "How a call works: who to report to, what to bring",
        "Reading a plot and a cue sheet",
        "Building a kit and pricing your day",
    ]
    for city, (role, n) in MENTORED.items():
        offer = next(
            (o for o in offers if o.worker.home_city == city and _mentors_toward(o, role)), None
        )
        if offer is None:
            continue
        for mentee in _newcomers(city, taken, n):
            taken.add(mentee.pk)
            _sessions(_mentor_for(offer, mentee, role), anchor, topics[: 2 + made % 2])
            made += 1
    # Will, the demo's audio tech, has a front-of-house mentor in his plan.
    will = WorkerProfile.objects.filter(user__username="will.worker").first()
    foh = next((o for o in offers if _mentors_toward(o, "foh-engineer")), None)
    if will is not None and foh is not None:
        _sessions(
            _mentor_for(foh, will, "foh-engineer"),
            anchor,
            ["Gain structure on a festival patch", "Talking to the band's own engineer"],
        )
        made += 1
    recommended = _recommend_on_find_crew(offers, taken, anchor)
    # Demo data is not emailed: mark these as sent before the queued emails run.
    Notification.objects.filter(emailed_at__isnull=True).update(emailed_at=timezone.now())
    return {
        "mentors": len(offers),
        "mentorships": made + recommended,
        "recommendations": recommended,
    }
