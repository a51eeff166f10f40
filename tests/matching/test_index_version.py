"""Booking writes never queue on the matching index, and every reader catches up.

Once, every Booking, Position or WorkerProfile save bumped `IndexVersion(pk=1)` inside the
writer's transaction: the writer held that row's lock until it committed, and every other
booking write, in any organisation, waited. Now a write INSERTs lines into the change log.
Here one transaction books a worker and stays open while another books a different worker
on a different call: the second commits at once, and the old version row is not locked by
the first. The control experiment puts the old in-transaction bump back and shows the
second writer then waits. A reader that looked while the slower writer was still open
still applies its line once it commits, though a later id committed first.

Row locks need PostgreSQL; SQLite serialises whole transactions, so these run on CI's
PostgreSQL pass.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save

from stagedoor.booking import services
from stagedoor.booking.models import Booking, Offer
from stagedoor.matching import index, version
from stagedoor.matching.index import current_indexes
from stagedoor.matching.models import IndexChange, IndexVersion, new_token
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
        self.errors: list[Exception] = []

    def run(self) -> None:
        try:
            with transaction.atomic():
                try:
                    IndexVersion.objects.select_for_update(nowait=True).get(pk=1)
                    self.row_free = True
                except Exception:  # psycopg's "could not obtain lock", as a DatabaseError
                    self.row_free = False
            accept(self.offer_id)
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
    IndexVersion.objects.create(pk=1)  # the one row both used to queue on
    before = version.last_id()

    a, b, b_done_while_a_open = race(first, second)

    assert (a.errors, b.errors) == ([], [])
    assert b_done_while_a_open
    assert b.row_free is True
    assert Booking.objects.filter(offer__in=[first, second]).count() == 2
    # Both wrote their lines to the change log, which commit with them.
    booked = IndexChange.objects.filter(id__gt=before, kind=IndexChange.Kind.BOOKING)
    assert sorted(booked.values_list("object_id", flat=True)) == sorted(
        [first.worker_id, second.worker_id]
    )


def test_a_transaction_reads_its_own_writes_and_others_only_after_commit():
    offer = offer_in_its_own_organisation(1)
    shared = current_indexes()
    at = shared.workers.position_of(offer.worker_id)
    with transaction.atomic():
        accept(offer.pk)
        mine = current_indexes()
        assert mine is not shared and mine.token.startswith(shared.token + "+")
        # Her booking is in this transaction's index, and not in the shared one.
        assert mine.workers.busy_ptr[at + 1] - mine.workers.busy_ptr[at] == 1
        assert index._cached is shared
    after = current_indexes()
    assert after.token == str(version.last_id()) != shared.token
    assert after.workers.busy_ptr[at + 1] - after.workers.busy_ptr[at] == 1


def test_rolled_back_changes_leave_the_token_alone():
    offer = offer_in_its_own_organisation(1)
    before = current_indexes().token
    with pytest.raises(RuntimeError), transaction.atomic():
        accept(offer.pk)
        raise RuntimeError("changed my mind")
    assert current_indexes().token == before == str(version.last_id())


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


def test_a_line_committed_after_a_later_one_is_still_applied():
    """A takes a line id, B a later one and commits first; a reader looks in between.
    When A commits, the reader's next look applies A's line all the same."""
    first, second = offer_in_its_own_organisation(1), offer_in_its_own_organisation(2)
    reader = index.build_indexes()
    a = HeldOpen(first.pk)
    a.start()
    assert a.booked.wait(30) and not a.errors, a.errors
    accept(second.pk)  # B: a later line id, committed while A is open
    mark, lines = version.read(reader.mark, index.PATCH_LIMIT)
    assert {(k, o) for _, k, o in lines} >= {(IndexChange.Kind.BOOKING, second.worker_id)}
    assert (IndexChange.Kind.BOOKING, first.worker_id) not in {(k, o) for _, k, o in lines}
    assert mark.last_id > max(i for i, _, _ in lines) - 1
    a.release.set()
    a.join(30)
    assert a.committed.is_set()
    _, later = version.read(mark, index.PATCH_LIMIT)
    assert (IndexChange.Kind.BOOKING, first.worker_id) in {(k, o) for _, k, o in later}


def test_another_process_is_current_on_its_next_read_after_a_commit():
    """A second connection (a thread with its own index, as another process) commits a
    booking; this process's very next read reflects it, with no waiting or polling (how soon
    that is, in time, is benchmarks/index_load.py's staleness figure)."""
    offer = offer_in_its_own_organisation(1)
    current_indexes()

    def elsewhere():
        accept(offer.pk)
        connection.close()

    t = threading.Thread(target=elsewhere)
    t.start()
    t.join(30)
    ix = current_indexes()
    at = ix.workers.position_of(offer.worker_id)
    assert ix.workers.busy_ptr[at + 1] - ix.workers.busy_ptr[at] == 1


def test_a_transaction_does_not_read_its_own_lines_twice():
    """PostgreSQL's snapshot `xmax` is one past the latest *completed* transaction: when
    the reader's own transaction is the newest still running, its own id is `xmax` itself
    (what the mark below pins, whatever else the server is doing). Its lines from before the
    mark were applied; reading them again (an organisation's, a venue's among them) built
    the whole index afresh. Only its lines written after the mark come back."""
    with transaction.atomic():
        world, first = show_world(), WorkerFactory()  # a pool already paid in euros
        built = index.build_indexes()
        assert built.mark.own is not None
        newest = version.Mark(built.mark.last_id, built.mark.own, built.mark.xip, built.mark.own)
        _, lines = version.read(newest, index.PATCH_LIMIT)
        assert lines == []
        worker = WorkerFactory()
        _, lines = version.read(newest, index.PATCH_LIMIT)
        assert [(k, o) for _, k, o in lines] == [(IndexChange.Kind.WORKER, worker.pk)]
        assert index.patched(built, lines).workers.ids.tolist() == [first.pk, worker.pk]
        transaction.set_rollback(True)
    assert world["org"].pk
