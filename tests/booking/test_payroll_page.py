"""The payroll for a date range on the web and the API: the same CSV as
`stagedoor payroll`, refusals naming the field, managers only."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.booking.pay.export import CSV_HEADER
from tests.factories import YEAR, BookingFactory, PositionFactory, bearer, crew, show_world

pytestmark = pytest.mark.django_db

RANGE = {"from": f"{YEAR}-12-01", "to": f"{YEAR}-12-31"}


@pytest.fixture
def world():
    world = show_world(org={"name": "Spree Kultur", "slug": "spree"}, show={"slug": "mara"})
    position = PositionFactory(show=world["show"], headcount=2, title="Load-in")
    people = crew(("Ada", "Ben"), years=(3, 2))
    for worker in people.values():
        BookingFactory(position=position, worker=worker)
    return world | people


def cli_csv(start: str, end: str) -> str:
    out = io.StringIO()
    call_command("payroll", "--org", "spree", "--from", start, "--to", end, stdout=out)
    return out.getvalue()


def test_manage_page_links_the_payroll(client, world):
    client.force_login(world["manager"])
    assert 'href="/orgs/spree/payroll/"' in client.get("/manage/").text


def test_page_csv_equals_the_cli_csv(client, world):
    client.force_login(world["manager"])
    page = client.get("/orgs/spree/payroll/", RANGE)
    assert page.status_code == 200
    assert f'href="?from={YEAR}-12-01&amp;to={YEAR}-12-31&amp;format=csv"' in page.text
    response = client.get("/orgs/spree/payroll/", RANGE | {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="payroll-spree-{YEAR}-12-01-{YEAR}-12-31.csv"'
    )
    expected = cli_csv(RANGE["from"], RANGE["to"])
    assert response.content.decode() == expected
    ada, ben = (world[name].bookings.get().pk for name in ("ada", "ben"))
    # Each worker's 5-hour call estimated at 28.00 an hour, then a total per worker.
    assert expected.splitlines() == [
        ",".join(CSV_HEADER),
        f"Ada,ada,spree,mara,Load-in,{YEAR}-12-04,straight,5,1,28.00,140.00,EUR,estimate,{ada}",
        f"Ben,ben,spree,mara,Load-in,{YEAR}-12-04,straight,5,1,28.00,140.00,EUR,estimate,{ben}",
        "Ada,ada,,,,,total,,,,140.00,EUR,,",
        "Ben,ben,,,,,total,,,,140.00,EUR,,",
    ]


def test_an_empty_range_gives_just_the_header(client, world):
    client.force_login(world["manager"])
    response = client.get(
        "/orgs/spree/payroll/", {"from": f"{YEAR}-11-01", "to": f"{YEAR}-11-30", "format": "csv"}
    )
    assert response.content.decode() == ",".join(CSV_HEADER) + "\n"
    assert response.content.decode() == cli_csv(f"{YEAR}-11-01", f"{YEAR}-11-30")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "31.12.", "to": f"{YEAR}-12-31"}, "From: Enter a valid date."),
        ({"from": f"{YEAR}-12-01", "to": "soon"}, "To: Enter a valid date."),
        (
            {"from": f"{YEAR}-12-31", "to": f"{YEAR}-12-01"},
            "To: The end date must not be before the start date.",
        ),
        (
            {"from": f"{YEAR}-01-01", "to": f"{YEAR + 1}-01-31"},
            "To: At most 366 days at a time.",
        ),
    ],
)
def test_page_refusals_name_the_field_and_give_no_csv(client, world, query, message):
    client.force_login(world["manager"])
    page = client.get("/orgs/spree/payroll/", query)
    assert page.status_code == 200
    notice = '<p class="message error" role="alert" id="period-errors">Nothing to export: '
    assert f"{notice}{message} </p>" in page.text
    assert "Download CSV" not in page.text
    csv = client.get("/orgs/spree/payroll/", query | {"format": "csv"})
    assert csv["Content-Type"] == "text/html; charset=utf-8"


def test_page_is_for_managers_only(client, world):
    client.force_login(world["ada"].user)
    assert client.get("/orgs/spree/payroll/", RANGE | {"format": "csv"}).status_code == 403
    assert client.get("/orgs/nobody/payroll/").status_code == 404


def test_api_csv_equals_the_cli_csv(client, world):
    response = client.get("/api/orgs/spree/payroll", RANGE, **bearer(world["manager"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode() == cli_csv(RANGE["from"], RANGE["to"])


@pytest.mark.parametrize(
    ("query", "loc", "message"),
    [
        (
            {"from": f"{YEAR}-12-31", "to": f"{YEAR}-12-01"},
            ["body", "to"],
            "The end date must not be before the start date.",
        ),
        (
            {"from": f"{YEAR}-01-01", "to": f"{YEAR + 1}-01-31"},
            ["body", "to"],
            "At most 366 days at a time.",
        ),
    ],
)
def test_api_refusals_name_the_field(client, world, query, loc, message):
    response = client.get("/api/orgs/spree/payroll", query, **bearer(world["manager"]))
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": loc, "msg": message, "type": "value_error"}]


def test_api_refuses_unreadable_dates_and_strangers(client, world):
    bad = client.get(
        "/api/orgs/spree/payroll", {"from": "31.12.", "to": "x"}, **bearer(world["manager"])
    )
    assert bad.status_code == 422
    assert sorted(e["loc"][-1] for e in bad.json()["detail"]) == ["from", "to"]
    stranger = client.get("/api/orgs/spree/payroll", RANGE, **bearer(world["ada"].user))
    assert stranger.status_code == 403


def test_cli_names_the_field_for_a_range_the_wrong_way_round(world):
    with pytest.raises(CommandError) as info:
        cli_csv(f"{YEAR}-12-31", f"{YEAR}-12-01")
    assert str(info.value) == (
        "Nothing was saved.\n  to: The end date must not be before the start date."
    )
