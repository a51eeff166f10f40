"""Many accepts at once, on PostgreSQL: nobody over-fills a call or double-books a worker.

As pretix does for quotas, the same race runs with the row locks switched off, and the
test asserts that it then goes wrong, so we know the scenario really races and the locks
are what prevents it. SQLite serialises whole transactions and has no row locks, so these
run on CI's PostgreSQL pass.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection
from django.db.models.signals import post_save

from stagedoor.booking import services
from stagedoor.booking.models import BUSY_STATUSES, Booking, Offer
from stagedoor.matching.models import IndexVersion, new_token
from tests.factories import (
    BERLIN,
    YEAR,
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
THREADS = 8


def accept_all_at_once(offers: list[Offer]) -> dict[str, int]:
    """Start one thread per offer, release them together, count what happened."""
    barrier = threading.Barrier(len(offers))
    outcome = {"booked": 0, "refused": 0, "conflict": 0}
    lock = threading.Lock()

    def run(offer_id: int) -> None:
        try:
            offer = Offer.objects.select_related("worker__user").get(pk=offer_id)
            barrier.wait()
            try:
                services.offer_accept(actor=offer.worker.user, offer=offer, now=NOW)
                key = "booked"
            except ValidationError:
                key = "refused"
            except (IntegrityError, OperationalError):
                key = "conflict"
            with lock:
                outcome[key] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(o.pk,)) for o in offers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcome


def one_position_many_workers(headcount: int) -> list[Offer]:
    org = OrganisationFactory()
    manager = manager_of(org, username=f"m{org.pk}")
    position = PositionFactory(show=ShowFactory(organisation=org), headcount=headcount)
    offers = []
    for _ in range(THREADS):
        worker = WorkerFactory()
        offers.append(services.offer_send(actor=manager, position=position, worker=worker, now=NOW))
    return offers


def one_worker_overlapping_positions() -> list[Offer]:
    worker = WorkerFactory()
    venue = VenueFactory()
    offers = []
    for n in range(THREADS):
        org = OrganisationFactory()
        manager = manager_of(org, username=f"m{org.pk}")
        position = PositionFactory(
            show=ShowFactory(organisation=org, venue=venue),
            headcount=3,
            call_start=dt.datetime(YEAR, 12, 4, 9, n, tzinfo=BERLIN),
            call_end=dt.datetime(YEAR, 12, 4, 14, n, tzinfo=BERLIN),
        )
        offers.append(services.offer_send(actor=manager, position=position, worker=worker, now=NOW))
    return offers


def most_bookings_on_a_position() -> int:
    counts = {}
    for pid in Booking.objects.filter(status__in=BUSY_STATUSES).values_list(
        "position_id", flat=True
    ):
        counts[pid] = counts.get(pid, 0) + 1
    return max(counts.values(), default=0)


def most_bookings_of_a_worker() -> int:
    counts = {}
    for wid in Booking.objects.filter(status__in=BUSY_STATUSES).values_list("worker_id", flat=True):
        counts[wid] = counts.get(wid, 0) + 1
    return max(counts.values(), default=0)


def test_a_call_never_fills_past_its_headcount():
    offers = one_position_many_workers(headcount=2)
    outcome = accept_all_at_once(offers)
    assert outcome == {"booked": 2, "refused": THREADS - 2, "conflict": 0}
    assert Booking.objects.count() == 2


def test_a_worker_is_never_double_booked():
    offers = one_worker_overlapping_positions()
    outcome = accept_all_at_once(offers)
    assert outcome == {"booked": 1, "refused": THREADS - 1, "conflict": 0}
    assert Booking.objects.count() == 1


def test_one_offer_accepted_at_most_once():
    offer = one_position_many_workers(headcount=3)[0]
    outcome = accept_all_at_once([offer] * THREADS)
    assert outcome == {"booked": 1, "refused": THREADS - 1, "conflict": 0}
    assert Booking.objects.filter(offer=offer).count() == 1


def _queue_after_insert(**kwargs) -> None:
    IndexVersion.objects.update_or_create(pk=1, defaults={"token": new_token()})


def test_without_locks_the_same_race_over_fills(settings):
    """The control experiment: with the locks off the race is real and the rules break.
    A round can happen to serialise by luck, so up to ten rounds are tried.

    Without the locks, the accepts of one call checked the free seat together and then, as
    each withdraws the others' offers while they accept their own, they would deadlock and
    PostgreSQL would abort all but one (conflicts, not over-fills). Until the matching index
    version was bumped after commit, every booking write queued on its row right after the
    insert, which ordered the rest of the transactions; the control puts that queue back
    (the old in-transaction bump) so the unlocked check-then-insert shows as over-fills."""
    settings.STAGEDOOR_BOOKING_LOCKS = False
    post_save.connect(_queue_after_insert, sender=Booking, dispatch_uid="test-queue-after-insert")
    worst_position = worst_worker = 0
    try:
        for _ in range(10):
            accept_all_at_once(one_position_many_workers(headcount=1))
            accept_all_at_once(one_worker_overlapping_positions())
            worst_position = max(worst_position, most_bookings_on_a_position())
            worst_worker = max(worst_worker, most_bookings_of_a_worker())
            if worst_position > 1 and worst_worker > 1:
                break
            Booking.objects.all().delete()
    finally:
        post_save.disconnect(sender=Booking, dispatch_uid="test-queue-after-insert")
    assert worst_position > 1, "an unlocked call should over-fill"
    assert worst_worker > 1, "an unlocked worker should be double-booked"
