"""Issue 18 with a real broker: the writes of test_outage.py against a dead broker, then a
`celery worker` on Redis delivers what waited, each email exactly once, even when every
message is handed to it a second time.

The worker shares the test database, so this runs on the PostgreSQL pass, and only where
Redis answers on localhost (the dead-broker leg runs everywhere, in test_outage.py).
"""

from __future__ import annotations

import os
import time
from contextlib import nullcontext
from email import message_from_string
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from stagedoor.celery import app
from stagedoor.core import outbox
from stagedoor.core.models import OutboxMessage, TaskRecord
from tests.booking.test_outage import EXPECTED_ANSWERS, EXPECTED_MAIL, outage_writes
from tests.brokers import answers, broker, dead_broker_url
from tests.celery_workers import celery_worker

REDIS_URL = "redis://127.0.0.1:6379/12"  # a database number of its own

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker shares a PostgreSQL test database"
    ),
    pytest.mark.skipif(not answers("127.0.0.1", 6379), reason="no Redis on 127.0.0.1:6379"),
]


def worker_env(tmp_path: Path) -> dict[str, str]:
    db = connection.settings_dict
    return os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }


def wait_for(done, log: Path, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return
        time.sleep(0.25)
    raise AssertionError(f"{what} not within {seconds:.0f} s:\n{log.read_text()}")


def mail_sent(folder: Path) -> list[tuple[str, str]]:
    sent = []
    for path in folder.iterdir() if folder.exists() else []:
        # The file backend writes each message followed by a line of dashes.
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = message_from_string(chunk.strip())
                sent.append((message["To"], message["Subject"]))
    return sorted(sent)


def test_a_real_worker_delivers_what_waited_out_the_outage_once(world, client, settings, tmp_path):
    settings.STAGEDOOR_TASKS_INLINE = False
    with broker(dead_broker_url(), settings):
        assert outage_writes(world, client, nullcontext) == EXPECTED_ANSWERS
    assert OutboxMessage.objects.filter(done_at=None).count() == 7
    log = tmp_path / "worker.log"
    with broker(REDIS_URL, settings), celery_worker(worker_env(tmp_path), log):
        try:
            out = StringIO()
            call_command("outbox", "--deliver", stdout=out)
            assert out.getvalue().startswith("Handed to Celery: 7. Not handed over: 0.")
            waiting = OutboxMessage.objects.filter(done_at=None)
            wait_for(lambda: not waiting.exists(), log, "the outbox emptied")
            assert mail_sent(tmp_path / "mail") == EXPECTED_MAIL
            assert TaskRecord.objects.get().status == "done"

            # Every message handed over a second time (a broker redelivering, beat racing
            # the first try), then one more email: once it is out, the copies were seen.
            for pk in OutboxMessage.objects.values_list("pk", flat=True):
                app.tasks[outbox.RUN_TASK].apply_async(args=[pk])
            last = outbox.email_later("Last", "Body", ["last@example.test"])  # autocommit
            wait_for(
                lambda: OutboxMessage.objects.filter(pk=last.pk, done_at__isnull=False).exists(),
                log,
                "the last email",
            )
            assert mail_sent(tmp_path / "mail") == sorted(
                [*EXPECTED_MAIL, ("last@example.test", "Last")]
            )
        finally:
            with app.connection_for_write() as conn:
                conn.default_channel.queue_purge(app.conf.task_default_queue)
