"""Auto-staff in a coordinator's words: every open seat by cause, the labour cost, the gap to
the best plan, the proposal by show and day, and "Send offers" counted out in the background.

The world: the two rigging calls of `world.build_world` (both filled), and on day 2 three
calls nobody can take, each for its own reason:

- "Runner": the only runner lives in Hamburg, beyond her 50 km;
- "Merch": the only merch seller is booked on another show's call at the same time;
- "Doors": the only door person works another call that ends 5 hours before, inside the 8 h
  turnaround.
"""

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from stagedoor.booking.models import Offer
from stagedoor.core.models import TaskRecord
from stagedoor.industry.models import Role
from stagedoor.staffing import selectors, services
from stagedoor.staffing.models import ProposedAssignment, StaffingRun
from tests.factories import (
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    WorkerFactory,
    bearer,
    give_role,
)

from .world import build_world, day

pytestmark = pytest.mark.django_db


def call(world, title, role, start, end):
    return PositionFactory(
        show=world["show"], role=Role.objects.get(slug=role), title=title, level="entry",
        headcount=1, call_start=start, call_end=end,
    )  # fmt: skip


def booked_elsewhere(worker, start, end):
    other = ShowFactory(organisation=OrganisationFactory(turnaround_hours=8))
    BookingFactory(worker=worker, position=PositionFactory(show=other, call_start=start,
                                                           call_end=end))  # fmt: skip


@pytest.fixture
def world():
    world = build_world()
    call(world, "Runner", "runner", day(2, 10), day(2, 14))
    call(world, "Merch", "merch-seller", day(2, 16), day(2, 22))
    call(world, "Doors", "door-staff", day(2, 17), day(2, 23))
    fay = WorkerFactory(display_name="Fay Far", latitude=53.55, longitude=9.99)  # Hamburg
    give_role(fay, "runner", "entry")
    bo = WorkerFactory(display_name="Bo Busy")
    give_role(bo, "merch-seller", "entry")
    booked_elsewhere(bo, day(2, 15), day(2, 20))
    rae = WorkerFactory(display_name="Rae Rest")
    give_role(rae, "door-staff", "entry")
    booked_elsewhere(rae, day(2, 7), day(2, 12))  # ends 5 h before Doors
    return world


def start(world, run_now=True):
    with TestCase.captureOnCommitCallbacks(execute=run_now):
        run = services.staffing_run_start(
            actor=world["manager"], organisation=world["org"], show=world["show"], time_limit=2
        )
    return selectors.staffing_run_get(actor=world["manager"], run_id=run.pk)


def test_every_open_seat_has_its_cause_in_plain_words(world):
    run = start(world)
    assert sorted((u.position.title, u.missing, u.reason) for u in run.unfilled.all()) == [
        ("Doors", 1, "turnaround"),
        ("Merch", 1, "booked"),
        ("Runner", 1, "too_far"),
    ]
    texts = {u.position.title: u.text for u in run.unfilled.all()}
    assert texts["Runner"] == "Everyone qualified lives beyond the distance they will travel."
    s = selectors.run_summary(run)
    assert s.headline == (
        "2 of 5 seats filled; 3 open: 1 turnaround, 1 everyone qualified is booked, "
        "1 nobody qualified nearby"
    )
    assert (s.filled, s.seats, s.open) == (2, 5, 3)
    # Two day rates of 300.00 EUR, priced by the pay rules as the pay pages estimate them.
    assert s.cost_text == "600.00 EUR"
    assert run.stats["cost"] == {"EUR": "600.00"}
    assert s.gap_text == "This plan is the best possible."


def test_the_proposal_is_grouped_by_show_and_venue_day(world):
    run = start(world)
    groups = selectors.run_summary(run).groups
    assert [(g.title, g.day, [a.worker.display_name for a in g.rows], g.open) for g in groups] == [
        ("Juniper Static, Berlin", day(0, 0).date(), ["Ben Ode"], 0),
        ("Juniper Static, Berlin", day(1, 0).date(), ["Ana Ruiz"], 0),
        ("Juniper Static, Berlin", day(2, 0).date(), [], 3),
    ]


