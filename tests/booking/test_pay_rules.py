"""An organisation's pay rules, changed by its managers on the page, the API, the command
and the admin through one service: the engine checks every change, a refusal names the
rule and changes nothing, and every change is kept in the history."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.booking.models import PayRules, PayRulesChange
from tests.factories import bearer, show_world

pytestmark = pytest.mark.django_db

URL = "/orgs/spree/pay-rules/"
API = "/api/orgs/spree/pay-rules"
# What an organisation without stored rules is paid under: the engine's defaults, with
# the organisation's own rest between workdays.
DEFAULTS = {
    "min_call_hours": "4",
    "overtime": [["8", "1.5"], ["12", "2"]],
    "meal_after_hours": "5",
    "meal_break_minutes": 30,
    "meal_penalty": "0.00",
    "meal_penalty_interval_minutes": 30,
    "turnaround_hours": 8,
    "turnaround_multiplier": "2",
    "late_cancel_hours": "4",
    "day_rate_hours": "10",
    "workday_starts": 6,
}
FORM = {
    "min_call_hours": "4",
    "late_cancel_hours": "4",
    "day_rate_hours": "10",
    "workday_starts": "6",
    "overtime_1_after": "8",
    "overtime_1_times": "1.5",
    "overtime_2_after": "12",
    "overtime_2_times": "2",
    "overtime_3_after": "",
    "overtime_3_times": "",
    "meal_after_hours": "5",
    "meal_break_minutes": "30",
    "meal_penalty": "0",
    "meal_penalty_interval_minutes": "30",
    "turnaround_hours": "8",
    "turnaround_multiplier": "2",
}


@pytest.fixture
def world():
    return show_world(org={"name": "Spree Kultur", "slug": "spree"})


def nothing_changed(world):
    world["org"].refresh_from_db()
    assert world["org"].turnaround_hours == 8
    assert not PayRules.objects.exists()
    assert not PayRulesChange.objects.exists()


def history():
    return list(PayRulesChange.objects.order_by("pk").values_list("via", "before", "after"))


# --- the page -------------------------------------------------------------------------------


def test_payroll_and_manage_link_the_page(client, world):
    client.force_login(world["manager"])
    assert f'href="{URL}"' in client.get("/orgs/spree/payroll/").text
    assert f'href="{URL}"' in client.get("/manage/").text


def test_page_shows_the_rules_in_words(client, world):
    client.force_login(world["manager"])
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["words"] == [
        "An hourly call pays at least 4 h.",
        "Overtime in a workday: after 8 h 1.5x, after 12 h 2x the rate.",
        "A meal is due 5 h after the start and after each meal; a break of 30 min or more "
        "counts as one. A missed meal costs nothing extra.",
        "Crew are owed 8 h of rest between workdays; work inside it pays at least 2x the rate.",
        "A call cancelled late pays 4 h at the straight rate (a day or flat rate in full).",
        "A day rate covers 10 h; later hours pay the hourly equivalent.",
        "A new workday begins at 06:00.",
    ]
    assert "No changes recorded yet." in page.text
    assert 'name="overtime_2_after" value="12"' in page.text


def test_page_saves_a_change_and_records_it(client, world):
    client.force_login(world["manager"])
    data = FORM | {"min_call_hours": "5", "overtime_3_after": "14", "overtime_3_times": "2.5"}
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == URL
    after = DEFAULTS | {
        "min_call_hours": "5",
        "overtime": [["8", "1.5"], ["12", "2"], ["14", "2.5"]],
    }
    assert history() == [("page", DEFAULTS, after)]
    change = PayRulesChange.objects.get()
    assert change.changed_by == world["manager"]
    stored = PayRules.objects.get(organisation=world["org"])
    assert stored.min_call_hours == Decimal("5")
    assert stored.overtime == [["8", "1.5"], ["12", "2"], ["14", "2.5"]]
    page = client.get(URL)
    assert [m.message for m in page.context["messages"]] == [
        "Pay rules saved. Minimum call (hours): 4 h to 5 h; Overtime: after 8 h 1.5x, after "
        "12 h 2x to after 8 h 1.5x, after 12 h 2x, after 14 h 2.5x."
    ]
    [row] = page.context["history"]
    assert (row.who, row.via) == ("manager", "on the pay rules page")
    assert row.changes == (
        "Minimum call (hours): 4 h to 5 h",
        "Overtime: after 8 h 1.5x, after 12 h 2x to after 8 h 1.5x, after 12 h 2x, after 14 h 2.5x",
    )
    assert "Minimum call (hours): 4 h to 5 h" in page.text


def test_page_saving_the_same_rules_records_nothing(client, world):
    client.force_login(world["manager"])
    assert client.post(URL, FORM).status_code == 302
    nothing_changed(world)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"overtime_2_after": "6"},
            None,
            "Overtime tier 2: must start later than the tier before it.",
        ),
        (
            {"overtime_2_times": "1.25"},
            None,
            "Overtime tier 2: must not pay less than the tier before it.",
        ),
        (
            {"meal_after_hours": "0"},
            "meal_after_hours",
            "Meal due after (hours of work): must be greater than 0.",
        ),
        (
            {"turnaround_multiplier": "0.5"},
            "turnaround_multiplier",
            "Pay inside the rest (times the rate): must be at least 1.",
        ),
        (
            {"workday_starts": "24"},
            "workday_starts",
            "A new workday begins at (hour, 0-23): at most 23, not 24.",
        ),
        (
            {"min_call_hours": "four"},
            "min_call_hours",
            "Minimum call (hours): 'four' is not a number.",
        ),
        (
            {"meal_break_minutes": "0"},
            "meal_break_minutes",
            "Shortest break that is a meal (minutes): must be between 1 and 240.",
        ),
    ],
)
def test_page_refuses_naming_the_rule_and_changes_nothing(client, world, changes, field, message):
    client.force_login(world["manager"])
    response = client.post(
        URL, FORM | changes | {"min_call_hours": changes.get("min_call_hours", "6")}
    )
    assert response.status_code == 422
    form = response.context["form"]
    if field is None:
        assert form.overtime_errors == [message]
        assert form.non_field_errors() == [message]
    else:
        assert form.errors[field] == [message]
    assert "Nothing changed:" in response.text
    nothing_changed(world)


def test_page_is_for_managers_only(client, world):
    stranger = get_user_model().objects.create_user("stranger", password="x")
    client.force_login(stranger)
    assert client.get(URL).status_code == 403
    assert client.post(URL, FORM | {"min_call_hours": "6"}).status_code == 403
    nothing_changed(world)


# --- the API --------------------------------------------------------------------------------


def test_api_reads_and_changes_the_rules(client, world):
    headers = bearer(world["manager"])
    got = client.get(API, **headers)
    assert got.status_code == 200
    assert got.json()["rules"] == DEFAULTS
    assert got.json()["history"] == []
    body = {"meal_penalty": 15, "overtime": [[10, "1.5"]], "turnaround_hours": "10"}
    put = client.put(API, body, content_type="application/json", **headers)
    assert put.status_code == 200
    after = DEFAULTS | {
        "meal_penalty": "15.00",
        "overtime": [["10", "1.5"]],
        "turnaround_hours": 10,
    }
    assert put.json()["rules"] == after
    assert put.json()["changed"] is True
    [row] = put.json()["history"]
    assert (row["changed_by"], row["via"], row["before"], row["after"]) == (
        "manager",
        "api",
        DEFAULTS,
        after,
    )
    assert row["changes"] == [
        "Overtime: after 8 h 1.5x, after 12 h 2x to after 10 h 1.5x",
        "Meal penalty (in the call's currency): 0.00 to 15.00",
        "Rest owed between workdays (hours): 8 h to 10 h",
    ]
    world["org"].refresh_from_db()
    assert world["org"].turnaround_hours == 10
    again = client.put(API, body, content_type="application/json", **headers)
    assert again.json()["changed"] is False
    assert PayRulesChange.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"min_call": "5"}, "min_call", "'min_call' is not a pay rule; the rules are "
         "min_call_hours, overtime, meal_after_hours, meal_break_minutes, meal_penalty, "
         "meal_penalty_interval_minutes, turnaround_hours, turnaround_multiplier, "
         "late_cancel_hours, day_rate_hours, workday_starts."),
        ({"overtime": []}, "overtime",
         "Overtime: give at least one tier, e.g. after 8 hours at 1.5x."),
        ({"overtime": [["12", "2"], ["8", "1.5"]]}, "overtime",
         "Overtime tier 2: must start later than the tier before it."),
        ({"day_rate_hours": 0}, "day_rate_hours",
         "A day rate covers (hours): must be greater than 0."),
        ({"min_call_hours": "4.125"}, "min_call_hours",
         "Minimum call (hours): at most two decimal places, not 4.125."),
        ({"turnaround_hours": 2.5}, "turnaround_hours",
         "Rest owed between workdays (hours): give a whole number, not 2.5."),
        ({"meal_penalty": "NaN"}, "meal_penalty",
         "Meal penalty (in the call's currency): 'NaN' is not a number."),
    ],
)  # fmt: skip
def test_api_refuses_naming_the_rule_and_changes_nothing(client, world, body, field, message):
    headers = bearer(world["manager"])
    # A good change beside the bad one is not saved either.
    response = client.put(
        API, body | {"workday_starts": 5}, content_type="application/json", **headers
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", field], "msg": message, "type": "value_error"}]
    }
    nothing_changed(world)


def test_api_is_for_managers_only(client, world):
    stranger = get_user_model().objects.create_user("stranger", password="x")
    headers = bearer(stranger)
    assert client.get(API, **headers).status_code == 403
    put = client.put(API, {"min_call_hours": 6}, content_type="application/json", **headers)
    assert put.status_code == 403
    assert put.json() == {"detail": "Only the organisation's managers can change its pay rules."}
    assert client.get(API).status_code == 401
    nothing_changed(world)


# --- the command ----------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("pay-rules", *args, stdout=out)
    return out.getvalue()


def test_cli_sets_and_shows(world):
    assert run("set", "spree", "min_call_hours=5", "overtime=10:1.5,12:2") == (
        "Changed:\n"
        "  Minimum call (hours): 4 h to 5 h\n"
        "  Overtime: after 8 h 1.5x, after 12 h 2x to after 10 h 1.5x, after 12 h 2x\n"
    )
    after = DEFAULTS | {"min_call_hours": "5", "overtime": [["10", "1.5"], ["12", "2"]]}
    assert history() == [("cli", DEFAULTS, after)]
    assert PayRulesChange.objects.get().changed_by is None
    shown = run("show", "spree").splitlines()
    assert shown[:3] == [
        "Pay rules of Spree Kultur",
        "  min_call_hours = 5",
        "  overtime = 10:1.5,12:2",
    ]
    assert shown[12] == "In words:"
    when = PayRulesChange.objects.get().changed_at
    assert shown[-3] == f"  {when:%Y-%m-%d %H:%M} UTC, Stagedoor with a stagedoor command"
    assert shown[-2:] == [
        "    Minimum call (hours): 4 h to 5 h",
        "    Overtime: after 8 h 1.5x, after 12 h 2x to after 10 h 1.5x, after 12 h 2x",
    ]
    assert (
        run("set", "spree", "min_call_hours=5.00")
        == "Nothing changed: the rules already read so.\n"
    )
    assert PayRulesChange.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "spree", "overtime=8:1.5,12:1"),
         "  overtime: Overtime tier 2: must not pay less than the tier before it."),
        (("set", "spree", "late_cancel_hours=-1", "workday_starts=3"),
         "  late_cancel_hours: A late cancellation pays (hours): must be at least 0."),
        (("set", "spree", "min_call_hours"),
         "  NAME=VALUE: 'min_call_hours' should read NAME=VALUE."),
        (("set", "nowhere", "min_call_hours=5"), "  org: 'nowhere' does not exist."),
        (("set", "spree"),
         "  NAME=VALUE: Name at least one rule to change, e.g. min_call_hours=5."),
    ],
)  # fmt: skip
def test_cli_refuses_naming_the_rule_and_changes_nothing(world, args, message):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert str(refused.value) == f"Nothing was saved.\n{message}"
    nothing_changed(world)


# --- the admin ------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, world):
    admin = get_user_model().objects.create_superuser("boss", password="x")
    client.force_login(admin)
    return client


ADMIN_FORM = {
    "organisation": "",
    "min_call_hours": "4",
    "overtime": '[["8", "1.5"], ["12", "2"]]',
    "meal_after_hours": "5",
    "meal_break_minutes": "30",
    "meal_penalty": "0",
    "meal_penalty_interval_minutes": "30",
    "turnaround_multiplier": "2",
    "late_cancel_hours": "4",
    "day_rate_hours": "10",
    "workday_starts": "6",
    "turnaround_hours": "",
}


def test_admin_adds_and_changes_through_the_service(admin_client, world):
    data = ADMIN_FORM | {"organisation": world["org"].pk, "meal_penalty": "12.50"}
    response = admin_client.post("/admin/booking/payrules/add/", data)
    assert response.status_code == 302
    added = DEFAULTS | {"meal_penalty": "12.50"}
    assert history() == [("admin", DEFAULTS, added)]
    rules = PayRules.objects.get()
    change_url = f"/admin/booking/payrules/{rules.pk}/change/"
    page = admin_client.get(change_url)
    assert "(admin): Meal penalty (in the call&#x27;s currency): 0.00 to 12.50" in page.text
    data = ADMIN_FORM | {"meal_penalty": "12.50", "turnaround_hours": "11"}
    assert admin_client.post(change_url, data).status_code == 302
    assert history() == [
        ("admin", DEFAULTS, added),
        ("admin", added, added | {"turnaround_hours": 11}),
    ]
    assert PayRulesChange.objects.last().changed_by.username == "boss"


def test_admin_refuses_what_the_engine_refuses(admin_client, world):
    data = ADMIN_FORM | {"organisation": world["org"].pk, "overtime": '[["8", "0.5"]]'}
    response = admin_client.post("/admin/booking/payrules/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "overtime": ["Overtime tier 1: must pay at least 1x the rate."]
    }
    nothing_changed(world)
    assert admin_client.get("/admin/booking/payrules/").status_code == 200


def test_admin_cannot_delete_rules(admin_client, world):
    run("set", "spree", "min_call_hours=5")
    rules = PayRules.objects.get()
    assert admin_client.get(f"/admin/booking/payrules/{rules.pk}/delete/").status_code == 403


def test_changed_rules_price_the_payroll(world):
    from tests.factories import YEAR, BookingFactory, PositionFactory, crew

    position = PositionFactory(show=world["show"], title="Load-in")
    ada = crew(("Ada",), years=(3,))["ada"]
    booking = BookingFactory(position=position, worker=ada)
    run("set", "spree", "min_call_hours=6")
    out = io.StringIO()
    call_command(
        "payroll", "--org", "spree", "--from", f"{YEAR}-12-01", "--to", f"{YEAR}-12-31", stdout=out
    )
    call = f"Ada,ada,spree,{world['show'].slug},Load-in,{YEAR}-12-04"
    assert out.getvalue().splitlines()[1:] == [
        f"{call},straight,5,1,28.00,140.00,EUR,estimate,{booking.pk}",
        f"{call},minimum-call,1.00,1,28.00,28.00,EUR,estimate,{booking.pk}",
        "Ada,ada,,,,,total,,,,168.00,EUR,,",
    ]
