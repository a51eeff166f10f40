"""After the call: timesheets, verified credits, ratings and no-shows.

A timesheet moves OPEN -> SUBMITTED -> APPROVED. The worker, the show's crew chief or a
manager records check-in, check-out and unpaid breaks, and either of them submits. Only a
lead (crew chief or manager) approves, and never their own times unless they manage the
organisation. Either side may dispute a timesheet that is not yet approved, with a note;
a disputed timesheet is corrected with `timesheet_record` and submitted again.

Approval marks the booking as worked. Once the call is over, the booking earns a verified
credit on the worker's profile (`credits_issue`, run by approval and by a periodic task),
which a lead can then rate 1-5. Matching reads those ratings, and no-shows, back.

Every write checks permission first, then every field, and runs in one transaction that
locks the position and the worker in the same order as `booking.services`, so it cannot
interleave with a cancellation of the same booking.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stagedoor.core.validation import Errors, check_aware
from stagedoor.gigs.models import Position, Show
from stagedoor.industry.enums import MANAGING_ROLES, MemberRole
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import Credit, WorkerProfile

from .access import can_lead, is_crew_chief, require_lead
from .models import Booking, Notification, PositionEvent, Timesheet, TimesheetBreak
from .notifications import notify, notify_many

# How far check-in may lie from the scheduled call before it is taken for a typo.
CHECK_IN_SLACK = dt.timedelta(hours=12)
MAX_SHIFT = dt.timedelta(hours=24)
MAX_DISPUTE_NOTE = 2000
MAX_RATING_NOTE = 300
LIVE_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)
HOURS = Decimal("0.01")


# --- helpers ------------------------------------------------------------------------------


def _user(actor):
    """The actor as a user row to store, or None for the command-line operator."""
    return actor if getattr(actor, "pk", None) else None


def _name(actor) -> str:
    worker = getattr(actor, "worker", None) if getattr(actor, "pk", None) else None
    if isinstance(worker, WorkerProfile):
        return worker.display_name
    return getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "someone")


def _local(moment: dt.datetime, position: Position) -> str:
    return f"{moment.astimezone(zoneinfo.ZoneInfo(position.timezone_name)):%a %d %b %H:%M %Z}"


def _label(position: Position) -> str:
    parent = f"{position.show.artist}" if position.show_id else position.project.title
    return f"{position.display_title}, {parent}, {_local(position.call_start, position)}"


def _event(booking: Booking, kind: str, message: str, actor) -> None:
    PositionEvent.objects.create(
        position=booking.position,
        kind=kind,
        message=message[:500],
        actor=_user(actor),
        worker=booking.worker,
    )


def _lock(booking: Booking) -> Booking:
    """Lock the booking's position, then its worker (the order booking.services uses), and
    read the booking again so every check sees the committed state."""
    if settings.STAGEDOOR_BOOKING_LOCKS:
        for model, pk in ((Position, booking.position_id), (WorkerProfile, booking.worker_id)):
            list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))
    return Booking.objects.select_related(
        "worker__user",
        "position__role",
        "position__show__venue",
        "position__show__organisation",
        "position__project__organisation",
        "position__project__venue",
        "credit",
    ).get(pk=booking.pk)


def _sheet_of(booking: Booking) -> Timesheet | None:
    return Timesheet.objects.filter(booking=booking).select_related("approved_by").first()


def is_own(user, booking: Booking) -> bool:
    return getattr(user, "pk", None) is not None and user.pk == booking.worker.user_id


def can_keep_timesheet(user, booking: Booking) -> bool:
    """The booked worker, the show's crew chief, or a manager of the organisation."""
    return is_own(user, booking) or can_lead(user, booking.position)


def require_timesheet_access(user, booking: Booking, action: str) -> None:
    if not can_keep_timesheet(user, booking):
        raise PermissionDenied(
            f"Only {booking.worker.display_name}, the crew chief or a manager can {action}."
        )


def can_approve(user, booking: Booking) -> bool:
    """A lead, but not for their own booking unless they manage the organisation."""
    if not can_lead(user, booking.position):
        return False
    return not is_own(user, booking) or can_manage(user, booking.position.organisation)


