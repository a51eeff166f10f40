"""Events' pages: the list, one event with "I'll go", the worker's events, and the
organisation's page to post events and import a feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.booking.rules import worker_of
from stagedoor.core.forms import add_service_errors
from stagedoor.core.nearby import distance_km, distance_words, spot_near
from stagedoor.core.paging import page_of
from stagedoor.core.places import find_place
from stagedoor.core.validation import messages_of
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager

from . import selectors, services
from .forms import EventForm, FilterForm, ImportForm
from .models import IndustryEvent

MAX_UPLOAD = 2 * 1024 * 1024


def event_list(request):
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    worker = worker_of(request.user)
    spot, unknown = spot_near(data.get("near", ""), worker)
    found = selectors.event_list(now=timezone.now(), spot=spot, kind=data.get("kind") or None)
    return render(
        request,
        "events/list.html",
        {"form": form, "found": page_of(request, found), "spot": spot, "unknown": unknown},
    )


def detail(request, slug: str):
    event = get_object_or_404(IndustryEvent.objects.select_related("organisation"), slug=slug)
    worker = worker_of(request.user)
    km = (
        None
        if worker is None or event.online
        else distance_km(worker, event.latitude, event.longitude)
    )
    return render(
        request,
        "events/detail.html",
        {
            "e": event,
            "worker": worker,
            "going": selectors.going(worker, event),
            "when": selectors.when_words(event),
            "where": selectors.place_words(event),
            "distance": distance_words(km, event.online),
            "roles": event.roles.order_by("name"),
            "count": event.attendances.count(),
        },
    )


@login_required
@require_POST
def going(request, slug: str):
    event = get_object_or_404(IndustryEvent, slug=slug)
    go = request.POST.get("going") == "1"
    services.event_attend(actor=request.user, event=event, going=go)
    messages.success(request, "It is in your calendar." if go else "Taken out of your calendar.")
    return redirect(event.get_absolute_url())


@login_required
def mine(request):
    worker = worker_of(request.user)
    rows = selectors.events_of(worker, timezone.now()) if worker else []
    return render(request, "events/mine.html", {"rows": rows})


@login_required
def manage(request, org_slug: str):
    organisation = get_object_or_404(Organisation, slug=org_slug)
    require_manager(request.user, organisation, "manage its events")
    home = find_place(organisation.city or "")
    zone = home.timezone if home else "UTC"
    form = EventForm(prefix="event")
    upload = ImportForm(prefix="ics")
    if request.method == "POST" and "event-title" in request.POST:
        form = EventForm(request.POST, prefix="event")
        if form.is_valid():
            try:
                saved = services.event_save(
                    actor=request.user, organisation=organisation, data=form.service_data(zone)
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Posted. It is on the events list now.")
                return redirect(saved.get_absolute_url())
    elif request.method == "POST":
        upload = ImportForm(request.POST, request.FILES, prefix="ics")
        if upload.is_valid():
            got = _import(request, organisation, upload)
            if got is not None:
                messages.success(request, f"Imported: {got.created} new, {got.updated} updated.")
                return redirect("events:manage", organisation.slug)
    rows = organisation.industry_events.order_by("-starts_at")
    return render(
        request,
        "events/manage.html",
        {"org": organisation, "form": form, "upload": upload, "rows": rows, "zone": zone},
    )


def _import(request, organisation, upload: ImportForm):
    data = upload.cleaned_data
    try:
        if data["file"]:
            if data["file"].size > MAX_UPLOAD:
                upload.add_error("file", "At most 2 MB.")
                return None
            text = data["file"].read().decode("utf-8", errors="replace")
            return services.events_import(
                actor=request.user,
                organisation=organisation,
                text=text,
                source=data["file"].name,
                kind=data["kind"],
            )
        if data["url"]:
            return services.events_import_url(
                actor=request.user, organisation=organisation, url=data["url"], kind=data["kind"]
            )
        upload.add_error("file", "Choose a file or give a feed's address.")
    except ValidationError as error:
        for field, problems in messages_of(error).items():
            for problem in problems:
                upload.add_error(field if field in upload.fields else "file", problem)
    return None
