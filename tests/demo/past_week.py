"""What the demo's past week must hold; called from test_demo's single build (it is slow)."""

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone

from stagedoor.booking.models import Booking
from stagedoor.booking.pay.selectors import pay_for_worker
from stagedoor.booking.pay.summary import APPROVED, ESTIMATE
from stagedoor.careers.income import income_plan
from stagedoor.people.models import Credit, WorkerProfile

MANAGERS = {
    "vera.venue": {"riverside-venues"},
    "pat.promoter": {"northern-lights-presents", "harbour-and-vine-live"},
    "parker.production": {"sightline-production"},
}


def past_bookings():
    return Booking.objects.filter(position__call_end__lt=timezone.now()).select_related(
        "position__show__organisation", "worker__user", "timesheet", "credit"
    )


def sheet_state(booking):
    sheet = getattr(booking, "timesheet", None)
    return sheet.status if sheet else None


def assert_past_week():
    now = timezone.now()
    past = list(past_bookings())
    # Every show of the past week lies in the seven days before today.
    for b in past:
        assert now - dt.timedelta(days=8) < b.position.call_start < now
    assert {b.position.show.organisation.slug for b in past} == {
        "riverside-venues",
        "northern-lights-presents",
        "harbour-and-vine-live",
        "sightline-production",
    }

    # Will's past calls, exactly.
    will = WorkerProfile.objects.get(user__username="will.worker")
    mine = [b for b in past if b.worker_id == will.pk]
    assert Counter((b.status, sheet_state(b)) for b in mine) == {
        ("confirmed", None): 1,  # not recorded yet
        ("confirmed", "open"): 1,  # recorded, his to submit
        ("confirmed", "submitted"): 1,
        ("confirmed", "disputed"): 1,
        ("completed", "approved"): 1,
        ("cancelled", None): 1,
    }
    worked = next(b for b in mine if b.status == "completed")
    assert worked.credit.verified and worked.credit.rating == 5
    assert worked.timesheet.breaks.count() == 1
    cancelled = next(b for b in mine if b.status == "cancelled")
    assert cancelled.cancelled_by_worker and not cancelled.late_cancellation
    disputed = next(b for b in mine if sheet_state(b) == "disputed")
    assert disputed.timesheet.dispute_note.startswith("I stayed an hour")
    assert disputed.timesheet.updated_by == will.user

    # Every state at least once, across the week.
    states = Counter((b.status, sheet_state(b)) for b in past)
    for state in [
        ("confirmed", None),
        ("confirmed", "open"),
        ("confirmed", "submitted"),
        ("confirmed", "disputed"),
        ("completed", "approved"),
        ("no_show", None),
    ]:
        assert states[state] >= 1, state
    assert any(b.late_cancellation and not b.cancelled_by_worker for b in past)
    assert any(b.cancelled_by_worker and b.status == "cancelled" for b in past)
    approved = [b for b in past if sheet_state(b) == "approved"]
    assert all(b.credit and b.credit.verified for b in approved)
    assert {b.credit.rating for b in approved} >= {1, 2, 3, 4, 5}
    for b in past:
        sheet = getattr(b, "timesheet", None)
        if sheet is not None:
            assert sheet.check_in < sheet.check_out <= now
            assert abs(sheet.check_in - b.position.call_start) < dt.timedelta(hours=1)

    # Each manager has sheets to approve and a worker's dispute to answer.
    users = get_user_model().objects
    for login, orgs in MANAGERS.items():
        theirs = [b for b in past if b.position.show.organisation.slug in orgs]
        assert any(sheet_state(b) == "submitted" for b in theirs), login
        assert any(
            sheet_state(b) == "disputed" and b.timesheet.updated_by == b.worker.user for b in theirs
        ), login
        assert users.filter(username=login, memberships__organisation__slug__in=orgs).exists()

    # Pay: the approved sheet is paid on its recorded times, the rest estimated.
    today = timezone.localdate()
    summary = pay_for_worker(
        actor=will.user, worker=will, start_date=today - dt.timedelta(days=8), end_date=today
    )
    kinds = {paid.booking.pk: paid.status for paid in summary.bookings}
    assert kinds[worked.pk] == APPROVED
    live = [b for b in mine if b.status != "cancelled"]
    assert all(kinds[b.pk] == ESTIMATE for b in live if b.pk != worked.pk)
    assert cancelled.pk not in kinds  # the worker cancelled: nothing owed
    late = next(b for b in past if b.late_cancellation)
    owed = pay_for_worker(
        actor=late.worker.user, worker=late.worker, start_date=today - dt.timedelta(days=8),
        end_date=today,
    )  # fmt: skip
    assert [p.booking.pk for p in owed.bookings] == [late.pk]
    assert owed.bookings[0].total > 0
    # The income planner prices this month's past calls the same way.
    plan = income_plan(actor=will.user, worker=will, months=1, today=today)
    this_month = {p.booking.pk: p.total for p in summary.bookings if p.date >= today.replace(day=1)}
    booked = sorted(line.amount for line in plan.lines if line.kind == "booked")
    for total in this_month.values():
        assert total in booked


def past_snapshot():
    return sorted(
        (b.position.show.slug, b.position_id, b.worker_id, b.status, sheet_state(b))
        for b in past_bookings()
    ) + sorted(Credit.objects.values_list("pk", "rating"))
