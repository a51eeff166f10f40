"""The outbox: saved with the write, handed over after it, run once, retried after failures."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from stagedoor.core import outbox
from stagedoor.core.models import OutboxMessage
from tests.brokers import broker, dead_broker_url
from tests.factories import UserFactory, bearer

pytestmark = pytest.mark.django_db
MINUTE = dt.timedelta(minutes=1)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every send is refused, as smtplib's would be."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def states() -> list[tuple[str, str, int]]:
    return [(m.task, m.state, m.attempts) for m in OutboxMessage.objects.all()]


def test_a_message_is_saved_with_its_write_and_rolled_back_with_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.email_later("Hello", "Body", ["a@x.test"])
        raise RuntimeError("the write failed")
    assert OutboxMessage.objects.count() == 0


def test_eager_delivery_sends_after_the_commit_and_only_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.email_later("Hello", "Body", ["a@x.test"], key="hello-a")
        assert mail.outbox == []  # nothing before the commit
        assert outbox.email_later("Hello", "Body", ["a@x.test"], key="hello-a") == message
    assert [(m.subject, m.to) for m in mail.outbox] == [("Hello", ["a@x.test"])]
    assert states() == [("stagedoor.outbox.email", "delivered", 0)]
    # Handed over again (a republish, a second deliverer): it does not run again.
    assert outbox.run(message.pk) == "skipped"
    assert outbox.deliver(force=True).as_dict() == {"sent": 0, "failed": 0, "error": ""}
    assert len(mail.outbox) == 1


def test_a_dead_broker_keeps_the_message_and_pauses_longer_each_time(
    settings, django_capture_on_commit_callbacks
):
    with broker(dead_broker_url(), settings):
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            message = outbox.email_later("Hello", "Body", ["a@x.test"])
        message.refresh_from_db()
        assert (message.state, message.attempts, message.sent_at) == ("failing", 1, None)
        assert message.last_error == (
            "The message queue did not answer: OperationalError: [Errno 111] Connection refused"
        )
        assert before + 30 * dt.timedelta(seconds=1) <= message.next_attempt_at
        assert message.next_attempt_at <= timezone.now() + 30 * dt.timedelta(seconds=1)

        now = message.next_attempt_at - dt.timedelta(seconds=1)
        assert outbox.deliver(now=now).sent == outbox.deliver(now=now).failed == 0
        now = message.next_attempt_at
        done = outbox.deliver(now=now)
        assert (done.sent, done.failed) == (0, 1)
        assert done.error == (
            "The message queue did not answer: OperationalError: [Errno 111] Connection refused"
        )
        message.refresh_from_db()
        assert (message.attempts, message.next_attempt_at) == (2, now + MINUTE)
    assert mail.outbox == []


def test_pauses_double_from_thirty_seconds_to_an_hour():
    pauses = [outbox.pause_after(n).total_seconds() for n in range(1, 10)]
    assert pauses == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_mail_server_outage_is_retried_and_the_mail_sent_once(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.email_later("Hello", "Body", ["a@x.test"])
    message.refresh_from_db()
    assert (message.state, message.attempts, message.started_at) == ("failing", 1, None)
    assert message.last_error == (
        "It failed and will be tried again: ConnectionRefusedError: [Errno 111] Connection refused"
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.deliver().sent == 0  # still pausing
    assert outbox.deliver(now=message.next_attempt_at).as_dict() == {
        "sent": 1,
        "failed": 0,
        "error": "",
    }
    message.refresh_from_db()
    assert (message.state, message.last_error) == ("delivered", "")
    assert [m.to for m in mail.outbox] == [["a@x.test"]]


def test_an_error_not_worth_retrying_ends_the_message_as_failed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.later("stagedoor.no-such-task", 1)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", 1)
    assert message.last_error == "LookupError: no Celery task is called 'stagedoor.no-such-task'"
    assert outbox.deliver(force=True).sent == 0
    assert outbox.backlog().failed == 1


def backlog_world() -> None:
    now = timezone.now()
    for n in range(3):
        outbox.email_later(f"Hello {n}", "Body", [f"{n}@x.test"], key=f"waiting-{n}")
    five_minutes_ago = now - 5 * MINUTE - dt.timedelta(seconds=5)
    OutboxMessage.objects.filter(key="waiting-0").update(created_at=five_minutes_ago)
    OutboxMessage.objects.filter(key="waiting-1").update(
        last_error="The message queue did not answer: [Errno 111] Connection refused", attempts=2
    )
    done = outbox.email_later("Sent", "Body", ["d@x.test"], key="done")
    OutboxMessage.objects.filter(pk=done.pk).update(done_at=now)


def test_backlog_in_words():
    assert outbox.backlog().words() == "Nothing waiting to be delivered."
    backlog_world()
    backlog = outbox.backlog()
    assert (backlog.waiting, backlog.failing, backlog.running, backlog.failed) == (3, 1, 0, 0)
    assert backlog.words() == (
        "3 messages waiting to be delivered, the oldest for 5 minutes. 1 of them could not "
        "be delivered yet and is tried again with growing pauses."
    )


@pytest.mark.parametrize(
    "minutes, words",
    [
        (0.5, "under a minute"),
        (1, "1 minute"),
        (59, "59 minutes"),
        (60, "1 hour"),
        (131, "2 hours 11 minutes"),
        (24 * 60 + 59, "1 day"),
        (3 * 24 * 60 + 4 * 60, "3 days 4 hours"),
    ],
)
def test_duration_words(minutes, words):
    assert outbox.duration_words(dt.timedelta(minutes=minutes)) == words


def test_the_command_shows_the_backlog_and_delivers(settings):
    backlog_world()
    out = StringIO()
    call_command("outbox", stdout=out)
    text = out.getvalue()
    assert "│ waiting to be delivered         │ 3     │" in text
    assert "│   of which failed at least once │ 1     │" in text
    assert "3 messages waiting to be delivered, the oldest for 5 minutes." in text
    assert "Last problem: The message queue did not answer: [Errno 111] Connection" in text

    with broker(dead_broker_url(), settings):
        out = StringIO()
        call_command("outbox", "--deliver", stdout=out)
    assert out.getvalue().startswith(
        "Handed to Celery: 0. Not handed over: 3. The message queue did not answer: "
    )
    assert [m.attempts for m in OutboxMessage.objects.filter(done_at=None)] == [1, 3, 1]

    out = StringIO()
    call_command("outbox", "--deliver", stdout=out)  # eager again: the broker is "back"
    assert out.getvalue().startswith("Handed to Celery: 3. Not handed over: 0.")
    assert "Nothing waiting to be delivered." in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["0@x.test", "1@x.test", "2@x.test"]


def test_operations_page_and_api_show_the_backlog_to_staff(client):
    start = timezone.now()
    backlog_world()
    staff = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(staff)
    page = client.get("/ops/").content.decode()
    assert (
        "<p>3 messages waiting to be delivered, the oldest for 5 minutes. 1 of them could "
        "not be delivered yet and is tried again with growing pauses.</p>"
    ) in page
    assert "/admin/core/outboxmessage/" in page
    reply = client.get("/api/ops/outbox", **bearer(staff))
    assert reply.status_code == 200
    body = reply.json()
    waited = (timezone.now() - start).total_seconds()
    assert 305 <= body.pop("oldest_seconds") <= 306 + waited
    assert body == {
        "waiting": 3,
        "failing": 1,
        "running": 0,
        "failed": 0,
        "summary": outbox.backlog().words(),
        "last_error": "The message queue did not answer: [Errno 111] Connection refused",
    }
    worker = UserFactory(username="pat")
    reply = client.get("/api/ops/outbox", **bearer(worker))
    assert (reply.status_code, reply.json()) == (403, {"detail": "Only staff can read the outbox."})


def test_admin_lists_and_delivers(client):
    backlog_world()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get("/admin/core/outboxmessage/?state=failing")
    assert [m.key for m in page.context["cl"].result_list] == ["waiting-1"]
    ids = list(OutboxMessage.objects.filter(done_at=None).values_list("pk", flat=True))
    response = client.post(
        "/admin/core/outboxmessage/",
        {"action": "deliver_now", "_selected_action": ids},
        follow=True,
    )
    assert "Handed to Celery: 3; not handed over: 0." in response.content.decode()
    assert OutboxMessage.objects.filter(done_at=None).count() == 0


def test_the_beat_task_delivers_and_forgets_what_was_delivered_a_week_ago():
    old = outbox.email_later("Old", "Body", ["o@x.test"], key="old")
    failed = outbox.email_later("Failed", "Body", ["f@x.test"], key="failed")
    recent = outbox.email_later("Recent", "Body", ["r@x.test"], key="recent")
    outbox.email_later("Waiting", "Body", ["w@x.test"], key="waiting")
    week_ago = timezone.now() - dt.timedelta(days=7, minutes=1)
    OutboxMessage.objects.filter(pk__in=[old.pk, failed.pk]).update(done_at=week_ago)
    OutboxMessage.objects.filter(pk=failed.pk).update(last_error="LookupError: gone")
    OutboxMessage.objects.filter(pk=recent.pk).update(done_at=timezone.now())
    assert outbox.deliver_due() == {"sent": 1, "failed": 0, "error": "", "forgotten": 1}
    assert [m.to for m in mail.outbox] == [["w@x.test"]]
    left = OutboxMessage.objects.order_by("pk").values_list("key", flat=True)
    assert list(left) == ["failed", "recent", "waiting"]
