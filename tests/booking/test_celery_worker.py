"""One real Celery worker on Redis: an offer's email leaves through the broker.

Everywhere else Celery runs eagerly. Here the test process queues the task on Redis after
commit, and a separate `celery worker` process, sharing the test database, sends the mail
with the file backend and marks the notification emailed. The worker needs a database
another process can open, so this runs on CI's PostgreSQL pass, and only where Redis
answers on localhost.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from pathlib import Path

import pytest
from django.db import connection

from stagedoor.booking import services
from stagedoor.booking.models import Notification
from stagedoor.celery import app
from tests.celery_workers import celery_worker
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    WorkerFactory,
    show_world,
)

REDIS_URL = "redis://127.0.0.1:6379/14"  # a database number of its own


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker shares a PostgreSQL test database"
    ),
    pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379"),
]


def reset_pools() -> None:
    # Connection pools are cached on first use, keyed by the broker of that moment.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    """Point Celery at Redis for this test, start a worker, stop it afterwards."""
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    reset_pools()
    db = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "STAGEDOOR_SITE_URL": "https://stagedoor.example",
    }
    try:
        with celery_worker(env, tmp_path / "worker.log", "--concurrency=1"):
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=3)
            yield tmp_path
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(app.conf.task_default_queue)
        app.conf.task_always_eager, app.conf.broker_url = saved
        reset_pools()


def test_offer_email_is_sent_by_a_real_worker(broker: Path):
    mail = broker / "mail"
    world = show_world(org={"name": "Spree Kultur"})
    manager = world["manager"]
    worker = WorkerFactory(display_name="Ada", user__username="ada", user__email="ada@x.test")
    position = PositionFactory(show=world["show"], headcount=1)
    services.offer_send(
        actor=manager,
        position=position,
        worker=worker,
        now=dt.datetime(YEAR, 11, 27, 12, 0, tzinfo=BERLIN),
    )
    note = Notification.objects.get(user=worker.user)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        note.refresh_from_db()
        if note.emailed_at is not None:
            break
        time.sleep(0.25)
    log = (broker / "worker.log").read_text()
    assert note.emailed_at is not None, f"no email from the worker within 60 s:\n{log}"
    [sent] = list(mail.iterdir())
    text = sent.read_text()
    assert "To: ada@x.test" in text
    assert f"Subject: {note.subject}" in text
    assert "https://stagedoor.example/me/inbox/" in text
