"""API tokens: they end, they are read-only or read-and-write, and people list, make and
revoke their own on /account/tokens/, through /api/tokens and with `stagedoor api-token`."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from stagedoor.api.models import ApiToken
from stagedoor.gigs.models import Show
from tests.factories import ShowFactory, UserFactory, show_world

pytestmark = pytest.mark.django_db


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def world():
    world = show_world(org={"name": "Northern Lights"})
    ShowFactory(organisation=world["org"], slug="draft-show", status="draft")
    return world


def test_an_expired_token_is_refused_on_reads_and_writes(client, world):
    token, key = ApiToken.issue(user=world["manager"], days=1)
    assert client.get("/api/shows/draft-show", **auth(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/api/shows/draft-show", **auth(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token is unknown, revoked or expired."}
    assert client.get("/api/roles", **auth(key)).status_code == 401
    cancel = client.post(f"/api/shows/{world['show'].slug}/cancel", **auth(key))
    assert cancel.status_code == 401


def test_a_read_only_token_reads_but_never_writes(client, world):
    _, key = ApiToken.issue(user=world["manager"], scope="read")
    assert client.get("/api/shows/draft-show", **auth(key)).status_code == 200
    response = client.post(
        f"/api/shows/{world['show'].slug}/cancel",
        json.dumps({"reason": "weather"}),
        content_type="application/json",
        **auth(key),
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "This API token may only read. Make a read-and-write token."
    }
    assert Show.objects.get(pk=world["show"].pk).status == "published"


def test_make_list_and_revoke_through_the_api(client, world):
    _, key = ApiToken.issue(user=world["manager"], scope="write")
    made = client.post(
        "/api/tokens",
        json.dumps({"name": "payroll script", "days": 30}),
        content_type="application/json",
        **auth(key),
    )
    assert made.status_code == 201
    body = made.json()
    assert (body["name"], body["scope"], body["expired"]) == ("payroll script", "read", False)
    new = ApiToken.objects.get(pk=body["id"])
    assert new.digest == ApiToken.digest_of(body["key"])
    assert round((new.expires_at - new.created_at) / dt.timedelta(days=1)) == 30
    listed = client.get("/api/tokens", **auth(body["key"])).json()
    assert [t["name"] for t in listed] == ["payroll script", "default"]
    assert "key" not in listed[0]
    # A read-only token cannot revoke; someone else cannot revoke it either.
    assert client.delete(f"/api/tokens/{new.pk}", **auth(body["key"])).status_code == 403
    _, stranger = ApiToken.issue(user=UserFactory(username="stranger"))
    refused = client.delete(f"/api/tokens/{new.pk}", **auth(stranger))
    assert (refused.status_code, refused.json()) == (403, {"detail": "Not one of your tokens."})
    assert client.delete(f"/api/tokens/{new.pk}", **auth(key)).status_code == 204
    assert client.get("/api/roles", **auth(body["key"])).status_code == 401


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"name": "", "days": 30}, "name", "Give the token a name"),
        ({"name": "x", "days": 0}, "days", "A token lasts from 1 to 365 days."),
        ({"name": "x", "days": 10000}, "days", "A token lasts from 1 to 365 days."),
    ],
)
def test_bad_token_requests_name_the_field(client, world, payload, field, message):
    client.force_login(world["manager"])
    response = client.post("/api/tokens", json.dumps(payload), content_type="application/json")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", field]
    assert error["msg"].startswith(message)
    assert ApiToken.objects.count() == 0


def test_the_tokens_page_makes_shows_once_and_revokes(client, world):
    client.force_login(world["manager"])
    page = client.get("/account/tokens/")
    assert page.status_code == 200
    assert "You have no API tokens." in page.content.decode()
    made = client.post("/account/tokens/", {"name": "Calendar sync", "scope": "write", "days": "7"})
    assert made.status_code == 201
    token = ApiToken.objects.get()
    key = made.context["new_key"]
    assert token.digest == ApiToken.digest_of(key)
    assert (token.name, token.scope) == ("Calendar sync", "write")
    assert key in made.content.decode()
    again = client.get("/account/tokens/").content.decode()
    assert key not in again
    assert "Calendar sync" in again and "reads and changes" in again
    bad = client.post("/account/tokens/", {"name": "Too long", "scope": "read", "days": "900"})
    assert bad.status_code == 422
    assert "A token lasts from 1 to 365 days." in bad.content.decode()
    other = UserFactory(username="other")
    client.force_login(other)
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert ApiToken.objects.filter(pk=token.pk).exists()
    client.force_login(world["manager"])
    revoked = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert "Revoked." in revoked.content.decode()
    assert not ApiToken.objects.exists()


def test_the_tokens_page_needs_sign_in(client):
    assert client.get("/account/tokens/")["Location"] == "/login/?next=/account/tokens/"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_command_makes_lists_and_revokes(world):
    key = run("api-token", "manager", "--name", "backup", "--scope", "read", "--days", "10")
    token = ApiToken.objects.get()
    assert token.digest == ApiToken.digest_of(key.strip())
    assert (
        token.name,
        token.scope,
        round((token.expires_at - token.created_at) / dt.timedelta(days=1)),
    ) == (
        "backup",
        "read",
        10,
    )
    listing = run("api-token", "manager", "--list")
    assert listing.startswith(f"{token.pk}\tbackup\tRead only\tends ")
    assert listing.rstrip().endswith("last used never")
    with pytest.raises(CommandError) as info:
        run("api-token", "manager", "--days", "0")
    assert str(info.value) == "Nothing was saved.\n  days: A token lasts from 1 to 365 days."
    assert run("api-token", "manager", "--revoke", str(token.pk)) == f"Revoked token {token.pk}.\n"
    with pytest.raises(CommandError) as info:
        run("api-token", "manager", "--revoke", str(token.pk))
    assert str(info.value) == "--revoke: Not one of your tokens."
