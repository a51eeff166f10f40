"""A manager stops an import from its page; the page then says where it stopped."""

import pytest

from stagedoor.boards.models import ImportRun
from stagedoor.core.models import TaskRecord
from stagedoor.core.tasks import execute
from tests.boards.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_stops_a_waiting_import(live_server, page, catalog, log_in):
    world = build_world(manager_username="mara", password="backstage-pass")
    # An import no worker has taken yet (the broker is slow): it waits, queued.
    task = TaskRecord.objects.create(kind="board-import", created_by=world["manager"])
    run = ImportRun.objects.create(
        source="crewboard", filename="big.csv", payload="title,employer\n", task=task,
        created_by=world["manager"],
    )  # fmt: skip
    task.result = {"params": {"run_id": run.pk}}
    task.save(update_fields=["result"])

    log_in("mara")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/boards/imports/{run.pk}/")
    stop = page.locator("#import-run .task-stop button")
    assert stop.inner_text() == "Stop"
    page.screenshot(path="/tmp/imports-running-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path="/tmp/imports-running-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    stop.click()
    page.wait_for_selector("#import-run .task-stop button:has-text('Stopping…')")
    assert TaskRecord.objects.get(pk=task.pk).cancel_requested is True

    execute(task.pk)  # the worker takes it at last, and does not start it
    page.wait_for_selector("#import-stopped", timeout=10000)
    assert page.locator("#import-stopped").inner_text() == "Stopped before it began."
    assert page.locator("#import-new").inner_text() == "0"
    page.screenshot(path="/tmp/imports-stop-390.png", full_page=True)