def test_the_run_page_says_it_and_folds_the_solver_away(client, world):
    run = start(world)
    client.force_login(world["manager"])
    page = client.get(f"/auto-staff/runs/{run.pk}/").content.decode()
    assert (
        '<p class="lede" id="run-headline">2 of 5 seats filled; 3 open: 1 turnaround, '
        "1 everyone qualified is booked, 1 nobody qualified nearby</p>"
    ) in page
    assert '<strong id="run-cost">600.00 EUR</strong> estimated pay' in page
    assert '<p id="run-gap">This plan is the best possible.</p>' in page
    details = page.index('<details class="solver-details">')
    assert page.index("seed 0") > details and page.index("objective") > details
    # The first group opens; a short proposal opens every group.
    assert page.count('<details class="proposal-group"') == 3
    assert f'id="show-{world["show"].pk}-{day(0, 0).date():%Y-%m-%d}" open>' in page
    assert page.count("seat open. Everyone qualified") == 3


def test_a_long_proposal_folds_every_group_but_the_first(client, world, settings):
    run = start(world)
    import stagedoor.staffing.selectors as sel

    client.force_login(world["manager"])
    old, sel.UNFOLD_ROWS = sel.UNFOLD_ROWS, 2
    try:
        page = client.get(f"/auto-staff/runs/{run.pk}/").content.decode()
    finally:
        sel.UNFOLD_ROWS = old
    assert page.count('<details class="proposal-group"') == 3
    assert page.count('" open>\n    <summary><strong>Juniper Static') == 1


def test_the_api_returns_the_same_summary(client, world):
    run = start(world)
    data = client.get(f"/api/staffing/runs/{run.pk}", **bearer(world["manager"])).json()
    assert data["summary"] == {
        "headline": "2 of 5 seats filled; 3 open: 1 turnaround, 1 everyone qualified is "
        "booked, 1 nobody qualified nearby",
        "filled": 2,
        "seats": 5,
        "open": 3,
        "open_by_cause": [
            {"cause": "turnaround", "text": "turnaround", "seats": 1},
            {"cause": "booked", "text": "everyone qualified is booked", "seats": 1},
            {"cause": "too_far", "text": "nobody qualified nearby", "seats": 1},
        ],
        "cost": {"EUR": "600.00"},
        "cost_text": "600.00 EUR",
        "gap_text": "This plan is the best possible.",
    }
    assert data["sending"] is None


# --- sending offers -------------------------------------------------------------------------


def test_send_offers_counts_them_out_on_a_task_record(world):
    run = start(world)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        task = services.staffing_offers_start(actor=world["manager"], run=run)
    assert (task.kind, task.status, task.done, task.total, task.message) == (
        "send-offers", "queued", 0, 2, "0 of 2 offers sent",
    )  # fmt: skip
    assert selectors.sending_words(task) == "Waiting to start sending 2 offers."
    for callback in queued:
        callback()
    task.refresh_from_db()
    assert (task.status, task.done, task.total) == ("done", 2, 2)
    assert task.result == {"run_id": run.pk, "sent": 2, "refused": 0, "total": 2,
                           "cancelled": False}  # fmt: skip
    assert selectors.sending_words(task) == "2 of 2 offers sent."
    assert sorted(Offer.objects.values_list("worker__display_name", "sent_by__username")) == [
        ("Ana Ruiz", "vera"), ("Ben Ode", "vera"),
    ]  # fmt: skip
    run.refresh_from_db()
    assert run.accepted_at is not None
    assert services._sent_words(112, 220, 0) == "112 of 220 offers sent"
    assert services._sent_words(112, 220, 3) == "112 of 220 offers sent, 3 refused"


