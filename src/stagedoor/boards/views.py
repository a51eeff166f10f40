"""Job board pages: postings, careers pages, feeds, search, imports and the title hint."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from stagedoor.core.http import is_htmx, or_404, render_partial
from stagedoor.core.paging import page_of
from stagedoor.core.rules import may_cancel
from stagedoor.core.validation import messages_of
from stagedoor.gigs import selectors as gigs_selectors
from stagedoor.gigs import services as gigs_services
from stagedoor.gigs.models import Position
from stagedoor.industry.models import Organisation, Role
from stagedoor.matching import selectors as matching

from . import rules, selectors, services
from .classify import role_classifier
from .cursor import CursorError, cursor_of, read_cursor
from .feeds import atom_feed
from .forms import ImportForm, JobSearchForm
from .jsonld import employment_words, position_jobposting
from .models import ExternalPosting, ImportRun

SHOWN_POSTINGS = 200


def jsonld_script(data) -> str:
    # "<" escaped so a description can never close the script element.
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def posting(request, pk: int):
    position = or_404(Position, "No such open call", selectors.posting, pk)
    data = position_jobposting(position, request.build_absolute_uri)
    worker = getattr(request.user, "worker", None) if request.user.is_authenticated else None
    context = {
        "position": position,
        "jobposting": data,
        "jsonld": jsonld_script(data),
        "worker": worker,
        "work": employment_words(data["employmentType"]),
        "is_interested": pk in gigs_selectors.interested_position_ids(worker, [pk]),
    }
    return render(request, "boards/posting.html", context)


def careers(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    calls = selectors.listed(selectors.open_positions(organisation=org))
    page = page_of(request, calls, size=PAGE_SIZE)
    context = {"org": org, "page": page, "positions": list(page)}
    return render(request, "boards/careers.html", context)


PAGE_SIZE = 25


def jobs(request):
    """Open calls on Stagedoor and imported postings: searched, filtered, counted in full and
    paged; the filters stay in the query string, so every page link keeps them."""
    form = JobSearchForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    filters = form.filters() if form.is_bound and valid else selectors.JobFilters()
    positions = selectors.job_search(filters) if valid else Position.objects.none()
    positions = selectors.listed(positions)
    page = page_of(request, positions, size=PAGE_SIZE, keyed=True, most=selectors.MOST)
    external = selectors.external_search(filters) if valid else []
    epage = page_of(
        request, external, size=PAGE_SIZE, param="epage", keyed=True, most=selectors.MOST
    )
    worker = getattr(request.user, "worker", None) if request.user.is_authenticated else None
    context = {
        "form": form,
        "q": filters.q,
        "page": page,
        "positions": list(page),
        "epage": epage,
        "external": list(epage),
        "interested": gigs_selectors.interested_position_ids(worker, [p.pk for p in page]),
        "saved": selectors.saved_ids(user=request.user, postings=list(epage)),
        "filtered": filters != selectors.JobFilters(),
    }
    return render_partial(request, "boards/_jobs.html", "boards/jobs.html", context)


# Calls a page of the JSON feed holds, and the newest calls the Atom feed carries: a national
# pool has 170,000 open calls, which no one request should turn into JSON or XML.
FEED_PAGE = 500
ATOM_NEWEST = 200


def jobs_json(request):
    """The open calls, soonest first, as a list of JobPosting objects (the JSON feed shape we
    import), FEED_PAGE at a time. The Link header's rel="next" names `?after=`, a marker of
    the page's last call, so every page costs the same however deep; `?page=N` still works
    (counted from the start, so slower deep down) and links back with rel="prev"."""
    url = request.build_absolute_uri(reverse("boards:jobs-json"))
    links = []
    if "after" in request.GET:
        try:
            call_start, pk = read_cursor(request.GET["after"])
        except CursorError as exc:
            return JsonResponse({"after": str(exc)}, status=400)
        rows = list(selectors.open_positions_after(call_start, pk)[: FEED_PAGE + 1])
    else:
        number = request.GET.get("page", "1")
        if not number.isdigit() or not 1 <= int(number) <= selectors.FEED_PAGES_MOST:
            return JsonResponse(
                {"page": f"Give a page number from 1 to {selectors.FEED_PAGES_MOST:,}."},
                status=400,
            )
        number = int(number)
        start = (number - 1) * FEED_PAGE
        rows = list(selectors.open_positions()[start : start + FEED_PAGE + 1])
        if not rows and number > 1:
            return JsonResponse({"page": f"There are no open calls on page {number}."}, status=404)
        if number > 1:
            links.append(f'<{url}?page={number - 1}>; rel="prev"')
    page = rows[:FEED_PAGE]
    items = [position_jobposting(p, request.build_absolute_uri) for p in page]
    response = JsonResponse(items, safe=False, json_dumps_params={"ensure_ascii": False})
    if len(rows) > FEED_PAGE:
        after = urlencode({"after": cursor_of(page[-1].call_start, page[-1].pk)})
        links.insert(0, f'<{url}?{after}>; rel="next"')
    if links:
        response["Link"] = ", ".join(links)
    return response


def jobs_atom(request):
    """The ATOM_NEWEST open calls posted most recently, newest first (what a feed reader or
    an aggregator polling for new calls wants); the key's order is the order they were posted
    in, and walks its index from the newest end."""
    newest = selectors.open_positions().order_by("-pk")[:ATOM_NEWEST]
    feed = atom_feed(request, newest)
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
    runs = page_of(request, selectors.import_runs_of(actor=request.user))
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
        "can_stop": bool(task and not task.finished and may_cancel(request.user, task)),
        "report_limit": services.REPORT_LIMIT,
        # A big import lists its first postings; the counts above say how many there are.
        "postings": list(run.postings.select_related("role").order_by("pk")[:SHOWN_POSTINGS])
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
        "saved": selectors.saved_ids(user=request.user, postings=[e.posting for e in external]),
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


def _back(request, fallback: str):
    nxt = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure())
    return redirect(nxt if nxt and safe else fallback)


@login_required
@require_POST
def interest(request, pk: int):
    """ "I'm interested" on an open call, or taking it back (htmx swaps the button)."""
    position = or_404(Position, "No such open call", selectors.posting, pk)
    wanted = request.POST.get("interested", "1") != "0"
    try:
        now = gigs_services.interest_set(actor=request.user, position=position, interested=wanted)
    except ValidationError as exc:
        if is_htmx(request):
            return HttpResponse(" ".join(_error_text(exc)), status=422)
        messages.error(request, " ".join(_error_text(exc)))
        return _back(request, reverse("boards:posting", args=[pk]))
    if is_htmx(request):
        context = {"position": position, "is_interested": now}
        return render(request, "boards/_interest.html", context)
    return _back(request, reverse("boards:posting", args=[pk]))


@login_required
@require_POST
def save(request, pk: int):
    """Save an imported posting to come back to, or drop it (htmx swaps the button)."""
    posting = get_object_or_404(ExternalPosting, pk=pk)
    now = services.posting_save(
        actor=request.user, posting=posting, saved=request.POST.get("saved", "1") != "0"
    )
    if is_htmx(request):
        return render(
            request, "boards/_save.html", {"posting": posting, "saved": {pk} if now else set()}
        )
    return _back(request, reverse("boards:saved"))


@login_required
def saved(request):
    """The imported postings the user saved, to apply for at the source."""
    page = page_of(request, selectors.saved_postings(user=request.user), size=PAGE_SIZE)
    postings = list(page)
    context = {"page": page, "external": postings, "saved": {p.pk for p in postings}}
    return render(request, "boards/saved.html", context)
