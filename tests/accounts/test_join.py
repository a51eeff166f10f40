"""Signing up: the account waits for its emailed link; every refusal names its field and
leaves nothing behind."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.exceptions import ValidationError

from stagedoor.accounts import services
from stagedoor.accounts.models import Onboarding, SignUp
from stagedoor.core import outbox
from stagedoor.core.models import OutboxMessage
from stagedoor.core.validation import messages_of
from tests.accounts.committed import call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
GOOD = "amp-rack-42-loadin"


def link(token: str) -> str:
    return f"http://testserver:8115/join/confirm/{token}/"


def token_in(message) -> str:
    return re.search(r"/join/confirm/([^/\s]+)/", message.body).group(1)


def nothing_saved(count_users: int) -> None:
    assert User.objects.count() == count_users
    assert SignUp.objects.count() == 0
    assert Onboarding.objects.count() == 0
    assert mail.outbox == []


def test_sign_up_makes_an_inactive_account_and_mails_a_link():
    user = call(
        services.signup_create,
        email="Nina.Newcomer@Example.COM",
        password=GOOD,
        link_for=link,
        next_url="/jobs/?x=1",
    )
    assert (user.username, user.email, user.is_active) == (
        "nina.newcomer@example.com",
        "Nina.Newcomer@example.com",
        False,
    )
    assert user.check_password(GOOD)
    assert user.onboarding.next_url == "/jobs/?x=1"
    assert [m.to for m in mail.outbox] == [["Nina.Newcomer@example.com"]]
    assert mail.outbox[0].subject == "Confirm your email for Stagedoor"
    assert "http://testserver:8115/join/confirm/" in mail.outbox[0].body
    assert "You log in as nina.newcomer@example.com." in mail.outbox[0].body


def test_a_chosen_username_is_kept():
    user = call(
        services.signup_create,
        email="sam@example.com",
        password=GOOD,
        username="sam.sound",
        link_for=link,
    )
    assert user.username == "sam.sound"


@pytest.mark.parametrize(
    "existing",
    [
        {"username": "old", "email": "ANA@example.com"},
        {"username": "ana@example.com", "email": ""},
    ],
)
def test_a_taken_email_is_refused_in_any_case_and_nothing_is_saved(existing):
    UserFactory(**existing)
    with pytest.raises(ValidationError) as info:
        call(services.signup_create, email="ana@EXAMPLE.com", password=GOOD, link_for=link)
    assert messages_of(info.value) == {"email": [services.TAKEN]}
    nothing_saved(1)


def test_an_unconfirmed_sign_up_holds_its_email():
    call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    mail.outbox.clear()
    with pytest.raises(ValidationError) as info:
        call(services.signup_create, email="Ana@example.com", password=GOOD, link_for=link)
    assert messages_of(info.value) == {"email": [services.TAKEN]}
    assert SignUp.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("", ["This field is required."]),
        ("short", ["This password is too short. It must contain at least 8 characters."]),
        ("password123", ["This password is too common."]),
        ("83920174652", ["This password is entirely numeric."]),
        ("ana@example.com", ["The password is too similar to the email address."]),
    ],
)
def test_a_weak_password_is_refused_and_nothing_is_saved(password, messages):
    with pytest.raises(ValidationError) as info:
        call(services.signup_create, email="ana@example.com", password=password, link_for=link)
    assert messages_of(info.value) == {"password": messages}
    nothing_saved(0)


def test_a_bad_email_and_a_taken_username_are_named():
    UserFactory(username="sam")
    with pytest.raises(ValidationError) as info:
        call(services.signup_create, email="not-an-address", password=GOOD, link_for=link)
    assert messages_of(info.value) == {"email": ["Give an email address like name@example.com."]}
    with pytest.raises(ValidationError) as info:
        call(
            services.signup_create,
            email="sam@example.com",
            password=GOOD,
            username="SAM",
            link_for=link,
        )
    assert messages_of(info.value) == {
        "username": ["Someone already has this username; choose another."]
    }
    nothing_saved(1)


def test_a_next_path_off_the_site_is_dropped():
    user = call(
        services.signup_create,
        email="ana@example.com",
        password=GOOD,
        link_for=link,
        next_url="https://evil.test/",
    )
    assert user.onboarding.next_url == ""
    user = call(
        services.signup_create,
        email="bo@example.com",
        password=GOOD,
        link_for=link,
        next_url="//evil.test/x",
    )
    assert user.onboarding.next_url == ""


def test_the_link_activates_once():
    user = call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    token = token_in(mail.outbox[0])
    confirmed, now = services.signup_confirm(token=token)
    assert (confirmed.pk, now) == (user.pk, True)
    user.refresh_from_db()
    assert user.is_active
    assert user.signup.confirmed_at is not None
    assert services.signup_confirm(token=token) == (user, False)


def test_an_expired_link_is_refused_and_changes_nothing(settings):
    user = call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    token = token_in(mail.outbox[0])
    settings.STAGEDOOR_JOIN_LINK_HOURS = -1
    with pytest.raises(services.LinkExpired) as info:
        services.signup_confirm(token=token)
    assert messages_of(info.value) == {"token": ["This link has expired."]}
    user.refresh_from_db()
    assert (user.is_active, user.signup.confirmed_at) == (False, None)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda t: t[:-3] + ("aaa" if not t.endswith("aaa") else "bbb"),
        lambda t: "x" + t,
        lambda t: signing.dumps([1, "ana@example.com"], salt="another.salt"),
        lambda t: "",
    ],
)
def test_a_tampered_link_is_refused_and_changes_nothing(spoil):
    user = call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    with pytest.raises(services.LinkInvalid) as info:
        services.signup_confirm(token=spoil(token_in(mail.outbox[0])))
    assert messages_of(info.value) == {"token": ["This link is not valid."]}
    user.refresh_from_db()
    assert user.is_active is False


def test_a_link_for_an_address_since_changed_is_refused():
    user = call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    token = token_in(mail.outbox[0])
    SignUp.objects.filter(user=user).update(email="ana.new@example.com")
    with pytest.raises(services.LinkInvalid):
        services.signup_confirm(token=token)


def test_a_new_link_goes_to_unconfirmed_sign_ups_only(settings):
    call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    old = token_in(mail.outbox[0])
    assert call(services.signup_resend, link_for=link, email="ANA@example.com") is True
    assert call(services.signup_resend, link_for=link, email="nobody@example.com") is False
    settings.STAGEDOOR_JOIN_LINK_HOURS = -1
    assert call(services.signup_resend, link_for=link, token=old) is True
    assert call(services.signup_resend, link_for=link, token="x" + old) is False
    settings.STAGEDOOR_JOIN_LINK_HOURS = 48
    assert len(mail.outbox) == 3
    services.signup_confirm(token=token_in(mail.outbox[-1]))
    assert call(services.signup_resend, link_for=link, email="ana@example.com") is False
    assert len(mail.outbox) == 3


def test_a_mail_server_outage_neither_loses_nor_fails_the_sign_up(settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    user = call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    assert (user.email, user.is_active, SignUp.objects.get().email) == (
        "ana@example.com",
        False,
        "ana@example.com",
    )
    waiting = OutboxMessage.objects.get()
    assert (waiting.task, waiting.state, waiting.attempts, waiting.kwargs["to"]) == (
        "stagedoor.outbox.email",
        "failing",
        1,
        ["ana@example.com"],
    )
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.deliver(now=waiting.next_attempt_at).sent == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ana@example.com"], "Confirm your email for Stagedoor")
    ]
    call(services.signup_confirm, token=token_in(mail.outbox[0]))
    assert User.objects.get(email="ana@example.com").is_active is True


def test_a_new_link_waits_out_an_outage_too(settings):
    call(services.signup_create, email="ana@example.com", password=GOOD, link_for=link)
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    assert call(services.signup_resend, link_for=link, email="ana@example.com") is True
    assert [(m.state, m.attempts) for m in OutboxMessage.objects.order_by("pk")] == [
        ("delivered", 0),
        ("failing", 1),
    ]
