"""Timesheets, ratings, no-shows and pay over HTTP: the same services as the web pages.

Every endpoint needs a session or a bearer token: timesheets and pay are private.
Refusals come back as 422 naming the field, permission problems as 403.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from stagedoor.booking import services
from stagedoor.booking.models import Booking, Timesheet
from stagedoor.booking.pay import export as pay_export
from stagedoor.booking.pay import selectors as pay
from stagedoor.booking.pay import summary as pay_summary
from stagedoor.booking.rules import worker_of
from stagedoor.booking.timesheets import rules as sheet_rules
from stagedoor.booking.timesheets import selectors as sheets
from stagedoor.booking.timesheets import services as timesheets
from stagedoor.booking.timesheets import stamps
from stagedoor.core.http import or_404
from stagedoor.core.text import display_name
from stagedoor.core.validation import Errors, messages_of, refuse
from stagedoor.gigs.models import Show
from stagedoor.industry.models import Organisation

from .auth import WRITE_AUTH

router = Router(tags=["timesheets and pay"], auth=WRITE_AUTH)


class BreakIn(Schema):
    start: dt.datetime
    end: dt.datetime


class TimesheetIn(Schema):
    check_in: dt.datetime
    check_out: dt.datetime | None = None
    breaks: list[BreakIn] = []


class BreakOut(Schema):
    start: dt.datetime
    end: dt.datetime


class TimesheetOut(Schema):
    booking: int
    booking_status: str
    status: str = Field(..., description="open, submitted, approved or disputed")
    check_in: dt.datetime | None
    check_out: dt.datetime | None
    breaks: list[BreakOut]
    worked_hours: Decimal | None
    dispute_note: str
    approved_at: dt.datetime | None
    stamped_in: dt.datetime | None = Field(..., description="the worker's one-tap check-in")
    stamped_out: dt.datetime | None = Field(..., description="the worker's one-tap check-out")
    corrected_by: str | None = Field(..., description="who last corrected the times, if a lead")
    corrected_at: dt.datetime | None


class DisputeIn(Schema):
    note: str


class RatingIn(Schema):
    rating: int
    note: str = ""


class RatedCreditOut(Schema):
    booking: int
    title: str
    role: str
    date: dt.date
    organisation: str | None
    show: str | None
    verified: bool
    rating: int | None
    rating_note: str


class BookingStatusOut(Schema):
    id: int
    status: str


class PayLineOut(Schema):
    booking: int
    worker: str
    organisation: str
    show: str | None
    project: str | None
    position: str
    date: dt.date
    status: str = Field(..., description="approved, or estimate from the scheduled call")
    kind: str
    hours: Decimal
    multiplier: Decimal
    rate: Decimal
    amount: Decimal
    currency: str
    note: str
    reads: str = Field(..., description='the line as a person checks it: "8 h x 15.00 = 120.00"')


class WorkerTotalOut(Schema):
    worker: str
    currency: str
    amount: Decimal


class PayOut(Schema):
    lines: list[PayLineOut]
    totals: dict[str, Decimal]
    worker_totals: list[WorkerTotalOut]
    problems: list[str]


def _booking(booking_id: int) -> Booking:
    return or_404(Booking, "No such booking", sheets.booking_for_timesheet, booking_id)


def _sheet_out(booking: Booking, sheet: Timesheet | None) -> dict:
    breaks = list(sheet.breaks.all()) if sheet else []
    return {
        "booking": booking.pk,
        "booking_status": booking.status,
        "status": sheet.status if sheet else Timesheet.Status.OPEN,
        "check_in": sheet.check_in if sheet else None,
        "check_out": sheet.check_out if sheet else None,
        "breaks": [{"start": b.starts_at, "end": b.ends_at} for b in breaks],
        "worked_hours": sheets.sheet_hours(sheet),
        "dispute_note": sheet.dispute_note if sheet else "",
        "approved_at": sheet.approved_at if sheet else None,
        "stamped_in": sheet.stamped_in if sheet else None,
        "stamped_out": sheet.stamped_out if sheet else None,
        "corrected_by": display_name(sheet.corrected_by) if sheet and sheet.corrected_by else None,
        "corrected_at": sheet.corrected_at if sheet else None,
    }


def _current(booking_id: int) -> dict:
    booking = _booking(booking_id)
    return _sheet_out(booking, sheets.timesheet_of(booking))


def _existing_sheet(request, booking: Booking, action: str) -> Timesheet:
    sheet_rules.require_timesheet_access(request.auth, booking, action)
    sheet = sheets.timesheet_of(booking)
    if sheet is None:
        refuse("timesheet", "Nothing recorded yet; record check-in and check-out first.")
    return sheet


@router.get("/bookings/{booking_id}/timesheet", response=TimesheetOut)
def get_timesheet(request, booking_id: int):
    """The booking's timesheet; status "open" with no times before anything is recorded."""
    booking = _booking(booking_id)
    sheet_rules.require_timesheet_access(request.auth, booking, "see this timesheet")
    return _sheet_out(booking, sheets.timesheet_of(booking))


