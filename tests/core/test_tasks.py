"""Background work can be stopped (page, API, CLI) and never hangs (heartbeats, the sweep)."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from stagedoor.api.models import ApiToken
from stagedoor.boards.models import ImportRun
from stagedoor.celery import app as celery_app
from stagedoor.core.models import TaskRecord
from stagedoor.core.tasks import (
    Progress,
    execute,
    register_task_kind,
    start_task,
    task_cancel,
    task_sweep,
)
from stagedoor.staffing.models import StaffingRun
from tests.factories import UserFactory, show_world

pytestmark = pytest.mark.django_db
RAN: list[int] = []


@register_task_kind("test-count")
def count(progress, *, steps: int, stop_at: int | None = None, stopper: int | None = None):
    """Counts to `steps`; at `stop_at` its starter presses Stop (as another request would)."""
    progress.start(steps, "Counting")
    for i in range(steps):
        RAN.append(i)
        if i == stop_at:
            task_cancel(actor=progress.record.created_by, record=progress.record)
            time.sleep(progress.min_interval + 0.05)  # the next save asks
        progress.advance(1)
    return {"counted": steps}


@pytest.fixture
def world():
    RAN.clear()
    return show_world()


def queued(world, django_capture_on_commit_callbacks, **params) -> TaskRecord:
    with django_capture_on_commit_callbacks(execute=False):
        return start_task(
            "test-count", user=world["manager"], organisation_id=world["org"].pk, **params
        )


def test_stop_mid_run_keeps_what_was_done(world, django_capture_on_commit_callbacks):
    record = queued(world, django_capture_on_commit_callbacks, steps=10, stop_at=2)
    record = execute(record.pk)
    assert (record.status, record.done, record.total, record.message) == (
        "cancelled",
        3,
        10,
        "Stopped after 3 of 10 steps.",
    )
    assert RAN == [0, 1, 2]
    assert record.finished_at is not None
    assert record.get_status_display() == "Stopped"


def test_a_task_stopped_while_queued_never_runs(world, django_capture_on_commit_callbacks):
    record = queued(world, django_capture_on_commit_callbacks, steps=3)
    task_cancel(actor=world["manager"], record=record)
    record = execute(record.pk)
    assert (record.status, record.message, RAN) == ("cancelled", "Stopped before it began.", [])


def test_who_may_stop(world, django_capture_on_commit_callbacks):
    record = queued(world, django_capture_on_commit_callbacks, steps=3)
    for stranger in (UserFactory(username="stranger"), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            task_cancel(actor=stranger, record=record)
    assert TaskRecord.objects.get(pk=record.pk).cancel_requested is False
    # Another manager of the organisation may; so may whoever started it.
    colleague = UserFactory(username="colleague")
    world["org"].membership_set.create(user=colleague, role="manager")
    assert task_cancel(actor=colleague, record=record).cancel_requested is True
    mine = start_task("test-count", user=UserFactory(username="starter"), steps=1)
    assert task_cancel(actor=mine.created_by, record=mine).cancel_requested is True
    with pytest.raises(PermissionDenied):  # no organisation: only its starter
        task_cancel(actor=colleague, record=mine)


def test_an_ended_task_cannot_be_stopped(world, django_capture_on_commit_callbacks):
    record = execute(queued(world, django_capture_on_commit_callbacks, steps=2).pk)
    assert (record.status, record.result) == ("done", {"counted": 2})
    with pytest.raises(ValidationError) as caught:
        task_cancel(actor=world["manager"], record=record)
    assert caught.value.message_dict == {"task": ["This work has already ended (done)."]}


def test_progress_is_the_heartbeat(world, django_capture_on_commit_callbacks):
    record = queued(world, django_capture_on_commit_callbacks, steps=2)
    assert record.heartbeat_at is None
    before = timezone.now()
    record = execute(record.pk)
    assert record.heartbeat_at >= before


def test_the_sweep_fails_tasks_whose_worker_died(world, settings):
    settings.STAGEDOOR_TASK_STALE_SECONDS = 120
    settings.STAGEDOOR_TASK_QUEUED_SECONDS = 3600
    now = timezone.now()
    ago = lambda **kw: now - dt.timedelta(**kw)  # noqa: E731
    dead = TaskRecord.objects.create(
        kind="board-import", status="running", done=9136, total=200000, heartbeat_at=ago(minutes=5)
    )
    run = ImportRun.objects.create(source="big", status="running", task=dead)
    alive = TaskRecord.objects.create(
        kind="test-count", status="running", heartbeat_at=ago(seconds=30)
    )
    lost = TaskRecord.objects.create(kind="test-count")
    TaskRecord.objects.filter(pk=lost.pk).update(created_at=ago(hours=2))
    waiting = TaskRecord.objects.create(kind="test-count")
    swept = task_sweep()
    assert [t.pk for t in swept] == [dead.pk, lost.pk]
    states = dict(TaskRecord.objects.values_list("pk", "status"))
    assert [states[t.pk] for t in (dead, alive, lost, waiting)] == [
        "failed",
        "running",
        "failed",
        "queued",
    ]
    dead.refresh_from_db()
    assert dead.message == "The worker stopped answering after 9136 of 200000 steps."
    assert TaskRecord.objects.get(pk=lost.pk).message == "No worker picked this up; start it again."
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", dead.message)
    assert task_sweep() == []  # twice is harmless
    # A worker that was only slow finds its task failed and stops at its next save.
    progress = Progress(dead, min_interval=0)
    with pytest.raises(Exception) as caught:
        progress.advance(1)
    assert type(caught.value).__name__ == "Cancelled"
    assert TaskRecord.objects.get(pk=dead.pk).status == "failed"


def test_a_swept_auto_staff_run_stops_saying_solving(world):
    dead = TaskRecord.objects.create(
        kind="auto-staff", status="running", done=40, total=100,
        heartbeat_at=timezone.now() - dt.timedelta(hours=1),
    )  # fmt: skip
    run = StaffingRun.objects.create(organisation=world["org"], status="running", task=dead)
    assert [t.pk for t in task_sweep()] == [dead.pk]
    run.refresh_from_db()
    assert (run.status, run.error) == (
        "failed",
        "The worker stopped answering after 40 of 100 steps.",
    )


def test_beat_runs_the_sweep_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-tasks"]
    assert entry == {"task": "stagedoor.core.tasks.sweep_tasks", "schedule": 60.0}
    assert entry["task"] in celery_app.tasks


# --- the faces: page, API, CLI ------------------------------------------------------------


def test_the_progress_page_has_a_stop_button_for_those_who_may(
    client, world, django_capture_on_commit_callbacks
):
    record = queued(world, django_capture_on_commit_callbacks, steps=3)
    TaskRecord.objects.filter(pk=record.pk).update(status="running")
    client.force_login(UserFactory(username="stranger"))
    assert "Stop</button>" not in client.get(f"/tasks/{record.pk}/").text
    assert client.post(f"/tasks/{record.pk}/stop/").status_code == 404  # not theirs to see
    client.force_login(world["manager"])
    assert "Stop</button>" in client.get(f"/tasks/{record.pk}/").text
    answer = client.post(f"/tasks/{record.pk}/stop/", headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "Stopping…" in answer.text and "<!doctype" not in answer.text.lower()
    assert TaskRecord.objects.get(pk=record.pk).cancel_requested is True
    plain = client.post(f"/tasks/{record.pk}/stop/", {"next": "https://evil.example/"})
    assert (plain.status_code, plain["Location"]) == (302, f"/tasks/{record.pk}/")


def test_the_api_stops_a_task(client, world, django_capture_on_commit_callbacks):
    record = queued(world, django_capture_on_commit_callbacks, steps=3)
    _, key = ApiToken.issue(user=world["manager"])
    _, other = ApiToken.issue(user=UserFactory(username="stranger"))
    url = f"/api/tasks/{record.pk}/cancel"
    assert client.post(url, headers={"Authorization": f"Bearer {other}"}).status_code == 404
    answer = client.post(url, headers={"Authorization": f"Bearer {key}"})
    assert answer.status_code == 202
    body = answer.json()
    assert (body["id"], body["status"], body["stopping"]) == (record.pk, "queued", True)
    execute(record.pk)
    again = client.post(url, headers={"Authorization": f"Bearer {key}"})
    assert again.status_code == 422
    assert "This work has already ended (stopped)." in again.text
    read = client.get(f"/api/tasks/{record.pk}", headers={"Authorization": f"Bearer {key}"})
    assert (read.json()["status"], read.json()["message"]) == (
        "cancelled",
        "Stopped before it began.",
    )


def test_the_cli_lists_stops_and_sweeps(world, django_capture_on_commit_callbacks, settings):
    record = queued(world, django_capture_on_commit_callbacks, steps=3)
    out = io.StringIO()
    call_command("tasks", "list", stdout=out)
    assert f"│ {record.pk} " in out.getvalue() and "test-count" in out.getvalue()
    out = io.StringIO()
    call_command("tasks", "cancel", str(record.pk), stdout=out)
    assert out.getvalue() == f"Task #{record.pk} (test-count) will stop after the step it is on.\n"
    assert TaskRecord.objects.get(pk=record.pk).cancel_requested is True
    TaskRecord.objects.filter(pk=record.pk).update(
        status="running", done=1, total=3, heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    out = io.StringIO()
    call_command("tasks", "sweep", stdout=out)
    assert out.getvalue() == (
        f"Task #{record.pk} (test-count) failed: The worker stopped answering after 1 of 3 "
        "steps.\n1 task(s) marked failed.\n"
    )
    with pytest.raises(CommandError, match=r"ID: no task #999999\."):
        call_command("tasks", "cancel", "999999")
