"""Timesheets, credits, ratings, no-shows and pay: services, pages, API and CLI."""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stagedoor.booking import services
from stagedoor.booking.models import Booking, PayRules, PositionEvent, Timesheet
from stagedoor.booking.pay import export as pay_export
from stagedoor.booking.pay import selectors as pay
from stagedoor.booking.timesheets import selectors as sheets
from stagedoor.booking.timesheets import services as timesheets
from stagedoor.core.validation import messages_of
from stagedoor.engine.pay.rules import PayLine
from stagedoor.industry.models import Membership
from stagedoor.people.models import Credit
from tests.factories import (
    BERLIN,
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    UserFactory,
    WorkerFactory,
    bearer,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

# Today is 2026-11-22; the show below was on 2026-11-10.
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def refused(fn, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        fn(**kwargs)
    return messages_of(info.value)


@pytest.fixture
def crew():
    # show_world makes Mia before the show and its call, not after them as the old copy did;
    # only the users' order could count, and she still comes before the crew.
    world = show_world(
        org={"slug": "northern-lights", "name": "Northern Lights"},
        venue={"slug": "kraftwerk", "name": "Kraftwerk"},
        show={
            "slug": "mara-berlin",
            "artist": "Mara Quinn",
            "date": dt.date(2026, 11, 10),
            "doors_at": None,
            "show_at": None,
            "curfew_at": None,
        },
        manager="mia",
    )
    org, venue, show, manager = (world[k] for k in ("org", "venue", "show", "manager"))
    position = PositionFactory(
        show=show, title="Load-in", call_start=at(10, 8), call_end=at(10, 18)
    )
    alex = WorkerFactory(slug="alex", display_name="Alex Berg", user__username="alex")
    chris = WorkerFactory(slug="chris", display_name="Chris Chief", user__username="chris")
    booking = BookingFactory(position=position, worker=alex)
    chief = BookingFactory(position=position, worker=chris, is_crew_chief=True)
    return SimpleNamespace(
        org=org,
        venue=venue,
        show=show,
        position=position,
        manager=manager,
        alex=alex,
        chris=chris,
        booking=booking,
        chief=chief,
    )


def record(c, actor=None, booking=None, **overrides):
    """Alex's day: 08:00 to 19:00 with half an hour off at noon."""
    kwargs = {
        "actor": actor or c.alex.user,
        "booking": booking or c.booking,
        "check_in": at(10, 8),
        "check_out": at(10, 19),
        "breaks": [(at(10, 12), at(10, 12, 30))],
    } | overrides
    return timesheets.timesheet_record(**kwargs)


def approved(c):
    sheet = record(c)
    timesheets.timesheet_submit(actor=c.alex.user, timesheet=sheet)
    return timesheets.timesheet_approve(actor=c.chris.user, timesheet=sheet, now=NOW)


# --- recording ----------------------------------------------------------------------------


def test_worker_records_check_in_out_and_breaks(crew):
    sheet = record(crew)
    sheet.refresh_from_db()
    assert (sheet.check_in, sheet.check_out) == (at(10, 8), at(10, 19))
    assert sheet.check_in == dt.datetime(2026, 11, 10, 7, 0, tzinfo=dt.UTC)
    assert [(b.starts_at, b.ends_at) for b in sheet.breaks.all()] == [(at(10, 12), at(10, 12, 30))]
    assert sheet.status == Timesheet.Status.OPEN
    assert sheet.updated_by == crew.alex.user
    assert sheets.sheet_hours(sheet) == Decimal("10.50")


def test_check_out_before_check_in_is_refused_and_nothing_changes(crew):
    record(crew)
    errors = refused(
        timesheets.timesheet_record,
        actor=crew.alex.user,
        booking=crew.booking,
        check_in=at(10, 9),
        check_out=at(10, 7),
        breaks=[],
    )
    assert errors == {"check_out": ["Check-out must be after check-in."]}
    sheet = Timesheet.objects.get()
    assert (sheet.check_in, sheet.check_out) == (at(10, 8), at(10, 19))
    assert sheet.breaks.count() == 1


def test_equal_check_in_and_out_is_refused_and_nothing_is_created(crew):
    errors = refused(record, c=crew, check_in=at(10, 9), check_out=at(10, 9), breaks=[])
    assert errors == {"check_out": ["Check-out must be after check-in."]}
    assert Timesheet.objects.count() == 0


def test_naive_times_and_bad_breaks_are_refused_by_field(crew):
    errors = refused(record, c=crew, check_in=dt.datetime(2026, 11, 10, 8, 0), check_out=at(10, 19))
    assert errors == {
        "check_in": ["Give a time zone or UTC offset; a naive date and time is ambiguous."]
    }
    errors = refused(
        record,
        c=crew,
        breaks=[
            (at(10, 7), at(10, 7, 30)),
            (at(10, 12), at(10, 13)),
            (at(10, 12, 30), at(10, 13, 30)),
            (at(10, 15), at(10, 14)),
            (at(10, 16),),
        ],
    )
    assert errors == {
        "breaks": [
            "Break 1 lies outside the time between check-in and out.",
            "Break 4 must end after it starts.",
            "Break 5 needs a start and an end.",
            "Breaks 2 and 3 overlap.",
        ]
    }
    assert Timesheet.objects.count() == 0


def test_check_in_far_from_the_call_is_refused(crew):
    errors = refused(record, c=crew, check_in=at(9, 19, 59), check_out=at(10, 19), breaks=[])
    assert errors == {
        "check_in": [
            "Check-in must be within 12 hours of the scheduled call "
            "(Tue 10 Nov 08:00 CET to Tue 10 Nov 18:00 CET)."
        ]
    }
    # Exactly 12 hours early is still accepted.
    assert record(crew, check_in=at(9, 20), check_out=at(10, 6), breaks=[]).pk


def test_shift_longer_than_a_day_is_refused(crew):
    errors = refused(record, c=crew, check_in=at(10, 8), check_out=at(11, 8, 1), breaks=[])
    assert errors == {"check_out": ["A shift lasts at most 24 hours; check the date of check-out."]}


def test_cancelled_booking_and_approved_timesheet_cannot_be_recorded(crew):
    approved(crew)
    errors = refused(record, c=crew, check_out=at(10, 20))
    assert errors == {"timesheet": ["This timesheet is approved and can no longer be changed."]}
    assert Timesheet.objects.get().check_out == at(10, 19)
    other = BookingFactory(
        position=PositionFactory(show=crew.show, call_start=at(10, 8), call_end=at(10, 18)),
        worker=WorkerFactory(),
        status=Booking.Status.CANCELLED,
    )
    errors = refused(record, c=crew, actor=other.worker.user, booking=other)
    assert errors == {"booking": ["This booking was cancelled, so it has no timesheet."]}


def test_overlapping_another_timesheet_of_the_worker_is_refused(crew):
    record(crew)
    later = BookingFactory(
        position=PositionFactory(show=crew.show, call_start=at(10, 18), call_end=at(10, 23)),
        worker=crew.alex,
    )
    errors = refused(
        record, c=crew, booking=later, check_in=at(10, 18), check_out=at(10, 23), breaks=[]
    )
    assert errors == {
        "check_in": [
            "These times overlap Alex Berg's timesheet for "
            "Load-in, Mara Quinn, Tue 10 Nov 08:00 CET."
        ]
    }


def test_only_the_worker_and_leads_may_record(crew):
    stranger = WorkerFactory(user__username="sam")
    with pytest.raises(PermissionDenied) as info:
        record(crew, actor=stranger.user)
    assert (
        str(info.value)
        == "Only the worker booked, the crew chief or a manager can record this timesheet."
    )
    assert record(crew, actor=crew.manager).updated_by == crew.manager
    assert record(crew, actor=crew.chris.user).updated_by == crew.chris.user


# --- submit, approve, dispute -------------------------------------------------------------


def test_submit_needs_check_out(crew):
    sheet = record(crew, check_out=None, breaks=[])
    errors = refused(timesheets.timesheet_submit, actor=crew.alex.user, timesheet=sheet)
    assert errors == {"check_out": ["Record check-out before submitting."]}
    assert Timesheet.objects.get().status == Timesheet.Status.OPEN


def test_worker_cannot_approve_their_own_timesheet(crew):
    sheet = record(crew)
    timesheets.timesheet_submit(actor=crew.alex.user, timesheet=sheet)
    with pytest.raises(PermissionDenied) as info:
        timesheets.timesheet_approve(actor=crew.alex.user, timesheet=sheet, now=NOW)
    assert str(info.value) == "Only the crew chief or a manager can approve timesheets."
    sheet.refresh_from_db()
    assert sheet.status == Timesheet.Status.SUBMITTED
    assert Booking.objects.get(pk=crew.booking.pk).status == Booking.Status.CONFIRMED


def test_crew_chief_cannot_approve_own_but_manager_can(crew):
    sheet = record(crew, actor=crew.chris.user, booking=crew.chief)
    timesheets.timesheet_submit(actor=crew.chris.user, timesheet=sheet)
    with pytest.raises(PermissionDenied) as info:
        timesheets.timesheet_approve(actor=crew.chris.user, timesheet=sheet, now=NOW)
    assert str(info.value) == "Someone else must approve your own timesheet."
    timesheets.timesheet_approve(actor=crew.manager, timesheet=sheet, now=NOW)
    assert Timesheet.objects.get(pk=sheet.pk).approved_by == crew.manager


def test_approval_completes_the_booking_and_issues_the_credit(crew):
    sheet = approved(crew)
    sheet.refresh_from_db()
    assert sheet.status == Timesheet.Status.APPROVED
    assert (sheet.approved_by, sheet.approved_at) == (crew.chris.user, NOW)
    booking = Booking.objects.get(pk=crew.booking.pk)
    assert booking.status == Booking.Status.COMPLETED
    event = PositionEvent.objects.get(kind=PositionEvent.Kind.COMPLETED)
    assert (event.actor, event.worker) == (crew.chris.user, crew.alex)
    assert event.message == "Alex Berg worked 10.50 h; timesheet approved by Chris Chief."
    credit = booking.credit
    assert (credit.worker, credit.title, credit.role.slug, credit.date) == (
        crew.alex,
        "Mara Quinn at Kraftwerk",
        "stagehand",
        dt.date(2026, 11, 10),
    )
    assert (credit.organisation, credit.show, credit.verified, credit.verified_by) == (
        crew.org,
        crew.show,
        True,
        crew.chris.user,
    )
    assert (credit.rating, credit.rating_note) == (None, "")
    assert crew.alex.user.notifications.get().subject == (
        "Timesheet approved: Load-in, Mara Quinn, Tue 10 Nov 08:00 CET"
    )


def test_approval_needs_a_submitted_timesheet(crew):
    sheet = record(crew)
    errors = refused(timesheets.timesheet_approve, actor=crew.manager, timesheet=sheet, now=NOW)
    assert errors == {
        "timesheet": ["Only a submitted timesheet can be approved; this one is open."]
    }


def test_credit_waits_until_the_call_is_over_and_is_issued_once(crew):
    position = PositionFactory(
        show=crew.show, title="Show call", call_start=at(22, 8), call_end=at(22, 20)
    )
    booking = BookingFactory(position=position, worker=crew.alex)
    sheet = record(crew, booking=booking, check_in=at(22, 8), check_out=at(22, 12, 30), breaks=[])
    timesheets.timesheet_submit(actor=crew.alex.user, timesheet=sheet)
    timesheets.timesheet_approve(actor=crew.manager, timesheet=sheet, now=NOW)
    assert Booking.objects.get(pk=booking.pk).credit is None
    assert timesheets.credits_issue(now=NOW) == 0
    after = dt.datetime(2026, 11, 22, 19, 0, tzinfo=dt.UTC)
    assert timesheets.credits_issue(now=after) == 1
    assert timesheets.credits_issue(now=after) == 0
    credit = Credit.objects.get()
    assert Booking.objects.get(pk=booking.pk).credit == credit
    assert (credit.date, credit.verified_by) == (dt.date(2026, 11, 22), crew.manager)


def test_credits_issue_skips_bookings_without_approved_timesheets(crew):
    record(crew)
    Booking.objects.filter(pk=crew.booking.pk).update(status=Booking.Status.COMPLETED)
    assert timesheets.credits_issue(now=NOW) == 0
    assert Credit.objects.count() == 0


def test_dispute_needs_a_note_then_the_times_can_be_corrected(crew):
    sheet = record(crew)
    timesheets.timesheet_submit(actor=crew.alex.user, timesheet=sheet)
    errors = refused(timesheets.timesheet_dispute, actor=crew.chris.user, timesheet=sheet, note=" ")
    assert errors == {"note": ["Say what is wrong with the times."]}
    timesheets.timesheet_dispute(actor=crew.chris.user, timesheet=sheet, note="You left at 18:30.")
    sheet.refresh_from_db()
    assert (sheet.status, sheet.dispute_note) == (Timesheet.Status.DISPUTED, "You left at 18:30.")
    assert crew.alex.user.notifications.get().body == (
        "Chris Chief disputed the timesheet of Alex Berg: You left at 18:30."
    )
    sheet = record(crew, check_out=at(10, 18, 30))
    assert sheet.status == Timesheet.Status.OPEN
    timesheets.timesheet_submit(actor=crew.alex.user, timesheet=sheet)
    timesheets.timesheet_approve(actor=crew.chris.user, timesheet=sheet, now=NOW)
    assert sheets.sheet_hours(Timesheet.objects.get()) == Decimal("10.00")
    errors = refused(
        timesheets.timesheet_dispute, actor=crew.alex.user, timesheet=sheet, note="Too late"
    )
    assert errors == {"timesheet": ["An approved timesheet cannot be disputed."]}


def test_worker_dispute_tells_the_managers_and_crew_chief(crew):
    sheet = record(crew, actor=crew.chris.user)
    timesheets.timesheet_dispute(actor=crew.alex.user, timesheet=sheet, note="I stayed to 20:00")
    assert crew.manager.notifications.get().subject == (
        "Timesheet disputed: Load-in, Mara Quinn, Tue 10 Nov 08:00 CET"
    )
    assert crew.chris.user.notifications.count() == 1
    assert crew.alex.user.notifications.count() == 0


# --- ratings and no-shows -----------------------------------------------------------------


def test_rating_needs_the_credit_and_a_value_from_one_to_five(crew):
    errors = refused(timesheets.booking_rate, actor=crew.manager, booking=crew.booking, rating=4)
    assert errors == {"booking": ["Rate after the timesheet is approved and the call is over."]}
    approved(crew)
    for bad in (0, 6, True, "4"):
        errors = refused(
            timesheets.booking_rate, actor=crew.manager, booking=crew.booking, rating=bad
        )
        assert errors == {"rating": ["Give a rating from 1 to 5."]}
    credit = timesheets.booking_rate(
        actor=crew.manager, booking=crew.booking, rating=5, note="Fast and careful."
    )
    credit.refresh_from_db()
    assert (credit.rating, credit.rating_note) == (5, "Fast and careful.")
    event = PositionEvent.objects.get(kind=PositionEvent.Kind.RATED)
    assert event.message == "mia rated Alex Berg 5/5."
    timesheets.booking_rate(actor=crew.chris.user, booking=crew.booking, rating=1)
    assert Credit.objects.get().rating == 1


def test_workers_cannot_rate(crew):
    approved(crew)
    with pytest.raises(PermissionDenied):
        timesheets.booking_rate(actor=crew.alex.user, booking=crew.booking, rating=5)
    assert Credit.objects.get().rating is None


def test_no_show_only_after_the_call_started_and_only_when_confirmed(crew):
    future = BookingFactory(
        position=PositionFactory(
            show=crew.show, call_start=at(4, 9, month=12), call_end=at(4, 14, month=12)
        ),
        worker=WorkerFactory(),
    )
    errors = refused(services.booking_mark_no_show, actor=crew.manager, booking=future, now=NOW)
    assert errors == {"booking": ["Mark a no-show only after the call has started."]}
    with pytest.raises(PermissionDenied):
        services.booking_mark_no_show(actor=crew.alex.user, booking=crew.chief, now=NOW)
    booking = services.booking_mark_no_show(actor=crew.chris.user, booking=crew.booking, now=NOW)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.NO_SHOW
    event = PositionEvent.objects.get(kind=PositionEvent.Kind.NO_SHOW)
    assert (event.message, event.worker) == (
        "Chris Chief marked Alex Berg as a no-show.",
        crew.alex,
    )
    errors = refused(
        services.booking_mark_no_show, actor=crew.manager, booking=crew.booking, now=NOW
    )
    assert errors == {
        "booking": ["Only a confirmed booking can be marked as a no-show; this one is no-show."]
    }
    errors = refused(record, c=crew)
    assert errors == {"booking": ["This booking was marked as a no-show, so it has no timesheet."]}


def test_no_show_refused_when_the_worker_checked_in(crew):
    record(crew)
    errors = refused(
        services.booking_mark_no_show, actor=crew.manager, booking=crew.booking, now=NOW
    )
    assert errors == {
        "booking": ["Alex Berg checked in at Tue 10 Nov 08:00 CET; correct the timesheet instead."]
    }


# --- pay ----------------------------------------------------------------------------------


def line(key, kind, hours, multiplier, rate, amount, note, quantity=None):
    hours = Decimal(hours)
    return PayLine(
        key=str(key),
        kind=kind,
        hours=hours,
        quantity=hours if quantity is None else Decimal(quantity),
        multiplier=Decimal(multiplier),
        rate=Decimal(rate),
        amount=Decimal(amount),
        currency="EUR",
        note=note,
    )


def test_pay_for_a_worked_day_with_overtime(crew):
    approved(crew)
    summary = pay.pay_for_worker(
        actor=crew.alex.user,
        worker=crew.alex,
        start_date=dt.date(2026, 11, 1),
        end_date=dt.date(2026, 11, 30),
    )
    # 10.5 h worked: 8 h x 28.00 + 2.5 h x 42.00 = 224.00 + 105.00
    assert [(p.booking.pk, p.status, p.date, p.worked_hours) for p in summary.bookings] == [
        (crew.booking.pk, "approved", dt.date(2026, 11, 10), Decimal("10.5"))
    ]
    assert list(summary.bookings[0].lines) == [
        line(
            crew.booking.pk,
            "straight",
            "8",
            "1",
            "28.00",
            "224.00",
            "hours 0-8 of workday Tue 10 Nov at straight rate",
        ),
        line(
            crew.booking.pk,
            "overtime",
            "2.5",
            "1.5",
            "28.00",
            "105.00",
            "hours 8-10.5 of workday Tue 10 Nov at 1.5x",
        ),
    ]
    assert summary.totals == {"EUR": Decimal("329.00")}
    assert summary.worker_totals == ((crew.alex, "EUR", Decimal("329.00")),)
    assert summary.problems == ()


def test_pay_estimates_confirmed_calls_and_pays_late_cancellations(crew):
    future = PositionFactory(
        show=crew.show, title="Show", call_start=at(4, 9, month=12), call_end=at(4, 14, month=12)
    )
    estimate = BookingFactory(position=future, worker=crew.alex)
    late = BookingFactory(
        position=PositionFactory(
            show=crew.show,
            title="Strike",
            call_start=at(6, 9, month=12),
            call_end=at(6, 14, month=12),
        ),
        worker=crew.alex,
        status=Booking.Status.CANCELLED,
        late_cancellation=True,
    )
    BookingFactory(
        position=PositionFactory(
            show=crew.show, call_start=at(7, 9, month=12), call_end=at(7, 14, month=12)
        ),
        worker=crew.alex,
        status=Booking.Status.CANCELLED,
        late_cancellation=True,
        cancelled_by_worker=True,
    )
    summary = pay.pay_for_worker(
        actor=crew.alex.user,
        worker=crew.alex,
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 31),
    )
    assert [(p.booking.pk, p.status, p.total) for p in summary.bookings] == [
        (estimate.pk, "estimate", Decimal("140.00")),
        (late.pk, "approved", Decimal("112.00")),
    ]
    assert list(summary.bookings[1].lines) == [
        line(
            late.pk,
            "late-cancellation",
            "4",
            "1",
            "28.00",
            "112.00",
            "cancelled late: 4h at straight rate",
        ),
    ]
    assert summary.totals == {"EUR": Decimal("252.00")}


def test_stored_pay_rules_are_used(crew):
    PayRules.objects.create(organisation=crew.org, overtime=[["10", "2"]], min_call_hours=5)
    approved(crew)
    summary = pay.pay_for_show(actor=crew.manager, show=crew.show)
    alex = next(p for p in summary.bookings if p.booking == crew.booking)
    # 10 h at 28.00 and half an hour at 56.00
    assert [(x.kind, x.hours, x.amount) for x in alex.lines] == [
        ("straight", Decimal("10"), Decimal("280.00")),
        ("overtime", Decimal("0.5"), Decimal("28.00")),
    ]


def test_bad_stored_overtime_is_refused_by_field(crew):
    PayRules.objects.create(organisation=crew.org, overtime=[["8", "0.5"]])
    errors = refused(pay.pay_for_show, actor=crew.manager, show=crew.show)
    assert errors == {
        "overtime": [
            "Pay rules of Northern Lights: overtime tier 1: multiplier must be a Decimal >= 1."
        ]
    }


def test_turnaround_counts_the_call_of_the_day_before(crew):
    other = ShowFactory(organisation=crew.org, venue=crew.venue, date=dt.date(2026, 11, 9))
    night = BookingFactory(
        position=PositionFactory(show=other, call_start=at(9, 18), call_end=at(10, 2)),
        worker=crew.alex,
    )
    summary = pay.pay_for_show(actor=crew.alex.user, show=crew.show)
    # The show's pay only lists the show's booking, but the night call before it is what
    # puts 08:00-10:00 inside the 8 h rest: paid at 2x.
    assert [p.booking for p in summary.bookings] == [crew.booking]
    assert [(x.kind, x.hours, x.multiplier, x.amount) for x in summary.bookings[0].lines] == [
        ("turnaround", Decimal("2"), Decimal("2"), Decimal("112.00")),
        ("straight", Decimal("6"), Decimal("1"), Decimal("168.00")),
        ("overtime", Decimal("2"), Decimal("1.5"), Decimal("84.00")),
    ]
    assert night.pk not in {p.booking.pk for p in summary.bookings}


def test_overlapping_calls_are_paid_one_by_one_and_reported(crew):
    approved(crew)
    later = BookingFactory(
        position=PositionFactory(show=crew.show, call_start=at(10, 18), call_end=at(10, 23)),
        worker=crew.alex,
    )
    summary = pay.pay_for_worker(
        actor=crew.alex.user,
        worker=crew.alex,
        start_date=dt.date(2026, 11, 10),
        end_date=dt.date(2026, 11, 10),
    )
    assert summary.problems == (
        f"Alex Berg: call '{later.pk}': start: overlaps call '{crew.booking.pk}'. Those calls "
        "are paid one by one, without overtime or turnaround across them.",
    )
    assert [(p.booking, p.total) for p in summary.bookings] == [
        (crew.booking, Decimal("329.00")),
        (later, Decimal("140.00")),
    ]


def test_studio_work_earns_a_credit_and_a_flat_fee():
    project = ProjectFactory(title="Night Songs", slug="night-songs")
    position = PositionFactory(
        show=None,
        project=project,
        pay_unit="flat",
        pay_amount=Decimal("500.00"),
        call_start=dt.datetime(2026, 11, 10, 10, 0, tzinfo=dt.UTC),
        call_end=dt.datetime(2026, 11, 10, 18, 0, tzinfo=dt.UTC),
    )
    worker = WorkerFactory(slug="sol", display_name="Sol")
    booking = BookingFactory(position=position, worker=worker)
    manager = manager_of(project.organisation, username="pia")
    sheet = timesheets.timesheet_record(
        actor=worker.user,
        booking=booking,
        check_in=dt.datetime(2026, 11, 10, 10, 0, tzinfo=dt.UTC),
        check_out=dt.datetime(2026, 11, 10, 17, 0, tzinfo=dt.UTC),
    )
    timesheets.timesheet_submit(actor=worker.user, timesheet=sheet)
    timesheets.timesheet_approve(actor=manager, timesheet=sheet, now=NOW)
    credit = Credit.objects.get()
    assert (credit.title, credit.show, credit.organisation, credit.date) == (
        "Night Songs",
        None,
        project.organisation,
        dt.date(2026, 11, 10),
    )
    summary = pay.pay_for_worker(
        actor=worker.user,
        worker=worker,
        start_date=dt.date(2026, 11, 10),
        end_date=dt.date(2026, 11, 10),
    )
    assert [(x.kind, x.hours, x.amount) for x in summary.bookings[0].lines] == [
        ("flat", Decimal("7"), Decimal("500.00"))
    ]
    assert next(pay_export.csv_rows(summary))[3] == "night-songs"


def test_pay_permissions(crew):
    approved(crew)
    period = {"start_date": dt.date(2026, 11, 1), "end_date": dt.date(2026, 11, 30)}
    with pytest.raises(PermissionDenied):
        pay.pay_for_worker(actor=crew.chris.user, worker=crew.alex, **period)
    other_org = OrganisationFactory()
    elsewhere = manager_of(other_org, username="otto")
    BookingFactory(
        position=PositionFactory(
            show=ShowFactory(organisation=other_org), call_start=at(12, 9), call_end=at(12, 14)
        ),
        worker=crew.alex,
    )
    mine = pay.pay_for_worker(actor=crew.alex.user, worker=crew.alex, **period)
    assert len(mine.bookings) == 2
    theirs = pay.pay_for_worker(actor=elsewhere, worker=crew.alex, **period)
    assert [p.organisation for p in theirs.bookings] == [other_org]
    ours = pay.pay_for_worker(actor=crew.manager, worker=crew.alex, **period)
    assert [p.booking for p in ours.bookings] == [crew.booking]
    show_pay = pay.pay_for_show(actor=crew.alex.user, show=crew.show)
    assert [p.booking for p in show_pay.bookings] == [crew.booking]
    assert len(pay.pay_for_show(actor=crew.manager, show=crew.show).bookings) == 2
    with pytest.raises(PermissionDenied):
        pay.pay_for_show(actor=elsewhere, show=crew.show)


def test_pay_period_is_checked(crew):
    errors = refused(
        pay.pay_for_worker,
        actor=crew.alex.user,
        worker=crew.alex,
        start_date=dt.date(2026, 11, 30),
        end_date=dt.date(2026, 11, 1),
    )
    assert errors == {"end_date": ["The end date must not be before the start date."]}


CSV_HEADER = (
    "worker,worker_slug,organisation,show,position,date,kind,hours,multiplier,rate,amount,"
    "currency,status,booking_id"
)

ALEX = "Alex Berg,alex,northern-lights,mara-berlin,Load-in,2026-11-10"
CHRIS = "Chris Chief,chris,northern-lights,mara-berlin,Load-in,2026-11-10"


def expected_csv(c) -> str:
    a, b = c.booking.pk, c.chief.pk
    return "\n".join(
        [
            CSV_HEADER,
            f"{ALEX},straight,8,1,28.00,224.00,EUR,approved,{a}",
            f"{ALEX},overtime,2.5,1.5,28.00,105.00,EUR,approved,{a}",
            f"{CHRIS},straight,8,1,28.00,224.00,EUR,estimate,{b}",
            f"{CHRIS},overtime,2,1.5,28.00,84.00,EUR,estimate,{b}",
            "Alex Berg,alex,,,,,total,,,,329.00,EUR,,",
            "Chris Chief,chris,,,,,total,,,,308.00,EUR,,",
            "",
        ]
    )


def test_payroll_csv_header_and_rows(crew):
    approved(crew)
    summary = pay.pay_for_organisation(
        actor=crew.manager,
        organisation=crew.org,
        start_date=dt.date(2026, 11, 1),
        end_date=dt.date(2026, 11, 30),
    )
    assert pay_export.payroll_csv(summary) == expected_csv(crew)


# --- web pages ----------------------------------------------------------------------------


def test_timesheet_page_records_times_in_venue_time(client, crew):
    client.force_login(crew.alex.user)
    url = f"/bookings/{crew.booking.pk}/timesheet/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'type="datetime-local"' in page.text
    assert "Nothing recorded yet" in page.text
    response = client.post(
        url,
        {
            "check_in": "2026-11-10T08:00",
            "check_out": "2026-11-10T19:00",
            "break_1_start": "2026-11-10T12:00",
            "break_1_end": "2026-11-10T12:30",
        },
    )
    assert response.status_code == 302
    assert response.url == url
    sheet = Timesheet.objects.get()
    assert (sheet.check_in, sheet.check_out) == (at(10, 8), at(10, 19))
    page = client.get(url)
    assert '<dd id="worked-hours">10.50 h</dd>' in page.text
    assert 'value="2026-11-10T08:00"' in page.text
    assert "Submit for approval" in page.text
    assert "Approve" not in page.text


def test_timesheet_page_shows_refusal_and_saves_nothing(client, crew):
    client.force_login(crew.alex.user)
    record(crew)
    response = client.post(
        f"/bookings/{crew.booking.pk}/timesheet/",
        {"check_in": "2026-11-10T09:00", "check_out": "2026-11-10T07:00"},
    )
    assert response.status_code == 200
    assert "Nothing was saved. Fix the fields marked below." in response.text
    assert "Check-out must be after check-in." in response.text
    assert Timesheet.objects.get().check_in == at(10, 8)
    response = client.post(
        f"/bookings/{crew.booking.pk}/timesheet/",
        {"check_in": "2026-11-10T08:00", "break_1_start": "2026-11-10T12:00"},
    )
    assert "Give both the start and the end of the break." in response.text


def test_timesheet_page_is_private(client, crew):
    client.force_login(UserFactory(username="sam"))
    response = client.get(f"/bookings/{crew.booking.pk}/timesheet/")
    assert response.status_code == 403
    assert (
        "Only the worker booked, the crew chief or a manager can see this timesheet."
        in response.text
    )
    assert client.get("/bookings/999999/timesheet/").status_code == 404
    client.logout()
    assert client.get(f"/bookings/{crew.booking.pk}/timesheet/").status_code == 302


def test_submit_approve_and_dispute_buttons(client, crew):
    record(crew)
    client.force_login(crew.alex.user)
    base = f"/bookings/{crew.booking.pk}/timesheet/"
    assert client.post(base + "submit/").url == base
    assert Timesheet.objects.get().status == Timesheet.Status.SUBMITTED
    assert client.post(base + "approve/").status_code == 403
    client.force_login(crew.chris.user)
    assert "Approve 10.50 h" in client.get(base).text
    response = client.post(base + "dispute/", {"note": ""}, follow=True)
    assert "Nothing changed. Note: Say what is wrong with the times." in response.text
    response = client.post(base + "approve/", follow=True)
    assert "Approved: Alex Berg worked 10.50 h." in response.text
    assert Booking.objects.get(pk=crew.booking.pk).status == Booking.Status.COMPLETED
    response = client.post(base + "approve/", follow=True)
    assert "Nothing changed. Timesheet: This timesheet is already approved." in response.text


def test_approve_without_a_timesheet_says_so(client, crew):
    client.force_login(crew.manager)
    response = client.post(f"/bookings/{crew.booking.pk}/timesheet/approve/", follow=True)
    assert "Nothing changed. Record check-in and check-out first." in response.text
    client.force_login(UserFactory(username="sam"))
    assert client.post(f"/bookings/{crew.booking.pk}/timesheet/approve/").status_code == 403


def test_show_timesheets_queue_for_leads(client, crew):
    sheet = record(crew)
    timesheets.timesheet_submit(actor=crew.alex.user, timesheet=sheet)
    url = "/shows/mara-berlin/timesheets/"
    client.force_login(crew.alex.user)
    assert client.get(url).status_code == 403
    client.force_login(crew.chris.user)
    page = client.get(url)
    assert page.status_code == 200
    assert '<strong id="waiting">1</strong>' in page.text
    assert "10.50 h" in page.text
    assert f'action="/bookings/{crew.booking.pk}/timesheet/approve/"' in page.text
    assert f'action="/bookings/{crew.chief.pk}/timesheet/approve/"' not in page.text
    assert f'action="/bookings/{crew.booking.pk}/no-show/"' in page.text
    response = client.post(
        f"/bookings/{crew.booking.pk}/timesheet/approve/", {"next": url}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    assert f'action="/bookings/{crew.booking.pk}/rating/"' in response.text
    response = client.post(
        f"/bookings/{crew.booking.pk}/rating/",
        {"rating": "4", "note": "Solid", "next": url},
        follow=True,
    )
    assert "Rated Alex Berg 4/5." in response.text
    assert Credit.objects.get().rating == 4
    response = client.post(
        f"/bookings/{crew.booking.pk}/rating/", {"rating": "9", "next": url}, follow=True
    )
    assert "Nothing changed. Rating: Give a rating from 1 to 5." in response.text
    assert Credit.objects.get().rating == 4


def test_no_show_button(client, crew):
    client.force_login(crew.manager)
    response = client.post(f"/bookings/{crew.booking.pk}/no-show/", follow=True)
    assert "Alex Berg is marked as a no-show." in response.text
    assert Booking.objects.get(pk=crew.booking.pk).status == Booking.Status.NO_SHOW
    response = client.post(f"/bookings/{crew.booking.pk}/no-show/", follow=True)
    assert (
        "Nothing changed. Booking: Only a confirmed booking can be marked as a no-show; "
        "this one is no-show." in response.text
    )


def _queue_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_show_timesheets_query_count_is_flat(client, crew, django_assert_max_num_queries):
    client.force_login(crew.manager)
    url = "/shows/mara-berlin/timesheets/"
    record(crew)
    few = _queue_queries(client, url)
    for n in range(6):
        booking = BookingFactory(position=crew.position, worker=WorkerFactory())
        sheet = record(
            crew,
            actor=crew.manager,
            booking=booking,
            breaks=[(at(10, 12), at(10, 12, 30)), (at(10, 15), at(10, 15, 10 + n))],
        )
        timesheets.timesheet_submit(actor=crew.manager, timesheet=sheet)
    timesheets.timesheet_approve(actor=crew.manager, timesheet=sheet, now=NOW)
    assert _queue_queries(client, url) == few
    with django_assert_max_num_queries(9):
        client.get(url)


def test_my_pay_page_and_csv(client, crew):
    approved(crew)
    client.force_login(crew.alex.user)
    page = client.get("/me/pay/?from=2026-11-01&to=2026-11-30")
    assert page.status_code == 200
    assert "<strong>€329.00</strong> total" in page.text
    assert 'href="?from=2026-11-01&amp;to=2026-11-30&amp;format=csv"' in page.text
    response = client.get("/me/pay/?from=2026-11-01&to=2026-11-30&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="pay-alex-2026-11-01-2026-11-30.csv"'
    )
    a = crew.booking.pk
    assert response.content.decode() == "\n".join(
        [
            CSV_HEADER,
            f"{ALEX},straight,8,1,28.00,224.00,EUR,approved,{a}",
            f"{ALEX},overtime,2.5,1.5,28.00,105.00,EUR,approved,{a}",
            "Alex Berg,alex,,,,,total,,,,329.00,EUR,,",
            "",
        ]
    )
    page = client.get("/me/pay/?from=2026-11-30&to=2026-11-01")
    assert "end_date: The end date must not be before the start date." in page.text


def test_my_pay_needs_a_worker_profile(client, crew):
    client.force_login(crew.manager)
    response = client.get("/me/pay/")
    assert response.status_code == 403
    assert "This page is for crew with a worker profile." in response.text


def test_show_pay_page_and_csv(client, crew):
    approved(crew)
    client.force_login(crew.manager)
    page = client.get("/shows/mara-berlin/pay/")
    assert page.status_code == 200
    assert "<strong>€637.00</strong> total" in page.text
    assert "Chris Chief" in page.text
    response = client.get("/shows/mara-berlin/pay/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="pay-mara-berlin.csv"'
    assert response.content.decode() == expected_csv(crew)
    client.force_login(UserFactory(username="sam"))
    assert client.get("/shows/mara-berlin/pay/").status_code == 403


# --- API ----------------------------------------------------------------------------------


def test_api_timesheet_flow(client, crew):
    worker, chief = bearer(crew.alex.user), bearer(crew.chris.user)
    url = f"/api/bookings/{crew.booking.pk}/timesheet"
    assert client.get(url).status_code == 401
    empty = client.get(url, **worker).json()
    assert empty == {
        "booking": crew.booking.pk,
        "booking_status": "confirmed",
        "status": "open",
        "check_in": None,
        "check_out": None,
        "breaks": [],
        "worked_hours": None,
        "dispute_note": "",
        "approved_at": None,
        "stamped_in": None,
        "stamped_out": None,
        "corrected_by": None,
        "corrected_at": None,
    }
    body = {
        "check_in": "2026-11-10T08:00:00+01:00",
        "check_out": "2026-11-10T19:00:00+01:00",
        "breaks": [{"start": "2026-11-10T12:00:00+01:00", "end": "2026-11-10T12:30:00+01:00"}],
    }
    saved = client.put(url, body, content_type="application/json", **worker)
    assert saved.status_code == 200
    assert saved.json() == {
        "booking": crew.booking.pk,
        "booking_status": "confirmed",
        "status": "open",
        "check_in": "2026-11-10T07:00:00Z",
        "check_out": "2026-11-10T18:00:00Z",
        "breaks": [{"start": "2026-11-10T11:00:00Z", "end": "2026-11-10T11:30:00Z"}],
        "worked_hours": "10.50",
        "dispute_note": "",
        "approved_at": None,
        "stamped_in": None,
        "stamped_out": None,
        "corrected_by": None,
        "corrected_at": None,
    }
    assert client.post(url + "/submit", **worker).json()["status"] == "submitted"
    denied = client.post(url + "/approve", **worker)
    assert denied.status_code == 403
    assert denied.json() == {"detail": "Only the crew chief or a manager can approve timesheets."}
    done = client.post(url + "/approve", **chief).json()
    assert (done["status"], done["booking_status"]) == ("approved", "completed")
    rated = client.post(
        f"/api/bookings/{crew.booking.pk}/rating",
        {"rating": 5, "note": "Great"},
        content_type="application/json",
        **chief,
    )
    assert rated.json() == {
        "booking": crew.booking.pk,
        "title": "Mara Quinn at Kraftwerk",
        "role": "stagehand",
        "date": "2026-11-10",
        "organisation": "northern-lights",
        "show": "mara-berlin",
        "verified": True,
        "rating": 5,
        "rating_note": "Great",
    }


def test_api_refusals_name_the_field(client, crew):
    worker = bearer(crew.alex.user)
    url = f"/api/bookings/{crew.booking.pk}/timesheet"
    response = client.put(
        url,
        {"check_in": "2026-11-10T09:00:00+01:00", "check_out": "2026-11-10T07:00:00+01:00"},
        content_type="application/json",
        **worker,
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "check_out"],
                "msg": "Check-out must be after check-in.",
                "type": "value_error",
            }
        ]
    }
    naive = client.put(
        url, {"check_in": "2026-11-10T09:00:00"}, content_type="application/json", **worker
    )
    assert naive.json()["detail"][0]["loc"] == ["body", "check_in"]
    missing = client.post(url + "/submit", **worker)
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "timesheet"]
    dispute = client.post(url + "/dispute", {"note": ""}, content_type="application/json", **worker)
    assert dispute.status_code == 422
    stranger = bearer(UserFactory(username="sam"))
    assert client.get(url, **stranger).status_code == 403
    assert (
        client.put(
            url,
            {"check_in": "2026-11-10T08:00:00+01:00"},
            content_type="application/json",
            **stranger,
        ).status_code
        == 403
    )
    rating = client.post(
        f"/api/bookings/{crew.booking.pk}/rating",
        {"rating": 3},
        content_type="application/json",
        **bearer(crew.manager),
    )
    assert rating.json()["detail"][0] == {
        "loc": ["body", "booking"],
        "msg": "Rate after the timesheet is approved and the call is over.",
        "type": "value_error",
    }


