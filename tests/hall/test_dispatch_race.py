"""Two dispatchers and the registrants' accepts racing, on PostgreSQL: no call over-fills and
nobody is double-booked. The same race with the row locks off goes wrong, so the test can
fail (pretix's concurrency tests do the same for quotas)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, OperationalError, connection

from stagedoor.booking.models import BUSY_STATUSES, Booking, Offer
from stagedoor.hall import services
from stagedoor.hall.models import CallRequest
from stagedoor.industry.catalog_sync import sync_catalog
from stagedoor.industry.models import Certification, Role, Skill
from tests.factories import PositionFactory, postgres_only
from tests.hall.world import hall_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    postgres_only,
]


def two_overlapping_requests():
    hall = hall_world()
    first = hall["position"]
    first.headcount = 3
    first.save()
    second = PositionFactory(
        show=hall["show"],
        headcount=3,
        union_required=True,
        currency="USD",
        call_start=first.call_start + dt.timedelta(hours=1),
        call_end=first.call_end + dt.timedelta(hours=1),
        pay_amount=first.pay_amount,
    )
    requests = [
        CallRequest.objects.create(
            local=hall["local"],
            position=p,
            classification=hall["stagehand"],
            requested_at=first.created_at,
        )
        for p in (first, second)
    ]
    return hall, requests


def at_once(jobs) -> dict[str, int]:
    """Run the jobs in threads released together; count what happened."""
    barrier = threading.Barrier(len(jobs))
    outcome = {"done": 0, "refused": 0, "conflict": 0}
    lock = threading.Lock()

    def run(job) -> None:
        try:
            barrier.wait()
            try:
                job()
                key = "done"
            except ValidationError:
                key = "refused"
            except (IntegrityError, OperationalError):
                key = "conflict"
            with lock:
                outcome[key] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcome


def dispatch_each(hall, requests) -> dict[str, int]:
    """Two dispatchers at once, each dispatching one of the requests."""
    local, dana = hall["local"], hall["dispatcher"]
    return at_once(
        [
            lambda r=r: services.dispatch_run(actor=dana, local=local, request_ids=[r.pk])
            for r in requests
        ]
    )


def race(hall, requests) -> None:
    """Each dispatcher dispatches one request, then every registrant offered accepts at once."""
    assert dispatch_each(hall, requests) == {"done": 2, "refused": 0, "conflict": 0}
    offers = list(Offer.objects.filter(status=Offer.Status.PENDING).select_related("worker__user"))
    at_once(
        [
            lambda o=o: services.offer_answer(actor=o.worker.user, offer=o, answer="accept")
            for o in offers
        ]
    )


def double_offered() -> int:
    """Registrants offered both overlapping calls."""
    per_worker: dict[int, set[int]] = {}
    for worker, position in Offer.objects.values_list("worker_id", "position_id"):
        per_worker.setdefault(worker, set()).add(position)
    return sum(1 for calls in per_worker.values() if len(calls) > 1)


def worst_booked() -> tuple[int, int]:
    """The most live bookings on one call, and of one worker."""
    live = list(
        Booking.objects.filter(status__in=BUSY_STATUSES).values_list("position_id", "worker_id")
    )
    positions = [sum(1 for p, _ in live if p == pid) for pid, _ in live]
    workers = [sum(1 for _, w in live if w == wid) for _, wid in live]
    return max(positions, default=0), max(workers, default=0)


def test_racing_dispatchers_and_accepts_keep_the_booking_promises(settings):
    # The second dispatcher waits for the first run's locks (a busy machine runs it slowly).
    settings.STAGEDOOR_LOCK_TIMEOUT_MS = 60000
    hall, requests = two_overlapping_requests()
    race(hall, requests)
    assert double_offered() == 0
    assert Offer.objects.count() == 6  # three seats each, six different people
    assert worst_booked() == (3, 1)
    assert Booking.objects.filter(status__in=BUSY_STATUSES).count() == 6


def test_without_locks_the_dispatchers_race(settings):
    """The control: with the locks off, both runs freeze the same snapshot, so the same
    people are offered both overlapping calls. A round can serialise by luck; up to five."""
    settings.STAGEDOOR_BOOKING_LOCKS = False
    worst = 0
    for _ in range(5):
        hall, requests = two_overlapping_requests()
        dispatch_each(hall, requests)
        worst = max(worst, double_offered())
        if worst:
            break
        call_command("flush", "--no-input", verbosity=0)
        sync_catalog(Skill, Certification, Role)
    assert worst > 0, "unlocked dispatch runs should offer the same people overlapping calls"