@router.put("/bookings/{booking_id}/timesheet", response=TimesheetOut)
def put_timesheet(request, booking_id: int, payload: TimesheetIn):
    """Record or correct the times; give them with a UTC offset. Back to "open" after.
    Refused (422 naming check_in) before check-in opens, STAGEDOOR_CHECKIN_EARLY_MINUTES
    before the call, and (naming the field) for a check-in or check-out in the future."""
    booking = _booking(booking_id)
    timesheets.timesheet_record(
        actor=request.auth,
        booking=booking,
        check_in=payload.check_in,
        check_out=payload.check_out,
        breaks=[(b.start, b.end) for b in payload.breaks],
    )
    return _current(booking_id)


@router.post("/bookings/{booking_id}/timesheet/check-in", response=TimesheetOut)
def check_in(request, booking_id: int):
    """ "I'm here": the booked worker's check-in, stamped now. Refused (422 naming check_in)
    before check-in opens (STAGEDOOR_CHECKIN_EARLY_MINUTES before the call) and a second
    time; 403 for anybody but the worker."""
    stamps.timesheet_check_in(actor=request.auth, booking=_booking(booking_id))
    return _current(booking_id)


@router.post("/bookings/{booking_id}/timesheet/check-out", response=TimesheetOut)
def check_out(request, booking_id: int):
    """ "I'm done": the booked worker's check-out, stamped now; 422 naming check_out
    without a check-in or a second time."""
    stamps.timesheet_check_out(actor=request.auth, booking=_booking(booking_id))
    return _current(booking_id)


@router.post("/bookings/{booking_id}/timesheet/correct", response=TimesheetOut)
def correct_timesheet(request, booking_id: int, payload: TimesheetIn):
    """The crew chief's or a manager's correction: the times become these, the worker's
    own stamps stay in stamped_in / stamped_out, and corrected_by names the lead."""
    stamps.timesheet_correct(
        actor=request.auth,
        booking=_booking(booking_id),
        check_in=payload.check_in,
        check_out=payload.check_out,
        breaks=[(b.start, b.end) for b in payload.breaks],
    )
    return _current(booking_id)


def _sheet_step(request, booking_id: int, action: str, service, **fields) -> dict:
    """Submit, approve and dispute alike: load, refuse without a timesheet, run, re-read."""
    booking = _booking(booking_id)
    sheet = _existing_sheet(request, booking, f"{action} this timesheet")
    service(actor=request.auth, timesheet=sheet, **fields)
    return _current(booking_id)


@router.post("/bookings/{booking_id}/timesheet/submit", response=TimesheetOut)
def submit_timesheet(request, booking_id: int):
    return _sheet_step(request, booking_id, "submit", timesheets.timesheet_submit)


@router.post("/bookings/{booking_id}/timesheet/approve", response=TimesheetOut)
def approve_timesheet(request, booking_id: int):
    return _sheet_step(request, booking_id, "approve", timesheets.timesheet_approve)


@router.post("/bookings/{booking_id}/timesheet/dispute", response=TimesheetOut)
def dispute_timesheet(request, booking_id: int, payload: DisputeIn):
    return _sheet_step(
        request, booking_id, "dispute", timesheets.timesheet_dispute, note=payload.note
    )


