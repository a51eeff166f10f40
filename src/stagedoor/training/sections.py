"""What training puts on the career plan and "Start here" (registered in apps.py): under
a certification step, the next sessions near the worker, or where she stands with the one
she signed up for; "Safety training near you"; and "Your training"."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from stagedoor.careers import pathways
from stagedoor.core.text import day, in_zone
from stagedoor.industry.models import Certification

from .enums import EnrolmentStatus
from .models import Enrolment, Session
from .selectors import (
    Near,
    distance,
    distance_text,
    held_certifications,
    relevant_hours,
    session_line,
    upcoming,
    when_text,
    worker_enrolments,
)

PLAN_LINKS_PER_STEP = 3
START_LINKS = 5
# Courses "Start here" offers a newcomer whatever the role: the safety basics.
SAFETY_BASICS = ("osha-10", "ges-10", "first-aid-cpr")


def _link(near: Near, detail: str = "") -> pathways.Link:
    return pathways.Link(
        text=session_line(near),
        url=near.session.get_absolute_url(),
        detail=detail,
        when=near.session.starts_at,
        distance_km=None if near.distance_km is None else round(near.distance_km, 1),
        online=near.session.online,
        # no "Online" tag: the line already ends "…, Online · $79.00"
    )


def _nearby(context, certifications, limit=PLAN_LINKS_PER_STEP) -> list[Near]:
    """The next sessions with seats for `certifications` within the context's radius, or
    online (only online when the context has no place)."""
    place = context.place
    found = upcoming(
        certifications=certifications,
        place=place,
        radius_km=place.radius_km if place else None,
        online=None if place else True,
        with_seats=True,
    )
    return found[:limit] if limit else found


class _Sessions:
    """Every fitting session of the plan's certifications, read in one query, then picked
    per step: the plan's links cost the same queries however many steps it has."""

    def __init__(self, context, certifications) -> None:
        self.found = _nearby(context, sorted(certifications), limit=None)

    def pick(self, cert: str, *, after=None, limit: int) -> list[Near]:
        fits = [
            n
            for n in self.found
            if n.session.course.certification.slug == cert
            and (after is None or n.session.starts_at > after)
        ]
        return fits[:limit]


def _cert_links(sessions: _Sessions, cert: Certification, held: set[str]) -> list[pathways.Link]:
    """The next sessions for `cert`; when a prerequisite is missing, its next session
    first and then the cert's own sessions that start after it, "after you have" it."""
    links: list[pathways.Link] = []
    missing = [p for p in cert.prerequisites.all() if p.slug not in held]
    after = None
    for pre in missing:
        first = sessions.pick(pre.slug, limit=1)
        if first:
            links.append(_link(first[0], detail=f"First {pre.name}, which {cert.name} asks for."))
            after = max(after or first[0].session.ends_at, first[0].session.ends_at)
    wanted = PLAN_LINKS_PER_STEP - len(links)
    names = " and ".join(p.name for p in missing)
    for near in sessions.pick(cert.slug, after=after, limit=wanted):
        links.append(_link(near, detail=f"After you have {names}." if missing else ""))
    return links


def _hours_link(cert: Certification, have: float) -> pathways.Link:
    return pathways.Link(
        text=(
            f"You have {have:,.0f} of {cert.hours_required:,} documented hours for "
            f"{cert.name}: add the work you do as credits"
        ),
        url=reverse("people:edit") + "#credits",
        detail=f"{cert.name} exam sessions open to you once the hours are there.",
    )


def _signed_up(worker) -> dict[str, Enrolment]:
    """The worker's sign-up that stands for each certification: a completion waiting for
    the provider first, else the soonest session signed up for. Past sign-ups not yet
    recorded stay too: the step then asks whether it was completed."""
    if worker is None:
        return {}
    found: dict[str, Enrolment] = {}
    rows = worker_enrolments(worker).filter(
        status__in=(EnrolmentStatus.ENROLLED, EnrolmentStatus.CLAIMED),
        session__course__certification__isnull=False,
    )
    for e in rows:
        slug = e.session.course.certification.slug
        kept = found.get(slug)
        if kept is None or (
            e.status == EnrolmentStatus.CLAIMED and kept.status != EnrolmentStatus.CLAIMED
        ):
            found[slug] = e
    return found


def session_day(session: Session) -> str:
    """'Sat 12 Dec': the session's first day in its own zone."""
    return day(in_zone(session.starts_at, session.timezone).date())