def test_api_no_show(client, crew):
    url = f"/api/bookings/{crew.booking.pk}/no-show"
    assert client.post(url, **bearer(crew.alex.user)).status_code == 403
    response = client.post(url, **bearer(crew.manager))
    assert response.json() == {"id": crew.booking.pk, "status": "no_show"}
    again = client.post(url, **bearer(crew.manager))
    assert again.status_code == 422


def test_api_pay(client, crew):
    approved(crew)
    mine = client.get("/api/me/pay?from=2026-11-01&to=2026-11-30", **bearer(crew.alex.user))
    assert mine.status_code == 200
    body = mine.json()
    assert body["totals"] == {"EUR": "329.00"}
    assert body["worker_totals"] == [{"worker": "alex", "currency": "EUR", "amount": "329.00"}]
    assert body["lines"][1] == {
        "booking": crew.booking.pk,
        "worker": "alex",
        "organisation": "northern-lights",
        "show": "mara-berlin",
        "project": None,
        "position": "Load-in",
        "date": "2026-11-10",
        "status": "approved",
        "kind": "overtime",
        "hours": "2.5",
        "multiplier": "1.5",
        "rate": "28.00",
        "amount": "105.00",
        "currency": "EUR",
        "note": "hours 8-10.5 of workday Tue 10 Nov at 1.5x",
        "reads": "2.5 h x 42.00 = 105.00",
    }
    bad = client.get("/api/me/pay?from=2026-11-30&to=2026-11-01", **bearer(crew.alex.user))
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "to"]
    show = client.get("/api/shows/mara-berlin/pay", **bearer(crew.manager)).json()
    assert show["totals"] == {"EUR": "637.00"}
    assert client.get("/api/shows/mara-berlin/pay", **bearer(UserFactory())).status_code == 403


