"""Onboarding asks, optionally, what work the newcomer is aiming for; Start here then opens
with the path to it."""

import re

import pytest

from stagedoor.industry.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nina(client):
    user = UserFactory(username="nina.newcomer", first_name="Nina", last_name="Newcomer")
    client.force_login(user)
    client.post(
        "/welcome/1/", {"display_name": "Nina N", "home_city": "Chicago", "travel_radius_km": "40"}
    )
    return user


def test_the_roles_step_asks_the_goal_in_department_groups_and_not_sure_comes_first(client, nina):
    page = client.get("/welcome/2/").content.decode()
    assert '<label for="id_goal-goal_role">What work are you aiming for?' in page
    assert '<option value="" selected>Not sure yet</option>' in page
    rigging = page[page.index('<optgroup label="Rigging">') :]
    rigging = rigging[: rigging.index("</optgroup>")]
    names = sorted(Role.objects.filter(department="rigging").values_list("name", flat=True))
    assert re.findall(r'<option value="[a-z-]+">([^<]+)</option>', rigging) == names
    assert "Optional. Start here then shows your path to it; change it any time." in page


def test_a_role_and_a_goal_saved_together_and_start_here_shows_the_path(client, nina):
    response = client.post(
        "/welcome/2/",
        {
            "action": "next",
            "role-role": "stagehand",
            "role-level": "entry",
            "role-years": "0",
            "goal-goal_role": "rigger",
        },
    )
    assert response["Location"] == "/welcome/3/"
    worker = nina.worker
    worker.refresh_from_db()
    assert worker.goal_role.slug == "rigger"
    assert [r.role.slug for r in worker.roles.all()] == ["stagehand"]
    start = client.get("/careers/start/").content.decode()
    assert '<a href="/careers/rigger/"><strong>Your path to Rigger</strong></a>' in start
    # Back on the step, the goal is chosen already.
    assert (
        '<option value="rigger" selected>Rigger</option>'
        in client.get("/welcome/2/").content.decode()
    )


def test_a_goal_alone_is_enough_and_not_sure_yet_moves_on_without_one(client, nina):
    assert (
        client.post("/welcome/2/", {"action": "next", "role-role": "", "goal-goal_role": ""})[
            "Location"
        ]
        == "/welcome/3/"
    )
    nina.worker.refresh_from_db()
    assert nina.worker.goal_role is None
    assert "Your path to" not in client.get("/careers/start/").content.decode()

    response = client.post(
        "/welcome/2/", {"action": "next", "role-role": "", "goal-goal_role": "rigger"}
    )
    assert response["Location"] == "/welcome/3/"
    nina.worker.refresh_from_db()
    assert (nina.worker.goal_role.slug, nina.worker.roles.count()) == ("rigger", 0)


def test_a_goal_outside_the_catalog_is_named_and_nothing_is_saved(client, nina):
    response = client.post(
        "/welcome/2/",
        {
            "action": "next",
            "role-role": "stagehand",
            "role-level": "entry",
            "role-years": "0",
            "goal-goal_role": "astronaut",
        },
    )
    assert response.status_code == 200
    assert (
        '<ul class="errorlist" id="id_goal-goal_role-errors"><li>Select a valid choice. '
        "astronaut is not one of the available choices.</li></ul>"
    ) in response.content.decode()
    nina.worker.refresh_from_db()
    assert (nina.worker.goal_role, nina.worker.roles.count()) == (None, 0)


def test_not_sure_yet_clears_a_goal_set_earlier_and_moves_on(client, nina):
    client.post("/welcome/2/", {"action": "next", "goal-goal_role": "rigger"})
    page = client.get("/welcome/2/").content.decode()
    assert '<option value="rigger" selected>' in page
    response = client.post("/welcome/2/", {"action": "next", "goal-goal_role": ""})
    assert (response.status_code, response["Location"]) == (302, "/welcome/3/")
    nina.worker.refresh_from_db()
    assert nina.worker.goal_role is None
    start = client.get("/careers/start/")
    assert start.status_code == 200
    assert "Your path to" not in start.content.decode()


def test_skip_keeps_the_goal(client, nina):
    client.post("/welcome/2/", {"action": "next", "goal-goal_role": "rigger"})
    client.post("/welcome/2/", {"action": "skip", "goal-goal_role": ""})
    nina.worker.refresh_from_db()
    assert nina.worker.goal_role.slug == "rigger"


def test_a_role_added_with_not_sure_yet_clears_the_goal_too(client, nina):
    client.post("/welcome/2/", {"action": "next", "goal-goal_role": "rigger"})
    client.post(
        "/welcome/2/",
        {
            "action": "add",
            "role-role": "stagehand",
            "role-level": "entry",
            "role-years": "0",
            "goal-goal_role": "",
        },
    )
    nina.worker.refresh_from_db()
    assert (nina.worker.goal_role, nina.worker.roles.count()) == (None, 1)
