"""Cancelling a crew call, a show or a studio project: the services, the page, the API and
the CLI, and what a cancellation leaves behind (history, pay lines, feeds, postings)."""

import datetime as dt
import io

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from stagedoor.boards.jsonld import position_jobposting
from stagedoor.boards.selectors import open_positions
from stagedoor.booking import calendars, services
from stagedoor.booking.models import Booking, Hold, Notification, Offer, Timesheet
from stagedoor.booking.pay.export import payroll_csv
from stagedoor.booking.pay.selectors import pay_for_organisation
from stagedoor.core.validation import messages_of
from stagedoor.gigs import services as gig_services
from stagedoor.gigs.models import Position, Show
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    PositionFactory,
    ProjectFactory,
    bearer,
    crew,
    show_world,
)

pytestmark = pytest.mark.django_db

WEEK_BEFORE = dt.datetime(YEAR, 11, 27, 12, 0, tzinfo=BERLIN)
NIGHT_BEFORE = dt.datetime(YEAR, 12, 3, 20, 0, tzinfo=BERLIN)  # 13 h before the load-in
REASON = "Storm warning: the open-air stage is closed"
LATE_OWED = (
    "It was cancelled less than 24 h before the call, so Spree Kultur owes you the "
    "late-cancellation minimum under its pay rules."
)


@pytest.fixture
def world():
    world = show_world(
        org={"name": "Spree Kultur", "slug": "spree", "late_cancel_hours": 24},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn", "slug": "mara"},
    )
    manager = world["manager"]
    manager.first_name, manager.last_name = "Mia", "Manager"
    manager.save()
    people = crew(("Ada", "Ben", "Cleo", "Dan"), years=(4, 3, 2, 1))
    load_in = PositionFactory(show=world["show"], headcount=3, title="Load-in")
    show_call = PositionFactory(
        show=world["show"],
        headcount=2,
        title="Show call",
        call_start=dt.datetime(YEAR, 12, 4, 18, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN),
    )
    bookings = {
        "ada": BookingFactory(position=load_in, worker=people["ada"]),
        "ben": BookingFactory(position=load_in, worker=people["ben"]),
        "ada-show": BookingFactory(position=show_call, worker=people["ada"]),
    }
    Timesheet.objects.create(booking=bookings["ada"])
    offer = services.offer_send(
        actor=manager,
        position=load_in,
        worker=people["cleo"],
        expires_at=dt.datetime(YEAR, 12, 4, 8, 0, tzinfo=BERLIN),
        now=WEEK_BEFORE,
    )
    hold = services.hold_create(actor=manager, position=load_in, worker=people["dan"])
    return (
        world
        | people
        | {
            "load_in": load_in,
            "show_call": show_call,
            "bookings": bookings,
            "offer": offer,
            "hold": hold,
        }
    )


def errors_of(info) -> dict[str, list[str]]:
    return messages_of(info.value)


def cancelled_notes(user) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(user=user, kind="cancelled")
        .order_by("pk")
        .values_list("subject", "body")
    )


def untouched(world) -> bool:
    """Nothing of the world's staffing changed: the refusals must leave it so."""
    bookings = Booking.objects.order_by("pk").values_list("status", flat=True)
    return (
        list(bookings) == ["confirmed"] * 3
        and Offer.objects.get().status == "pending"
        and Hold.objects.get().status == "active"
        and list(Position.objects.values_list("cancelled_at", flat=True)) == [None, None]
        and Show.objects.get().status == "published"
        and not Notification.objects.filter(kind="cancelled").exists()
    )


# --- the services -------------------------------------------------------------------------


