"""Timesheets open at check-in, not days before the call (issue 16): recording or
submitting before the early window opens, or with times still ahead, is refused by field
on the service, the page and the API, and nothing changes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stagedoor.booking.models import Timesheet
from stagedoor.booking.timesheets import services as timesheets
from stagedoor.core.validation import messages_of
from tests.factories import BERLIN, BookingFactory, PositionFactory, WorkerFactory, bearer

pytestmark = pytest.mark.django_db

CALL = dt.datetime(2026, 11, 10, 8, 0, tzinfo=BERLIN)
HOUR = dt.timedelta(hours=1)
NOT_OPEN = "Check-in has not opened yet: it opens {}, an hour before the call."
NOT_YET_OUT = "Check-out is still in the future; submit after you leave."


def refused(fn, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        fn(**kwargs)
    return messages_of(info.value)


@pytest.fixture
def booking():
    position = PositionFactory(title="Load-in", call_start=CALL, call_end=CALL + 10 * HOUR)
    worker = WorkerFactory(slug="alex", display_name="Alex Berg", user__username="alex")
    return BookingFactory(position=position, worker=worker)


def record(booking, now, **times):
    return timesheets.timesheet_record(actor=booking.worker.user, booking=booking, now=now, **times)


def test_recording_five_days_before_the_call_is_refused(booking):
    errors = refused(
        record,
        booking=booking,
        now=CALL - dt.timedelta(days=5),
        check_in=CALL,
        check_out=CALL + 8 * HOUR,
    )
    assert errors == {"check_in": [NOT_OPEN.format("Tue 10 Nov 07:00 CET")]}
    assert not Timesheet.objects.exists()


def test_check_in_opens_an_hour_before_the_call(booking):
    errors = refused(
        record, booking=booking, now=CALL - 61 * dt.timedelta(minutes=1), check_in=CALL - 2 * HOUR
    )
    assert list(errors) == ["check_in"]
    sheet = record(booking, now=CALL - 59 * dt.timedelta(minutes=1), check_in=CALL - HOUR)
    assert (sheet.check_in, sheet.check_out) == (CALL - HOUR, None)


@pytest.mark.parametrize(
    ("minutes", "opens"),
    [
        (0, "08:00 CET, when the call starts"),
        (90, "06:30 CET, 90 minutes before the call"),
        (120, "06:00 CET, 2 hours before the call"),
    ],
)
def test_the_early_window_is_a_setting(booking, settings, minutes, opens):
    settings.STAGEDOOR_CHECKIN_EARLY_MINUTES = minutes
    errors = refused(record, booking=booking, now=CALL - 3 * HOUR, check_in=CALL - 3 * HOUR)
    assert errors == {"check_in": [f"Check-in has not opened yet: it opens Tue 10 Nov {opens}."]}


def test_times_cannot_lie_in_the_future(booking):
    now = CALL + 2 * HOUR
    assert refused(record, booking=booking, now=now, check_in=CALL, check_out=CALL + 3 * HOUR) == {
        "check_out": ["Check-out cannot be in the future; record it when you leave."]
    }
    assert refused(
        record, booking=booking, now=CALL - 30 * dt.timedelta(minutes=1), check_in=CALL
    ) == {"check_in": ["Check-in cannot be in the future; record it once you are in."]}
    assert not Timesheet.objects.exists()
    sheet = record(booking, now=now, check_in=CALL, check_out=now)
    assert sheet.check_out == now


def test_submitting_before_check_in_opens_or_before_check_out_is_refused(booking):
    # Times kept before these rules: a sheet recorded ahead of the call.
    sheet = Timesheet.objects.create(booking=booking, check_in=CALL, check_out=CALL + 8 * HOUR)
    errors = refused(
        timesheets.timesheet_submit,
        actor=booking.worker.user,
        timesheet=sheet,
        now=CALL - dt.timedelta(days=5),
    )
    assert errors == {
        "check_in": [NOT_OPEN.format("Tue 10 Nov 07:00 CET")],
        "check_out": [NOT_YET_OUT],
    }
    errors = refused(
        timesheets.timesheet_submit, actor=booking.worker.user, timesheet=sheet, now=CALL + HOUR
    )
    assert errors == {"check_out": [NOT_YET_OUT]}
    sheet.refresh_from_db()
    assert sheet.status == Timesheet.Status.OPEN
    timesheets.timesheet_submit(actor=booking.worker.user, timesheet=sheet, now=CALL + 9 * HOUR)
    sheet.refresh_from_db()
    assert sheet.status == Timesheet.Status.SUBMITTED


@pytest.fixture
def upcoming():
    """A call five days from the real now, for the page and the API (which take no `now`)."""
    start = (
        (timezone.now() + dt.timedelta(days=5))
        .astimezone(BERLIN)
        .replace(hour=8, minute=0, second=0, microsecond=0)
    )
    position = PositionFactory(title="Load-in", call_start=start, call_end=start + 10 * HOUR)
    worker = WorkerFactory(slug="alex", display_name="Alex Berg", user__username="alex")
    return BookingFactory(position=position, worker=worker)


def opens_text(booking) -> str:
    opens = booking.position.call_start - HOUR
    return (
        f"Check-in has not opened yet: it opens {opens:%a %d %b %H:%M %Z}, an hour before the call."
    )


def test_the_page_refuses_times_before_check_in_opens(client, upcoming):
    client.force_login(upcoming.worker.user)
    start = upcoming.position.call_start
    page = client.get(f"/bookings/{upcoming.pk}/timesheet/").text
    opens = (start - HOUR).astimezone(BERLIN)
    assert f"Check-in opens {opens:%a} {opens.day} {opens:%b %H:%M %Z}; record your times" in page
    response = client.post(
        f"/bookings/{upcoming.pk}/timesheet/",
        {"check_in": f"{start:%Y-%m-%dT%H:%M}", "check_out": f"{start + 8 * HOUR:%Y-%m-%dT%H:%M}"},
    )
    assert response.status_code == 200
    assert "Nothing was saved. Fix the fields marked below." in response.text
    assert opens_text(upcoming) in response.text
    assert not Timesheet.objects.exists()


def test_the_api_refuses_times_before_check_in_opens(client, upcoming):
    start = upcoming.position.call_start
    response = client.put(
        f"/api/bookings/{upcoming.pk}/timesheet",
        {"check_in": start.isoformat(), "check_out": (start + 8 * HOUR).isoformat()},
        content_type="application/json",
        **bearer(upcoming.worker.user),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "check_in"], "msg": opens_text(upcoming), "type": "value_error"}
    ]
    assert not Timesheet.objects.exists()
