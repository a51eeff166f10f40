"""A registrant who answers a hall offer "decline (not available today)" is passed over by
every later run that day, in the hall's zone, with the reason on the record; the next day
they are back in list order. The nightly list recompute runs for every local from beat."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings

from stagedoor.booking.models import Offer
from stagedoor.hall import services, tasks
from stagedoor.hall.models import ListPublication, LogEntry
from tests.factories import YEAR, PositionFactory
from tests.hall.world import CHICAGO, hall_world

pytestmark = pytest.mark.django_db
MORNING = dt.datetime(YEAR, 12, 1, 9, 0, tzinfo=CHICAGO)


def offered(run) -> list[str]:
    return [
        f"{e.registrant.worker.display_name}: {e.request.position.title}"
        for e in run.log.filter(kind=LogEntry.Kind.OFFER).order_by("pk")
    ]


def skipped(run) -> list[tuple[str, str]]:
    return [
        (e.registrant.worker.display_name, e.reason)
        for e in run.log.filter(kind=LogEntry.Kind.SKIP).order_by("pk")
    ]


def call(hall, day: int, headcount: int):
    return PositionFactory(
        show=hall["show"],
        headcount=headcount,
        title=f"Call on the {day}th",
        union_required=True,
        currency="USD",
        call_start=dt.datetime(YEAR, 12, day, 8, 0, tzinfo=CHICAGO),
        call_end=dt.datetime(YEAR, 12, day, 14, 0, tzinfo=CHICAGO),
        pay_amount=Decimal("38"),
    )


def run_at(hall, now):
    return services.dispatch_run(actor=hall["dispatcher"], local=hall["local"], now=now)


def test_a_decline_keeps_them_out_of_every_run_for_the_rest_of_that_day():
    hall = hall_world()
    regs = hall["registrants"]
    first = call(hall, 4, 2)
    services.request_from_position(actor=hall["manager"], position=first)
    assert offered(run_at(hall, MORNING)) == ["Ana: Call on the 4th", "Bo: Call on the 4th"]
    offer = Offer.objects.get(position=first, worker=regs["bo"].worker)
    services.offer_answer(
        actor=regs["bo"].worker.user,
        offer=offer,
        answer="decline",
        now=MORNING + dt.timedelta(minutes=20),
    )

    # Later that day, a call on another day: Bo said not today, so the run passes him over.
    second = call(hall, 6, 2)
    services.request_from_position(actor=hall["manager"], position=second)
    run = run_at(hall, MORNING + dt.timedelta(hours=1))
    assert offered(run) == [
        "Cy: Call on the 4th",
        "Ana: Call on the 6th",
        "Cy: Call on the 6th",
    ]
    assert skipped(run) == [("Bo", "Skipped: unavailable (declined earlier today).")]
    assert run.snapshot["entries"][1] | {"place": None} == run.snapshot["entries"][1] | {
        "place": None,
        "registrant": regs["bo"].pk,
        "declined_today": True,
    }

    # Just before midnight in Chicago it is still that day; just after, he is back in order.
    third = call(hall, 8, 1)
    services.request_from_position(actor=hall["manager"], position=third)
    late = dt.datetime(YEAR, 12, 1, 23, 50, tzinfo=CHICAGO)
    assert skipped(run_at(hall, late))[0] == (
        "Bo",
        "Skipped: unavailable (declined earlier today).",
    )
    fourth = call(hall, 9, 2)
    services.request_from_position(actor=hall["manager"], position=fourth)
    next_day = run_at(hall, dt.datetime(YEAR, 12, 2, 0, 10, tzinfo=CHICAGO))
    assert (offered(next_day), skipped(next_day)) == (
        ["Ana: Call on the 9th", "Bo: Call on the 9th"],
        [],
    )


def test_a_pass_does_not_keep_them_out():
    hall = hall_world()
    regs = hall["registrants"]
    first = call(hall, 4, 1)
    services.request_from_position(actor=hall["manager"], position=first)
    assert offered(run_at(hall, MORNING)) == ["Ana: Call on the 4th"]
    services.offer_answer(
        actor=regs["ana"].worker.user,
        offer=Offer.objects.get(position=first, worker=regs["ana"].worker),
        answer="pass",
        now=MORNING + dt.timedelta(minutes=5),
    )
    second = call(hall, 6, 1)
    services.request_from_position(actor=hall["manager"], position=second)
    run = run_at(hall, MORNING + dt.timedelta(hours=1))
    assert (offered(run), skipped(run)) == (["Bo: Call on the 4th", "Ana: Call on the 6th"], [])


def test_beat_recomputes_every_locals_lists_by_the_system():
    hall = hall_world()
    entry = settings.CELERY_BEAT_SCHEDULE["recompute-hall-lists"]
    assert entry["task"] == "stagedoor.hall.tasks.recompute_lists"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({10}, {0})
    assert tasks.recompute_lists.name == entry["task"]
    assert tasks.recompute_lists.delay().get() == 1
    publication = ListPublication.objects.get()
    assert (publication.local, publication.published_by, publication.moved) == (
        hall["local"],
        None,
        0,
    )
    assert len(publication.entries) == 10
    record = LogEntry.objects.filter(kind=LogEntry.Kind.PUBLISH).get()
    assert (record.channel, record.actor, record.reason) == (
        "system",
        None,
        "Lists recomputed under rules v1 and published; 0 moved group.",
    )