def test_cancelling_a_call_cancels_bookings_offers_and_holds_and_keeps_everything(world):
    load_in = world["load_in"]
    found = services.position_cancel(
        actor=world["manager"], position=load_in, reason=f"  {REASON} ", now=NIGHT_BEFORE
    )
    assert (found.reason, found.at, found.positions) == (REASON, NIGHT_BEFORE, [load_in])
    load_in.refresh_from_db()
    assert (load_in.cancelled_at, load_in.cancel_reason) == (NIGHT_BEFORE, REASON)
    assert list(
        Booking.objects.filter(position=load_in)
        .order_by("pk")
        .values_list(
            "worker__slug",
            "status",
            "cancel_reason",
            "cancelled_at",
            "late_cancellation",
            "cancelled_by_worker",
            "cancelled_by__username",
        )
    ) == [
        ("ada", "cancelled", REASON, NIGHT_BEFORE, True, False, "manager"),
        ("ben", "cancelled", REASON, NIGHT_BEFORE, True, False, "manager"),
    ]
    # The other call of the show is not touched.
    assert Booking.objects.get(pk=world["bookings"]["ada-show"].pk).status == "confirmed"
    offer = Offer.objects.get()
    assert (offer.status, offer.responded_at, offer.reason) == (
        "withdrawn",
        NIGHT_BEFORE,
        f"The call was cancelled: {REASON}",
    )
    hold = Hold.objects.get()
    assert (hold.status, hold.closed_at) == ("released", NIGHT_BEFORE)
    # History kept, and the cancellation added to it, step by step.
    assert list(load_in.events.order_by("pk").values_list("kind", "message")) == [
        ("offered", "Mia Manager offered the call to Cleo; answer by Fri 4 Dec 08:00 CET."),
        ("held", "Dan held (1st hold)."),
        ("cancel_call", f"Mia Manager cancelled the call: {REASON}"),
        ("cancelled", f"Mia Manager cancelled Ada's booking (late cancellation): {REASON}"),
        ("cancelled", f"Mia Manager cancelled Ben's booking (late cancellation): {REASON}"),
        ("withdrawn", "Offer to Cleo withdrawn: the call was cancelled."),
        ("released", "Hold on Dan released: the call was cancelled."),
    ]
    # The timesheet stays with its booking.
    assert Timesheet.objects.get().booking_id == world["bookings"]["ada"].pk


def test_booked_and_offered_crew_are_told_in_their_words_and_venue_time(world):
    services.position_cancel(
        actor=world["manager"], position=world["load_in"], reason=REASON, now=NIGHT_BEFORE
    )
    label = "Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"
    said = f"Spree Kultur cancelled {label}. Reason: {REASON}\n\n"
    assert cancelled_notes(world["ada"].user) == [
        (f"Call cancelled: {label}", said + f"Your booking is cancelled. {LATE_OWED}")
    ]
    assert cancelled_notes(world["ben"].user) == [
        (f"Call cancelled: {label}", said + f"Your booking is cancelled. {LATE_OWED}")
    ]
    assert cancelled_notes(world["cleo"].user) == [
        (f"Call cancelled: {label}", said + "The offer to you is withdrawn.")
    ]
    assert cancelled_notes(world["dan"].user) == []
    assert Notification.objects.get(user=world["ada"].user, kind="cancelled").url == "/me/schedule/"


def test_a_call_cancelled_in_good_time_owes_nothing(world):
    services.position_cancel(
        actor=world["manager"], position=world["load_in"], reason=REASON, now=WEEK_BEFORE
    )
    assert set(Booking.objects.filter(status="cancelled").values_list("late_cancellation")) == {
        (False,)
    }
    assert cancelled_notes(world["ada"].user)[0][1].endswith("Your booking is cancelled.")
    summary = pay_for_organisation(
        actor=world["manager"],
        organisation=world["org"],
        start_date=dt.date(YEAR, 12, 4),
        end_date=dt.date(YEAR, 12, 4),
    )
    assert [(p.worker.slug, p.position.title) for p in summary.bookings] == [("ada", "Show call")]


def test_late_cancellation_puts_the_minimum_on_the_payroll(world, client):
    services.position_cancel(
        actor=world["manager"], position=world["load_in"], reason=REASON, now=NIGHT_BEFORE
    )
    summary = pay_for_organisation(
        actor=world["manager"],
        organisation=world["org"],
        start_date=dt.date(YEAR, 12, 4),
        end_date=dt.date(YEAR, 12, 4),
    )
    ada, ben = world["bookings"]["ada"].pk, world["bookings"]["ben"].pk
    lines = [
        row
        for row in payroll_csv(summary).splitlines()
        if "late-cancellation" in row or row.startswith("worker,")
    ]
    assert lines == [
        "worker,worker_slug,organisation,show,position,date,kind,hours,multiplier,rate,amount,"
        "currency,status,booking_id",
        f"Ada,ada,spree,mara,Load-in,{YEAR}-12-04,late-cancellation,4,1,28.00,112.00,EUR,"
        f"approved,{ada}",
        f"Ben,ben,spree,mara,Load-in,{YEAR}-12-04,late-cancellation,4,1,28.00,112.00,EUR,"
        f"approved,{ben}",
    ]
    client.force_login(world["manager"])
    page = client.get(reverse("booking:show-pay", args=["mara"])).content.decode()
    assert page.count("Cancelled late: the minimum is owed") == 2


