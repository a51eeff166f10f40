"""Six workers signing up at once for a session with two seats, on PostgreSQL: exactly two
get in. The same race with the row locks off oversells, so the test can fail."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection

from stagedoor.industry.models import Organisation
from stagedoor.training import services
from stagedoor.training.enums import SEATED
from stagedoor.training.models import Enrolment
from tests.factories import WorkerFactory, postgres_only

from .world import course, providers, session

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    postgres_only,
]


def sign_up_at_once(workers, target) -> dict[str, int]:
    barrier = threading.Barrier(len(workers))
    outcome = {"done": 0, "refused": 0, "conflict": 0}
    lock = threading.Lock()

    def run(worker) -> None:
        try:
            barrier.wait()
            try:
                services.enrolment_create(actor=worker.user, worker=worker, session=target)
                key = "done"
            except ValidationError:
                key = "refused"
            except (IntegrityError, OperationalError):
                key = "conflict"
            with lock:
                outcome[key] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcome


def world(n: int = 6):
    lakeshore, _, _ = providers()
    target = session(course(lakeshore, "OSHA 10", "osha-10"), 6, seats=2)
    workers = [WorkerFactory(slug=f"w{i}", user__username=f"w{i}") for i in range(n)]
    return target, workers


def test_two_seats_go_to_exactly_two_of_six(settings):
    settings.STAGEDOOR_LOCK_TIMEOUT_MS = 60000
    target, workers = world()
    assert sign_up_at_once(workers, target) == {"done": 2, "refused": 4, "conflict": 0}
    assert Enrolment.objects.filter(session=target, status__in=SEATED).count() == 2


def test_without_locks_the_session_is_oversold(settings):
    """The control: without the lock each sign-up counts the seats before the others
    commit. A round can serialise by luck; up to five rounds."""
    settings.STAGEDOOR_BOOKING_LOCKS = False
    oversold = 0
    for _ in range(5):
        target, workers = world()
        sign_up_at_once(workers, target)
        oversold = Enrolment.objects.filter(session=target).count()
        if oversold > 2:
            break
        Enrolment.objects.all().delete()
        target.course.provider.delete()
        for w in workers:
            w.user.delete()
        get_user_model().objects.filter(username__in=["lena", "owen"]).delete()
        # The next round's world makes the online provider again (a fixed slug).
        Organisation.objects.filter(slug="stagesafe").delete()
    assert oversold > 2
