"""Issue 16, "every write keeps the promises": edits and deletes of a booked call, and dates
the database could not read back, refused alike on the page, the API, the CLI and the admin,
with nothing changed. The races of the same edits are in tests/booking/test_edit_races.py."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict
from django.test import RequestFactory

from stagedoor.booking.models import Booking, Notification, PositionEvent, Timesheet
from stagedoor.core.validation import date_window
from stagedoor.gigs import services
from stagedoor.gigs.models import Position, Show
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    PositionFactory,
    ShowFactory,
    UserFactory,
    WorkerFactory,
    bearer,
    show_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog")]

HEADCOUNT_REFUSED = (
    "2 people are booked on this call; cancel a booking before lowering the headcount to 1."
)


@pytest.fixture
def world():
    """A 2-seat call (Fri 4 Dec 09:00-14:00 Berlin) with Ada and Ben booked; Ada is also
    booked on an evening call of another show the same day (18:00-22:00)."""
    w = show_world(
        org={"slug": "nl", "name": "Northern Lights", "turnaround_hours": 2},
        venue={"slug": "kraftwerk", "name": "Kraftwerk"},
        show={"slug": "mara", "artist": "Mara Quinn"},
    )
    call = PositionFactory(show=w["show"], headcount=2, title="Load-in")
    ada = WorkerFactory(display_name="Ada", user__username="ada")
    ben = WorkerFactory(display_name="Ben", user__username="ben")
    BookingFactory(position=call, worker=ada)
    BookingFactory(position=call, worker=ben)
    evening_show = ShowFactory(
        organisation=w["org"], venue=w["venue"], slug="ivo", artist="Ivo Berg"
    )
    evening = PositionFactory(
        show=evening_show,
        title="Show call",
        call_start=dt.datetime(YEAR, 12, 4, 18, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 22, 0, tzinfo=BERLIN),
    )
    BookingFactory(position=evening, worker=ada)
    return w | {"call": call, "evening": evening, "ada": ada, "ben": ben}


CLASH = (
    "Ada is booked on Show call, Ivo Berg at Kraftwerk, Fri 4 Dec 18:00 CET, which the new "
    "time overlaps or leaves less than the 2 h turnaround; cancel that booking or pick "
    "another time."
)


def unchanged(call: Position) -> bool:
    saved = Position.objects.get(pk=call.pk)
    return (saved.headcount, saved.call_start, saved.call_end) == (
        2,
        dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN),
        dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN),
    ) and Booking.objects.filter(position=call).count() == 2


# --- the service (what every face calls) --------------------------------------------------


def test_service_refuses_headcount_under_bookings(world):
    with pytest.raises(ValidationError) as info:
        services.position_update(actor=world["manager"], position=world["call"], headcount=1)
    assert info.value.message_dict == {"headcount": [HEADCOUNT_REFUSED]}
    assert unchanged(world["call"])


def test_service_refuses_move_into_a_booked_workers_other_call(world):
    with pytest.raises(ValidationError) as info:
        services.position_update(
            actor=world["manager"],
            position=world["call"],
            call_end=dt.datetime(YEAR, 12, 4, 17, 0, tzinfo=BERLIN),  # 1 h before 18:00
        )
    assert info.value.message_dict == {"call_end": [CLASH]}
    assert unchanged(world["call"])


def test_headcount_down_to_the_bookings_and_a_free_move_are_fine(world):
    services.position_update(
        actor=world["manager"],
        position=world["call"],
        headcount=2,
        call_start=dt.datetime(YEAR, 12, 4, 8, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 15, 30, tzinfo=BERLIN),  # 2.5 h before 18:00
    )
    saved = Position.objects.get(pk=world["call"].pk)
    assert saved.call_end == dt.datetime(YEAR, 12, 4, 15, 30, tzinfo=BERLIN)


def test_moving_a_booked_call_tells_its_crew_in_venue_time(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.position_update(
            actor=world["manager"],
            position=world["call"],
            call_start=dt.datetime(YEAR, 12, 4, 7, 30, tzinfo=BERLIN),
        )
    notes = Notification.objects.filter(user__username__in=["ada", "ben"]).order_by("user__pk")
    assert [(n.user.username, n.kind, n.subject, n.body) for n in notes] == [
        (
            name,
            "call_sheet",
            "New call time: Load-in, Mara Quinn at Kraftwerk",
            "Northern Lights moved Load-in for Mara Quinn at Kraftwerk: it was "
            "Fri 4 Dec 09:00–14:00 CET, it is now Fri 4 Dec 07:30–14:00 CET. You stay booked; "
            "if you cannot make the new time, tell them.",
        )
        for name in ("ada", "ben")
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.test", "ben@example.test"]
    subject = "New call time: Load-in, Mara Quinn at Kraftwerk"
    assert [m.subject for m in mailoutbox] == [subject, subject]


def test_a_refused_move_tells_nobody(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.position_update(actor=world["manager"], position=world["call"], headcount=1)
    assert Notification.objects.count() == 0


# --- the page -----------------------------------------------------------------------------


def page_form(**overrides):
    return {
        "role": "stagehand",
        "level": "entry",
        "title": "Load-in",
        "headcount": "2",
        "call_start": f"{YEAR}-12-04T09:00",
        "call_end": f"{YEAR}-12-04T14:00",
        "pay_amount": "28",
        "pay_unit": "hour",
        "currency": "EUR",
        "skills": [],
        "skill_level": "3",
        "certifications": [],
        "notes": "",
    } | overrides


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"headcount": "1"}, "headcount", HEADCOUNT_REFUSED),
        ({"call_end": f"{YEAR}-12-04T17:00"}, "call_end", CLASH),
    ],
)
def test_page_refuses_the_edit_and_changes_nothing(client, world, overrides, field, message):
    client.force_login(world["manager"])
    response = client.post(f"/manage/positions/{world['call'].pk}/", page_form(**overrides))
    assert response.status_code == 200
    html_message = message.replace("'", "&#x27;")
    assert f'id="id_{field}-errors"><li>{html_message}</li>' in response.content.decode()
    assert unchanged(world["call"])


def test_page_refuses_to_delete_a_booked_call(client, world):
    client.force_login(world["manager"])
    response = client.post(f"/manage/positions/{world['call'].pk}/delete/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This call has bookings; cancel it instead, which keeps the record."
    ]
    assert unchanged(world["call"])


# --- the API ------------------------------------------------------------------------------


def test_api_refuses_headcount_and_move_naming_the_field(client, world):
    url = f"/api/positions/{world['call'].pk}"
    headers = bearer(world["manager"])
    response = client.patch(url, {"headcount": 1}, content_type="application/json", **headers)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "headcount"], "msg": HEADCOUNT_REFUSED, "type": "value_error"}
    ]
    response = client.patch(
        url,
        {"call_end": f"{YEAR}-12-04T17:00:00+01:00"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "call_end"], "msg": CLASH, "type": "value_error"}
    ]
    assert unchanged(world["call"])


def test_api_refuses_to_delete_a_call_with_a_record(client, world):
    PositionEvent.objects.create(position=world["call"], kind="accepted", message="Ada accepted.")
    Timesheet.objects.create(booking=Booking.objects.filter(position=world["call"]).first())
    response = client.delete(f"/api/positions/{world['call'].pk}", **bearer(world["manager"]))
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "position"],
            "msg": "This call has bookings, timesheets and history; cancel it instead, "
            "which keeps the record.",
            "type": "value_error",
        }
    ]
    assert unchanged(world["call"])
    assert Timesheet.objects.count() == PositionEvent.objects.count() == 1


def test_a_call_without_a_record_can_still_be_deleted(client, world):
    spare = PositionFactory(show=world["show"])
    response = client.delete(f"/api/positions/{spare.pk}", **bearer(world["manager"]))
    assert response.status_code == 204
    assert not Position.objects.filter(pk=spare.pk).exists()


# --- the admin ----------------------------------------------------------------------------


def admin_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    return request


def test_admin_cannot_delete_a_booked_call_or_its_show(world):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    request = admin_request(root)
    for model, obj in ((Position, world["call"]), (Show, world["show"])):
        model_admin = admin_site._registry[model]
        assert model_admin.has_delete_permission(request, obj) is False
        model_admin.delete_model(request, obj)
        model_admin.delete_queryset(request, model.objects.filter(pk=obj.pk))
    assert [str(m) for m in request._messages] == [
        "This call has bookings; cancel it instead, which keeps the record.",
        "This call has bookings; cancel it instead, which keeps the record.",
        "This show's calls have bookings; cancel it instead, which keeps the record.",
        "This show's calls have bookings; cancel it instead, which keeps the record.",
    ]
    assert unchanged(world["call"])
    assert Show.objects.filter(pk=world["show"].pk).exists()
    spare = PositionFactory(show=world["show"])
    assert admin_site._registry[Position].has_delete_permission(request, spare) is True


def test_admin_form_refuses_the_same_edits(world):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    request = admin_request(root)
    model_admin = admin_site._registry[Position]
    call = Position.objects.get(pk=world["call"].pk)
    Form = model_admin.get_form(request, call, change=True)
    data = model_to_dict(call)
    data["required_certifications"] = []
    for key in ("call_start", "call_end"):
        local = data[key].astimezone(dt.UTC)
        data[f"{key}_0"], data[f"{key}_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
    form = Form(data | {"headcount": 1}, instance=call)
    assert not form.is_valid()
    assert form.errors["headcount"] == [HEADCOUNT_REFUSED]
    assert unchanged(world["call"])


# --- dates the database cannot read back --------------------------------------------------


def window_message() -> str:
    first, last = date_window()
    return (
        f"Give a date between {first:%Y-%m-%d} and {last:%Y-%m-%d}: schedules are kept from "
        "one year back to five years ahead of today."
    )


@pytest.fixture
def five_years(settings):
    settings.STAGEDOOR_DATES_YEARS_AHEAD = 5


FAR = "9999-12-31T23:00:00-12:00"


@pytest.mark.usefixtures("five_years")
def test_api_refuses_a_call_end_in_year_9999(client, world):
    response = client.patch(
        f"/api/positions/{world['call'].pk}",
        {"call_end": FAR},
        content_type="application/json",
        **bearer(world["manager"]),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "call_end"], "msg": window_message(), "type": "value_error"}
    ]
    assert unchanged(world["call"])
    assert client.get("/api/positions").status_code == 200


@pytest.mark.usefixtures("five_years")
def test_api_refuses_offsets_past_1559_and_show_dates_out_of_window(client, world):
    headers = bearer(world["manager"])
    soon = dt.date.today() + dt.timedelta(days=30)
    response = client.patch(
        f"/api/positions/{world['call'].pk}",
        {"call_start": f"{soon}T09:00:00+16:00", "call_end": f"{soon}T14:00:00+16:00"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", name],
            "msg": "A UTC offset must be between -15:59 and +15:59.",
            "type": "value_error",
        }
        for name in ("call_start", "call_end")
    ]
    response = client.patch(
        "/api/shows/mara", {"date": "2000-01-01"}, content_type="application/json", **headers
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "date"], "msg": window_message(), "type": "value_error"}
    ]
    assert Show.objects.get(slug="mara").date == dt.date(YEAR, 12, 4)
    assert unchanged(world["call"])


@pytest.mark.usefixtures("five_years")
def test_page_refuses_a_call_far_ahead(client, world):
    client.force_login(world["manager"])
    response = client.post(
        f"/manage/positions/{world['call'].pk}/",
        page_form(call_start="9999-12-31T09:00", call_end="9999-12-31T14:00"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="id_call_start-errors"><li>{window_message()}</li>' in body
    assert unchanged(world["call"])


@pytest.mark.usefixtures("five_years")
def test_cli_refuses_dates_out_of_window(world):
    soon = dt.date.today() + dt.timedelta(days=30)
    with pytest.raises(CommandError) as info:
        call_command(
            "position-create",
            "--as",
            "manager",
            "--show",
            "mara",
            "--role",
            "rigger",
            "--headcount",
            "1",
            "--start",
            f"{soon}T08:00+01:00",
            "--end",
            FAR,
            "--pay",
            "30",
            "--currency",
            "EUR",
            stdout=io.StringIO(),
        )
    assert str(info.value) == f"Nothing was saved.\n  call_end: {window_message()}"
    with pytest.raises(CommandError) as info:
        call_command(
            "show-create",
            "--as",
            "manager",
            "--organisation",
            "nl",
            "--venue",
            "kraftwerk",
            "--artist",
            "Ada Sol",
            "--date",
            "9999-12-11",
            stdout=io.StringIO(),
        )
    assert str(info.value) == f"Nothing was saved.\n  date: {window_message()}"
    assert Position.objects.count() == 2
    assert Show.objects.count() == 2


def test_a_stored_old_call_can_still_get_a_new_note(world, settings):
    settings.STAGEDOOR_DATES_YEARS_AHEAD = 5  # the call (YEAR) is out of the window
    services.position_update(actor=world["manager"], position=world["call"], notes="Bring gloves")
    assert Position.objects.get(pk=world["call"].pk).notes == "Bring gloves"


def test_admin_delete_page_of_a_booked_call_is_forbidden(client, world):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert client.get(f"/admin/gigs/position/{world['call'].pk}/delete/").status_code == 403
    assert client.post(f"/admin/gigs/position/{world['call'].pk}/delete/").status_code == 403
    assert client.post(f"/admin/gigs/show/{world['show'].pk}/delete/").status_code == 403
    assert unchanged(world["call"])


@pytest.mark.usefixtures("five_years")
def test_admin_show_form_keeps_the_window(world):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    request = admin_request(root)
    show = Show.objects.get(slug="mara")
    Form = admin_site._registry[Show].get_form(request, show, change=True)
    data = {k: v for k, v in model_to_dict(show).items() if v is not None}
    for key in ("doors_at", "show_at", "curfew_at"):
        moment = data.pop(key).astimezone(dt.UTC)
        data[f"{key}_0"], data[f"{key}_1"] = f"{moment:%Y-%m-%d}", f"{moment:%H:%M:%S}"
    form = Form(data | {"date": "9999-01-01"}, instance=show)
    assert not form.is_valid()
    assert form.errors["date"] == [window_message()]
