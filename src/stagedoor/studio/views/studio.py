"""The studio's pages: its projects, a new project, a project's deliverables, quotes asked
for, the comparison, acceptance and the review of deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from stagedoor.core.paging import page_of
from stagedoor.core.validation import messages_of
from stagedoor.industry.rules import managed_organisations
from stagedoor.people.models import WorkerProfile

from .. import selectors, services
from ..enums import DeliveryStatus
from ..forms import DeliverableForm, InviteForm, ProjectForm, ReviewForm
from ..models import Deliverable, Quote
from ..rules import accepted_quote, require_runs
from .common import project_of, run

ROWS = 3  # deliverable rows on the new-project form; blank ones are left out


@login_required
def projects(request):
    orgs = managed_organisations(request.user).filter(kind="studio")
    page = page_of(request, selectors.studio_projects(orgs.values_list("pk", flat=True)))
    states = selectors.project_states(page)
    rows = [(p, selectors.STATE_WORDS[states[p.pk]]) for p in page]
    context = {"rows": rows, "orgs": orgs, "page": page}
    return render(request, "studio/projects.html", context)


def _filled(form: DeliverableForm) -> bool:
    return any(form.data.get(form.add_prefix(name)) for name in ("title", "due_on", "budget"))


@login_required
def project_new(request):
    orgs = managed_organisations(request.user).filter(kind="studio")
    if not orgs.exists():
        raise PermissionDenied("Only a studio's managers may start studio projects.")
    data = request.POST if request.method == "POST" else None
    chosen = orgs.filter(slug=request.GET.get("org")).first() or orgs.first()
    form = ProjectForm(data, organisations=orgs, initial={"organisation": chosen})
    # Only the first row must be filled: the others carry no required marks for the browser.
    rows = [
        DeliverableForm(data, prefix=f"d{n}", use_required_attribute=n == 1)
        for n in range(1, ROWS + 1)
    ]
    if data is not None:
        used = [rows[0]] + [f for f in rows[1:] if _filled(f)]
        if form.is_valid() and all(f.is_valid() for f in used):
            clean = form.cleaned_data
            try:
                project = services.studio_project_create(
                    actor=request.user,
                    organisation=clean["organisation"],
                    title=clean["title"],
                    description=clean["description"],
                    deadline=clean["deadline"],
                    role=clean["role"],
                    currency=clean["currency"].strip().upper(),
                    genres=clean["genres"],
                    open_to_quotes=clean["open_to_quotes"],
                    remote_allowed=True,
                    deliverables=[f.cleaned_data for f in used],
                )
            except ValidationError as exc:
                project = None
                for name, texts in messages_of(exc).items():
                    # "deliverables.2.due_on" belongs on the second row's field.
                    parts = name.split(".")
                    target = rows[int(parts[1]) - 1] if len(parts) == 3 else form
                    field = parts[2] if len(parts) == 3 else name
                    for text in texts:
                        target.add_error(field if field in target.fields else None, text)
            if project is not None:
                messages.success(request, f"“{project.title}” is set up. Ask people to quote.")
                return redirect("studio:project", slug=project.slug)
    return render(request, "studio/project_new.html", {"form": form, "rows": rows})


def _context(request, project) -> dict:
    require_runs(request.user, project, "see its quotes and deliveries")
    hired = accepted_quote(project)
    asked = set(Quote.objects.filter(project=project).values_list("worker_id", flat=True))
    candidates = (
        WorkerProfile.objects.filter(roles__role=project.brief.role)
        .exclude(pk__in=asked)
        .order_by("display_name")
    )
    return {
        "project": project,
        "brief": project.brief,
        "state": selectors.STATE_WORDS[selectors.project_state(project)],
        "deliverables": selectors.deliverables_of(project),
        "budget": selectors.budget_of(project),
        "hired": hired,
        "quotes": Quote.objects.filter(project=project).select_related("worker"),
        "invite_form": InviteForm(workers=candidates) if hired is None else None,
        "deliverable_form": DeliverableForm(prefix="new") if hired is None else None,
        "review_form": ReviewForm(),
        "DELIVERED": DeliveryStatus.DELIVERED,
    }


@login_required
def project(request, slug: str):
    return render(request, "studio/project.html", _context(request, project_of(slug)))


@login_required
@require_POST
def deliverable_add(request, slug: str):
    obj = project_of(slug)
    form = DeliverableForm(request.POST, prefix="new")
    if form.is_valid():
        done = run(
            request,
            form,
            services.deliverable_add,
            actor=request.user,
            project=obj,
            **form.cleaned_data,
        )
        if done is not None:
            return redirect("studio:project", slug=slug)
    context = _context(request, obj) | {"deliverable_form": form}
    return render(request, "studio/project.html", context, status=422)


@login_required
@require_POST
def invite(request, slug: str):
    obj = project_of(slug)
    context = _context(request, obj)
    form = InviteForm(request.POST, workers=context["invite_form"].fields["workers"].queryset)
    if form.is_valid():
        done = run(
            request,
            form,
            services.quote_invite,
            actor=request.user,
            project=obj,
            workers=list(form.cleaned_data["workers"]),
        )
        if done is not None:
            messages.success(request, f"Asked {len(done)} to quote.")
            return redirect("studio:project", slug=slug)
    return render(request, "studio/project.html", context | {"invite_form": form}, status=422)


@login_required
def compare(request, slug: str):
    obj = project_of(slug)
    require_runs(request.user, obj, "compare its quotes")
    return render(
        request,
        "studio/compare.html",
        {
            "project": obj,
            "brief": obj.brief,
            "rows": selectors.comparison(obj),
            "budget": selectors.budget_of(obj),
            "songs": selectors.songs_of(obj),
            "hired": accepted_quote(obj),
            "waiting": Quote.objects.filter(project=obj, status="invited").select_related("worker"),
        },
    )


@login_required
@require_POST
def accept(request, pk: int):
    quote = get_object_or_404(Quote.objects.select_related("project__brief", "worker"), pk=pk)
    done = run(request, None, services.quote_accept, actor=request.user, quote=quote)
    if done is not None:
        messages.success(request, f"{quote.worker.display_name} is hired for the project.")
        return redirect("studio:project", slug=quote.project.slug)
    return redirect("studio:compare", slug=quote.project.slug)


def _review(request, pk: int, fn, done_text: str):
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("project__organisation", "project__brief"), pk=pk
    )
    form = ReviewForm(request.POST)
    form.is_valid()
    kwargs = {"note": form.cleaned_data.get("note", "")}
    if fn is services.deliverable_revise:
        kwargs["extra"] = form.cleaned_data.get("extra", False)
    if run(request, None, fn, actor=request.user, deliverable=deliverable, **kwargs):
        messages.success(request, done_text.format(title=deliverable.title))
    return redirect("studio:project", slug=deliverable.project.slug)


@login_required
@require_POST
def revise(request, pk: int):
    return _review(
        request, pk, services.deliverable_revise, "“{title}” is sent back for a revision."
    )


@login_required
@require_POST
def approve(request, pk: int):
    return _review(request, pk, services.deliverable_approve, "“{title}” is approved.")
