"""Timesheets, the approval queue, ratings, no-shows and pay pages.

Views load, 404, call the service and report: a refused write re-renders the form with
its field errors, or (for the one-button actions) goes back with a message naming them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.core.earnings import earnings_for
from stagedoor.core.forms import add_service_errors
from stagedoor.core.http import or_404
from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import Show

from .. import services
from ..forms_time import DisputeForm, PayPeriodForm, RatingForm, TimesheetForm
from ..links import timesheet_url
from ..models import Booking, Timesheet
from ..pay import export as pay_export
from ..pay import selectors as pay
from ..pay import summary as pay_summary
from ..rules import can_lead, require_lead, worker_of
from ..timesheets import rules as sheet_rules
from ..timesheets import selectors as sheets
from ..timesheets import services as timesheets
from ..timesheets.checks import check_in_opens
from ._common import attempt, back


def _booking(pk: int) -> Booking:
    return or_404(Booking, "No such booking", sheets.booking_for_timesheet, pk)


def _back(request, booking: Booking):
    return back(request, timesheet_url(booking))


def _run(request, booking: Booking, action, success: str):
    return attempt(request, action, success, timesheet_url(booking))


def _sheet_or_refuse(request, booking: Booking, action: str) -> Timesheet | None:
    sheet = sheets.timesheet_of(booking)
    if sheet is None:
        sheet_rules.require_timesheet_access(request.user, booking, action)
        messages.error(request, "Nothing changed. Record check-in and check-out first.")
    return sheet


@login_required
def timesheet(request, pk: int):
    booking = _booking(pk)
    sheet_rules.require_timesheet_access(request.user, booking, "see this timesheet")
    position = booking.position
    tz = position.timezone_name
    sheet = sheets.timesheet_of(booking)
    rows = (len(sheet.breaks.all()) + 1) if sheet else 0
    initial = TimesheetForm.initial_from(sheet, tz) if sheet else {}
    form = TimesheetForm(request.POST or None, initial=initial, timezone_name=tz, break_rows=rows)
    refused = False
    if request.method == "POST":
        if form.is_valid():
            try:
                timesheets.timesheet_record(
                    actor=request.user, booking=booking, **form.service_fields()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Times saved. Submit them when they are complete.")
                return redirect("booking:timesheet", pk=booking.pk)
        refused = True
    approved = sheet is not None and sheet.status == Timesheet.Status.APPROVED
    live = booking.status in sheets.LIVE_STATUSES
    context = {
        "booking": booking,
        "position": position,
        "sheet": sheet,
        "form": form,
        "refused": refused,
        "worked_hours": sheets.sheet_hours(sheet),
        "can_edit": live and not approved,
        # Said before the form so nobody types times in that will be refused.
        "opens": opens if (opens := check_in_opens(position)) > timezone.now() else None,
        "can_submit": live
        and sheet is not None
        and sheet.status in (Timesheet.Status.OPEN, Timesheet.Status.DISPUTED),
        "can_approve": live
        and sheet is not None
        and sheet.status == Timesheet.Status.SUBMITTED
        and sheet_rules.can_approve(request.user, booking),
        "can_dispute": live and sheet is not None and not approved,
        "dispute_form": DisputeForm(),
        "is_lead": can_lead(request.user, position),
    }
    return render(request, "booking/timesheet.html", context)


def _sheet_step(request, pk: int, action: str, service, success, **fields):
    """Submit, approve and dispute alike: load, refuse without a timesheet, run, report.
    `success` is the message, or words it from (booking, sheet) as they were before the step."""
    booking = _booking(pk)
    sheet = _sheet_or_refuse(request, booking, f"{action} this timesheet")
    if sheet is None:
        return _back(request, booking)
    message = success if isinstance(success, str) else success(booking, sheet)
    step = lambda: service(actor=request.user, timesheet=sheet, **fields)  # noqa: E731
    return _run(request, booking, step, message)


@login_required
@require_POST
def timesheet_submit(request, pk: int):
    return _sheet_step(
        request, pk, "submit", timesheets.timesheet_submit, "Timesheet submitted for approval."
    )


@login_required
@require_POST
def timesheet_approve(request, pk: int):
    return _sheet_step(
        request,
        pk,
        "approve",
        timesheets.timesheet_approve,
        lambda booking, sheet: (
            f"Approved: {booking.worker.display_name} worked {sheets.sheet_hours(sheet)} h."
        ),
    )


@login_required
@require_POST
def timesheet_dispute(request, pk: int):
    form = DisputeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else request.POST.get("note", "")
    message = "Timesheet disputed; the other side has been told."
    return _sheet_step(request, pk, "dispute", timesheets.timesheet_dispute, message, note=note)


@login_required
@require_POST
def booking_rate(request, pk: int):
    booking = _booking(pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        # Check permission before saying anything about the input.
        require_lead(request.user, booking.position, "rate crew")
        messages.error(request, "Nothing changed. Rating: Give a rating from 1 to 5.")
        return _back(request, booking)
    return _run(
        request,
        booking,
        lambda: timesheets.booking_rate(
            actor=request.user,
            booking=booking,
            rating=form.cleaned_data["rating"],
            note=form.cleaned_data["note"],
        ),
        f"Rated {booking.worker.display_name} {form.cleaned_data['rating']}/5.",
    )


@login_required
@require_POST
def booking_no_show(request, pk: int):
    booking = _booking(pk)
    return _run(
        request,
        booking,
        lambda: services.booking_mark_no_show(actor=request.user, booking=booking),
        f"{booking.worker.display_name} is marked as a no-show.",
    )


@login_required
def show_timesheets(request, slug: str):
    show = get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)
    if not sheet_rules.can_lead_show(request.user, show):
        raise PermissionDenied("Only the crew chief or a manager can approve this show's times.")
    rows = sheets.show_timesheets(show)
    context = {
        "show": show,
        "rows": rows,
        "now": timezone.now(),
        "waiting": sum(1 for r in rows if r.status == Timesheet.Status.SUBMITTED),
        "rating_choices": range(1, 6),
    }
    return render(request, "booking/timesheets.html", context)


def _csv(summary: pay_summary.PaySummary, filename: str) -> HttpResponse:
    response = HttpResponse(pay_export.payroll_csv(summary), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pay_page(request, context: dict, compute, filename: str):
    summary, errors = None, {}
    try:
        summary = compute()
    except ValidationError as exc:
        errors = messages_of(exc)
    if summary is not None and request.GET.get("format") == "csv":
        return _csv(summary, filename)
    query = request.GET.copy()
    query["format"] = "csv"
    context |= {"summary": summary, "errors": errors, "csv_url": f"?{query.urlencode()}"}
    return render(request, "booking/pay.html", context)


@login_required
def my_pay(request):
    worker = worker_of(request.user)
    if worker is None:
        raise PermissionDenied("This page is for crew with a worker profile.")
    form = PayPeriodForm(request.GET, today=timezone.localdate())
    start, end = form.period()
    return _pay_page(
        request,
        {
            "title": "My pay",
            "worker": worker,
            "period_form": form,
            "start": start,
            "end": end,
            "milestones": earnings_for(worker, start, end),
        },
        lambda: pay.pay_for_worker(
            actor=request.user, worker=worker, start_date=start, end_date=end
        ),
        f"pay-{worker.slug}-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv",
    )


@login_required
def show_pay(request, slug: str):
    show = get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)
    return _pay_page(
        request,
        {"title": f"Pay: {show.artist}", "show": show},
        lambda: pay.pay_for_show(actor=request.user, show=show),
        f"pay-{show.slug}.csv",
    )


urlpatterns = [
    path("bookings/<int:pk>/timesheet/", timesheet, name="timesheet"),
    path("bookings/<int:pk>/timesheet/submit/", timesheet_submit, name="timesheet-submit"),
    path("bookings/<int:pk>/timesheet/approve/", timesheet_approve, name="timesheet-approve"),
    path("bookings/<int:pk>/timesheet/dispute/", timesheet_dispute, name="timesheet-dispute"),
    path("bookings/<int:pk>/rating/", booking_rate, name="booking-rate"),
    path("bookings/<int:pk>/no-show/", booking_no_show, name="booking-no-show"),
    path("shows/<slug:slug>/timesheets/", show_timesheets, name="show-timesheets"),
    path("shows/<slug:slug>/pay/", show_pay, name="show-pay"),
    path("me/pay/", my_pay, name="my-pay"),
]
