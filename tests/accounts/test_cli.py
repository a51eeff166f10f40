import io

import pytest
from django.core.management import call_command

from stagedoor.accounts import services
from tests.accounts.committed import call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link(token: str) -> str:
    return f"http://testserver/join/confirm/{token}/"


def run(*args) -> str:
    out = io.StringIO()
    call_command("accounts", *args, stdout=out)
    return out.getvalue()


def test_pending_lists_unconfirmed_sign_ups_only(settings):
    assert run("pending") == "No sign-ups are waiting for confirmation.\n"
    call(
        services.signup_create,
        email="ana@example.com",
        password="amp-rack-42-loadin",
        link_for=link,
    )
    call(
        services.signup_create, email="bo@example.com", password="amp-rack-42-loadin", link_for=link
    )
    confirmed = call(
        services.signup_create, email="cy@example.com", password="amp-rack-42-loadin", link_for=link
    )
    services.signup_confirm(token=services.make_token(confirmed.signup))
    text = run("pending")
    assert "ana@example.com" in text
    assert "bo@example.com" in text
    assert "cy@example.com" not in text
    assert text.count("still works") == 2
    assert text.endswith("2 waiting for confirmation.\n")
    settings.STAGEDOOR_JOIN_LINK_HOURS = -1
    assert run("pending").count("expired") == 2


def test_operators_see_sign_ups_in_the_admin(client):
    call(
        services.signup_create,
        email="ana@example.com",
        password="amp-rack-42-loadin",
        link_for=link,
    )
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get("/admin/accounts/signup/?confirmed_at__isempty=1").content.decode()
    assert "ana@example.com" in page
    assert client.get("/admin/accounts/onboarding/").status_code == 200
