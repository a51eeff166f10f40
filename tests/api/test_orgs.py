"""The API faces of organisation sign-up and invitations."""

import re

import pytest
from django.core import mail

from stagedoor.industry.models import Invitation, Membership
from tests.factories import OrganisationFactory, UserFactory, bearer, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Northern Lights", slug="northern-lights")


@pytest.fixture
def owner(org):
    return manager_of(org, "olive", role="owner")


def test_post_orgs_signs_up_an_organisation_with_the_caller_as_owner(client):
    user = UserFactory(username="sam")
    response = client.post(
        "/api/orgs",
        {
            "name": "Blue Room",
            "kind": "studio",
            "country": "US",
            "venue_name": "Room A",
            "venue_city": "Nashville",
            "venue_capacity": 30,
        },
        content_type="application/json",
        **bearer(user),
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "blue-room"
    assert Membership.objects.get(organisation__slug="blue-room").user == user


def test_post_orgs_refuses_bad_input_by_field_and_needs_a_login(client):
    response = client.post(
        "/api/orgs",
        {"name": "X", "kind": "label", "country": "US"},
        content_type="application/json",
        **bearer(UserFactory()),
    )
    assert response.status_code == 422
    fields = {e["loc"][-1] for e in response.json()["detail"]}
    assert fields == {"kind", "venue_name", "venue_city", "venue_capacity"}
    anonymous = client.post(
        "/api/orgs",
        {"name": "X", "kind": "venue", "country": "US"},
        content_type="application/json",
    )
    assert anonymous.status_code == 401


def test_invite_list_revoke_and_accept(client, org, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/orgs/northern-lights/invitations",
            {"email": "nia@example.test", "role": "dispatcher"},
            content_type="application/json",
            HTTP_HOST="localhost:8101",
            **bearer(owner),
        )
    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["role"], body["state"], body["invited_by"]) == (
        "nia@example.test",
        "dispatcher",
        "pending",
        "olive",
    )
    assert "token" not in body
    token = re.search(r"http://localhost:8101/invitations/([\w-]+)/", mail.outbox[0].body)[1]
    listed = client.get("/api/orgs/northern-lights/invitations", **bearer(owner)).json()
    assert [i["email"] for i in listed] == ["nia@example.test"]

    nia = UserFactory(username="nia")
    accepted = client.post(
        "/api/invitations/accept", {"token": token}, content_type="application/json", **bearer(nia)
    )
    assert accepted.status_code == 200
    assert accepted.json() == {"organisation": "northern-lights", "role": "dispatcher"}
    again = client.post(
        "/api/invitations/accept", {"token": token}, content_type="application/json", **bearer(nia)
    )
    assert again.status_code == 422
    assert again.json()["detail"][0]["msg"] == "This invitation has already been used."
    assert client.get("/api/orgs/northern-lights/invitations", **bearer(owner)).json() == []
    everything = client.get(
        "/api/orgs/northern-lights/invitations?pending=false", **bearer(owner)
    ).json()
    assert [i["state"] for i in everything] == ["accepted"]


def test_revoke_by_api(client, org, owner):
    auth = bearer(owner)
    created = client.post(
        "/api/orgs/northern-lights/invitations",
        {"email": "nia@example.test", "role": "manager"},
        content_type="application/json",
        **auth,
    ).json()
    response = client.delete(f"/api/orgs/northern-lights/invitations/{created['id']}", **auth)
    assert response.status_code == 204
    assert Invitation.objects.get().state() == "revoked"
    again = client.delete(f"/api/orgs/northern-lights/invitations/{created['id']}", **auth)
    assert again.status_code == 422
    assert client.delete("/api/orgs/northern-lights/invitations/999", **auth).status_code == 404


def test_outsiders_and_crew_chiefs_cannot_invite_list_or_revoke(client, org, owner):
    created = client.post(
        "/api/orgs/northern-lights/invitations",
        {"email": "nia@example.test", "role": "manager"},
        content_type="application/json",
        **bearer(owner),
    ).json()
    invitation = Invitation.objects.get(pk=created["id"])
    for user in (manager_of(OrganisationFactory(), "otto"), manager_of(org, "cody", "crew_chief")):
        auth = bearer(user)
        invite = client.post(
            "/api/orgs/northern-lights/invitations",
            {"email": "x@example.test", "role": "manager"},
            content_type="application/json",
            **auth,
        )
        assert invite.status_code == 403
        assert invite.json() == {
            "detail": "Only the organisation's owner and managers can invite people."
        }
        assert client.get("/api/orgs/northern-lights/invitations", **auth).status_code == 403
        revoke = client.delete(f"/api/orgs/northern-lights/invitations/{invitation.pk}", **auth)
        assert revoke.status_code == 403
    assert Invitation.objects.get().state() == "pending"
    assert Invitation.objects.count() == 1


def test_invitation_input_errors_name_the_field(client, org, owner):
    response = client.post(
        "/api/orgs/northern-lights/invitations",
        {"email": "nope", "role": "owner"},
        content_type="application/json",
        **bearer(owner),
    )
    assert response.status_code == 422
    assert {e["loc"][-1] for e in response.json()["detail"]} == {"email", "role"}
    assert not Invitation.objects.exists()
