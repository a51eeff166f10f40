"""Onboarding at /welcome/<step>/: five short pages that build the worker's profile.

Each step saves on its own (through the people services), so they can stop anywhere and
come back to the step after the furthest they reached.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from stagedoor.core.forms import add_service_errors
from stagedoor.core.places import find_place
from stagedoor.people import services as people
from stagedoor.people.forms import CertificationForm, RoleForm, SkillForm
from stagedoor.people.models import WorkerProfile
from stagedoor.people.selectors import worker_detail

from .. import selectors, services
from ..forms import AwayForm, GoalForm, PlaceForm, RatesForm
from ..rules import STEPS


def _slugs(data: dict) -> dict:
    return {k: (v.slug if hasattr(v, "slug") else v) for k, v in data.items()}


def _blank(request, field: str) -> bool:
    return not (request.POST.get(field) or "").strip()


def _worker_zone(worker: WorkerProfile) -> str:
    place = find_place(f"{worker.home_city}, {worker.country}" if worker.country else "")
    return place.timezone if place else "UTC"


def _city_from(next_url: str) -> str:
    """The city typed on "Start here", so they need not type it twice."""
    return parse_qs(urlsplit(next_url).query).get("city", [""])[0][:120]


def _place(request, worker, onboarding):
    if request.method != "POST":
        if worker is not None:
            initial = {
                n: getattr(worker, n)
                for n in ("display_name", "home_city", "travel_radius_km", "willing_to_tour")
            }
        else:
            user = request.user
            initial = {
                "display_name": user.get_full_name(),
                "home_city": _city_from(onboarding.next_url),
            }
        return {"form": PlaceForm(initial=initial)}, False
    form = PlaceForm(request.POST)
    if form.is_valid():
        try:
            services.onboarding_place_set(actor=request.user, **form.cleaned_data)
            return {"form": form}, True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return {"form": form}, False


def _labelled(form, field: str, empty: str):
    form.fields[field].empty_label = empty
    return form


def _clears_goal(request, worker) -> bool:
    """The goal menu came back on "Not sure yet" from a worker who had a goal: they changed
    their mind (the menu starts on their goal), so saving clears it."""
    return (
        request.method == "POST"
        and "goal-goal_role" in request.POST
        and _blank(request, "goal-goal_role")
        and worker is not None
        and worker.goal_role_id is not None
    )


def _roles(request, worker, onboarding):
    posted = request.method == "POST"
    # Either part may be left empty: a goal alone is not "missing a role".
    role_given = posted and not _blank(request, "role-role")
    goal_given = posted and not _blank(request, "goal-goal_role")
    goal_cleared = _clears_goal(request, worker)
    form = _labelled(
        RoleForm(
            request.POST if role_given or (posted and not (goal_given or goal_cleared)) else None,
            prefix="role",
            initial={"years": 0},
        ),
        "role",
        "Choose a role",
    )
    goal = GoalForm(
        request.POST if goal_given else None,
        prefix="goal",
        initial={"goal_role": worker.goal_role.slug if worker.goal_role_id else ""},
    )
    context = {"form": form, "goal_form": goal}
    if not posted:
        return context, False
    role_part = role_given or not (goal_given or goal_cleared)
    parts = [f for f, given in ((form, role_part), (goal, goal_given)) if given]
    if not all(f.is_valid() for f in parts):
        return context, False
    current = form
    try:
        with transaction.atomic():
            if role_given:
                people.worker_role_set(
                    actor=request.user, worker=worker, **_slugs(form.cleaned_data)
                )
            if goal_given or goal_cleared:
                current = goal
                role = goal.cleaned_data["goal_role"] if goal_given else None
                people.goal_set(actor=request.user, worker=worker, role=role)
    except ValidationError as exc:
        add_service_errors(current, exc)
        return context, False
    return context, True


def _skills(request, worker, onboarding):
    posted = request.method == "POST"
    # A part left empty stays unbound: a certificate alone is not "missing a skill".
    skill = _labelled(
        SkillForm(
            request.POST if posted and not _blank(request, "skill-skill") else None, prefix="skill"
        ),
        "skill",
        "Choose a skill",
    )
    cert = _labelled(
        CertificationForm(
            request.POST if posted and not _blank(request, "cert-certification") else None,
            prefix="cert",
        ),
        "certification",
        "Choose a certificate",
    )
    forms = {"skill_form": skill, "cert_form": cert}
    if not posted:
        return forms, False
    # Only the parts they filled in: a skill, a certificate, or both (saved together).
    chosen = [
        (form, service)
        for form, field, service in (
            (skill, "skill-skill", people.worker_skill_set),
            (cert, "cert-certification", people.worker_certification_add),
        )
        if not _blank(request, field)
    ]
    if not chosen:
        skill = SkillForm(request.POST, prefix="skill")
        skill.add_error("skill", "Choose a skill or a certificate, or skip this step.")
        return forms | {"skill_form": _labelled(skill, "skill", "Choose a skill")}, False
    if not all(form.is_valid() for form, _ in chosen):
        return forms, False
    current = None
    try:
        with transaction.atomic():
            for current, service in chosen:
                service(actor=request.user, worker=worker, **_slugs(current.cleaned_data))
    except ValidationError as exc:
        add_service_errors(current, exc)
        return forms, False
    return forms, True


def _rates(request, worker, onboarding):
    initial = {n: getattr(worker, n) for n in ("day_rate", "hourly_rate", "currency", "show_rates")}
    form = RatesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            people.profile_update(actor=request.user, worker=worker, **form.cleaned_data)
            return {"form": form}, True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return {"form": form}, False


def _away(request, worker, onboarding):
    zone = _worker_zone(worker)
    form = AwayForm(request.POST or None, prefix="away")
    tz = zoneinfo.ZoneInfo(zone)
    away = [
        {
            "free": block.kind == "available",
            "first": block.starts_at.astimezone(tz).date(),
            # Blocks end at midnight after the last day they cover.
            "last": (block.ends_at.astimezone(tz) - dt.timedelta(seconds=1)).date(),
            "reason": block.reason,
        }
        for block in worker.availability.all()
    ]
    context = {"form": form, "zone": zone, "away": away}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["last_day"] < data["first_day"]:
            form.add_error("last_day", "The last day cannot come before the first.")
            return context, False
        try:
            people.availability_add(
                actor=request.user,
                worker=worker,
                kind=data["kind"],
                starts_at=dt.datetime.combine(data["first_day"], dt.time(), tz),
                ends_at=dt.datetime.combine(data["last_day"] + dt.timedelta(days=1), dt.time(), tz),
                reason=data["reason"],
            )
            return context, True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return context, False


# step -> (how to show and save it, the fields that are all empty when they add nothing:
# "Save and continue" then just moves on, after "Save and add another")
HANDLERS = {
    1: (_place, ()),
    2: (_roles, ("role-role", "goal-goal_role")),
    3: (_skills, ("skill-skill", "cert-certification")),
    4: (_rates, ()),
    5: (_away, ("away-first_day",)),
}


def _leave(onboarding) -> str:
    return onboarding.next_url or reverse("home")


def _onward(request, after: str, last: bool):
    if last:
        messages.success(
            request,
            "Your profile is ready: calls that fit it find you now. Change it any time "
            "under My profile.",
        )
    return redirect(after)


@login_required
def welcome(request):
    onboarding = services.onboarding_start(actor=request.user, next_url=request.GET.get("next"))
    return redirect("accounts:welcome-step", step=selectors.resume_step(onboarding))


@login_required
def step(request, step: int):
    if step not in HANDLERS:
        raise Http404("No such step")
    onboarding = services.onboarding_start(actor=request.user, next_url=request.GET.get("next"))
    worker = WorkerProfile.objects.filter(user=request.user).first()
    if step > 1 and worker is None:
        messages.info(request, "Start with your name and where you work.")
        return redirect("accounts:welcome-step", step=1)
    handler, item_fields = HANDLERS[step]
    action = request.POST.get("action", "next")
    last = step == len(STEPS)
    after = _leave(onboarding) if last else reverse("accounts:welcome-step", args=[step + 1])
    if request.method == "POST":
        nothing_added = (
            bool(item_fields)
            and all(_blank(request, f) for f in item_fields)
            and not _clears_goal(request, worker)
        )
        if action == "skip" or (action == "next" and nothing_added):
            if step == 1 and worker is None:
                # Every later step adds to the profile this one makes.
                return redirect(_leave(onboarding))
            services.onboarding_step_done(actor=request.user, step=step)
            return _onward(request, after, last)
    context, saved = handler(request, worker, onboarding)
    if saved:
        services.onboarding_step_done(actor=request.user, step=step)
        messages.success(request, "Saved.")
        if action == "add":
            return redirect("accounts:welcome-step", step=step)
        return _onward(request, after, last)
    if worker is None:
        worker = WorkerProfile.objects.filter(user=request.user).first()
    context |= {
        "step": STEPS[step - 1],
        "steps": STEPS,
        "total": len(STEPS),
        "worker": worker and worker_detail(worker.slug, public_only=False),
        "leave_url": _leave(onboarding),
        "can_add": bool(item_fields),
    }
    return render(request, f"accounts/welcome_{step}.html", context)
