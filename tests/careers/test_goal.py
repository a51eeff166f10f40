"""A worker's goal: the role they aim for, kept on the profile. Set and cleared by the
worker alone (service, plan page, profile form, API), and the pages that open on it:
Start here, Today and the careers landing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stagedoor.core.validation import messages_of
from stagedoor.people import services
from tests.factories import UserFactory, WorkerFactory, bearer

pytestmark = pytest.mark.django_db

PATH_LINK = '<a href="/careers/rigger/"><strong>Your path to Rigger</strong></a>'


@pytest.fixture
def rosa():
    return WorkerFactory(
        user=UserFactory(username="rosa", password="backstage-pass"), display_name="Rosa"
    )


def goal_of(worker) -> str | None:
    worker.refresh_from_db()
    return worker.goal_role.slug if worker.goal_role else None


def test_the_worker_sets_changes_and_clears_her_goal(rosa):
    services.goal_set(actor=rosa.user, worker=rosa, role="rigger")
    assert goal_of(rosa) == "rigger"
    services.goal_set(actor=rosa.user, worker=rosa, role="stagehand")
    assert goal_of(rosa) == "stagehand"
    services.goal_set(actor=rosa.user, worker=rosa, role=None)
    assert goal_of(rosa) is None


def test_an_unknown_role_is_refused_naming_the_field(rosa):
    services.goal_set(actor=rosa.user, worker=rosa, role="rigger")
    with pytest.raises(ValidationError) as info:
        services.goal_set(actor=rosa.user, worker=rosa, role="roadie-king")
    assert messages_of(info.value) == {"goal_role": ["'roadie-king' is not a role in the catalog."]}
    assert goal_of(rosa) == "rigger"


def test_nobody_else_sets_her_goal_not_even_an_admin(rosa):
    other = WorkerFactory()
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    for actor in (other.user, admin):
        with pytest.raises(PermissionDenied):
            services.goal_set(actor=actor, worker=rosa, role="rigger")
        with pytest.raises(PermissionDenied):
            services.profile_update(actor=actor, worker=rosa, goal_role="rigger")
    assert goal_of(rosa) is None
    # an admin still changes the rest of a profile, as before
    services.profile_update(actor=admin, worker=rosa, headline="Rigging soon")
    rosa.refresh_from_db()
    assert rosa.headline == "Rigging soon"


def test_the_plan_page_makes_it_her_goal_and_stops_aiming(client, rosa):
    client.login(username="rosa", password="backstage-pass")
    html = client.get("/careers/rigger/").content.decode()
    assert '<button type="submit" id="goal-set">Make this my goal</button>' in html
    assert "Stop aiming for this" not in html

    box = client.post("/careers/rigger/goal/", {"aim": "yes"}, headers={"HX-Request": "true"})
    assert box.status_code == 200
    body = box.content.decode()
    assert body.startswith('<div id="goal" class="goal">')
    assert '<span class="tag">Your goal</span>' in body
    stop = '<button type="submit" class="secondary" id="goal-stop">Stop aiming for this</button>'
    assert stop in body
    assert goal_of(rosa) == "rigger"

    # another plan offers to replace it and names the goal she has
    other = client.get("/careers/stagehand/").content.decode()
    assert "Make this my goal" in other
    assert 'Your goal now: <a href="/careers/rigger/">Rigger</a>.' in other

    # "Stop" from a stale stagehand page leaves the rigger goal alone
    assert client.post("/careers/stagehand/goal/", {"aim": "no"}).url == "/careers/stagehand/"
    assert goal_of(rosa) == "rigger"
    plain = client.post("/careers/rigger/goal/", {"aim": "no"})
    assert (plain.status_code, plain.url) == (302, "/careers/rigger/")
    assert goal_of(rosa) is None


def test_the_goal_button_wants_a_post_a_worker_and_a_real_role(client, rosa):
    client.login(username="rosa", password="backstage-pass")
    assert client.get("/careers/rigger/goal/").status_code == 405
    assert client.post("/careers/roadie-king/goal/", {"aim": "yes"}).status_code == 404
    client.logout()
    assert client.post("/careers/rigger/goal/", {"aim": "yes"}).status_code == 302
    client.force_login(UserFactory(username="manager"))
    assert client.post("/careers/rigger/goal/", {"aim": "yes"}).status_code == 403
    assert goal_of(rosa) is None
    # a visitor's plan page has no goal button
    client.logout()
    assert "Make this my goal" not in client.get("/careers/rigger/").content.decode()


def test_start_here_today_and_careers_open_on_her_goal(client, rosa):
    client.login(username="rosa", password="backstage-pass")
    for url in ("/careers/start/", "/me/", "/careers/"):
        assert PATH_LINK not in client.get(url).content.decode(), url
    services.goal_set(actor=rosa.user, worker=rosa, role="rigger")
    for url in ("/careers/start/", "/me/", "/careers/"):
        assert client.get(url).content.decode().count(PATH_LINK) == 1, url
    careers = client.get("/careers/").content.decode()
    assert careers.index(PATH_LINK) < careers.index('id="target-form"')


def test_the_profile_form_sets_and_clears_the_goal(client, rosa):
    client.login(username="rosa", password="backstage-pass")
    page = client.get("/me/profile/").content.decode()
    label = '<label for="id_goal_role">The role I&#x27;m aiming for\n  <select name="goal_role"'
    assert label in page
    assert '<option value="" selected>No goal yet</option>' in page
    form = {
        "display_name": "Rosa",
        "home_city": rosa.home_city,
        "travel_radius_km": 40,
        "currency": "USD",
        "is_public": "on",
        "goal_role": "rigger",
    }
    assert client.post("/me/profile/", form).url == "/me/profile/"
    assert goal_of(rosa) == "rigger"
    assert '<option value="rigger" selected>Rigger</option>' in (
        client.get("/me/profile/").content.decode()
    )
    bad = client.post("/me/profile/", form | {"goal_role": "roadie-king"})
    assert bad.status_code == 200
    assert "Select a valid choice." in bad.content.decode()
    assert goal_of(rosa) == "rigger"
    client.post("/me/profile/", form | {"goal_role": ""})
    assert goal_of(rosa) is None


def test_the_api_reads_and_writes_the_goal_by_the_roles_key(client, rosa):
    auth = bearer(rosa.user)
    mine = client.get("/api/me/profile", **auth).json()
    assert (mine["goal_role"], mine["goal_role_name"]) == (None, None)

    def patch(body):
        return client.patch("/api/me/profile", body, content_type="application/json", **auth)

    done = patch({"goal_role": "rigger"})
    assert done.status_code == 200
    assert (done.json()["goal_role"], done.json()["goal_role_name"]) == ("rigger", "Rigger")
    assert client.get("/api/me/profile", **auth).json()["goal_role"] == "rigger"
    # other fields leave it alone
    assert patch({"headline": "Rigging soon"}).json()["goal_role"] == "rigger"
    bad = patch({"goal_role": "roadie-king", "headline": "x"})
    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        {
            "loc": ["body", "goal_role"],
            "msg": "'roadie-king' is not a role in the catalog.",
            "type": "value_error",
        }
    ]
    assert goal_of(rosa) == "rigger"
    assert rosa.headline == "Rigging soon"
    assert patch({"goal_role": None}).json()["goal_role"] is None
    assert goal_of(rosa) is None
    # the public profile does not say what she aims for
    assert "goal_role" not in client.get(f"/api/workers/{rosa.slug}").json()