def test_call_refusals_name_the_field_and_change_nothing(world):
    load_in = world["load_in"]
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as info:
            services.position_cancel(
                actor=world["manager"], position=load_in, reason=reason, now=NIGHT_BEFORE
            )
        assert errors_of(info) == {
            "reason": ["Say why it is cancelled; the crew are told the reason."]
        }
    with pytest.raises(ValidationError) as info:
        services.position_cancel(
            actor=world["manager"], position=load_in, reason="x" * 301, now=NIGHT_BEFORE
        )
    assert errors_of(info) == {"reason": ["At most 300 characters."]}
    with pytest.raises(PermissionDenied, match="Only the organisation's managers can cancel"):
        services.position_cancel(
            actor=world["ada"].user, position=load_in, reason=REASON, now=NIGHT_BEFORE
        )
    after = dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN)
    with pytest.raises(ValidationError) as info:
        services.position_cancel(actor=world["manager"], position=load_in, reason=REASON, now=after)
    assert errors_of(info) == {
        "position": ["The call is over; record no-shows or fix the timesheets instead."]
    }
    assert untouched(world)
    services.position_cancel(
        actor=world["manager"], position=load_in, reason=REASON, now=NIGHT_BEFORE
    )
    with pytest.raises(ValidationError) as info:
        services.position_cancel(actor=world["manager"], position=load_in, reason="Again")
    assert errors_of(info) == {
        "position": ["This call was already cancelled (Thu 3 Dec 20:00 CET)."]
    }


def test_a_cancelled_call_takes_no_offers_or_holds(world):
    services.position_cancel(
        actor=world["manager"], position=world["load_in"], reason=REASON, now=WEEK_BEFORE
    )
    with pytest.raises(ValidationError) as info:
        services.offer_send(
            actor=world["manager"], position=world["load_in"], worker=world["dan"], now=WEEK_BEFORE
        )
    assert errors_of(info)["position"] == ["The call was cancelled."]
    with pytest.raises(ValidationError) as info:
        services.hold_create(actor=world["manager"], position=world["load_in"], worker=world["dan"])
    assert errors_of(info)["position"] == ["The call was cancelled."]


def test_cancelling_the_show_cancels_every_call_with_one_notice_per_person(world):
    found = services.show_cancel(
        actor=world["manager"], show=world["show"], reason="Artist ill", now=NIGHT_BEFORE
    )
    assert [p.title for p in found.positions] == ["Load-in", "Show call"]
    assert Show.objects.get().status == "cancelled"
    assert list(Position.objects.order_by("pk").values_list("cancel_reason", "cancelled_at")) == [
        ("Artist ill", NIGHT_BEFORE),
        ("Artist ill", NIGHT_BEFORE),
    ]
    assert set(Booking.objects.values_list("status", "cancel_reason", "late_cancellation")) == {
        ("cancelled", "Artist ill", True)
    }
    said = "Spree Kultur cancelled Mara Quinn at Kraftwerk, Fri 4 Dec. Reason: Artist ill\n\n"
    subject = "Show cancelled: Mara Quinn at Kraftwerk, Fri 4 Dec"
    assert cancelled_notes(world["ada"].user) == [
        (
            subject,
            said + f"- Load-in, Fri 4 Dec 09:00 CET: your booking is cancelled. {LATE_OWED}\n"
            f"- Show call, Fri 4 Dec 18:00 CET: your booking is cancelled. {LATE_OWED}",
        )
    ]
    assert cancelled_notes(world["cleo"].user) == [
        (subject, said + "- Load-in, Fri 4 Dec 09:00 CET: the offer to you is withdrawn.")
    ]
    assert [m for _, m in world["show_call"].events.values_list("kind", "message")] == [
        "Mia Manager cancelled the show: Artist ill",
        "Mia Manager cancelled Ada's booking (late cancellation): Artist ill",
    ]
    with pytest.raises(ValidationError) as info:
        services.show_cancel(actor=world["manager"], show=world["show"], reason="Again")
    assert errors_of(info) == {"show": ["This show is already cancelled."]}
    with pytest.raises(ValidationError) as info:
        services.position_cancel(actor=world["manager"], position=world["load_in"], reason="x")
    assert errors_of(info) == {
        "position": ["This call was already cancelled (Thu 3 Dec 20:00 CET)."]
    }


