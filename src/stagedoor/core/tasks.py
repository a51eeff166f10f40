"""Long work in the background, with a progress record a page can poll.

A task kind names a function `fn(progress, **params) -> dict`, registered by the app that
owns it (`register_task_kind`, from its AppConfig.ready) so the kernel imports no app.
`start_task` records the run and hands it to Celery after the transaction commits. Without
a broker (the demo and the tests) Celery runs eagerly; a page-started task then runs in a
thread so the page can poll it, unless STAGEDOOR_TASKS_INLINE asks for it to run before the
request returns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections, transaction
from django.utils import timezone

from . import outbox
from .models import TaskRecord

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


class Progress:
    """Reports progress to a TaskRecord, saving at most a few times a second."""

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

    def _save(self, force: bool = False) -> None:
        if self.record is None:
            return
        now = time.monotonic()
        if not force and now - self._last_save < self.min_interval:
            return
        self._last_save = now
        TaskRecord.objects.filter(pk=self.record.pk).update(
            done=self.done, total=self.total, message=self.message[:300]
        )


def _resolve(kind: str) -> TaskFn:
    return _KINDS[kind]


def execute(record_id: int) -> TaskRecord:
    """Run a recorded task to the end, marking it done or failed."""
    record = TaskRecord.objects.get(pk=record_id)
    TaskRecord.objects.filter(pk=record_id).update(status=TaskRecord.Status.RUNNING)
    progress = Progress(record)
    try:
        result = _resolve(record.kind)(progress, **record.result.get("params", {}))
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


def start_task(kind: str, *, user=None, **params: Any) -> TaskRecord:
    if kind not in _KINDS:
        raise ValueError(f"unknown task kind {kind!r}")
    record = TaskRecord.objects.create(kind=kind, created_by=user, result={"params": params})

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
