"""The menu names the signed-in person as people know them, never by their login name
unless there is nothing else."""

import pytest

from tests.factories import UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db

SIGNED_IN = '<li class="signed-in" id="signed-in">Signed in as <strong>{}</strong></li>'


def menu(client, user) -> str:
    client.force_login(user)
    html = client.get("/").content.decode()
    return html[html.index('id="menu-account"') : html.index("</nav>")]


def test_a_worker_is_named_by_their_display_name(client):
    user = UserFactory(username="rosa.rigger", first_name="Rosa", last_name="A.")
    WorkerFactory(user=user, display_name="Rosa Alvarez")
    account = menu(client, user)
    assert SIGNED_IN.format("Rosa Alvarez") in account
    assert '<button type="submit" class="link">Log out</button>' in account
    assert "rosa.rigger" not in account


def test_a_manager_without_a_crew_profile_by_their_full_name_else_their_login(client):
    assert SIGNED_IN.format("Vera Venue") in menu(
        client, UserFactory(username="vera.venue", first_name="Vera", last_name="Venue")
    )
    assert SIGNED_IN.format("pat.promoter") in menu(client, UserFactory(username="pat.promoter"))


def test_nobody_signed_in_sees_log_in_and_join(client):
    html = client.get("/").content.decode()
    assert 'id="signed-in"' not in html
    assert ">Log in</a>" in html and ">Join</a>" in html
