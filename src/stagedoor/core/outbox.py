"""The outbox: what a write asks to happen after it commits, kept until it has happened.

A service calls `later(task_name, *args)` (or `email_later(...)`) inside its transaction. That
saves an `OutboxMessage` with the write, so the two commit or roll back together. After the
commit the message is handed to Celery at once; if the broker does not answer, the error is
logged and the request answers as if nothing happened (the write did succeed). The Celery
beat task `deliver_due` (every 30 s, `CELERY_BEAT_SCHEDULE`) and `stagedoor outbox --deliver`
hand over whatever is still waiting, with a growing pause after each failure.

Celery only ever receives "run outbox message N". The worker claims the row before running
the task it names (one UPDATE: `started_at` from empty to now), so a message handed over
twice (a retry racing the first try, a republish after a lost message) still runs once: an
email goes out once. A task that fails with an error it declares retryable
(`autoretry_for`, e.g. an SMTP connection error) is handed over again after a pause; any
other error ends the message as failed, with the error kept for the operator.

In eager mode (no broker: the demo and the tests) the hand-over runs the task in-process
right after the commit, as `task.delay` did before.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from celery import current_app, shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger("stagedoor.outbox")

RUN_TASK = "stagedoor.outbox.run"
DELIVER_TASK = "stagedoor.outbox.deliver"
EMAIL_TASK = "stagedoor.outbox.email"

# A message handed to the broker but not started after this long is handed over again, in
# case the broker lost it (the worker's claim makes the second copy harmless).
REPUBLISH_AFTER = dt.timedelta(minutes=15)
FIRST_PAUSE = dt.timedelta(seconds=30)
LONGEST_PAUSE = dt.timedelta(hours=1)
BATCH = 500
# Delivered messages are kept this long (to look into "did that email go out?"), then
# deleted by the beat task.
KEEP_DELIVERED = dt.timedelta(days=7)
CONNECT_SECONDS = 3


def later(task: str, *args, key: str = "", **kwargs) -> OutboxMessage:
    """Run the Celery task named `task` with `args` and `kwargs` (JSON values) once the
    current transaction commits, and keep trying until it has run.

    `key` makes the request idempotent: a second `later` with a key already recorded
    returns the first message and queues nothing more.
    """
    message, created = OutboxMessage.objects.get_or_create(
        key=key or f"{task}:{uuid.uuid4().hex}",
        defaults={
            "task": task,
            "args": list(args),
            "kwargs": kwargs,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        transaction.on_commit(partial(_deliver_quietly, message.pk))
    return message


def email_later(subject: str, body: str, to: Iterable[str], *, key: str = "") -> OutboxMessage:
    """Send one email after the commit, exactly once, retried while the mail server fails."""
    return later(EMAIL_TASK, key=key, subject=subject, body=body, to=list(to))


def _deliver_quietly(message_id: int) -> None:
    # Runs after the commit, in the request: the write succeeded, so nothing here may turn
    # its answer into an error page. What fails waits for the beat task.
    try:
        deliver(ids=[message_id])
    except Exception:
        logger.exception("outbox message %s not handed over; the beat task will retry", message_id)


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    failed: int = 0
    error: str = ""

    def as_dict(self) -> dict:
        return {"sent": self.sent, "failed": self.failed, "error": self.error}


def deliver(
    ids: Iterable[int] | None = None, *, now: dt.datetime | None = None, force: bool = False
) -> Delivery:
    """Hand the messages that are due to Celery (`ids`: only those). `force` ignores the
    pauses after failures and republishes what was handed over but not started."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(done_at=None, started_at=None)
    if not force:
        due = due.filter(next_attempt_at__lte=now)
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    rows = list(due.order_by("next_attempt_at", "pk").values_list("pk", "next_attempt_at")[:BATCH])
    if not rows:
        return Delivery()
    sent = failed = handled = 0
    try:
        with _broker() as connection:
            for pk, due_at in rows:
                handled += 1
                claimed = OutboxMessage.objects.filter(
                    pk=pk, done_at=None, started_at=None, next_attempt_at=due_at
                ).update(sent_at=now, next_attempt_at=now + REPUBLISH_AFTER)
                if not claimed:  # another deliverer took it
                    continue
                try:
                    _publish(pk, connection)
                except Exception as exc:
                    _failed(pk, f"The message queue refused it: {_text(exc)}", now, queued=True)
                    failed += 1
                else:
                    sent += 1
    except Exception as exc:  # the broker did not answer: each due message waits a while
        logger.warning("outbox: broker unreachable, %s message(s) wait: %s", len(rows), exc)
        problem = f"The message queue did not answer: {_text(exc)}"
        rest = rows[handled:]  # not tried; the one in hand (if any) was counted
        for pk, _ in rest:
            _failed(pk, problem, now, queued=True)
        return Delivery(sent=sent, failed=failed + len(rest), error=problem)
    return Delivery(sent=sent, failed=failed)


@contextmanager
def _broker():
    if current_app.conf.task_always_eager:
        yield None
        return
    with current_app.connection_for_write() as connection:
        # One quick try: a dead broker must not hold a request for kombu's long retries.
        connection.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=CONNECT_SECONDS
        )
        yield connection


def _publish(message_id: int, connection) -> None:
    current_app.tasks[RUN_TASK].apply_async(
        args=[message_id], connection=connection, retry=False, task_id=f"outbox-{message_id}"
    )


