"""Career navigator, newcomer start and income planner pages: parse, call a selector,
render (a partial for htmx requests)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.core.forms import add_service_errors
from stagedoor.core.http import is_htmx, render_partial
from stagedoor.industry.enums import Level
from stagedoor.industry.models import Role
from stagedoor.people import services as people_services

from . import income, pathways
from .forms import IncomeForm, StartForm, TargetForm
from .remembered import remember_plan
from .selectors.navigator import navigator
from .selectors.start import DEFAULT_RADIUS_KM, newcomer_start


def _worker(user):
    return getattr(user, "worker", None) if user.is_authenticated else None


def _goal(worker):
    """The role `worker` aims for (None for a visitor or a worker with no goal)."""
    return worker.goal_role if worker is not None else None


def _goal_context(worker, role) -> dict:
    goal = _goal(worker)
    is_goal = goal is not None and goal.pk == role.pk
    return {"role": role, "is_goal": is_goal, "other_goal": None if is_goal else goal}


def index(request):
    form = TargetForm(request.GET or None)
    if request.GET and form.is_valid():
        slug = form.cleaned_data["target"]
        if Role.objects.filter(slug=slug).exists():
            return redirect("careers:role", slug=slug)
        form.add_error("target", f"unknown role '{slug}'")
    roles = Role.objects.order_by("name").values_list("slug", "name", "level")
    levels = dict(Level.choices)
    by_level = [
        (levels[code], [(slug, name) for slug, name, level in roles if level == code])
        for code, _ in Level.choices
    ]
    context = {"form": form, "by_level": by_level, "goal": _goal(_worker(request.user))}
    return render(request, "careers/index.html", context)


def role(request, slug: str):
    try:
        nav = navigator(target=slug, worker=_worker(request.user))
    except ValidationError as exc:
        raise Http404("No such role") from exc
    remember_plan(request, nav.role.slug)
    path_context = pathways.plan_context(request.user, nav, timezone.localdate())
    context = {
        "nav": nav,
        "plan": nav.plan,
        "role": nav.role,
        "graph": nav.graph,
        "steps": pathways.with_links(nav.plan.steps, pathways.step_links(path_context)),
        "sections": pathways.plan_sections(path_context),
    } | _goal_context(nav.worker, nav.role)
    return render_partial(request, "careers/_plan.html", "careers/role.html", context)


@login_required
@require_POST
def goal(request, slug: str):
    """Make the plan's role the worker's goal ("aim=yes"), or stop aiming for it ("aim=no");
    htmx gets the goal box back, a plain form the plan page."""
    worker = _worker(request.user)
    if worker is None:
        raise PermissionDenied("Only crew with a worker profile can choose a goal.")
    role = Role.objects.filter(slug=slug).first()
    if role is None:
        raise Http404("No such role")
    if request.POST.get("aim") == "no":
        # a stale page's "Stop" never clears a goal set since on another plan
        if worker.goal_role_id == role.pk:
            people_services.goal_set(actor=request.user, worker=worker, role=None)
    else:
        people_services.goal_set(actor=request.user, worker=worker, role=role.slug)
    if is_htmx(request):
        return render(request, "careers/_goal.html", _goal_context(worker, role))
    return redirect("careers:role", slug=role.slug)


def start(request):
    worker = _worker(request.user)
    # A newcomer with a profile has told us where she lives: start from there.
    initial = {}
    if worker is not None and worker.home_city:
        initial = {"city": worker.home_city, "radius_km": worker.travel_radius_km}
    form = StartForm(request.GET or None, initial=initial)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            result = newcomer_start(
                interests=data["interests"],
                city=data["city"],
                radius_km=data["radius_km"] or DEFAULT_RADIUS_KM,
                availability=data["availability"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    sections = []
    if result is not None:
        path_context = pathways.start_context(request.user, worker, result, timezone.localdate())
        sections = pathways.start_sections(path_context)
    context = {"form": form, "result": result, "sections": sections, "goal": _goal(worker)}
    return render_partial(request, "careers/_start_results.html", "careers/start.html", context)


def _income(request):
    worker = _worker(request.user)
    if worker is None:
        raise PermissionDenied("The income planner is for crew with a worker profile.")
    data = request.GET.copy()
    for name, default in IncomeForm.DEFAULTS.items():
        if not data.get(name):
            data[name] = default
    form = IncomeForm(data)
    plan = None
    if form.is_valid():
        values = form.values()
        try:
            plan = income.income_plan(actor=request.user, worker=worker, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return worker, form, plan


@login_required
def income_page(request):
    worker, form, plan = _income(request)
    query = request.GET.urlencode()
    context = {
        "worker": worker,
        "form": form,
        "plan": plan,
        "csv_url": reverse("careers:income-csv") + (f"?{query}" if query else ""),
    }
    return render_partial(request, "careers/_income.html", "careers/income.html", context)


@login_required
def income_csv(request):
    worker, form, plan = _income(request)
    if plan is None:
        errors = "; ".join(f"{f}: {' '.join(e)}" for f, e in form.errors.items())
        return HttpResponse(errors, status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(income.income_csv(plan), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="income-{worker.slug}.csv"'
    return response
