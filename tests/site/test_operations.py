import pytest

from stagedoor.core.models import TaskRecord
from stagedoor.people.models import WorkerProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_operations_page_is_for_staff_only(client):
    client.force_login(UserFactory(username="pat"))
    assert client.get("/ops/").status_code == 302
    assert client.post("/ops/demo-data/").status_code == 302
    assert TaskRecord.objects.count() == 0


def test_staff_loads_demo_data_and_watches_progress(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert "Load demo data" in client.get("/ops/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ops/demo-data/")
    task = TaskRecord.objects.get()
    assert response["Location"] == f"/tasks/{task.pk}/"
    assert (task.kind, task.status, task.percent) == ("demo-data", "done", 100)
    # 321 planned crew, 50 hall regulars that bring Local 88 to 66 registrants, and
    # rosa.rigger, the newcomer the training, openings and mentoring demos meet.
    assert task.result["workers"] == WorkerProfile.objects.count() == 372
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "<strong>demo-data</strong>: Done" in page
    assert 'value="100"' in page


def test_task_kinds_are_registered_by_their_apps_and_unknown_ones_refused():
    from stagedoor.core.tasks import start_task, task_kinds

    assert {"demo-data", "auto-staff", "board-import"} <= task_kinds()
    with pytest.raises(ValueError, match="unknown task kind 'nope'"):
        start_task("nope")
    assert TaskRecord.objects.count() == 0
