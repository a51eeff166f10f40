"""Long work in the background, with a progress record a page can poll.

A task kind names a function `fn(progress, **params) -> dict`. `start_task` records the
run and hands it to Celery after the transaction commits. Without a broker (the demo and
the tests) Celery runs eagerly; a page-started task then runs in a thread so the page can
poll it, unless STAGEDOOR_TASKS_INLINE asks for it to run before the request returns.
"""

from __future__ import annotations

import importlib
import threading
import time
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from .models import TaskRecord

TASK_KINDS = {
    "demo-data": "stagedoor.demo.world:build_demo_world",
    "auto-staff": "stagedoor.staffing.services:staffing_run_execute",
    "board-import": "stagedoor.boards.tasks:board_import",
}


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


def _resolve(kind: str):
    module_name, _, attr = TASK_KINDS[kind].partition(":")
    return getattr(importlib.import_module(module_name), attr)


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
    if kind not in TASK_KINDS:
        raise ValueError(f"unknown task kind {kind!r}")
    record = TaskRecord.objects.create(kind=kind, created_by=user, result={"params": params})

    def dispatch() -> None:
        if settings.STAGEDOOR_TASKS_INLINE:
            execute(record.pk)
        elif settings.CELERY_TASK_ALWAYS_EAGER:
            _run_in_thread(record.pk)
        else:
            run_task.delay(record.pk)

    transaction.on_commit(dispatch)
    return record
