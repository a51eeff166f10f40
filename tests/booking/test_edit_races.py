"""Editing a booked call while someone accepts, on PostgreSQL (issue 16).

Each race is forced into its worst order: the edit checks, then pauses before saving while
an accept runs. With the row locks the accept waits for the edit and then sees the new
call; the control runs the same steps with the locks off (`STAGEDOOR_BOOKING_LOCKS`) and
shows the promise breaks, so we know the locks are what keeps it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from stagedoor.booking import services
from stagedoor.booking.models import BUSY_STATUSES, Booking, Offer
from stagedoor.booking.services import edits
from stagedoor.gigs import services as gig_services
from stagedoor.gigs.models import Position
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    VenueFactory,
    WorkerFactory,
    manager_of,
    postgres_only,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    postgres_only,
]

NOW = dt.datetime(YEAR, 11, 27, 12, 0, tzinfo=BERLIN)
PAUSE = 1.0  # seconds the edit waits between its check and its save


def edit_pausing_after_check(monkeypatch, checked: threading.Event) -> None:
    original = edits.check_position_change

    def check_then_pause(position, changes, errors):
        original(position, changes, errors)
        checked.set()
        time.sleep(PAUSE)

    monkeypatch.setattr(edits, "check_position_change", check_then_pause)


def race(edit, accept) -> dict[str, str]:
    """Run `edit` and, once it has checked, `accept`; report how each ended."""
    outcome: dict[str, str] = {}

    def run(name, fn):
        try:
            fn()
            outcome[name] = "done"
        except ValidationError as exc:
            outcome[name] = "; ".join(exc.messages)
        finally:
            connection.close()

    edit_thread = threading.Thread(target=run, args=("edit", edit))
    accept_thread = threading.Thread(target=run, args=("accept", accept))
    edit_thread.start()
    accept_thread.start()
    edit_thread.join(timeout=30)
    accept_thread.join(timeout=30)
    return outcome


def two_seat_call_one_booked():
    org = OrganisationFactory()
    manager = manager_of(org, username=f"m{org.pk}")
    call = PositionFactory(show=ShowFactory(organisation=org), headcount=2)
    BookingFactory(position=call, worker=WorkerFactory(display_name="Ada"))
    offer = services.offer_send(
        actor=manager, position=call, worker=WorkerFactory(display_name="Ben"), now=NOW
    )
    return manager, call, offer


def lower_headcount_while_accepting(monkeypatch):
    manager, call, offer = two_seat_call_one_booked()
    checked = threading.Event()
    edit_pausing_after_check(monkeypatch, checked)

    def edit():
        gig_services.position_update(actor=manager, position=call, headcount=1)

    def accept():
        checked.wait(10)
        fresh = Offer.objects.select_related("worker__user").get(pk=offer.pk)
        services.offer_accept(actor=fresh.worker.user, offer=fresh, now=NOW)

    outcome = race(edit, accept)
    headcount = Position.objects.get(pk=call.pk).headcount
    booked = Booking.objects.filter(position=call, status__in=BUSY_STATUSES).count()
    return outcome, headcount, booked


def test_lowering_the_headcount_waits_for_nobody_and_the_accept_sees_it(monkeypatch):
    outcome, headcount, booked = lower_headcount_while_accepting(monkeypatch)
    assert outcome == {"edit": "done", "accept": "The only seat of this call is already booked."}
    assert (headcount, booked) == (1, 1)


def test_without_locks_the_headcount_race_over_fills(monkeypatch, settings):
    settings.STAGEDOOR_BOOKING_LOCKS = False
    outcome, headcount, booked = lower_headcount_while_accepting(monkeypatch)
    assert outcome == {"edit": "done", "accept": "done"}
    assert (headcount, booked) == (1, 2), "an unlocked edit should leave 2 booked on 1 seat"


def move_a_call_while_the_worker_is_booked_elsewhere(monkeypatch):
    """Ada is booked 09:00-14:00 and offered 18:00-22:00 elsewhere (2 h turnaround); the
    manager moves the morning call to end at 17:00 while she accepts the evening."""
    venue = VenueFactory()
    org = OrganisationFactory(turnaround_hours=2)
    manager = manager_of(org, username=f"m{org.pk}")
    ada = WorkerFactory(display_name="Ada")
    morning = PositionFactory(show=ShowFactory(organisation=org, venue=venue), headcount=2)
    BookingFactory(position=morning, worker=ada)
    evening = PositionFactory(
        show=ShowFactory(organisation=org, venue=venue),
        call_start=dt.datetime(YEAR, 12, 4, 18, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 22, 0, tzinfo=BERLIN),
    )
    offer = services.offer_send(actor=manager, position=evening, worker=ada, now=NOW)
    checked = threading.Event()
    edit_pausing_after_check(monkeypatch, checked)

    def edit():
        gig_services.position_update(
            actor=manager,
            position=morning,
            call_end=dt.datetime(YEAR, 12, 4, 17, 0, tzinfo=BERLIN),
        )

    def accept():
        checked.wait(10)
        fresh = Offer.objects.select_related("worker__user").get(pk=offer.pk)
        services.offer_accept(actor=fresh.worker.user, offer=fresh, now=NOW)

    outcome = race(edit, accept)
    booked = Booking.objects.filter(worker=ada, status__in=BUSY_STATUSES).count()
    return outcome, booked


def test_moving_a_call_and_a_booking_elsewhere_do_not_double_book(monkeypatch):
    outcome, booked = move_a_call_while_the_worker_is_booked_elsewhere(monkeypatch)
    assert outcome["edit"] == "done"
    assert outcome["accept"].startswith("Ada is booked on Stagehand, ")
    assert outcome["accept"].endswith(
        "Fri 4 Dec 09:00 CET, which overlaps this call or leaves less than the 2 h turnaround."
    )
    assert booked == 1


def test_without_locks_the_move_double_books(monkeypatch, settings):
    settings.STAGEDOOR_BOOKING_LOCKS = False
    outcome, booked = move_a_call_while_the_worker_is_booked_elsewhere(monkeypatch)
    assert outcome == {"edit": "done", "accept": "done"}
    assert booked == 2, "an unlocked move should leave Ada on two calls 1 h apart"