def pause_after(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failure: 30 s, doubling, at most an hour."""
    return min(FIRST_PAUSE * 2 ** max(attempts - 1, 0), LONGEST_PAUSE)


def _text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _failed(message_id: int, problem: str, now: dt.datetime, *, queued: bool = False) -> None:
    """Count a failed try and pause before the next. `queued`: the hand-over failed, so a
    message a worker has meanwhile started (from an earlier copy) is left alone."""
    attempts = (
        OutboxMessage.objects.filter(pk=message_id).values_list("attempts", flat=True).first()
    )
    if attempts is None:
        return
    open_ = OutboxMessage.objects.filter(pk=message_id, done_at=None)
    if queued:
        open_ = open_.filter(started_at=None)
    open_.update(
        attempts=F("attempts") + 1,
        last_error=problem[:500],
        next_attempt_at=now + pause_after(attempts + 1),
        sent_at=None,
        started_at=None,
    )


def run(message_id: int) -> str:
    """Run one message's task, once: "done", "retry" (a retryable error; handed over again
    after a pause), "failed" (for good), or "skipped" (already run, or running elsewhere)."""
    claimed = OutboxMessage.objects.filter(pk=message_id, started_at=None, done_at=None).update(
        started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    message = OutboxMessage.objects.get(pk=message_id)
    task = current_app.tasks.get(message.task)
    try:
        if task is None:
            raise LookupError(f"no Celery task is called {message.task!r}")
        task(*message.args, **message.kwargs)
    except Exception as exc:
        retryable = tuple(getattr(task, "autoretry_for", ()) or ())
        if retryable and isinstance(exc, retryable):
            logger.warning("outbox message %s (%s) will be retried: %s", message.pk, task, exc)
            problem = f"It failed and will be tried again: {_text(exc)}"
            _failed(message.pk, problem, timezone.now())
            return "retry"
        logger.exception("outbox message %s (%s) failed", message.pk, message.task)
        OutboxMessage.objects.filter(pk=message.pk).update(
            done_at=timezone.now(), last_error=_text(exc), attempts=F("attempts") + 1
        )
        return "failed"
    OutboxMessage.objects.filter(pk=message.pk).update(done_at=timezone.now(), last_error="")
    return "done"


@shared_task(name=RUN_TASK)
def run_message(message_id: int) -> str:
    return run(message_id)


def forget_delivered(*, now: dt.datetime | None = None) -> int:
    """Delete messages delivered more than KEEP_DELIVERED ago (the failed ones stay, for
    the operator to read); returns how many."""
    before = (now or timezone.now()) - KEEP_DELIVERED
    gone, _ = OutboxMessage.objects.filter(done_at__lt=before, last_error="").delete()
    return gone


@shared_task(name=DELIVER_TASK)
def deliver_due() -> dict:
    """What beat runs: every due message, a batch at a time while batches go out whole."""
    sent = failed = 0
    error = ""
    for _ in range(20):
        done = deliver()
        sent, failed, error = sent + done.sent, failed + done.failed, done.error or error
        if done.failed or done.sent < BATCH:
            break
    return Delivery(sent, failed, error).as_dict() | {"forgotten": forget_delivered()}


@shared_task(name=EMAIL_TASK, autoretry_for=(OSError,))
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return send_mail(subject, body, None, to)


# What the operator reads: the ops page, `stagedoor outbox` and the API.


@dataclass(frozen=True)
class Backlog:
    waiting: int  # not yet run: new, handed to the broker, or pausing after a failure
    failing: int  # of those, how many failed at least once
    running: int  # claimed by a worker, not finished
    failed: int  # given up: the task raised an error that is not worth retrying
    oldest: dt.timedelta | None  # how long the oldest waiting message has waited
    last_error: str

    def words(self) -> str:
        """The backlog in a sentence: "3 messages waiting to be delivered, the oldest for
        5 minutes." """
        if not self.waiting:
            return "Nothing waiting to be delivered."
        noun = "message" if self.waiting == 1 else "messages"
        text = f"{self.waiting} {noun} waiting to be delivered"
        if self.oldest is not None:
            text += f", the oldest for {duration_words(self.oldest)}"
        text += "."
        if self.failing:
            text += (
                f" {self.failing} of them could not be delivered yet and "
                f"{'is' if self.failing == 1 else 'are'} tried again with growing pauses."
            )
        return text


def backlog(*, now: dt.datetime | None = None) -> Backlog:
    now = now or timezone.now()
    open_ = OutboxMessage.objects.filter(done_at=None)
    waiting = open_.filter(started_at=None)
    facts = waiting.aggregate(oldest=Min("created_at"))
    errors = waiting.exclude(last_error="")
    last = errors.order_by("-next_attempt_at").values_list("last_error", flat=True).first()
    return Backlog(
        waiting=waiting.count(),
        failing=errors.count(),
        running=open_.exclude(started_at=None).count(),
        failed=OutboxMessage.objects.filter(~Q(last_error=""), done_at__isnull=False).count(),
        oldest=now - facts["oldest"] if facts["oldest"] else None,
        last_error=last or "",
    )


def duration_words(span: dt.timedelta) -> str:
    """A wait in words, to the minute: "under a minute", "5 minutes", "2 hours 10 minutes",
    "3 days 4 hours"."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)

    def unit(n: int, name: str) -> str:
        return f"{n} {name}" if n == 1 else f"{n} {name}s"

    if days:
        return unit(days, "day") + (f" {unit(hours, 'hour')}" if hours else "")
    if hours:
        return unit(hours, "hour") + (f" {unit(minutes, 'minute')}" if minutes else "")
    return unit(minutes, "minute")
