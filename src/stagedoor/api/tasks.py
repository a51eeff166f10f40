"""Background tasks (imports, auto-staffing, sending offers): read one, stop one.

Only whoever started the task, a manager of its organisation, or an admin sees it or stops
it; anyone else gets 404, as if it were not there.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.responses import Status as Reply

from stagedoor.core.models import TaskRecord
from stagedoor.core.rules import may_cancel
from stagedoor.core.tasks import task_cancel

from .auth import WRITE_AUTH

router = Router(tags=["background tasks"])


class TaskOut(Schema):
    id: int
    kind: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    stopping: bool
    created_at: dt.datetime
    heartbeat_at: dt.datetime | None
    finished_at: dt.datetime | None


def _task(request, task_id: int) -> TaskRecord:
    task = TaskRecord.objects.filter(pk=task_id).first()
    if task is None or not may_cancel(request.user, task):
        raise Http404("No such task")
    return task


def _out(task: TaskRecord) -> dict:
    return {
        "id": task.pk,
        "kind": task.kind,
        "status": task.status,
        "done": task.done,
        "total": task.total,
        "percent": task.percent,
        "message": task.message,
        "stopping": task.cancel_requested and not task.finished,
        "created_at": task.created_at,
        "heartbeat_at": task.heartbeat_at,
        "finished_at": task.finished_at,
    }


@router.get("/tasks/{task_id}", response=TaskOut, auth=WRITE_AUTH)
def get_task(request, task_id: int):
    """Status and progress of a background task."""
    return _out(_task(request, task_id))


@router.post("/tasks/{task_id}/cancel", response={202: TaskOut}, auth=WRITE_AUTH)
def cancel_task(request, task_id: int):
    """Stop a queued or running task: it stops after the step it is on (poll GET
    /api/tasks/{id} for "cancelled"); what it did so far stays done. 422 when it has ended."""
    return Reply(202, _out(task_cancel(actor=request.user, record=_task(request, task_id))))
