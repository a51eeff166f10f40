"""The openings' pages: the list near a city, one opening with its apply form, the worker's
applications, and the organisation's pages to post openings and decide on applicants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.booking.rules import worker_of
from stagedoor.core.forms import add_service_errors
from stagedoor.core.nearby import distance_km, distance_words, spot_near
from stagedoor.core.paging import page_of
from stagedoor.core.validation import messages_of
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage, require_manager

from . import selectors, services
from .forms import ApplyForm, FilterForm, OpportunityForm, initial_of
from .models import Application, Opportunity
from .rules import can_manage_opening


def opening_list(request):
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    spot, unknown = spot_near(data.get("near", ""), worker_of(request.user))
    pay = data.get("pay")
    found = selectors.opportunity_list(
        today=timezone.localdate(),
        spot=spot,
        kind=data.get("kind") or None,
        paid=True if pay == "paid" else False if pay == "unpaid" else None,
    )
    return render(
        request,
        "openings/list.html",
        {"form": form, "found": page_of(request, found), "spot": spot, "unknown": unknown},
    )


def _opening(slug: str) -> Opportunity:
    return get_object_or_404(Opportunity.objects.select_related("organisation", "venue"), slug=slug)


def detail(request, slug: str):
    opportunity = _opening(slug)
    worker = worker_of(request.user)
    km = None
    if worker is not None and not opportunity.remote:
        km = distance_km(worker, opportunity.latitude, opportunity.longitude)
    return render(
        request,
        "openings/detail.html",
        {
            "o": opportunity,
            "mine": selectors.application_of(worker, opportunity),
            "worker": worker,
            "form": ApplyForm(),
            "distance": distance_words(km, opportunity.remote),
            "pay": selectors.pay_words(opportunity),
            "dates": selectors.dates_words(opportunity),
            "where": selectors.place_words(opportunity),
            "left": selectors.places_left(opportunity),
            "manages": can_manage_opening(request.user, opportunity),
            "roles": opportunity.target_roles.order_by("name"),
            "skills": opportunity.skills.order_by("name"),
        },
    )


def _refused(request, error: ValidationError) -> None:
    for field_messages in messages_of(error).values():
        for message in field_messages:
            messages.error(request, message)


@login_required
@require_POST
def apply(request, slug: str):
    opportunity = _opening(slug)
    form = ApplyForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    interested = request.POST.get("interested") == "1"
    try:
        services.application_apply(
            actor=request.user, opportunity=opportunity, note=note, interested=interested
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            "Noted: you are interested."
            if interested
            else f"Applied. {opportunity.organisation.name} will answer here.",
        )
    return redirect(opportunity.get_absolute_url())


@login_required
@require_POST
def withdraw(request, slug: str):
    opportunity = _opening(slug)
    found = selectors.application_of(worker_of(request.user), opportunity)
    if found is None:
        raise Http404("You have not applied for this.")
    try:
        services.application_withdraw(actor=request.user, application=found)
    except ValidationError as error:
        _refused(request, error)
    return redirect(opportunity.get_absolute_url())


@login_required
def mine(request):
    worker = worker_of(request.user)
    rows = selectors.applications_of(worker) if worker else []
    return render(request, "openings/mine.html", {"rows": rows, "worker": worker})


@login_required
def applicants(request, slug: str):
    opportunity = _opening(slug)
    if not can_manage_opening(request.user, opportunity):
        raise PermissionDenied("Only the organisation's managers see who applied.")
    return render(
        request,
        "openings/applicants.html",
        {
            "o": opportunity,
            "rows": selectors.applicants(opportunity),
            "left": selectors.places_left(opportunity),
        },
    )


@login_required
@require_POST
def decide(request, pk: int, action: str):
    application = get_object_or_404(
        Application.objects.select_related("opportunity__organisation"), pk=pk
    )
    try:
        if action in ("accept", "decline"):
            services.application_decide(
                actor=request.user, application=application, accept=action == "accept"
            )
        elif action == "complete":
            services.application_complete(actor=request.user, application=application)
        else:
            raise Http404("No such step.")
    except ValidationError as error:
        _refused(request, error)
    return redirect("openings:applicants", application.opportunity.slug)


def _managed(request, org_slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=org_slug)
    require_manager(request.user, organisation, "manage its openings")
    return organisation


@login_required
def manage(request, org_slug: str):
    organisation = _managed(request, org_slug)
    rows = organisation.opportunities.order_by("-starts_on", "-pk")
    return render(request, "openings/manage.html", {"org": organisation, "rows": rows})


def _save(request, organisation, opportunity=None):
    initial = initial_of(opportunity) if opportunity else {}
    form = OpportunityForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.opportunity_save(
                actor=request.user,
                organisation=organisation,
                data=form.service_data(),
                opportunity=opportunity,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved. It is on the openings list now.")
            return redirect(saved.get_absolute_url())
    return render(
        request, "openings/edit.html", {"org": organisation, "form": form, "o": opportunity}
    )


@login_required
def new(request, org_slug: str):
    return _save(request, _managed(request, org_slug))


@login_required
def edit(request, slug: str):
    opportunity = _opening(slug)
    if not can_manage(request.user, opportunity.organisation):
        raise PermissionDenied("Only the organisation's managers can change its openings.")
    return _save(request, opportunity.organisation, opportunity)


@login_required
@require_POST
def close(request, slug: str):
    opportunity = _opening(slug)
    services.opportunity_close(actor=request.user, opportunity=opportunity)
    messages.success(request, "Closed: it no longer takes applications.")
    return redirect("openings:manage", opportunity.organisation.slug)
