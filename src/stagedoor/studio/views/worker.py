"""A person's side of studio work: asked to quote, quoting, the projects they are hired
for, handing work over, and their portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from stagedoor.people.models import PortfolioLink

from .. import selectors, services
from ..enums import DeliveryStatus, QuoteStatus
from ..forms import DeliverForm, PortfolioForm, QuoteForm
from ..models import Deliverable, Quote
from ..rules import may_quote, require_hired, worker_of
from .common import project_of, run


def _me(request):
    worker = worker_of(request.user)
    if worker is None:
        raise PermissionDenied("This page is for crew with a worker profile.")
    return worker


@login_required
def my_projects(request):
    worker = _me(request)
    quotes = list(selectors.quotes_of(worker))
    states = selectors.project_states([q.project for q in quotes])
    hired = [
        (q, selectors.STATE_WORDS[states[q.project_id]])
        for q in quotes
        if q.status == QuoteStatus.ACCEPTED
    ]
    return render(
        request,
        "studio/my_projects.html",
        {
            "asked": [q for q in quotes if q.status == QuoteStatus.INVITED],
            "quoted": [q for q in quotes if q.status == QuoteStatus.SUBMITTED],
            "hired": hired,
            "past": [q for q in quotes if q.status == QuoteStatus.NOT_CHOSEN],
            "open": selectors.open_briefs(worker),
        },
    )


@login_required
def quote(request, slug: str):
    worker = _me(request)
    project = project_of(slug)
    mine = Quote.objects.filter(project=project, worker=worker).first()
    if not may_quote(worker, project.brief):
        raise Http404("This project is not taking a quote from you.")
    initial = {"currency": project.brief.currency, "unit": "song", "revisions_included": 2}
    if mine is not None and mine.price is not None:
        initial = {
            name: getattr(mine, name)
            for name in (
                "price",
                "unit",
                "currency",
                "turnaround_days",
                "revisions_included",
                "note",
            )
        }
    form = QuoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        clean = form.cleaned_data
        clean["currency"] = clean["currency"].strip().upper()
        done = run(
            request, form, services.quote_submit, actor=request.user, project=project, **clean
        )
        if done is not None:
            messages.success(request, f"Your quote for “{project.title}” is sent.")
            return redirect("studio:mine")
    return render(
        request,
        "studio/quote.html",
        {
            "project": project,
            "brief": project.brief,
            "deliverables": selectors.deliverables_of(project),
            "budget": selectors.budget_of(project),
            "form": form,
        },
        status=422 if form.errors else 200,
    )


@login_required
def work(request, slug: str):
    project = project_of(slug)
    hired = require_hired(request.user, project)
    return render(
        request,
        "studio/work.html",
        {
            "project": project,
            "quote": hired,
            "state": selectors.STATE_WORDS[selectors.project_state(project)],
            "deliverables": selectors.deliverables_of(project),
            "form": DeliverForm(),
            "to_deliver": (DeliveryStatus.WAITING, DeliveryStatus.REVISION),
        },
    )


@login_required
@require_POST
def deliver(request, pk: int):
    deliverable = get_object_or_404(Deliverable.objects.select_related("project"), pk=pk)
    form = DeliverForm(request.POST)
    if not form.is_valid():
        for texts in form.errors.values():
            for text in texts:
                messages.error(request, text)
    elif run(
        request,
        None,
        services.deliverable_deliver,
        actor=request.user,
        deliverable=deliverable,
        **form.cleaned_data,
    ):
        messages.success(request, f"“{deliverable.title}” is delivered.")
    return redirect("studio:work", slug=deliverable.project.slug)


@login_required
def portfolio(request):
    worker = _me(request)
    form = PortfolioForm(request.POST or None)
    added = (
        request.method == "POST"
        and form.is_valid()
        and run(request, form, services.portfolio_link_add, actor=request.user, **form.cleaned_data)
    )
    if added:
        return redirect("studio:portfolio")
    return render(
        request,
        "studio/portfolio.html",
        {"links": worker.links.all(), "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def portfolio_delete(request, pk: int):
    link = get_object_or_404(PortfolioLink.objects.select_related("worker"), pk=pk)
    run(request, None, services.portfolio_link_delete, actor=request.user, link=link)
    return redirect("studio:portfolio")
