"""Auto-staff pages: start a run (organisation, show, tour, project), watch it, accept it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.core.http import is_htmx, or_404, render_partial
from stagedoor.core.validation import hours_from_now, messages_of
from stagedoor.gigs.models import Show, StudioProject, Tour
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager

from . import selectors, services
from .forms import StaffingRunForm
from .models import StaffingRun


def _error_text(exc: ValidationError) -> str:
    return " ".join(
        f"{'' if field == '__all__' else field.replace('_', ' ').capitalize() + ': '}{text}"
        for field, texts in messages_of(exc).items()
        for text in texts
    )


@login_required
def org_auto_staff(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    require_manager(request.user, org, "auto-staff its calls")
    today = timezone.localdate()
    form = StaffingRunForm(
        request.POST or None,
        initial={"date_from": today, "date_to": today + dt.timedelta(days=30)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            run = services.staffing_run_start(
                actor=request.user, organisation=org, **form.service_fields()
            )
        except ValidationError as exc:
            for field, texts in messages_of(exc).items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        else:
            return redirect("staffing:run", pk=run.pk)
    runs = selectors.staffing_runs_of(actor=request.user, organisation=org)
    return render(request, "staffing/org.html", {"org": org, "form": form, "runs": runs})


def _start_for(request, parent, fallback: str, **scope):
    try:
        run = services.staffing_run_start(
            actor=request.user, organisation=parent.organisation, **scope
        )
    except ValidationError as exc:
        messages.error(request, f"Nothing was started. {_error_text(exc)}")
        return redirect(fallback)
    return redirect("staffing:run", pk=run.pk)


@login_required
@require_POST
def show_auto_staff(request, slug: str):
    show = get_object_or_404(Show.objects.select_related("organisation"), slug=slug)
    return _start_for(request, show, reverse("booking:board", args=[slug]), show=show)


@login_required
@require_POST
def tour_auto_staff(request, slug: str):
    tour = get_object_or_404(Tour.objects.select_related("organisation"), slug=slug)
    return _start_for(request, tour, tour.get_absolute_url(), tour=tour)


@login_required
@require_POST
def project_auto_staff(request, slug: str):
    project = get_object_or_404(StudioProject.objects.select_related("organisation"), slug=slug)
    fallback = reverse("booking:project-board", args=[slug])
    return _start_for(request, project, fallback, project=project)


def _run(request, pk: int) -> StaffingRun:
    return or_404(
        StaffingRun, "No such run", selectors.staffing_run_get, actor=request.user, run_id=pk
    )


def _board_links(run: StaffingRun) -> list[tuple[str, str]]:
    """(label, url) of the staffing boards the proposal touches."""
    seen, out = set(), []
    for a in list(run.assignments.all()) + list(run.unfilled.all()):
        p = a.position
        key = ("show", p.show_id) if p.show_id else ("project", p.project_id)
        if key in seen:
            continue
        seen.add(key)
        if p.show_id:
            label = f"{p.show.artist}, {p.show.date:%d %b}"
            out.append((label, reverse("booking:board", args=[p.show.slug])))
        else:
            out.append((p.project.title, reverse("booking:project-board", args=[p.project.slug])))
    return out


def _sending(run: StaffingRun) -> dict:
    sending = services.staffing_sending_check(run)
    return {"sending": sending, "sending_text": selectors.sending_words(sending) if sending else ""}


@login_required
def run_detail(request, pk: int):
    """The run's progress while it solves (htmx polls this), then its proposal."""
    run = _run(request, pk)
    done = run.status == StaffingRun.Status.DONE
    if done:
        selectors.mark_proposal(run)
    context = {
        "run": run,
        "progress": selectors.progress_of(run),
        "boards": _board_links(run) if done else [],
        "summary": selectors.run_summary(run) if done else None,
        **(_sending(run) if done else {}),
    }
    return render_partial(request, "staffing/_run_body.html", "staffing/run.html", context)


@login_required
def run_sending(request, pk: int):
    """How far "Send offers" has got (htmx polls this); once it ends, the page reloads to
    show each row's outcome."""
    run = _run(request, pk)
    if not is_htmx(request):
        return redirect("staffing:run", pk=run.pk)
    context = {"run": run, **_sending(run)}
    response = render(request, "staffing/_sending.html", context)
    if context["sending"] is not None and context["sending"].finished:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def run_cancel_sending(request, pk: int):
    run = _run(request, pk)
    try:
        services.staffing_offers_cancel(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.info(request, "Sending stops after the offer going out now.")
    return redirect("staffing:run", pk=run.pk)


def _expiry(request) -> dt.datetime | None:
    return hours_from_now(request.POST.get("expires_in_hours"), "expires_in_hours")


@login_required
@require_POST
def run_accept(request, pk: int):
    run = _run(request, pk)
    ids = [int(x) for x in request.POST.getlist("assignment") if x.isdigit()]
    action = request.POST.get("action", "offer")
    if action == "offer":  # in the background, counted out on the page
        try:
            services.staffing_offers_start(
                actor=request.user, run=run, assignment_ids=ids, expires_at=_expiry(request),
                message=request.POST.get("message", ""),
            )  # fmt: skip
        except ValidationError as exc:
            messages.error(request, f"Nothing was sent. {_error_text(exc)}")
        return redirect("staffing:run", pk=run.pk)
    try:
        report = services.staffing_proposal_accept(
            actor=request.user, run=run, assignment_ids=ids, action=action,
            expires_at=_expiry(request) if action == "offer" else None,
            message=request.POST.get("message", ""),
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, f"Nothing changed. {_error_text(exc)}")
        return redirect("staffing:run", pk=run.pk)
    made = "offers sent" if action == "offer" else "holds pencilled"
    if report.created:
        messages.success(request, f"{len(report.created)} {made}.")
    for a in report.refused:
        messages.error(
            request, f"{a.worker.display_name} on {a.position.display_title}: {a.refused_reason}"
        )
    if not report.created and not report.refused:
        messages.info(request, "Nothing to send: no row is selected.")
    return redirect("staffing:run", pk=run.pk)
