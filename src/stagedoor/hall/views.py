"""The hall's pages: the dispatcher's desk, lists, rules and requests; the employer's "send to
the hall"; the registrant's own page on the phone, with her record to export."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.booking.models import Offer
from stagedoor.core.csvsafe import safe_writer
from stagedoor.core.locking import Busy
from stagedoor.core.paging import page_of
from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import Position
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage

from . import rules, selectors, services, snapshot
from .forms import CallRequestForm, EmergencyForm, ListFilterForm
from .models import CallRequest, Classification, Registrant, RuleVersion
from .record import passed_over, record_rows


def _say(request, exc: Exception) -> None:
    if isinstance(exc, Busy):
        messages.error(request, str(exc))
        return
    texts = [t for ts in messages_of(exc).values() for t in ts]
    messages.error(request, " ".join(texts))


def _local(request, slug: str) -> Organisation:
    local = get_object_or_404(Organisation, slug=slug, kind="union_local")
    rules.require_dispatcher(request.user, local, "use the hall's desk")
    return local


@login_required
def home(request):
    desk = selectors.locals_dispatched_by(request.user).first()
    if desk is not None:
        return redirect("hall:desk", slug=desk.slug)
    return redirect("hall:me")


@login_required
def desk(request, slug: str):
    local = _local(request, slug)
    now = timezone.now()
    services.answers_sync(local=local, now=now)
    requests, plan = snapshot.preview(local, now)
    names = {
        r.pk: r.worker.display_name
        for r in Registrant.objects.filter(local=local).select_related("worker")
    }
    seats = selectors.seat_counts([req.position for req in requests])
    rows = []
    for req in requests:
        position = req.position
        rows.append(
            {
                "request": req,
                "position": position,
                "booked": seats[position.pk][0],
                "open": seats[position.pk][1],
                "next": [names[o.registrant] for o in plan.offers if o.request == req.pk],
            }
        )
    context = {
        "local": local,
        "rows": rows,
        "rules": selectors.rules_in_force(local, now),
        "log": page_of(request, selectors.log_of(local, selectors.DESK_KINDS), param="log"),
        "zone": selectors.hall_zone(local),
        "waiting": _unrequested(local, now),
    }
    return render(request, "hall/desk.html", context)


def _unrequested(local, now):
    return list(
        Position.objects.filter(
            show__venue__union_local=local,
            union_required=True,
            call_start__gt=now,
            cancelled_at__isnull=True,
            hall_request__isnull=True,
            show__status="published",
        ).select_related("show__venue", "role")[:20]
    )


@login_required
@require_POST
def dispatch(request, slug: str):
    local = _local(request, slug)
    only = request.POST.get("request")
    try:
        run = services.dispatch_run(
            actor=request.user, local=local, request_ids=[int(only)] if only else None
        )
    except (ValidationError, Busy) as exc:
        _say(request, exc)
    else:
        messages.success(
            request,
            f"Dispatched under rules v{run.rules.number}: {run.offers} offers sent, "
            f"{run.skips} people skipped, each with the reason on the record.",
        )
    return redirect("hall:desk", slug=slug)


@login_required
def lists(request, slug: str):
    local = _local(request, slug)
    classes = selectors.classifications(local)
    form = ListFilterForm(request.GET or None, classifications=classes)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        if data["classification"]:
            filters["classification"] = next(
                c for c in classes if str(c.pk) == data["classification"]
            )
        if data["group"] != "":
            filters["group"] = int(data["group"])
        filters["status"] = data["status"]
        filters["q"] = data["q"].strip()
    # Places count the whole list, so it is worked out whole; a page shows some of it.
    rows = page_of(request, selectors.list_rows(local, **filters))
    for row in rows:
        row["status_words"] = selectors.STATUS_WORDS[selectors.row_status(row)]
    return render(request, "hall/lists.html", {"local": local, "form": form, "rows": rows})


@login_required
@require_POST
def recompute(request, slug: str):
    local = _local(request, slug)
    try:
        pub = services.lists_recompute(actor=request.user, local=local)
    except ValidationError as exc:
        _say(request, exc)
    else:
        messages.success(request, f"Lists recomputed and published; {pub.moved} moved group.")
    return redirect("hall:lists", slug=slug)


@login_required
def rule_versions(request, slug: str):
    local = get_object_or_404(Organisation, slug=slug, kind="union_local")
    versions = list(RuleVersion.objects.filter(local=local))
    in_force = selectors.rules_in_force(local)
    return render(
        request,
        "hall/rules.html",
        {
            "local": local,
            "versions": versions,
            "in_force": in_force,
            "now": timezone.now(),
            "dispatcher": rules.can_dispatch(request.user, local),
            "zone": selectors.hall_zone(local),
        },
    )


@login_required
def call(request, pk: int):
    """A union call: its request at the hall, or the employer's form to send it there."""
    position = get_object_or_404(Position.objects.select_related("show__venue", "role"), pk=pk)
    existing = CallRequest.objects.filter(position=position).first()
    if existing is not None:
        return redirect("hall:request", pk=existing.pk)
    rules.require_requester(request.user, position)
    local = rules.hall_of(position)
    classification = (
        Classification.objects.filter(local=local, role=position.role).first() if local else None
    )
    form = CallRequestForm(request.POST or None, classification=classification)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.request_from_position(
                actor=request.user,
                position=position,
                classification=classification,
                by_name=list(form.cleaned_data["by_name"]),
                needs=form.cleaned_data["needs"],
            )
        except (ValidationError, Busy) as exc:
            _say(request, exc)
        else:
            messages.success(
                request, f"Sent to {local.name}; the dispatcher fills it in list order."
            )
            return redirect("hall:request", pk=req.pk)
    context = {"position": position, "local": local, "classification": classification, "form": form}
    return render(request, "hall/call.html", context)


