"""Long work in the background, with a progress record a page can poll.

A task kind names a function `fn(progress, **params) -> dict`, registered by the app that
owns it (`register_task_kind`, from its AppConfig.ready) so the kernel imports no app.
`start_task` records the run and hands it to Celery after the transaction commits. Without
a broker (the demo and the tests) Celery runs eagerly; a page-started task then runs in a
thread so the page can poll it, unless STAGEDOOR_TASKS_INLINE asks for it to run before the
request returns.

Work can be stopped: `task_cancel` asks, and the task's next progress save raises
`Cancelled`, which the runner records as "Stopped" with what was done. Work can never
hang: each progress save is a heartbeat, and `task_sweep` (run by Celery beat) marks
failed a running task silent for STAGEDOOR_TASK_STALE_SECONDS, or a queued one no worker
took within STAGEDOOR_TASK_QUEUED_SECONDS, and sends `core.signals.task_stopped` so the
owning app can close its own record.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import outbox
from .locking import lock_rows
from .models import TaskRecord
from .rules import may_cancel
from .signals import task_stopped
from .validation import refuse

TaskFn = Callable[..., dict | None]

# kind -> fn(progress, **params); filled by the apps' ready(), read when a task starts or runs.
_KINDS: dict[str, TaskFn] = {}


def register_task_kind(kind: str, fn: TaskFn | None = None):
    """Register `fn(progress, **params) -> dict` as the task kind `kind`.

    Call it from the owning app's AppConfig.ready(), directly or as a decorator. The function
    should import its services inside its body, so that ready() stays light.
    """

    def add(fn: TaskFn) -> TaskFn:
        known = _KINDS.get(kind)
        if known is not None and known is not fn:
            raise ImproperlyConfigured(f"task kind {kind!r} is registered twice")
        _KINDS[kind] = fn
        return fn

    return add(fn) if fn is not None else add


def task_kinds() -> frozenset[str]:
    return frozenset(_KINDS)


class Cancelled(Exception):
    """Raised from Progress when someone stopped the task; the runner records it."""


class Progress:
    """Reports progress to a TaskRecord, saving at most a few times a second.

    Each save is the task's heartbeat, and asks whether it was stopped: if so, `start` and
    `advance` raise `Cancelled` (the work so far stays done)."""

    def __init__(self, record: TaskRecord | None = None, min_interval: float = 0.3) -> None:
        self.record = record
        self.min_interval = min_interval
        self._last_save = 0.0
        self.done = 0
        self.total = 0
        self.message = ""

    def start(self, total: int, message: str = "") -> None:
        self.total, self.done, self.message = total, 0, message
        self._save(force=True)

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        self.done = min(self.total, self.done + steps) if self.total else self.done + steps
        if message is not None:
            self.message = message
        self._save()

    def extend(self, more: int = 0, message: str | None = None) -> None:
        """Work found on the way (a feed's next page): the total grows by `more`, saved now,
        so a stop asked for between two steps is seen before the next one begins."""
        self.total += more
        if message is not None:
            self.message = message
        self._save(force=True)

    def _save(self, force: bool = False) -> None:
        if self.record is None:
            return
        now = time.monotonic()
        if not force and now - self._last_save < self.min_interval:
            return
        self._last_save = now
        saved = TaskRecord.objects.filter(
            pk=self.record.pk, status=TaskRecord.Status.RUNNING, cancel_requested=False
        ).update(
            done=self.done,
            total=self.total,
            message=self.message[:300],
            heartbeat_at=timezone.now(),
        )
        if not saved:  # stopped, swept or gone: the one query both beats and asks
            raise Cancelled()


def heartbeat(record_id: int | None) -> None:
    """Say a task is alive without moving its bar (a long single step)."""
    if record_id is not None:
        TaskRecord.objects.filter(pk=record_id).update(heartbeat_at=timezone.now())


def _resolve(kind: str) -> TaskFn:
    return _KINDS[kind]


def _stopped_words(done: int, total: int) -> str:
    return f"Stopped after {done} of {total} steps." if total else "Stopped before it began."


def execute(record_id: int) -> TaskRecord:
    """Run a recorded task to the end, marking it done, failed or stopped.

    A record already finished (stopped while queued, or swept) is not run again."""
    record = TaskRecord.objects.get(pk=record_id)
    started = TaskRecord.objects.filter(
        pk=record_id, status=TaskRecord.Status.QUEUED, cancel_requested=False
    ).update(status=TaskRecord.Status.RUNNING, heartbeat_at=timezone.now())
    if not started:
        if TaskRecord.objects.filter(
            pk=record_id, status=TaskRecord.Status.QUEUED, cancel_requested=True
        ).update(
            status=TaskRecord.Status.CANCELLED,
            message=_stopped_words(0, 0),
            finished_at=timezone.now(),
        ):
            record.refresh_from_db()
            task_stopped.send(sender=TaskRecord, record=record)
        record.refresh_from_db()
        return record
    progress = Progress(record)
    try:
        result = _resolve(record.kind)(progress, **record.result.get("params", {}))
    except Cancelled:  # stopped; or swept as failed, which stands
        TaskRecord.objects.filter(pk=record_id, status=TaskRecord.Status.RUNNING).update(
            status=TaskRecord.Status.CANCELLED,
            done=progress.done,
            total=progress.total,
            message=_stopped_words(progress.done, progress.total),
            finished_at=timezone.now(),
        )
        record.refresh_from_db()
        return record
    except Exception as exc:
        TaskRecord.objects.filter(pk=record_id).update(
            status=TaskRecord.Status.FAILED,
            message=f"{type(exc).__name__}: {exc}"[:300],
            finished_at=timezone.now(),
        )
        raise
    TaskRecord.objects.filter(pk=record_id).update(
        status=TaskRecord.Status.DONE,
        done=progress.total or progress.done,
        total=progress.total or progress.done,
        message="Finished",
        result=result or {},
        finished_at=timezone.now(),
    )
    record.refresh_from_db()
    return record


@shared_task(name="stagedoor.run_task")
def run_task(record_id: int) -> None:
    execute(record_id)


def _run_in_thread(record_id: int) -> None:
    def target() -> None:
        close_old_connections()
        try:
            execute(record_id)
        except Exception:  # the failure is on the record; nothing else to tell
            pass
        finally:
            close_old_connections()

    threading.Thread(target=target, name=f"task-{record_id}", daemon=True).start()


def start_task(
    kind: str, *, user=None, organisation_id: int | None = None, **params: Any
) -> TaskRecord:
    if kind not in _KINDS:
        raise ValueError(f"unknown task kind {kind!r}")
    record = TaskRecord.objects.create(
        kind=kind, created_by=user, organisation_id=organisation_id, result={"params": params}
    )

    def dispatch() -> None:
        if settings.STAGEDOOR_TASKS_INLINE:
            execute(record.pk)
        else:
            _run_in_thread(record.pk)

    if settings.STAGEDOOR_TASKS_INLINE or settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(dispatch)
    else:  # saved with the record; handed to Celery after the commit, or when it answers
        outbox.later(run_task.name, record.pk, key=f"task:{record.pk}")
    return record


# --- stopping and sweeping ----------------------------------------------------------------


def task_cancel(*, actor, record: TaskRecord) -> TaskRecord:
    """Ask a queued or running task to stop; it stops at its next progress save (a queued
    one never starts). Only its starter, a manager of its organisation or an admin."""
    if not may_cancel(actor, record):
        raise PermissionDenied("Only whoever started this work, or a manager, can stop it.")
    with transaction.atomic():
        lock_rows((TaskRecord, [record.pk]))
        record.refresh_from_db()
        if record.finished:
            refuse("task", f"This work has already ended ({record.get_status_display().lower()}).")
        if not record.cancel_requested:
            record.cancel_requested = True
            record.message = "Stopping…"
            record.save(update_fields=["cancel_requested", "message"])
    return record


def _stale_before(seconds: int, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=seconds)


def stale_tasks(now: dt.datetime | None = None):
    """Running tasks silent too long, and queued ones no worker took in time."""
    now = now or timezone.now()
    last = Coalesce("heartbeat_at", "created_at")
    return TaskRecord.objects.alias(last=last).filter(
        Q(
            status=TaskRecord.Status.RUNNING,
            last__lt=_stale_before(settings.STAGEDOOR_TASK_STALE_SECONDS, now),
        )
        | Q(
            status=TaskRecord.Status.QUEUED,
            last__lt=_stale_before(settings.STAGEDOOR_TASK_QUEUED_SECONDS, now),
        )
    )


def task_fail_if_stale(
    record: TaskRecord, message: str = "", now: dt.datetime | None = None
) -> bool:
    """Mark one task failed if it is stale (the generic check kinds with their own words
    call); `message` may name what was done. True if it was marked."""
    if not stale_tasks(now).filter(pk=record.pk).exists():
        return False
    was_running = record.status == TaskRecord.Status.RUNNING
    if not message:
        message = (
            f"The worker stopped answering after {record.done} of {record.total} steps."
            if was_running
            else "No worker picked this up; start it again."
        )
    marked = TaskRecord.objects.filter(pk=record.pk, status=record.status).update(
        status=TaskRecord.Status.FAILED, message=message[:300], finished_at=timezone.now()
    )
    record.refresh_from_db()
    if marked:
        task_stopped.send(sender=TaskRecord, record=record)
    return bool(marked)


def task_sweep(now: dt.datetime | None = None) -> list[TaskRecord]:
    """Mark every stale task failed; returns them (beat runs this every minute)."""
    swept = []
    for record in stale_tasks(now).order_by("pk"):
        if task_fail_if_stale(record, now=now):
            swept.append(record)
    return swept


@shared_task(name="stagedoor.core.tasks.sweep_tasks")
def sweep_tasks() -> int:
    return len(task_sweep())
