"""/tasks/<id>/ shows a task only to who started it, its organisation's managers and staff."""

import pytest

from stagedoor.core.models import TaskRecord
from stagedoor.staffing.models import StaffingRun
from tests.factories import UserFactory, manager_of, show_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_task():
    world = show_world(org={"name": "Northern Lights"})
    starter = manager_of(world["org"], "starter")
    run = StaffingRun.objects.create(organisation=world["org"], created_by=starter)
    task = TaskRecord.objects.create(
        kind="auto-staff",
        created_by=starter,
        message="Staffing Juniper Static at Kraftwerk",
        result={"params": {"run_id": run.pk}},
    )
    return {**world, "starter": starter, "task": task}


def page(client, task):
    return client.get(f"/tasks/{task.pk}/")


def test_anonymous_is_sent_to_sign_in_and_sees_nothing(client, run_task):
    response = page(client, run_task["task"])
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/tasks/{run_task['task'].pk}/"


def test_the_starter_and_the_organisations_managers_see_it(client, run_task):
    for user in (run_task["starter"], run_task["manager"]):
        client.force_login(user)
        response = page(client, run_task["task"])
        assert response.status_code == 200
        assert "Staffing Juniper Static at Kraftwerk" in response.content.decode()


def test_another_organisations_manager_and_a_worker_get_not_found(client, run_task):
    other = show_world(org={"name": "Elsewhere"}, manager="other-manager")
    for user in (other["manager"], UserFactory(username="crew")):
        client.force_login(user)
        response = page(client, run_task["task"])
        assert response.status_code == 404
        assert "Juniper" not in response.content.decode()


def test_a_task_of_no_organisation_is_its_starters_and_staffs(client):
    starter = UserFactory(username="importer")
    task = TaskRecord.objects.create(kind="board-import", created_by=starter, message="rows")
    client.force_login(UserFactory(username="someone"))
    assert page(client, task).status_code == 404
    client.force_login(starter)
    assert page(client, task).status_code == 200
    client.force_login(UserFactory(username="ops", is_staff=True))
    assert page(client, task).status_code == 200
