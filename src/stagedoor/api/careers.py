"""Career paths, plans, the newcomer start and the income forecast.

The same selectors as the career pages; an unknown role, interest or city and negative
expenses come back as 422 naming the field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from stagedoor.booking.rules import worker_of
from stagedoor.careers import income, pathways
from stagedoor.careers.selectors.navigator import career_path_for, navigator
from stagedoor.careers.selectors.start import DEFAULT_RADIUS_KM, newcomer_start
from stagedoor.core.validation import refuse
from stagedoor.people.models import WorkerProfile

from .auth import WRITE_AUTH

router = Router(tags=["careers"])


class PathLinkOut(Schema):
    text: str
    url: str
    detail: str
    when: dt.datetime | None
    distance_km: float | None
    online: bool
    tag: str


class PathSectionOut(Schema):
    key: str
    title: str
    intro: str
    links: list[PathLinkOut]
    more_url: str


class PathStepOut(Schema):
    role: str
    name: str
    years: float
    new_skills: list[str]
    new_certifications: list[str]


class PathOut(Schema):
    target: str
    roles: list[str]
    total_years: float
    reason: str
    steps: list[PathStepOut]


class SkillGapOut(Schema):
    key: str
    skills: list[str]
    have: int
    need: int


class ExpiringOut(Schema):
    certification: str
    expires_on: dt.date


class ExperienceOut(Schema):
    roles: list[str]
    hours: float
    credits: int
    need_hours: float
    need_credits: int


class GapOut(Schema):
    ready: bool
    skills: list[SkillGapOut]
    missing_certifications: list[str]
    expiring_certifications: list[ExpiringOut]
    experience: ExperienceOut


class PlanStepOut(Schema):
    kind: str
    subject: str
    why: str
    position: int | None = None
    links: list[PathLinkOut] = []


class PlanOut(Schema):
    target: str
    worker: str
    next_call: dt.date | None
    path: PathOut
    gap: GapOut
    steps: list[PlanStepOut]
    sections: list[PathSectionOut]


class OpeningOut(Schema):
    position: int
    title: str
    role: str
    call_start: dt.datetime
    venue: str
    city: str
    distance_km: float
    pay_amount: Decimal
    pay_unit: str
    currency: str


class StartRoleOut(Schema):
    role: str
    name: str
    interests: list[str]
    leads_to: list[str]
    why: str
    openings: list[OpeningOut]


class StartOut(Schema):
    city: str
    latitude: float
    longitude: float
    radius_km: int
    roles: list[StartRoleOut]
    sections: list[PathSectionOut]


class BucketOut(Schema):
    start: dt.date
    end: dt.date
    booked: Decimal
    offers: Decimal
    what_if: Decimal
    expected: Decimal


class MonthOut(BucketOut):
    expenses: Decimal
    gap: Decimal


class IncomeOut(Schema):
    currency: str
    offer_weight: Decimal
    monthly_expenses: Decimal
    total_expected: Decimal
    gap_months: list[dt.date]
    variability: Decimal | None
    savings_target: Decimal
    months: list[MonthOut]
    weeks: list[BucketOut]


def _path_out(path) -> dict:
    return {
        "target": path.target,
        "roles": list(path.roles),
        "total_years": path.total_years,
        "reason": path.reason,
        "steps": [
            {
                "role": s.role,
                "name": s.name,
                "years": s.years,
                "new_skills": list(s.new_skills),
                "new_certifications": list(s.new_certifications),
            }
            for s in path.steps
        ],
    }


def _me(request) -> WorkerProfile:
    worker = worker_of(request.auth)
    if worker is None:
        refuse("worker", "Only crew with a worker profile have a plan or an income.")
    return worker


@router.get("/careers/path", response=PathOut)
def career_path(request, target: str = "", worker: str | None = None):
    """The shortest path to `target`: from a worker's roles (`worker`: a public profile's
    slug, or `me` when signed in) or, without one, from entry level."""
    profile = None
    if worker == "me":
        user = request.user if request.user.is_authenticated else None
        profile = worker_of(user) if user else None
        if profile is None:
            raise Http404("Sign in as crew to use worker=me")
    elif worker:
        profile = get_object_or_404(WorkerProfile, slug=worker, is_public=True)
    return _path_out(career_path_for(target=target, worker=profile))


@router.get("/careers/plan", response=PlanOut, auth=WRITE_AUTH)
def career_plan(request, target: str = ""):
    """Your gap, path and ordered next steps toward `target`, with open positions on the
    path you are eligible for now."""
    worker = _me(request)
    nav = navigator(target=target, worker=worker)
    context = pathways.plan_context(request.auth, nav, timezone.localdate())
    links = pathways.step_links(context)
    gap = nav.plan.gap
    exp = gap.experience
    return {
        "target": nav.plan.target,
        "worker": worker.slug,
        "next_call": nav.next_call,
        "path": _path_out(nav.plan.path),
        "gap": {
            "ready": gap.is_ready,
            "skills": [
                {"key": s.key, "skills": list(s.skills), "have": s.have, "need": s.need}
                for s in gap.skills
            ],
            "missing_certifications": list(gap.missing_certifications),
            "expiring_certifications": [
                {"certification": e.certification, "expires_on": e.expires_on}
                for e in gap.expiring_certifications
            ],
            "experience": {
                "roles": list(exp.roles),
                "hours": exp.hours,
                "credits": exp.credits,
                "need_hours": exp.need_hours,
                "need_credits": exp.need_credits,
            },
        },
        "steps": [
            {
                "kind": s.kind,
                "subject": s.subject,
                "why": s.why,
                "position": int(s.subject) if s.kind == "position" else None,
                "links": [pathways.link_out(x) for x in links.get((s.kind, s.subject), [])],
            }
            for s in nav.plan.steps
        ],
        "sections": [pathways.section_out(x) for x in pathways.plan_sections(context)],
    }


@router.get("/careers/start", response=StartOut)
def career_start(
    request,
    interests: str = "",
    city: str = "",
    radius_km: int = DEFAULT_RADIUS_KM,
    availability: str = "",
):
    """Entry-level roles for comma-separated `interests` (sound, light, rigging, touring,
    venue business, studio) with live entry-level positions within `radius_km` of `city`;
    `availability` is any of weekdays, weekends, evenings (comma-separated)."""
    start = newcomer_start(
        interests=interests,
        city=city,
        radius_km=radius_km,
        availability=[a for a in availability.split(",") if a.strip()],
    )
    user = request.user if request.user.is_authenticated else None
    context = pathways.start_context(
        user, worker_of(user) if user else None, start, timezone.localdate()
    )
    return {
        "city": start.place.label,
        "latitude": start.place.latitude,
        "longitude": start.place.longitude,
        "radius_km": start.radius_km,
        "roles": [
            {
                "role": o.start.role,
                "name": o.start.name,
                "interests": list(o.start.interests),
                "leads_to": list(o.start.leads_to),
                "why": o.start.why,
                "openings": [
                    {
                        "position": n.position.pk,
                        "title": n.position.display_title,
                        "role": n.position.role.slug,
                        "call_start": n.position.call_start,
                        "venue": n.venue.name,
                        "city": n.venue.city,
                        "distance_km": n.distance_km,
                        "pay_amount": n.position.pay_amount,
                        "pay_unit": n.position.pay_unit,
                        "currency": n.position.currency,
                    }
                    for n in o.openings
                ],
            }
            for o in start.options
        ],
        "sections": [pathways.section_out(x) for x in pathways.start_sections(context)],
    }


def _bucket(b, month: bool) -> dict:
    out = {
        "start": b.start,
        "end": b.end,
        "booked": b.booked,
        "offers": b.offers,
        "what_if": b.what_if,
        "expected": b.expected,
    }
    if month:
        out |= {"expenses": b.expenses, "gap": b.gap}
    return out


@router.get("/me/income", response=IncomeOut, auth=WRITE_AUTH)
def my_income(
    request,
    months: int = 6,
    expenses: str | None = None,
    cushion_months: int = 0,
    offer_weight: str | None = None,
    tour_start: dt.date | None = None,
    tour_end: dt.date | None = None,
    tour_day_rate: str | None = None,
    gap_month: dt.date | None = None,
):
    """Your expected income per week and month from the first of this month: confirmed
    bookings, pending offers at `offer_weight` (0.5 unless given), what-ifs; gap months
    below `expenses` a month and the savings target (gaps + `cushion_months` of expenses).
    """
    plan = income.income_plan(
        actor=request.auth,
        worker=_me(request),
        months=months,
        expenses=expenses,
        cushion_months=cushion_months,
        offer_weight=offer_weight,
        tour_start=tour_start,
        tour_end=tour_end,
        tour_day_rate=tour_day_rate,
        gap_month=gap_month,
    )
    f = plan.forecast
    return {
        "currency": plan.currency,
        "offer_weight": f.offer_weight,
        "monthly_expenses": f.monthly_expenses,
        "total_expected": f.total_expected,
        "gap_months": [m.start for m in f.gap_months],
        "variability": f.variability,
        "savings_target": f.savings_target,
        "months": [_bucket(m, True) for m in f.months],
        "weeks": [_bucket(w, False) for w in f.weeks],
    }