def enrolment_link(e: Enrolment, now: dt.datetime | None = None) -> pathways.Link:
    """Where the worker stands with a session they signed up for, in their words."""
    now = now or timezone.now()
    s = e.session
    provider = s.course.provider.name
    if e.status == EnrolmentStatus.CLAIMED:
        text = f"Waiting for {provider} to confirm"
        detail = f"You recorded {s.course.title} on {session_day(s)} as completed."
        url = s.get_absolute_url()
    elif s.ends_at <= now:
        text = f"Did you complete {s.course.title} on {session_day(s)}? Record it"
        detail = f"{provider} then confirms it on your profile."
        url = reverse("training:mine")
    else:
        text = f"You're signed up for {s.course.title} on {session_day(s)} at {provider}"
        detail = f"{when_text(s)}, {'online' if s.online else s.address or s.city}."
        url = s.get_absolute_url()
    return pathways.Link(
        text=text,
        url=url,
        detail=detail,
        when=s.starts_at,
        online=s.online,
        tag="Online" if s.online else "",
    )


def plan_step_links(context) -> dict[tuple[str, str], list[pathways.Link]]:
    """Links under the plan's certification steps: the next sessions near the worker (or
    online), soonest first, in prerequisite order; for a certification gated by hours,
    the hours so far instead of the exam. A certification the worker has signed up for
    links only that sign-up (and what became of it), never other sessions."""
    subjects = {
        step.subject
        for step in context.steps
        if step.kind in ("certification", "renew", "gated-certification", "hours")
    }
    if not subjects:
        return {}
    certs = {
        c.slug: c
        for c in Certification.objects.filter(slug__in=subjects).prefetch_related("prerequisites")
    }
    held = held_certifications(context.worker, context.today)
    wanted = set(certs) | {p.slug for c in certs.values() for p in c.prerequisites.all()}
    sessions = _Sessions(context, wanted)
    hours: dict[str, float] = {}

    def have(cert: Certification) -> float:
        if cert.slug not in hours:
            hours[cert.slug] = relevant_hours(context.worker, cert.slug)
        return hours[cert.slug]

    mine = _signed_up(context.worker)
    out: dict[tuple[str, str], list[pathways.Link]] = {}
    for step in context.steps:
        cert = certs.get(step.subject)
        if cert is None:
            continue
        if step.kind in ("certification", "renew", "gated-certification") and cert.slug in mine:
            links = [enrolment_link(mine[cert.slug])]
        elif step.kind in ("certification", "renew"):
            links = _cert_links(sessions, cert, held)
        elif step.kind == "hours" and cert.hours_required:
            links = [_hours_link(cert, have(cert))]
        elif step.kind == "gated-certification":
            if cert.hours_required and have(cert) < cert.hours_required:
                continue  # the hours come first: the step above links them, not the exam
            links = _cert_links(sessions, cert, held)
        else:
            continue
        if links:
            out[(step.kind, step.subject)] = links
    return out


def start_section(context) -> pathways.Section | None:
    """ "Safety training near you": the next safety basics and the start roles' tickets."""
    wanted = set(SAFETY_BASICS)
    if context.start_roles:
        wanted |= set(
            Certification.objects.filter(
                roles__slug__in=context.start_roles,
                prerequisites__isnull=True,
                hours_required__isnull=True,
            ).values_list("slug", flat=True)
        )
    held = held_certifications(context.worker, context.today)
    # A course she has signed up for is hers already ("Your training" shows it).
    planned = set(_signed_up(context.worker))
    found = _nearby(context, sorted(wanted - held - planned), limit=START_LINKS)
    return pathways.Section(
        key="training-near",
        title="Safety training near you",
        intro="Most crews ask for a safety card before your first call.",
        links=tuple(_link(near) for near in found),
        empty="No safety courses nearby in the coming months; look at the online ones.",
        more_url=reverse("training:catalog"),
        more_text="All courses",
        order=20,
    )


def plan_section(context) -> pathways.Section | None:
    """ "Your training": what the worker signed up for and has still to go to, so a session
    signed up for from the plan stays on it."""
    if context.worker is None:
        return None
    now = timezone.now()
    links = []
    for e in worker_enrolments(context.worker).filter(
        status__in=(EnrolmentStatus.ENROLLED, EnrolmentStatus.CLAIMED)
    ):
        if e.status == EnrolmentStatus.CLAIMED or e.session.ends_at <= now:
            # Done: waiting for the provider, or still to be recorded as completed.
            links.append(enrolment_link(e, now))
            continue
        km = distance(e.session, context.place)
        links.append(
            pathways.Link(
                text=f"{e.session.course.title} \u2014 {when_text(e.session)}, "
                f"{e.session.course.provider.name}, {distance_text(Near(e.session, km))}",
                url=e.session.get_absolute_url(),
                detail="You are signed up; it is in your calendar.",
                when=e.session.starts_at,
                distance_km=None if km is None else round(km, 1),
                online=e.session.online,
            )
        )
    return pathways.Section(
        key="training-mine",
        title="Your training",
        links=tuple(links),
        more_url=reverse("training:mine"),
        more_text="My training",
        order=15,
    )
