"""Brute force: django-axes locks a username from an address after five wrong passwords.

The test settings switch axes off (Django's test client logs in without a request, which
axes refuses); these tests switch it on.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.factories import OrganisationFactory, UserFactory, bearer, manager_of

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery staple"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def log_in(client, password, username="nia", ip="203.0.113.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_the_account_until_the_cool_off_ends():
    UserFactory(username="nia")
    client = Client()
    for _ in range(4):
        response = log_in(client, "guess")
        assert response.status_code == 200
        assert "didn't match" in response.content.decode()
    fifth = log_in(client, "guess")
    assert fifth.status_code == 429
    html = fifth.content.decode()
    assert "Too many wrong passwords" in html
    assert "for 15 minutes" in html and "After 5 wrong passwords" in html

    right = log_in(client, RIGHT)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session

    # Another address is not locked out (lockout is by username and address).
    elsewhere = Client()
    assert log_in(elsewhere, RIGHT, ip="198.51.100.9").status_code == 302

    # Fifteen minutes later the right password works again.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    later = log_in(client, RIGHT)
    assert later.status_code == 302 and later["Location"] == "/"
    assert client.get("/account/").status_code == 200


def test_a_right_password_before_the_limit_clears_the_count():
    UserFactory(username="nia")
    client = Client()
    for _ in range(4):
        log_in(client, "guess")
    assert log_in(client, RIGHT).status_code == 302
    client.post("/logout/")
    for _ in range(4):
        assert log_in(client, "guess").status_code == 200
    assert log_in(client, RIGHT).status_code == 302


def test_while_locked_out_api_tokens_and_existing_sessions_still_work():
    nia = manager_of(OrganisationFactory(slug="northern-lights"), "nia", role="owner")
    session = Client()
    session.force_login(nia)
    attacker = Client()
    for _ in range(5):
        log_in(attacker, "guess")
    assert log_in(attacker, RIGHT).status_code == 429
    assert session.get("/account/").status_code == 200
    answer = Client().get("/api/orgs/northern-lights/invitations", **bearer(nia))
    assert (answer.status_code, answer.json()) == (200, [])


def test_a_new_password_by_email_lifts_the_lockout(django_capture_on_commit_callbacks):
    import re

    from django.core import mail

    UserFactory(username="nia", email="nia@example.test")
    client = Client()
    for _ in range(5):
        log_in(client, "guess")
    assert log_in(client, RIGHT).status_code == 429
    client.post("/password-reset/", {"email": "nia@example.test"})
    path = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body)[1]
    set_url = client.get(path, follow=True).redirect_chain[-1][0]
    new = "a new lighting rig 2027"
    client.post(set_url, {"new_password1": new, "new_password2": new})
    assert log_in(client, new).status_code == 302
