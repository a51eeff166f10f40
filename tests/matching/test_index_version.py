"""The matching index's version changes after commit, so booking writes never queue on it.

Once, every Booking, Position or WorkerProfile save bumped `IndexVersion(pk=1)` inside the
writer's transaction: the writer held that row's lock until it committed, and every other
booking write, in any organisation, waited. Here one transaction books a worker and stays
open while another books a different worker on a different call: the second commits at
once, and the version row is not locked by the first. The control experiment puts the old
in-transaction bump back and shows the second writer then waits.

Row locks need PostgreSQL; SQLite serialises whole transactions, so these run on CI's
PostgreSQL pass.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save

from stagedoor.booking import services
from stagedoor.booking.models import Booking, Offer
from stagedoor.matching.index import current_indexes
from stagedoor.matching.models import IndexVersion, new_token
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    WorkerFactory,
    postgres_only,
    show_world,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    postgres_only,
]

NOW = dt.datetime(YEAR, 11, 27, 12, 0, tzinfo=BERLIN)
PATIENCE = 3.0  # seconds the second writer gets while the first stays open


def offer_in_its_own_organisation(n: int) -> Offer:
    world = show_world(manager=f"manager{n}")
    position = PositionFactory(show=world["show"], headcount=2)
    return services.offer_send(
        actor=world["manager"], position=position, worker=WorkerFactory(), now=NOW
    )


def accept(offer_id: int) -> Booking:
    offer = Offer.objects.select_related("worker__user").get(pk=offer_id)
    return services.offer_accept(actor=offer.worker.user, offer=offer, now=NOW)


class HeldOpen(threading.Thread):
    """Transaction A: books a worker, then stays open until released."""

    def __init__(self, offer_id: int) -> None:
        super().__init__(daemon=True)
        self.offer_id = offer_id
        self.booked, self.release, self.committed = (threading.Event() for _ in range(3))
        self.errors: list[Exception] = []

    def run(self) -> None:
        try:
            with transaction.atomic():
                accept(self.offer_id)
                self.booked.set()
                self.release.wait(30)
            self.committed.set()
        except Exception as exc:  # reported by the test, not lost in the thread
            self.errors.append(exc)
        finally:
            self.booked.set()
            connection.close()


class Second(threading.Thread):
    """Transaction B: checks the version row is free (NOWAIT), then books another worker."""

    def __init__(self, offer_id: int) -> None:
        super().__init__(daemon=True)
        self.offer_id = offer_id
        self.row_free: bool | None = None
        self.booked_after: float | None = None
        self.errors: list[Exception] = []

    def run(self) -> None:
        started = time.monotonic()
        try:
            with transaction.atomic():
                try:
                    IndexVersion.objects.select_for_update(nowait=True).get(pk=1)
                    self.row_free = True
                except Exception:  # psycopg's "could not obtain lock", as a DatabaseError
                    self.row_free = False
            accept(self.offer_id)
            self.booked_after = time.monotonic() - started
        except Exception as exc:
            self.errors.append(exc)
        finally:
            connection.close()


def race(first: Offer, second: Offer) -> tuple[HeldOpen, Second, bool]:
    """A books and stays open; B runs meanwhile. Whether B was done while A was open."""
    a = HeldOpen(first.pk)
    a.start()
    assert a.booked.wait(30) and not a.errors, a.errors
    b = Second(second.pk)
    b.start()
    b.join(PATIENCE)
    b_done_while_a_open = not b.is_alive() and not a.committed.is_set()
    a.release.set()
    a.join(30)
    b.join(30)
    return a, b, b_done_while_a_open


def test_two_booking_writes_do_not_wait_on_each_other():
    first, second = offer_in_its_own_organisation(1), offer_in_its_own_organisation(2)
    assert IndexVersion.objects.filter(pk=1).exists()  # the one row both used to queue on
    before = IndexVersion.objects.get(pk=1).token

    a, b, b_done_while_a_open = race(first, second)

    assert (a.errors, b.errors) == ([], [])
    assert b_done_while_a_open
    assert b.row_free is True
    assert b.booked_after is not None and b.booked_after < PATIENCE
    assert Booking.objects.filter(offer__in=[first, second]).count() == 2
    # Both commits changed the token, after they committed.
    assert IndexVersion.objects.get(pk=1).token != before


def test_a_transaction_reads_its_own_writes_and_others_only_after_commit():
    offer = offer_in_its_own_organisation(1)
    shared = current_indexes()
    with transaction.atomic():
        accept(offer.pk)
        mine = current_indexes()
        assert mine is not shared and mine.token.startswith(shared.token + "+")
        assert IndexVersion.objects.get(pk=1).token == shared.token  # not written yet
    after = current_indexes()
    assert after.token == IndexVersion.objects.get(pk=1).token != shared.token


def test_rolled_back_changes_leave_the_token_alone():
    offer = offer_in_its_own_organisation(1)
    before = IndexVersion.objects.get(pk=1).token
    with pytest.raises(RuntimeError), transaction.atomic():
        accept(offer.pk)
        raise RuntimeError("changed my mind")
    assert IndexVersion.objects.get(pk=1).token == before
    assert current_indexes().token == before


def _old_bump(**kwargs) -> None:
    IndexVersion.objects.update_or_create(pk=1, defaults={"token": new_token()})


def test_with_the_old_bump_inside_the_transaction_the_second_writer_waits():
    """The control experiment: the bump back inside the writer's transaction, as it was,
    and B queues behind A although they share no call, worker or organisation."""
    first, second = offer_in_its_own_organisation(1), offer_in_its_own_organisation(2)
    post_save.connect(_old_bump, sender=Booking, dispatch_uid="test-old-bump")
    try:
        a, b, b_done_while_a_open = race(first, second)
    finally:
        post_save.disconnect(sender=Booking, dispatch_uid="test-old-bump")
    assert a.errors == []
    assert not b_done_while_a_open
    assert b.row_free is False