# --- CLI ----------------------------------------------------------------------------------


def test_payroll_command_writes_the_csv(crew, tmp_path):
    approved(crew)
    out = io.StringIO()
    args = ["--org", "northern-lights", "--from", "2026-11-01", "--to", "2026-11-30"]
    call_command("payroll", *args, stdout=out)
    assert out.getvalue() == expected_csv(crew)
    target = tmp_path / "payroll.csv"
    out = io.StringIO()
    call_command("payroll", *args, "--output", str(target), stdout=out)
    assert out.getvalue() == f"Wrote 4 pay lines to {target}\n"
    assert target.read_text() == expected_csv(crew)


def test_payroll_command_refuses_bad_arguments(crew):
    with pytest.raises(CommandError) as info:
        call_command("payroll", "--org", "nobody", "--from", "2026-11-01", "--to", "30.11.")
    assert str(info.value) == (
        "Nothing was saved.\n  org: 'nobody' does not exist.\n"
        "  to: '30.11.' is not a date (YYYY-MM-DD)."
    )


def test_crew_chief_member_of_the_organisation_may_approve(crew):
    lead = UserFactory(username="lee")
    Membership.objects.create(organisation=crew.org, user=lead, role="crew_chief")
    sheet = record(crew)
    timesheets.timesheet_submit(actor=crew.alex.user, timesheet=sheet)
    timesheets.timesheet_approve(actor=lead, timesheet=sheet, now=NOW)
    assert Timesheet.objects.get().approved_by == lead