def worked_hours(
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    breaks: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> Decimal | None:
    """Hours between check-in and check-out less unpaid breaks, to the cent of an hour."""
    if check_in is None or check_out is None:
        return None
    span = check_out - check_in - sum((end - start for start, end in breaks), dt.timedelta())
    minutes = span // dt.timedelta(minutes=1)
    return (Decimal(minutes) / 60).quantize(HOURS)


def sheet_hours(sheet: Timesheet | None) -> Decimal | None:
    if sheet is None:
        return None
    spans = [(b.starts_at, b.ends_at) for b in sheet.breaks.all()]
    return worked_hours(sheet.check_in, sheet.check_out, spans)


def _check_live(errors: Errors, booking: Booking) -> None:
    if booking.status == Booking.Status.CANCELLED:
        errors.add("booking", "This booking was cancelled, so it has no timesheet.")
    elif booking.status == Booking.Status.NO_SHOW:
        errors.add("booking", "This booking was marked as a no-show, so it has no timesheet.")


def _leads(position: Position) -> list:
    """Who hears about a worker's dispute: the organisation's managers and crew chiefs."""
    org = position.organisation
    users = [
        m.user
        for m in org.membership_set.filter(
            role__in=[*MANAGING_ROLES, MemberRole.CREW_CHIEF]
        ).select_related("user")
    ]
    if position.show_id:
        users += [
            b.worker.user
            for b in Booking.objects.filter(
                position__show_id=position.show_id, is_crew_chief=True, status__in=LIVE_STATUSES
            ).select_related("worker__user")
        ]
    return users


def timesheet_url(booking: Booking) -> str:
    return reverse("booking:timesheet", args=[booking.pk])


# --- timesheets ---------------------------------------------------------------------------


def _check_breaks(
    errors: Errors,
    breaks: Sequence,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The breaks as (start, end) pairs sorted by start; each problem names 'breaks'."""
    spans: list[tuple[dt.datetime, dt.datetime, int]] = []
    for number, pair in enumerate(breaks, start=1):
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            errors.add("breaks", f"Break {number} needs a start and an end.")
            continue
        start, end = pair
        probe = Errors()
        check_aware(probe, "start", start)
        check_aware(probe, "end", end)
        if probe:
            errors.add(
                "breaks",
                f"Break {number} needs a start and an end with a time zone or UTC offset.",
            )
            continue
        if end <= start:
            errors.add("breaks", f"Break {number} must end after it starts.")
            continue
        if check_in is not None and (
            start < check_in or (check_out is not None and end > check_out)
        ):
            errors.add("breaks", f"Break {number} lies outside the time between check-in and out.")
            continue
        spans.append((start, end, number))
    spans.sort()
    for (_, first_end, a), (second_start, _, b) in itertools.pairwise(spans):
        if second_start < first_end:
            errors.add("breaks", f"Breaks {min(a, b)} and {max(a, b)} overlap.")
    return [(start, end) for start, end, _ in spans]


def _check_times(
    errors: Errors,
    booking: Booking,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
) -> None:
    position = booking.position
    check_aware(errors, "check_in", check_in)
    if check_out is not None:
        check_aware(errors, "check_out", check_out)
    if "check_in" in errors.by_field or "check_out" in errors.by_field:
        return
    if check_out is not None and check_out <= check_in:
        errors.add("check_out", "Check-out must be after check-in.")
    elif check_out is not None and check_out - check_in > MAX_SHIFT:
        errors.add("check_out", "A shift lasts at most 24 hours; check the date of check-out.")
    earliest = position.call_start - CHECK_IN_SLACK
    latest = position.call_end + CHECK_IN_SLACK
    if not earliest <= check_in <= latest:
        errors.add(
            "check_in",
            "Check-in must be within 12 hours of the scheduled call "
            f"({_local(position.call_start, position)} to {_local(position.call_end, position)}).",
        )
    if check_out is None or errors:
        return
    other = (
        Timesheet.objects.filter(
            booking__worker_id=booking.worker_id,
            booking__status__in=LIVE_STATUSES,
            check_in__lt=check_out,
            check_out__gt=check_in,
        )
        .exclude(booking_id=booking.pk)
        .select_related("booking__position__show", "booking__position__project")
        .first()
    )
    if other is not None:
        errors.add(
            "check_in",
            f"These times overlap {booking.worker.display_name}'s timesheet for "
            f"{_label(other.booking.position)}.",
        )


@transaction.atomic
def timesheet_record(
    *,
    actor,
    booking: Booking,
    check_in: dt.datetime,
    check_out: dt.datetime | None = None,
    breaks: Sequence[tuple[dt.datetime, dt.datetime]] = (),
) -> Timesheet:
    """Record (or correct) when the worker checked in and out and their unpaid breaks.

    The worker or a lead may; the timesheet goes back to OPEN and must be submitted again.
    Refused, with nothing saved, for an approved timesheet, a cancelled or no-show booking,
    naive times, check-out not after check-in, check-in more than 12 h from the scheduled
    call, breaks outside the shift or overlapping, or a shift overlapping another of the
    worker's timesheets.
    """
    require_timesheet_access(actor, booking, "record this timesheet")
    booking = _lock(booking)
    errors = Errors()
    _check_live(errors, booking)
    sheet = _sheet_of(booking)
    if sheet is not None and sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is approved and can no longer be changed.")
    _check_times(errors, booking, check_in, check_out)
    times_ok = "check_in" not in errors.by_field and "check_out" not in errors.by_field
    spans = _check_breaks(
        errors, list(breaks or ()), check_in if times_ok else None, check_out if times_ok else None
    )
    errors.raise_if_any()
    sheet = sheet or Timesheet(booking=booking)
    sheet.check_in = check_in
    sheet.check_out = check_out
    sheet.status = Timesheet.Status.OPEN
    sheet.updated_by = _user(actor)
    sheet.save()
    sheet.breaks.all().delete()
    TimesheetBreak.objects.bulk_create(
        TimesheetBreak(timesheet=sheet, starts_at=start, ends_at=end) for start, end in spans
    )
    return sheet


def _locked_sheet(timesheet: Timesheet) -> tuple[Booking, Timesheet]:
    booking = _lock(timesheet.booking)
    sheet = Timesheet.objects.select_for_update().get(pk=timesheet.pk)
    sheet.booking = booking
    return booking, sheet


@transaction.atomic
def timesheet_submit(*, actor, timesheet: Timesheet) -> Timesheet:
    """Hand a complete timesheet to the crew chief or manager for approval.

    Submitting one that is already waiting changes nothing."""
    require_timesheet_access(actor, timesheet.booking, "submit this timesheet")
    booking, sheet = _locked_sheet(timesheet)
    errors = Errors()
    _check_live(errors, booking)
    if sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is already approved.")
    if sheet.check_in is None:
        errors.add("check_in", "Record check-in before submitting.")
    if sheet.check_out is None:
        errors.add("check_out", "Record check-out before submitting.")
    errors.raise_if_any()
    if sheet.status != Timesheet.Status.SUBMITTED:
        sheet.status = Timesheet.Status.SUBMITTED
        sheet.updated_by = _user(actor)
        sheet.save(update_fields=["status", "updated_by", "updated_at"])
    return sheet


@transaction.atomic
def timesheet_approve(*, actor, timesheet: Timesheet, now: dt.datetime | None = None) -> Timesheet:
    """Approve a submitted timesheet: the booking counts as worked (COMPLETED).

    Only the crew chief or a manager may, and nobody approves their own times unless they
    manage the organisation. When the call is already over the verified credit is issued
    at once; otherwise `credits_issue` issues it after the call ends.
    """
    booking = timesheet.booking
    require_lead(actor, booking.position, "approve timesheets")
    if not can_approve(actor, booking):
        raise PermissionDenied("Someone else must approve your own timesheet.")
    now = now or timezone.now()
    booking, sheet = _locked_sheet(timesheet)
    errors = Errors()
    _check_live(errors, booking)
    if sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "This timesheet is already approved.")
    elif sheet.status != Timesheet.Status.SUBMITTED:
        errors.add(
            "timesheet",
            "Only a submitted timesheet can be approved; "
            f"this one is {sheet.get_status_display().lower()}.",
        )
    if sheet.check_out is not None and sheet.check_out > now:
        errors.add("check_out", "Check-out is still in the future; approve after the shift.")
    errors.raise_if_any()
    sheet.status = Timesheet.Status.APPROVED
    sheet.approved_by = _user(actor)
    sheet.approved_at = now
    sheet.updated_by = _user(actor)
    sheet.save()
    booking.status = Booking.Status.COMPLETED
    booking.save(update_fields=["status"])
    hours = sheet_hours(sheet)
    worker = booking.worker
    _event(
        booking,
        PositionEvent.Kind.COMPLETED,
        f"{worker.display_name} worked {hours} h; timesheet approved by {_name(actor)}.",
        actor,
    )
    if booking.position.call_end <= now:
        _issue_credit(booking, sheet)
    notify(
        worker.user,
        kind=Notification.Kind.STAFFING,
        subject=f"Timesheet approved: {_label(booking.position)}",
        body=f"{_name(actor)} approved {hours} h worked on {_label(booking.position)}.",
        url=timesheet_url(booking),
    )
    return sheet


@transaction.atomic
def timesheet_dispute(*, actor, timesheet: Timesheet, note: str) -> Timesheet:
    """Say the recorded times are wrong. The note is required; the other side is told, and
    the timesheet can then be corrected with `timesheet_record` and submitted again."""
    require_timesheet_access(actor, timesheet.booking, "dispute this timesheet")
    booking, sheet = _locked_sheet(timesheet)
    errors = Errors()
    _check_live(errors, booking)
    if sheet.status == Timesheet.Status.APPROVED:
        errors.add("timesheet", "An approved timesheet cannot be disputed.")
    note = (note or "").strip()
    if not note:
        errors.add("note", "Say what is wrong with the times.")
    elif len(note) > MAX_DISPUTE_NOTE:
        errors.add("note", f"At most {MAX_DISPUTE_NOTE} characters.")
    errors.raise_if_any()
    sheet.status = Timesheet.Status.DISPUTED
    sheet.dispute_note = note
    sheet.updated_by = _user(actor)
    sheet.save(update_fields=["status", "dispute_note", "updated_by", "updated_at"])
    message = {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Timesheet disputed: {_label(booking.position)}",
        "body": f"{_name(actor)} disputed the timesheet of {booking.worker.display_name}: {note}",
        "url": timesheet_url(booking),
    }
    if is_own(actor, booking):
        leads = [u for u in _leads(booking.position) if u.pk != booking.worker.user_id]
        notify_many(leads, **message)
    else:
        notify(booking.worker.user, **message)
    return sheet


# --- credits, ratings, no-shows -----------------------------------------------------------


def _credit_title(position: Position) -> str:
    if position.show_id:
        show = position.show
        return f"{show.artist} at {show.venue.name}"[:200]
    return position.project.title[:200]


def _issue_credit(booking: Booking, sheet: Timesheet) -> Credit:
    """The verified credit for a worked booking; call with the booking locked."""
    position = booking.position
    local = position.call_start.astimezone(zoneinfo.ZoneInfo(position.timezone_name))
    credit = Credit.objects.create(
        worker=booking.worker,
        title=_credit_title(position),
        role=position.role,
        date=local.date(),
        organisation=position.organisation,
        show=position.show if position.show_id else None,
        verified=True,
        verified_by=sheet.approved_by,
    )
    booking.credit = credit
    booking.save(update_fields=["credit"])
    return credit


def _creditable(now: dt.datetime):
    return Booking.objects.filter(
        status=Booking.Status.COMPLETED,
        credit__isnull=True,
        timesheet__status=Timesheet.Status.APPROVED,
        position__call_end__lte=now,
    )


def credits_issue(now: dt.datetime | None = None) -> int:
    """Give every worked booking whose call is over a verified credit, once.

    Safe to run any number of times and alongside approvals: each booking is re-checked
    under its locks before its credit is created. Returns how many credits were issued.
    """
    now = now or timezone.now()
    issued = 0
    found = _creditable(now).order_by("pk").values_list("pk", "position_id", "worker_id")
    for pk, position_id, worker_id in list(found):
        with transaction.atomic():
            booking = _lock(Booking(pk=pk, position_id=position_id, worker_id=worker_id))
            if not _creditable(now).filter(pk=pk).exists():
                continue
            _issue_credit(
                booking, Timesheet.objects.select_related("approved_by").get(booking=booking)
            )
            issued += 1
    return issued


@transaction.atomic
def booking_rate(*, actor, booking: Booking, rating: int, note: str = "") -> Credit:
    """Rate a worked booking 1-5 on its verified credit; a lead may, and may rate again."""
    require_lead(actor, booking.position, "rate crew")
    if is_own(actor, booking):
        raise PermissionDenied("You cannot rate your own work.")
    booking = _lock(booking)
    errors = Errors()
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors.add("rating", "Give a rating from 1 to 5.")
    note = (note or "").strip()
    if len(note) > MAX_RATING_NOTE:
        errors.add("note", f"At most {MAX_RATING_NOTE} characters.")
    if booking.credit is None:
        errors.add("booking", "Rate after the timesheet is approved and the call is over.")
    errors.raise_if_any()
    credit = booking.credit
    credit.rating = rating
    credit.rating_note = note
    credit.save(update_fields=["rating", "rating_note"])
    _event(
        booking,
        PositionEvent.Kind.RATED,
        f"{_name(actor)} rated {booking.worker.display_name} {rating}/5.",
        actor,
    )
    return credit


@transaction.atomic
def booking_mark_no_show(*, actor, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """Record that a confirmed worker did not turn up; only a lead, once the call started."""
    require_lead(actor, booking.position, "mark no-shows")
    now = now or timezone.now()
    booking = _lock(booking)
    position = booking.position
    errors = Errors()
    if booking.status != Booking.Status.CONFIRMED:
        errors.add(
            "booking",
            "Only a confirmed booking can be marked as a no-show; "
            f"this one is {booking.get_status_display().lower()}.",
        )
    if now < position.call_start:
        errors.add("booking", "Mark a no-show only after the call has started.")
    sheet = _sheet_of(booking)
    if sheet is not None and sheet.check_in is not None:
        errors.add(
            "booking",
            f"{booking.worker.display_name} checked in at {_local(sheet.check_in, position)}; "
            "correct the timesheet instead.",
        )
    errors.raise_if_any()
    booking.status = Booking.Status.NO_SHOW
    booking.save(update_fields=["status"])
    _event(
        booking,
        PositionEvent.Kind.NO_SHOW,
        f"{_name(actor)} marked {booking.worker.display_name} as a no-show.",
        actor,
    )
    notify(
        booking.worker.user,
        kind=Notification.Kind.STAFFING,
        subject=f"Marked as a no-show: {_label(position)}",
        body=f"{_name(actor)} recorded that you did not turn up for {_label(position)}. "
        "If that is wrong, contact the crew chief or the organisation.",
        url=reverse("booking:schedule"),
    )
    return booking


# --- selectors ----------------------------------------------------------------------------


def timesheet_of(booking: Booking) -> Timesheet | None:
    """The booking's timesheet with its breaks, or None before anything was recorded."""
    return (
        Timesheet.objects.filter(booking=booking)
        .select_related("approved_by", "updated_by")
        .prefetch_related("breaks")
        .first()
    )


def booking_for_timesheet(pk: int) -> Booking:
    """A booking with everything its timesheet page shows; raises Booking.DoesNotExist."""
    return Booking.objects.select_related(
        "worker__user",
        "credit",
        "position__role",
        "position__show__venue",
        "position__show__organisation",
        "position__project__organisation",
        "position__project__venue",
    ).get(pk=pk)


@dataclass(frozen=True)
class TimesheetRow:
    """One booking on a show's approval queue."""

    booking: Booking
    timesheet: Timesheet | None
    worked_hours: Decimal | None

    @property
    def status(self) -> str:
        return self.timesheet.status if self.timesheet else ""

    @property
    def breaks(self) -> list[TimesheetBreak]:
        return list(self.timesheet.breaks.all()) if self.timesheet else []


def show_timesheets(show: Show) -> list[TimesheetRow]:
    """Every booking of the show that is not cancelled, with its timesheet: three queries."""
    bookings = (
        Booking.objects.filter(position__show=show)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("worker", "position__role", "credit", "timesheet")
        .prefetch_related("timesheet__breaks")
        .order_by("position__call_start", "position_id", "worker__display_name", "pk")
    )
    rows = []
    for booking in bookings:
        sheet = booking.timesheet if hasattr(booking, "timesheet") else None
        rows.append(TimesheetRow(booking=booking, timesheet=sheet, worked_hours=sheet_hours(sheet)))
    return rows


def can_lead_show(user, show: Show) -> bool:
    """Whether `user` leads the show's crew (manager or crew chief); for page display."""
    return can_manage(user, show.organisation) or is_crew_chief(user, show)