def test_send_offers_can_be_stopped(world):
    run = start(world)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        task = services.staffing_offers_start(actor=world["manager"], run=run)
    services.staffing_offers_cancel(actor=world["manager"], run=run)
    for callback in queued:
        callback()
    task.refresh_from_db()
    assert task.result["cancelled"] is True
    assert selectors.sending_words(task) == (
        "Cancelled: 0 of 2 offers sent; the rest are still ticked."
    )
    assert Offer.objects.count() == 0
    assert list(run.assignments.values_list("outcome", "selected")) == [("proposed", True)] * 2
    with pytest.raises(Exception) as caught:  # nothing left to stop
        services.staffing_offers_cancel(actor=world["manager"], run=run)
    assert caught.value.message_dict == {"run": ["No offers of this run are being sent."]}


def test_a_sender_whose_worker_died_is_marked_failed(world):
    run = start(world)
    with TestCase.captureOnCommitCallbacks(execute=False):
        task = services.staffing_offers_start(actor=world["manager"], run=run)
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    TaskRecord.objects.filter(pk=task.pk).update(status="running", done=1, heartbeat_at=long_ago)
    task = services.staffing_sending_check(run)
    assert (task.status, task.message) == (
        "failed",
        "Sending stopped after 1 of 2 offers: the background worker stopped answering. "
        "The rest are still ticked; send again to finish.",
    )
    # A live one is left alone.
    with TestCase.captureOnCommitCallbacks(execute=False):
        task = services.staffing_offers_start(actor=world["manager"], run=run)
    TaskRecord.objects.filter(pk=task.pk).update(status="running", heartbeat_at=timezone.now())
    assert services.staffing_sending_check(run).status == "running"


def test_a_second_send_waits_for_the_first(world):
    run = start(world)
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.staffing_offers_start(actor=world["manager"], run=run)
    with pytest.raises(Exception) as caught:
        services.staffing_offers_start(actor=world["manager"], run=run)
    assert caught.value.message_dict == {
        "run": ["This run's offers are being sent already; wait for them or cancel."]
    }
    assert TaskRecord.objects.filter(kind="send-offers").count() == 1


def test_the_page_sends_in_the_background_and_polls_the_progress(
    client, world, django_capture_on_commit_callbacks
):
    run = start(world)
    client.force_login(world["manager"])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(f"/auto-staff/runs/{run.pk}/accept/", {
            "assignment": [a.pk for a in run.assignments.all()], "action": "offer"})  # fmt: skip
    assert response["Location"] == f"/auto-staff/runs/{run.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f'<section id="sending" hx-get="/auto-staff/runs/{run.pk}/sending/"' in page
    assert '<p id="sending-words" role="status">Waiting to start sending 2 offers.</p>' in page
    assert "Stop sending" in page
    for callback in queued:
        callback()
    partial = client.get(f"/auto-staff/runs/{run.pk}/sending/", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"  # the rows' outcomes changed: reload once
    assert "2 of 2 offers sent." in partial.content.decode()
    page = client.get(response["Location"]).content.decode()
    assert '<section id="sending">' in page  # finished: no more polling
    assert page.count("<td>Offer sent</td>") == 2


def test_the_api_sends_offers_and_returns_the_task_to_poll(
    client, world, django_capture_on_commit_callbacks
):
    run = start(world)
    auth = bearer(world["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/staffing/runs/{run.pk}/offers", {},
                               content_type="application/json", **auth)  # fmt: skip
    assert response.status_code == 202
    task = TaskRecord.objects.get(kind="send-offers")
    assert response.json()["task"] == task.pk
    data = client.get(f"/api/staffing/runs/{run.pk}/offers", **auth).json()
    assert data == {"task": task.pk, "status": "done", "done": 2, "total": 2,
                    "text": "2 of 2 offers sent.", "sent": 2, "refused": 0,
                    "cancelled": False}  # fmt: skip
    assert client.get(f"/api/staffing/runs/{run.pk}", **auth).json()["sending"] == data
    response = client.post(f"/api/staffing/runs/{run.pk}/offers/cancel", **auth)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "run"
    assert ProposedAssignment.objects.filter(outcome="offered").count() == 2
    assert StaffingRun.objects.get().accepted_at is not None
