"""Show pay for calls not yet worked and for worked ones (issue 16): an estimate assumes
the meals the rules require are given on time; recorded times still pay a late meal. Every
row reads as a person would check it."""

import datetime as dt
from decimal import Decimal

import pytest

from stagedoor.booking.models import PayRules, Timesheet, TimesheetBreak
from stagedoor.booking.pay import selectors as pay
from tests.factories import BERLIN, BookingFactory, PositionFactory, WorkerFactory, show_world

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def world():
    world = show_world(
        org={"slug": "northern-lights", "name": "Northern Lights"},
        show={"slug": "mara-berlin", "date": dt.date(2026, 11, 10)},
        manager="mia",
    )
    # 15.00 per started half hour of a missed meal: what turned an 8-hour call into
    # "0 x 1 x 15.00 = 90.00" on top of its 120.00.
    PayRules.objects.create(organisation=world["org"], meal_penalty=Decimal("15.00"))
    return world


def booked(world, start, end, *, rate="15.00", unit="hour", slug="alex"):
    position = PositionFactory(
        show=world["show"], call_start=start, call_end=end, pay_amount=Decimal(rate),
        pay_unit=unit,
    )  # fmt: skip
    return BookingFactory(position=position, worker=WorkerFactory(slug=slug))


def rows(summary, booking):
    (paid,) = [p for p in summary.bookings if p.booking.pk == booking.pk]
    return paid.status, [(line.kind, line.reads) for line in paid.lines], paid.total


def test_estimates_assume_meals_on_time_and_read_plainly(world, client):
    eight = booked(world, at(9), at(17), slug="alex")
    overtime = booked(world, at(8), at(18), slug="bo")
    day = booked(world, at(9), at(19), rate="280.00", unit="day", slug="cy")
    short = booked(world, at(9), at(11), slug="di")
    summary = pay.pay_for_show(actor=world["manager"], show=world["show"])
    assert rows(summary, eight) == (
        "estimate", [("straight", "8 h x 15.00 = 120.00")], Decimal("120.00")
    )  # fmt: skip
    assert rows(summary, overtime) == (
        "estimate",
        [("straight", "8 h x 15.00 = 120.00"), ("overtime", "2 h x 22.50 = 45.00")],
        Decimal("165.00"),
    )
    assert rows(summary, day) == (
        "estimate", [("day-rate", "1 day x 280.00 = 280.00")], Decimal("280.00")
    )  # fmt: skip
    assert rows(summary, short) == (
        "estimate",
        [("straight", "2 h x 15.00 = 30.00"), ("minimum-call", "2 h x 15.00 = 30.00")],
        Decimal("60.00"),
    )
    client.force_login(world["manager"])
    page = client.get("/shows/mara-berlin/pay/").text
    assert "<td>8 h x 15.00 = 120.00</td>" in page
    assert "<td>1 day x 280.00 = 280.00</td>" in page
    assert "<td>Straight time</td><td>8 h x 15.00 = 120.00</td>" in page
    assert "<td>Day rate</td><td>1 day x 280.00 = 280.00</td>" in page
    assert "<td>straight</td>" not in page
    assert "meal-penalty" not in page


def test_worked_times_with_a_late_meal_still_pay_the_penalty(world):
    worked = booked(world, at(8), at(17))
    sheet = Timesheet.objects.create(
        booking=worked, check_in=at(8), check_out=at(17), status=Timesheet.Status.APPROVED
    )
    # The meal was due 13:00 and came at 14:00: two started half hours late.
    TimesheetBreak.objects.create(timesheet=sheet, starts_at=at(14), ends_at=at(14, 30))
    worked.status = worked.Status.COMPLETED
    worked.save(update_fields=["status"])
    summary = pay.pay_for_show(actor=world["manager"], show=world["show"])
    assert rows(summary, worked) == (
        "approved",
        [
            ("straight", "8 h x 15.00 = 120.00"),
            ("overtime", "0.5 h x 22.50 = 11.25"),
            ("meal-penalty", "2 meal penalties x 15.00 = 30.00"),
        ],
        Decimal("161.25"),
    )
