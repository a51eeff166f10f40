"""Call sheets (page, PDF, .ics per show) and the worker's personal calendar feed."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import Show

from .. import calendars
from .. import today as today_selectors
from ..callsheets import render as callsheet_render
from ..callsheets import selectors as callsheets
from ..rules import worker_of

ICS = "text/calendar; charset=utf-8"


def _show(slug: str) -> Show:
    return get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)


def _bad_request(exc: ValidationError) -> HttpResponseBadRequest:
    text = "; ".join(f"{f}: {m}" for f, ms in messages_of(exc).items() for m in ms)
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


def _sheet_view(view):
    """The page and the PDF read the same sheet: the show, the department asked for, the
    reader's permission; an unknown department is a 400 naming it."""

    @wraps(view)
    def wrapper(request, slug: str):
        show = _show(slug)
        department = request.GET.get("department") or None
        try:
            sheet = callsheets.callsheet_get(actor=request.user, show=show, department=department)
        except ValidationError as exc:
            return _bad_request(exc)
        return view(request, show, sheet)

    return wrapper


@never_cache
@require_GET
@_sheet_view
def callsheet(request, show: Show, sheet: callsheets.CallSheet):
    worker = worker_of(request.user)
    context = {
        "sheet": sheet,
        "departments": callsheets.callsheet_departments(show),
        "stamps": today_selectors.stamps_on_show(worker, show) if worker else [],
    }
    return render(request, "booking/callsheet.html", context)


@never_cache
@require_GET
@_sheet_view
def callsheet_pdf(request, show: Show, sheet: callsheets.CallSheet):
    pdf = callsheet_render.callsheet_pdf(sheet, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "-".join(filter(None, ("call-sheet", show.slug, sheet.department)))
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@never_cache
@require_GET
def show_calendar(request, slug: str):
    show = _show(slug)
    response = HttpResponse(calendars.show_calendar(actor=request.user, show=show), ICS)
    response["Content-Disposition"] = f'attachment; filename="{show.slug}.ics"'
    return response


@never_cache
@require_GET
def feed(request, token: str):
    found = calendars.feed_for_token(token)
    if found is None:
        raise Http404("No such calendar. If it was renewed, copy the new address.")
    return HttpResponse(calendars.worker_calendar(found.worker), ICS)


@never_cache
@login_required
@require_GET
def my_calendar(request):
    worker = worker_of(request.user)
    if worker is None:
        return render(request, "booking/calendar.html", {"feed": None})
    found = calendars.calendar_feed_get_or_create(actor=request.user, worker=worker)
    return render(
        request,
        "booking/calendar.html",
        {
            "feed": found,
            "feed_url": calendars.feed_url(found, request.build_absolute_uri("/")),
            "webcal_url": calendars.webcal_url(found, request.build_absolute_uri("/")),
        },
    )


@login_required
@require_POST
def my_calendar_revoke(request):
    worker = worker_of(request.user)
    if worker is None:
        raise Http404("Only crew with a profile have a calendar feed.")
    calendars.calendar_feed_revoke(actor=request.user, worker=worker)
    messages.success(
        request,
        "New calendar address issued. The old one no longer works: "
        "subscribe again with the address below.",
    )
    return redirect("booking:calendar")


urlpatterns = [
    path("shows/<slug:slug>/call-sheet/", callsheet, name="callsheet"),
    path("shows/<slug:slug>/call-sheet.pdf", callsheet_pdf, name="callsheet-pdf"),
    path("shows/<slug:slug>/calendar.ics", show_calendar, name="show-calendar"),
    path("calendar/<slug:token>.ics", feed, name="feed"),
    path("me/calendar/", my_calendar, name="calendar"),
    path("me/calendar/revoke/", my_calendar_revoke, name="calendar-revoke"),
]
