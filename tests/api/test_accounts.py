"""Joining through the API: sign up, confirm, a new link, and the onboarding writes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from stagedoor.accounts.models import SignUp
from stagedoor.api.models import ApiToken
from tests.accounts.committed import committed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
GOOD = "amp-rack-42-loadin"


def post(client, path, body, **extra):
    with committed():
        return client.post(path, body, content_type="application/json", **extra)


def token_in(message) -> str:
    return re.search(r"/join/confirm/([^/\s]+)/", message.body).group(1)


def test_sign_up_and_confirm(client):
    response = post(client, "/api/accounts/signup", {"email": "nina@example.com", "password": GOOD})
    assert response.status_code == 201
    assert response.json() == {
        "username": "nina@example.com",
        "email": "nina@example.com",
        "detail": "We sent a link to nina@example.com; following it confirms the address.",
    }
    assert "http://testserver/join/confirm/" in mail.outbox[0].body
    token = token_in(mail.outbox[0])
    response = post(client, "/api/accounts/confirm", {"token": token})
    assert response.json() == {"username": "nina@example.com", "confirmed_now": True}
    assert User.objects.get(username="nina@example.com").is_active is True
    assert post(client, "/api/accounts/confirm", {"token": token}).json()["confirmed_now"] is False


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"email": "ANA@example.com", "password": GOOD}, "email", "An account already uses"),
        ({"email": "new@example.com", "password": "password1"}, "password", "too common"),
        ({"email": "new@example.com", "password": "abc"}, "password", "too short"),
        ({"email": "", "password": GOOD}, "email", "This field is required."),
    ],
)
def test_refused_sign_up_is_422_naming_the_field_and_saves_nothing(client, body, field, message):
    UserFactory(username="ana", email="ana@example.com")
    response = post(client, "/api/accounts/signup", body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {tuple(d["loc"]) for d in detail} == {("body", field)}
    assert message in detail[0]["msg"]
    assert User.objects.count() == 1
    assert SignUp.objects.count() == 0
    assert mail.outbox == []


def test_expired_and_tampered_links_are_422_on_token(client, settings):
    post(client, "/api/accounts/signup", {"email": "nina@example.com", "password": GOOD})
    token = token_in(mail.outbox[0])
    response = post(client, "/api/accounts/confirm", {"token": token + "x"})
    assert (response.status_code, response.json()["detail"]) == (
        422,
        [{"loc": ["body", "token"], "msg": "This link is not valid.", "type": "value_error"}],
    )
    settings.STAGEDOOR_JOIN_LINK_HOURS = -1
    response = post(client, "/api/accounts/confirm", {"token": token})
    assert response.json()["detail"][0]["msg"] == "This link has expired."
    assert User.objects.get(email="nina@example.com").is_active is False
    response = post(client, "/api/accounts/new-link", {"token": token})
    assert response.status_code == 202
    assert len(mail.outbox) == 2
    # The same answer for an address nobody signed up with, and no email.
    response = post(client, "/api/accounts/new-link", {"email": "nobody@example.com"})
    assert response.status_code == 202
    assert len(mail.outbox) == 2


def test_onboarding_through_the_api(client):
    user = UserFactory(username="nina")
    _, key = ApiToken.issue(user=user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/accounts/onboarding", **auth).json()["resume_step"] == 1
    response = post(client, "/api/accounts/onboarding/steps/2", {}, **auth)
    assert response.status_code == 403
    response = post(
        client,
        "/api/accounts/onboarding/place",
        {"display_name": "Nina N", "home_city": "Manchester, GB", "travel_radius_km": 25},
        **auth,
    )
    assert response.status_code == 201
    assert (response.json()["home_city"], response.json()["travel_radius_km"]) == (
        "Manchester",
        25,
    )
    assert user.worker.currency == "GBP"
    role = {"role": "stagehand", "level": "entry", "years": 0}
    assert post(client, "/api/me/profile/roles", role, **auth).status_code == 201
    bad = post(client, "/api/me/profile/skills", {"skill": "nope", "level": 9}, **auth)
    assert bad.status_code == 422
    assert {d["loc"][1] for d in bad.json()["detail"]} == {"skill", "level"}
    response = client.patch(
        "/api/me/profile",
        {"day_rate": "175.00", "currency": "GBP"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    user.worker.refresh_from_db()
    assert str(user.worker.day_rate) == "175.00"
    for step in (2, 3, 4, 5):
        state = post(client, f"/api/accounts/onboarding/steps/{step}", {}, **auth).json()
    assert (state["furthest_step"], state["finished"], state["has_profile"]) == (5, True, True)
    assert post(client, "/api/accounts/onboarding/steps/6", {}, **auth).status_code == 422