@login_required
def request_detail(request, pk: int):
    req = get_object_or_404(
        CallRequest.objects.select_related(
            "position__show__venue", "position__role", "local", "classification"
        ),
        pk=pk,
    )
    position = req.position
    dispatcher = rules.can_dispatch(request.user, req.local)
    if not dispatcher and not rules.can_request(request.user, position):
        raise PermissionDenied("Only the hall's dispatchers and the employer see this request.")
    form = EmergencyForm(request.POST or None, local=req.local) if dispatcher else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.dispatch_emergency(
                actor=request.user,
                request=req,
                registrant=form.cleaned_data["registrant"],
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, Busy) as exc:
            _say(request, exc)
        else:
            messages.success(request, "Offered outside list order; the reason is on the record.")
            return redirect("hall:request", pk=pk)
    context = {
        "req": req,
        "position": position,
        "dispatcher": dispatcher,
        "form": form,
        "log": selectors.request_log(req),
        "booked": selectors.booked_count(position),
        "open": selectors.seats_left(position),
        "employer": can_manage(request.user, position.organisation),
    }
    return render(request, "hall/request.html", context)


@login_required
def me(request):
    worker = getattr(request.user, "worker", None)
    cards = selectors.registrations_of(worker) if worker is not None else []
    sections = []
    for reg in cards:
        rows = selectors.list_rows(reg.local)
        mine = [r for r in rows if r["entry"].registrant_id == reg.pk]
        state = mine[0]["standing"] if mine else None
        sections.append(
            {
                "reg": reg,
                "lists": [
                    {
                        "row": r,
                        "ahead": r["place"] - 1 if r["place"] else None,
                        "of": sum(
                            1
                            for x in rows
                            if x["entry"].classification_id == r["entry"].classification_id
                            and x["place"]
                        ),
                    }
                    for r in mine
                ],
                "state": state,
                "offers": selectors.pending_offers(reg),
                "passed": passed_over(reg),
                "history": list(reversed(selectors.history(reg)))[:20],
                "rules": selectors.rules_in_force(reg.local),
                "zone": selectors.hall_zone(reg.local),
            }
        )
    return render(request, "hall/me.html", {"sections": sections})


@login_required
@require_POST
def sign(request, pk: int):
    reg = get_object_or_404(Registrant.objects.select_related("worker", "local"), pk=pk)
    try:
        services.list_sign(actor=request.user, registrant=reg)
    except ValidationError as exc:
        _say(request, exc)
    else:
        messages.success(request, f"You are on {reg.local.name}'s out-of-work list.")
    return redirect("hall:me")


@login_required
@require_POST
def answer(request, pk: int):
    offer = get_object_or_404(Offer, pk=pk)
    choice = request.POST.get("answer", "")
    try:
        services.offer_answer(actor=request.user, offer=offer, answer=choice)
    except (ValidationError, Busy) as exc:
        _say(request, exc)
    else:
        words = {
            "accept": "Accepted: you are booked.",
            "pass": "Passed on this call; you stay available today.",
            "decline": "Declined; the hall knows you are not available today.",
        }
        messages.success(request, words[choice])
    return redirect("hall:me")


@login_required
def export(request, pk: int, fmt: str):
    reg = get_object_or_404(Registrant.objects.select_related("worker", "local"), pk=pk)
    if not rules.can_see_record(request.user, reg):
        raise PermissionDenied("Only the registrant and the hall's dispatchers see this record.")
    if fmt not in ("csv", "json"):
        raise Http404("The record comes as csv or json.")
    rows = record_rows(reg)
    name = f"hall-record-{reg.local.slug}-{reg.worker.slug}"
    if fmt == "json":
        response = HttpResponse(json.dumps(rows, indent=2), content_type="application/json")
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        fields = list(rows[0]) if rows else ["when"]
        writer = safe_writer(response)
        writer.writerow(fields)
        writer.writerows([row.get(field, "") for field in fields] for row in rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