@router.post("/bookings/{booking_id}/rating", response=RatedCreditOut)
def rate_booking(request, booking_id: int, payload: RatingIn):
    booking = _booking(booking_id)
    credit = timesheets.booking_rate(
        actor=request.auth, booking=booking, rating=payload.rating, note=payload.note
    )
    return {
        "booking": booking.pk,
        "title": credit.title,
        "role": credit.role.slug,
        "date": credit.date,
        "organisation": credit.organisation.slug if credit.organisation else None,
        "show": credit.show.slug if credit.show else None,
        "verified": credit.verified,
        "rating": credit.rating,
        "rating_note": credit.rating_note,
    }


@router.post("/bookings/{booking_id}/no-show", response=BookingStatusOut)
def mark_no_show(request, booking_id: int):
    booking = services.booking_mark_no_show(actor=request.auth, booking=_booking(booking_id))
    return {"id": booking.pk, "status": booking.status}


def _pay_out(summary: pay_summary.PaySummary) -> dict:
    lines = []
    for paid, line in summary.items():
        position = paid.position
        lines.append(
            {
                "booking": paid.booking.pk,
                "worker": paid.worker.slug,
                "organisation": paid.organisation.slug,
                "show": position.show.slug if position.show_id else None,
                "project": position.project.slug if position.project_id else None,
                "position": position.display_title,
                "date": paid.date,
                "status": paid.status,
                "kind": line.kind,
                "hours": line.hours,
                "multiplier": line.multiplier,
                "rate": line.rate,
                "amount": line.amount,
                "currency": line.currency,
                "note": line.note,
                "reads": line.reads,
            }
        )
    return {
        "lines": lines,
        "totals": summary.totals,
        "worker_totals": [
            {"worker": worker.slug, "currency": currency, "amount": amount}
            for worker, currency, amount in summary.worker_totals
        ],
        "problems": list(summary.problems),
    }


@router.get("/shows/{slug}/pay", response=PayOut)
def show_pay(request, slug: str):
    """Pay for a show's crew: all of it for managers, their own for the crew."""
    show = get_object_or_404(Show.objects.select_related("organisation", "venue"), slug=slug)
    return _pay_out(pay.pay_for_show(actor=request.auth, show=show))


class Period(Schema):
    start: dt.date | None = Field(None, alias="from", description="YYYY-MM-DD, venue time")
    end: dt.date | None = Field(None, alias="to", description="YYYY-MM-DD, inclusive")


@router.get("/me/pay", response=PayOut)
def my_pay(request, period: Query[Period]):
    """Your pay for calls from `from` to `to`; the current month when left out."""
    worker = worker_of(request.auth)
    if worker is None:
        refuse("worker", "Only crew with a worker profile have pay to show.")
    today = timezone.localdate()
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    try:
        summary = pay.pay_for_worker(
            actor=request.auth,
            worker=worker,
            start_date=period.start or first,
            end_date=period.end or last,
        )
    except ValidationError as exc:
        # The service names its arguments; the caller knows them as `from` and `to`.
        renamed = Errors()
        for name, texts in messages_of(exc).items():
            for text in texts:
                renamed.add({"start_date": "from", "end_date": "to"}.get(name, name), text)
        renamed.raise_if_any()
    return _pay_out(summary)


class PayrollPeriod(Schema):
    start: dt.date = Field(..., alias="from", description="YYYY-MM-DD, venue time")
    end: dt.date = Field(..., alias="to", description="YYYY-MM-DD, inclusive, at most a year on")


@router.get("/orgs/{slug}/payroll", response={200: str})
def org_payroll(request, slug: str, period: Query[PayrollPeriod]):
    """The organisation's payroll CSV for calls from `from` to `to` (managers only): the
    same file as `stagedoor payroll --org SLUG --from DATE --to DATE`."""
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        summary = pay.pay_for_organisation(
            actor=request.auth,
            organisation=organisation,
            start_date=period.start,
            end_date=period.end,
        )
    except ValidationError as exc:
        raise pay.period_refusal(exc) from exc
    response = HttpResponse(pay_export.payroll_csv(summary), content_type="text/csv; charset=utf-8")
    name = f"payroll-{organisation.slug}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
