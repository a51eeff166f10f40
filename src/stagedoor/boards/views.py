"""Job board pages: postings, careers pages, feeds, search, imports and the title hint."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe

from stagedoor.core.http import or_404, render_partial
from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import Position
from stagedoor.industry.models import Organisation, Role
from stagedoor.matching import selectors as matching

from . import rules, selectors, services
from .classify import role_classifier
from .feeds import atom_feed
from .forms import ImportForm, JobSearchForm
from .jsonld import position_jobposting
from .models import ImportRun

LIST_LIMIT = 100


def jsonld_script(data) -> str:
    # "<" escaped so a description can never close the script element.
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def posting(request, pk: int):
    position = or_404(Position, "No such open call", selectors.posting, pk)
    data = position_jobposting(position, request.build_absolute_uri)
    return render(
        request,
        "boards/posting.html",
        {"position": position, "jobposting": data, "jsonld": jsonld_script(data)},
    )


def careers(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    positions = list(selectors.open_positions(organisation=org))
    return render(request, "boards/careers.html", {"org": org, "positions": positions})


def jobs(request):
    form = JobSearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {
        "form": form,
        "q": q,
        "positions": list(selectors.open_positions(q=q)[:LIST_LIMIT]),
        "external": list(selectors.external_open(q=q)[:LIST_LIMIT]),
    }
    return render_partial(request, "boards/_jobs.html", "boards/jobs.html", context)


def jobs_json(request):
    """Every open call as a list of JobPosting objects (the JSON feed shape we import)."""
    items = [position_jobposting(p, request.build_absolute_uri) for p in selectors.open_positions()]
    return JsonResponse(items, safe=False, json_dumps_params={"ensure_ascii": False})


def jobs_atom(request):
    feed = atom_feed(request, selectors.open_positions())
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _error_text(exc: ValidationError) -> list[str]:
    return [
        f"{'' if field == '__all__' else field.replace('_', ' ').capitalize() + ': '}{text}"
        for field, texts in messages_of(exc).items()
        for text in texts
    ]


@login_required
def import_page(request):
    if not rules.may_import(request.user):
        raise PermissionDenied("Only managers of an organisation can import postings.")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.import_run_start(
                actor=request.user,
                url=form.cleaned_data["url"] or "",
                filename=upload.name if upload else "",
                content=upload.read() if upload else None,
                source=form.cleaned_data["source"],
            )
        except ValidationError as exc:
            for field, texts in messages_of(exc).items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        else:
            return redirect(run.get_absolute_url())
    runs = selectors.import_runs_of(actor=request.user)
    return render(request, "boards/import.html", {"form": form, "runs": runs})


@login_required
def import_run(request, pk: int):
    """The run's progress while it works (htmx polls this), then its report."""
    run = or_404(
        ImportRun, "No such import", selectors.import_run_get, actor=request.user, run_id=pk
    )
    task = run.task
    context = {
        "run": run,
        "percent": 100 if run.finished else (task.percent if task else 0),
        "task": task,
        "postings": list(run.postings.select_related("role").order_by("pk"))
        if run.finished
        else [],
    }
    return render_partial(request, "boards/_import_run.html", "boards/import_run.html", context)


@login_required
def suggest_role(request):
    """The role the classifier reads in a typed title: a hint beside the posting form."""
    title = request.GET.get("title", "").strip()[:160]
    guess = role_classifier().classify(title) if title else None
    role = Role.objects.filter(slug=guess.role).first() if guess and guess.role else None
    return render(request, "boards/_role_hint.html", {"title": title, "guess": guess, "role": role})


@login_required
def my_gigs(request):
    """The "Gigs for you" page: the calls matching ranks for the worker, and beside them (not
    among them) the postings imported from other boards that fit their roles and radius."""
    worker = getattr(request.user, "worker", None)
    if worker is None:
        raise Http404("You have no worker profile")
    shown = _gigs_shown(request.GET.get("shown"))
    gigs = matching.gigs(worker=worker, k=shown)
    external = selectors.external_gigs_for(worker=worker, limit=shown)
    more = shown < GIGS_MOST and (len(gigs) >= shown or len(external) >= shown)
    context = {
        "gigs": gigs,
        "worker": worker,
        "external": external,
        "more_url": f"?shown={shown + GIGS_STEP}" if more else "",
    }
    return render(request, "boards/gigs.html", context)


# "Gigs for you" shows the best ten, then ten more a tap, up to fifty: a phone reads the
# first screenful, and the ranking says the rest fit less well.
GIGS_STEP = 10
GIGS_MOST = 50


def _gigs_shown(raw: str | None) -> int:
    try:
        shown = int(raw or GIGS_STEP)
    except ValueError:
        shown = GIGS_STEP
    return min(max(shown, GIGS_STEP), GIGS_MOST)