def test_show_refusals_change_nothing(world):
    with pytest.raises(ValidationError) as info:
        services.show_cancel(actor=world["manager"], show=world["show"], reason="")
    assert errors_of(info) == {"reason": ["Say why it is cancelled; the crew are told the reason."]}
    with pytest.raises(PermissionDenied, match="Only the organisation's managers can cancel its"):
        services.show_cancel(actor=world["ben"].user, show=world["show"], reason="Ill")
    over = dt.datetime(YEAR, 12, 5, 1, 0, tzinfo=BERLIN)
    with pytest.raises(ValidationError) as info:
        services.show_cancel(actor=world["manager"], show=world["show"], reason="Ill", now=over)
    assert errors_of(info) == {
        "show": ["Every call of this show is over; record no-shows or fix the timesheets instead."]
    }
    assert untouched(world)


def test_a_show_cancelled_after_its_first_call_keeps_the_worked_call(world):
    between = dt.datetime(YEAR, 12, 4, 15, 0, tzinfo=BERLIN)
    found = services.show_cancel(
        actor=world["manager"], show=world["show"], reason="Power cut", now=between
    )
    assert [p.title for p in found.positions] == ["Show call"]
    assert Position.objects.get(title="Load-in").cancelled_at is None
    assert Booking.objects.get(pk=world["bookings"]["ada"].pk).status == "confirmed"


def test_cancelling_a_studio_project(world):
    project = ProjectFactory(organisation=world["org"], slug="weather", title="Weather Systems")
    session = PositionFactory(show=None, project=project, title="Tracking", headcount=1)
    BookingFactory(position=session, worker=world["ben"])
    services.project_cancel(
        actor=world["manager"], project=project, reason="Label pulled out", now=WEEK_BEFORE
    )
    project.refresh_from_db()
    assert project.status == "cancelled"
    assert cancelled_notes(world["ben"].user) == [
        (
            "Project cancelled: Weather Systems",
            "Spree Kultur cancelled Weather Systems. Reason: Label pulled out\n\n"
            "- Tracking, Fri 4 Dec 08:00 UTC: your booking is cancelled.",
        )
    ]


# --- what shows it ------------------------------------------------------------------------


