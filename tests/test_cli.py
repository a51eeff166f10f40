import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.api.models import ApiToken
from stagedoor.gigs.models import Position, Show
from tests.factories import YEAR, ShowFactory, show_world

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_show_and_position_create_from_the_cli():
    show_world(org={"slug": "nl"}, venue={"slug": "kraftwerk"}, manager="pat", with_show=False)
    out = run(
        "show-create",
        "--as",
        "pat",
        "--organisation",
        "nl",
        "--venue",
        "kraftwerk",
        "--artist",
        "Ada Sol",
        "--date",
        f"{YEAR}-12-11",
        "--doors",
        f"{YEAR}-12-11T19:00+01:00",
    )
    show = Show.objects.get()
    assert out == f"Created show ada-sol-berlin-{YEAR}-12-11 (id {show.pk})\n"
    out = run(
        "position-create",
        "--as",
        "pat",
        "--show",
        show.slug,
        "--role",
        "rigger",
        "--headcount",
        "2",
        "--start",
        f"{YEAR}-12-11T08:00+01:00",
        "--end",
        f"{YEAR}-12-11T13:00+01:00",
        "--pay",
        "42.50",
        "--unit",
        "hour",
        "--currency",
        "EUR",
        "--skill",
        "cm-lodestar:3",
        "--cert",
        "etcp-rigger-arena",
        "--union",
    )
    position = Position.objects.get()
    assert out.startswith(f"Created position {position.pk}: ")
    assert position.union_required is True


def test_cli_bad_input_names_every_field_and_saves_nothing():
    show_world(show={"slug": "mara"}, manager="pat")
    with pytest.raises(CommandError) as info:
        run(
            "position-create",
            "--as",
            "pat",
            "--show",
            "mara",
            "--role",
            "dj",
            "--headcount",
            "0",
            "--start",
            f"{YEAR}-12-11T08:00",
            "--end",
            f"{YEAR}-12-11T07:00+01:00",
            "--pay",
            "-3",
            "--currency",
            "EURO",
        )
    assert str(info.value) == (
        "Nothing was saved.\n"
        "  role: 'dj' is not a role in the catalog.\n"
        "  headcount: At least one person is needed.\n"
        "  call_start: Give a time zone or UTC offset; a naive date and time is ambiguous.\n"
        "  pay_amount: Must not be negative.\n"
        "  currency: 'EURO' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."
    )
    with pytest.raises(CommandError) as info:
        run(
            "position-create",
            "--as",
            "pat",
            "--show",
            "nope",
            "--role",
            "rigger",
            "--headcount",
            "two",
            "--start",
            "tomorrow",
            "--end",
            f"{YEAR}-12-11T07:00+01:00",
            "--pay",
            "3",
            "--currency",
            "EUR",
        )
    assert str(info.value) == (
        "Nothing was saved.\n"
        "  headcount: 'two' is not a whole number.\n"
        "  show: 'nope' does not exist.\n"
        "  call_start: 'tomorrow' is not an ISO 8601 date and time."
    )
    assert Position.objects.count() == 0


def test_cli_refuses_non_managers():
    ShowFactory(slug="mara")
    from tests.factories import UserFactory

    UserFactory(username="stranger")
    with pytest.raises(CommandError) as info:
        run(
            "position-create",
            "--as",
            "stranger",
            "--show",
            "mara",
            "--role",
            "rigger",
            "--start",
            f"{YEAR}-12-11T08:00+01:00",
            "--end",
            f"{YEAR}-12-11T09:00+01:00",
            "--pay",
            "3",
            "--currency",
            "EUR",
        )
    assert str(info.value).startswith("Permission denied: Only the organisation's managers can ")


def test_api_token_is_printed_once_and_stored_hashed():
    from tests.factories import UserFactory

    UserFactory(username="pat")
    key = run("api-token", "pat").strip()
    assert key.startswith("sd_")
    token = ApiToken.objects.get()
    assert token.digest == ApiToken.digest_of(key)
    with pytest.raises(CommandError) as info:
        run("api-token", "nobody")
    assert str(info.value) == "username: no user called 'nobody'."
