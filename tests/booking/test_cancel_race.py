"""An accept and a cancellation of the same call at once, on PostgreSQL: the call never ends
up cancelled with a confirmed booking on it. The control switches the row locks off and
shows the race is real (see test_concurrency for the pattern)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.db.models.signals import post_save

from stagedoor.booking import services
from stagedoor.booking.models import Booking
from stagedoor.gigs.models import Position
from tests.booking.test_concurrency import NOW
from tests.factories import (
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    WorkerFactory,
    manager_of,
    postgres_only,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    postgres_only,
]


def accept_while_cancelling() -> tuple[bool, list[str]]:
    """The worker's accept inserts its booking and pauses before committing; the manager's
    cancellation starts in that pause. Returns (call cancelled, the booking statuses)."""
    org = OrganisationFactory()
    manager = manager_of(org, username=f"m{org.pk}")
    position = PositionFactory(show=ShowFactory(organisation=org), headcount=2)
    worker = WorkerFactory()
    offer = services.offer_send(actor=manager, position=position, worker=worker, now=NOW)
    inserted = threading.Event()

    def pause(sender, created, **kwargs) -> None:
        if created and threading.current_thread().name == "accept":
            inserted.set()
            time.sleep(0.5)

    def accept() -> None:
        try:
            services.offer_accept(actor=worker.user, offer=offer, now=NOW)
        finally:
            connection.close()

    def cancel() -> None:
        try:
            inserted.wait(10)
            services.position_cancel(actor=manager, position=position, reason="Storm", now=NOW)
        finally:
            connection.close()

    post_save.connect(pause, sender=Booking, weak=False, dispatch_uid="test-pause-accept")
    try:
        threads = [threading.Thread(target=accept, name="accept"), threading.Thread(target=cancel)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        post_save.disconnect(sender=Booking, dispatch_uid="test-pause-accept")
    cancelled = Position.objects.get(pk=position.pk).is_cancelled
    statuses = Booking.objects.filter(position=position).values_list("status", flat=True)
    return cancelled, list(statuses)


def test_a_cancellation_waits_for_the_accept_and_cancels_its_booking():
    assert accept_while_cancelling() == (True, ["cancelled"])


def test_without_locks_a_cancelled_call_keeps_a_confirmed_booking(settings):
    settings.STAGEDOOR_BOOKING_LOCKS = False
    assert accept_while_cancelling() == (True, ["confirmed"])