def events_by_uid(data: bytes) -> dict:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_feeds_mark_the_cancelled_call(world, client):
    ada = world["ada"]
    token = calendars.calendar_feed_get_or_create(actor=ada.user, worker=ada).token
    # A booking the worker cancelled earlier stays out of the feed.
    services.booking_cancel(
        actor=ada.user, booking=world["bookings"]["ada-show"], reason="Double-booked"
    )
    services.position_cancel(
        actor=world["manager"], position=world["load_in"], reason=REASON, now=NIGHT_BEFORE
    )
    events = events_by_uid(client.get(f"/calendar/{token}.ics").content)
    booking = world["bookings"]["ada"]
    assert list(events) == [f"booking-{booking.pk}@stagedoor"]
    event = events[f"booking-{booking.pk}@stagedoor"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["LAST-MODIFIED"].dt == NIGHT_BEFORE
    assert str(event["DESCRIPTION"]).splitlines()[:2] == [
        "Call: Fri 4 Dec 09:00–14:00 CET",
        f"Cancelled: {REASON}",
    ]
    client.force_login(world["manager"])
    show_ics = events_by_uid(client.get(reverse("booking:show-calendar", args=["mara"])).content)
    assert {uid: str(e["STATUS"]) for uid, e in show_ics.items()} == {
        f"position-{world['load_in'].pk}@stagedoor": "CANCELLED",
        f"position-{world['show_call'].pk}@stagedoor": "CONFIRMED",
    }


def client_title(position) -> str:
    return position_jobposting(position, lambda path: path)["title"]


def test_a_cancelled_call_is_no_longer_posted(world, client):
    load_in = world["load_in"]
    assert list(open_positions()) == [load_in, world["show_call"]]
    assert client.get(reverse("boards:posting", args=[load_in.pk])).status_code == 200
    services.position_cancel(actor=world["manager"], position=load_in, reason=REASON)
    assert list(open_positions()) == [world["show_call"]]
    assert client.get(reverse("boards:posting", args=[load_in.pk])).status_code == 404
    items = client.get(reverse("boards:jobs-json")).json()
    assert [item["title"] for item in items] == [client_title(world["show_call"])]
    assert f"/jobs/{load_in.pk}/" not in client.get(reverse("boards:jobs-atom")).content.decode()


def test_call_sheet_and_board_say_cancelled(world, client):
    services.position_cancel(actor=world["manager"], position=world["load_in"], reason=REASON)
    client.force_login(world["manager"])
    sheet = client.get(reverse("booking:callsheet", args=["mara"]))
    call = next(c for c in sheet.context["sheet"].calls if c.title == "Load-in")
    assert (call.cancelled, call.cancel_reason, call.crew, call.open_seats) == (
        True,
        REASON,
        (),
        0,
    )
    assert f"Call cancelled: {REASON}" in sheet.content.decode()
    data = client.get("/api/shows/mara/call-sheet", **bearer(world["manager"])).json()
    assert [(c["title"], c["cancelled"]) for c in data["calls"]] == [
        ("Load-in", True),
        ("Show call", False),
    ]
    board = client.get(reverse("booking:board", args=["mara"]))
    row = board.context["board"].rows[0]
    assert ([b.worker.slug for b in row.cancelled_bookings], row.bookings, row.offers) == (
        ["ada", "ben"],
        [],
        [],
    )
    assert board.context["board"].totals["seats"] == 2
    assert REASON in board.content.decode()


# --- the faces: page, API, CLI ------------------------------------------------------------


def test_page_cancels_a_call_and_refuses_clearly(world, client):
    url = reverse("booking:position-cancel", args=[world["load_in"].pk])
    board = reverse("booking:board", args=["mara"])
    client.force_login(world["ada"].user)
    assert client.post(url, {"reason": REASON}).status_code == 403
    client.force_login(world["manager"])
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Nothing changed. Reason: Say why it is cancelled; the crew are told the reason." in page
    assert untouched(world)
    response = client.post(url, {"reason": REASON})
    assert (response.status_code, response.url) == (302, board)
    page = client.get(board).content.decode()
    assert (
        "Load-in is cancelled: 2 bookings cancelled, 1 offer withdrawn, 1 hold released; "
        "the crew are told."
    ) in page
    assert Booking.objects.filter(status="cancelled").count() == 2
    page = client.post(url, {"reason": REASON}, follow=True).content.decode()
    assert "Nothing changed. Position: This call was already cancelled (" in page


def test_page_cancels_the_show(world, client):
    url = reverse("booking:show-cancel", args=["mara"])
    client.force_login(world["ben"].user)
    assert client.post(url, {"reason": "Ill"}).status_code == 403
    client.force_login(world["manager"])
    page = client.post(url, {"reason": " "}, follow=True).content.decode()
    assert "Nothing changed. Reason: Say why it is cancelled" in page
    assert untouched(world)
    page = client.post(url, {"reason": "Artist ill"}, follow=True).content.decode()
    assert (
        "The show is cancelled: 3 bookings cancelled, 1 offer withdrawn, 1 hold released; "
        "the crew are told."
    ) in page
    assert "This show is cancelled." in page
    page = client.post(url, {"reason": "Again"}, follow=True).content.decode()
    assert "Nothing changed. Show: This show is already cancelled." in page


def test_api_cancels_a_call_and_refuses_with_the_field(world, client):
    url = f"/api/positions/{world['load_in'].pk}/cancel"
    manager = bearer(world["manager"])
    ada = bearer(world["ada"].user)
    reply = client.post(url, {"reason": REASON}, content_type="application/json", **ada)
    assert reply.status_code == 403
    reply = client.post(url, {"reason": ""}, content_type="application/json", **manager)
    assert (reply.status_code, reply.json()) == (
        422,
        {
            "detail": [
                {
                    "loc": ["body", "reason"],
                    "msg": "Say why it is cancelled; the crew are told the reason.",
                    "type": "value_error",
                }
            ]
        },
    )
    reply = client.post(url, {}, content_type="application/json", **manager)
    assert reply.status_code == 422
    assert untouched(world)
    reply = client.post(url, {"reason": REASON}, content_type="application/json", **manager)
    assert reply.status_code == 200
    body = reply.json()
    assert (body["reason"], body["positions"], body["holds_released"]) == (
        REASON,
        [world["load_in"].pk],
        1,
    )
    assert [(b["worker"], b["status"], b["cancel_reason"]) for b in body["bookings"]] == [
        ("ada", "cancelled", REASON),
        ("ben", "cancelled", REASON),
    ]
    assert [(o["worker"], o["status"]) for o in body["offers_withdrawn"]] == [("cleo", "withdrawn")]
    position = client.get(f"/api/positions/{world['load_in'].pk}").json()
    assert position["cancel_reason"] == REASON and position["cancelled_at"] is not None
    reply = client.post(url, {"reason": REASON}, content_type="application/json", **manager)
    assert reply.status_code == 422
    assert [e["loc"] for e in reply.json()["detail"]] == [["body", "position"]]


def test_api_cancels_a_show_and_a_project(world, client):
    manager = bearer(world["manager"])
    url = "/api/shows/mara/cancel"
    reply = client.post(url, {"reason": "Ill"}, content_type="application/json", **bearer(
        world["ben"].user
    ))  # fmt: skip
    assert reply.status_code == 403
    reply = client.post(url, {"reason": ""}, content_type="application/json", **manager)
    assert [e["loc"] for e in reply.json()["detail"]] == [["body", "reason"]]
    assert untouched(world)
    reply = client.post(url, {"reason": "Artist ill"}, content_type="application/json", **manager)
    assert reply.status_code == 200
    assert len(reply.json()["bookings"]) == 3
    assert Show.objects.get().status == "cancelled"
    reply = client.post(url, {"reason": "Again"}, content_type="application/json", **manager)
    assert (reply.status_code, reply.json()["detail"][0]["loc"]) == (422, ["body", "show"])
    project = ProjectFactory(organisation=world["org"], slug="weather")
    reply = client.post(
        "/api/projects/weather/cancel", {"reason": "Pulled"}, content_type="application/json",
        **manager,
    )  # fmt: skip
    assert reply.status_code == 200
    project.refresh_from_db()
    assert project.status == "cancelled"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_cli_cancels_a_call_and_refuses(world):
    pk = str(world["load_in"].pk)
    with pytest.raises(CommandError) as info:
        run("cancel", "call", pk, "--reason", REASON, "--as", "ada")
    assert str(info.value) == (
        "Permission denied: Only the organisation's managers can cancel its calls."
    )
    with pytest.raises(CommandError) as info:
        run("cancel", "call", pk, "--as", "manager")
    assert str(info.value) == (
        "Nothing was saved.\n  reason: Say why it is cancelled; the crew are told the reason."
    )
    with pytest.raises(CommandError) as info:
        run("cancel", "call", "999999", "--reason", REASON, "--as", "manager")
    assert str(info.value) == "KEY: no call with id '999999'."
    assert untouched(world)
    assert run("cancel", "call", pk, "--reason", REASON, "--as", "manager") == (
        f"Call {pk} (Load-in) cancelled: 1 call(s), 2 booking(s) cancelled (0 late), "
        "1 offer(s) withdrawn, 1 hold(s) released.\n"
    )
    with pytest.raises(CommandError) as info:
        run("cancel", "call", pk, "--reason", REASON, "--as", "manager")
    assert str(info.value).startswith(
        "Nothing was saved.\n  position: This call was already cancelled ("
    )


def test_cli_cancels_a_show(world):
    with pytest.raises(CommandError) as info:
        run("cancel", "show", "mara", "--reason", "", "--as", "manager")
    assert "reason: Say why it is cancelled" in str(info.value)
    assert untouched(world)
    assert run("cancel", "show", "mara", "--reason", "Artist ill", "--as", "manager") == (
        "Show mara cancelled: 2 call(s), 3 booking(s) cancelled (0 late), "
        "1 offer(s) withdrawn, 1 hold(s) released.\n"
    )
    with pytest.raises(CommandError) as info:
        run("cancel", "show", "mara", "--reason", "Again", "--as", "manager")
    assert str(info.value) == "Nothing was saved.\n  show: This show is already cancelled."


def test_editing_the_status_points_to_cancelling(world, client):
    with pytest.raises(ValidationError) as info:
        gig_services.show_update(actor=world["manager"], show=world["show"], status="cancelled")
    assert errors_of(info) == {
        "status": [
            "Use Cancel the show on the staffing board (or POST /api/shows/<slug>/cancel, "
            "`stagedoor cancel show`): it cancels the bookings with a reason and tells the crew."
        ]
    }
    reply = client.patch(
        "/api/shows/mara", {"status": "cancelled"}, content_type="application/json",
        **bearer(world["manager"]),
    )  # fmt: skip
    assert (reply.status_code, reply.json()["detail"][0]["loc"]) == (422, ["body", "status"])
    assert untouched(world)
    services.show_cancel(actor=world["manager"], show=world["show"], reason="Ill")
    with pytest.raises(ValidationError) as info:
        gig_services.show_update(
            actor=world["manager"], show=Show.objects.get(), status="published"
        )
    assert errors_of(info) == {
        "status": ["A cancelled show stays cancelled; add a new show instead."]
    }
