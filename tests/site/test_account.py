"""Password reset and change (Django's views, our templates), the account page and signing
out everywhere."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from tests.factories import OrganisationFactory, UserFactory, manager_of

pytestmark = pytest.mark.django_db

OLD = "correct horse battery staple"
NEW = "a new lighting rig 2027"


def reset_link(body: str) -> str:
    return re.search(r"https?://[^\s]+/password-reset/[^\s]+/", body)[0]


def test_login_page_links_to_password_reset(client):
    html = client.get("/login/").content.decode()
    assert '<a href="/password-reset/">Forgot your password?</a>' in html


def test_password_reset_by_email_on_the_address_the_site_is_served_on(client):
    UserFactory(username="nia", email="nia@example.test")
    response = client.post(
        "/password-reset/", {"email": "nia@example.test"}, HTTP_HOST="localhost:8101"
    )
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert client.get("/password-reset/sent/").status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Choose a new Stagedoor password"
    assert "Your username is nia." in message.body
    link = reset_link(message.body)
    assert link.startswith("http://localhost:8101/password-reset/")
    path = link.removeprefix("http://localhost:8101")
    form = client.get(path, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]

    weak = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    html = weak.content.decode()
    assert "This password is too common." in html
    assert "This password is entirely numeric." in html
    assert get_user_model().objects.get(username="nia").check_password(OLD)

    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/password-reset/done/"
    assert get_user_model().objects.get(username="nia").check_password(NEW)
    used = client.get(path, follow=True).content.decode()
    assert "This link does not work any more" in used


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/password-reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_password_change_keeps_this_browser_logged_in(client):
    user = UserFactory(username="nia")
    client.force_login(user)
    assert client.get("/account/password/").status_code == 200
    wrong = client.post(
        "/account/password/",
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )
    assert "Your old password was entered incorrectly." in wrong.content.decode()
    weak = client.post(
        "/account/password/",
        {"old_password": OLD, "new_password1": "nia", "new_password2": "nia"},
    )
    assert "This password is too short." in weak.content.decode()
    response = client.post(
        "/account/password/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302 and response["Location"] == "/account/password/changed/"
    assert client.get("/account/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_account_page_shows_email_organisations_and_needs_a_login(client):
    assert client.get("/account/")["Location"] == "/login/?next=/account/"
    org = OrganisationFactory(name="Northern Lights", slug="northern-lights")
    user = manager_of(org, "nia", role="manager")
    client.force_login(user)
    html = client.get("/account/").content.decode()
    assert "nia@example.test" in html
    assert '<a href="/orgs/northern-lights/members/">Northern Lights</a>' in html
    assert "Sign out everywhere" in html and 'href="/account/password/"' in html


def test_sign_out_everywhere_ends_the_other_sessions_and_keeps_this_one():
    nia, otto = UserFactory(username="nia"), UserFactory(username="otto")
    here, phone, laptop, other = Client(), Client(), Client(), Client()
    for c in (here, phone, laptop):
        c.force_login(nia)
    other.force_login(otto)
    assert phone.get("/account/").status_code == 200
    old_key = here.session.session_key
    response = here.post("/account/sign-out-everywhere/", follow=True)
    assert "Signed out of 2 other browsers and devices." in response.content.decode()
    assert here.session.session_key != old_key
    assert here.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302
    assert laptop.get("/account/").status_code == 302
    assert other.get("/account/").status_code == 200
    assert Session.objects.count() == 2
    again = here.post("/account/sign-out-everywhere/", follow=True)
    assert "No other browser was signed in." in again.content.decode()


def test_sign_out_everywhere_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get("/account/sign-out-everywhere/").status_code == 405
