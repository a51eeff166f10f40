"""Auto-staffing's faces: the pages, the API and the `stagedoor staff` command."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.booking.models import Hold, Offer
from stagedoor.core.models import TaskRecord
from stagedoor.gigs.models import Tour
from stagedoor.staffing.models import StaffingRun
from tests.factories import UserFactory, bearer

from .world import build_world, day

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


# --- pages ---------------------------------------------------------------------------------


def test_the_board_button_runs_auto_staff_and_the_proposal_becomes_offers(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["manager"])
    board = client.get("/shows/juniper-static/staffing/").content.decode()
    assert 'action="/shows/juniper-static/auto-staff/"' in board
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/shows/juniper-static/auto-staff/")
    run = StaffingRun.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/auto-staff/runs/{run.pk}/")
    page = client.get(f"/auto-staff/runs/{run.pk}/").content.decode()
    assert '<strong id="run-filled">2/2</strong>' in page
    assert '<strong id="run-baseline">1/2</strong>' in page
    assert "fills 1 of 2 seats with 1 people; this plan fills 2 with 2." in page
    assert 'hx-get="/auto-staff/runs/' not in page  # finished: no more polling
    rows = list(run.assignments.order_by("position__call_start"))
    assert [(a.position.title, a.worker.display_name) for a in rows] == [
        ("Day 0 rig", "Ben Ode"),
        ("Day 1 rig", "Ana Ruiz"),
    ]
    for a in rows:
        assert f'name="assignment" value="{a.pk}"' in page
    # The manager unticks Ben and sends the rest, in the background.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/auto-staff/runs/{run.pk}/accept/", {"assignment": [rows[1].pk], "action": "offer"}
        )
    assert response["Location"] == f"/auto-staff/runs/{run.pk}/"
    assert list(Offer.objects.values_list("worker__display_name", "position__title")) == [
        ("Ana Ruiz", "Day 1 rig")
    ]
    page = client.get(response["Location"]).content.decode()
    assert '<p id="sending-words" role="status">1 of 1 offers sent.</p>' in page
    board = client.get("/shows/juniper-static/staffing/").content.decode()
    assert "<strong>1</strong> offers out" in board


def test_a_running_run_shows_a_progress_bar_that_polls(client, world):
    client.force_login(world["manager"])
    response = client.post("/shows/juniper-static/auto-staff/")  # not run: still queued
    run = StaffingRun.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert f'hx-get="/auto-staff/runs/{run.pk}/" hx-trigger="every 1s"' in page
    assert '<progress value="0" max="100"' in page
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="run-body" hx-get=')
    assert "<h1>" not in partial


def test_the_organisation_page_starts_a_date_range_run(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["manager"])
    assert (
        "Auto-staff every open call in a date range"
        in client.get("/orgs/spree/auto-staff/").content.decode()
    )
    form = {
        "date_from": day(0, 0).date().isoformat(),
        "date_to": day(1, 0).date().isoformat(),
        "objective": "headcount",
        "time_limit": "2",
        "seed": "3",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/orgs/spree/auto-staff/", form)
    run = StaffingRun.objects.get()
    assert response["Location"] == f"/auto-staff/runs/{run.pk}/"
    assert (run.objective, run.seed, run.time_limit, run.status, run.filled) == (
        "headcount", 3, 2.0, "done", 2,
    )  # fmt: skip


def test_the_organisation_page_names_the_bad_field_and_starts_nothing(client, world):
    client.force_login(world["manager"])
    form = {"date_from": day(3, 0).date().isoformat(), "date_to": day(1, 0).date().isoformat(),
            "objective": "fill", "time_limit": "2", "max_hours_week": "200"}  # fmt: skip
    page = client.post("/orgs/spree/auto-staff/", form).content.decode()
    assert (
        '<ul class="errorlist" id="id_date_to-errors">'
        "<li>The last day comes before the first.</li></ul>" in page
    )
    assert "Give whole hours from 1 to 168, or leave it empty." in page
    assert (StaffingRun.objects.count(), TaskRecord.objects.count()) == (0, 0)


def test_pages_are_for_managers_only(client, world):
    client.force_login(UserFactory(username="stranger"))
    assert client.get("/orgs/spree/auto-staff/").status_code == 403
    assert client.post("/shows/juniper-static/auto-staff/").status_code == 403
    assert StaffingRun.objects.count() == 0


def test_the_tour_page_has_the_button_for_managers(
    client, world, django_capture_on_commit_callbacks
):
    tour = Tour.objects.create(
        slug="static-tour", organisation=world["org"], artist="Juniper Static", name="Static",
        status="published",
    )  # fmt: skip
    world["show"].tour, world["show"].tour_order = tour, 1
    world["show"].save()
    assert "Auto-staff the tour" not in client.get("/tours/static-tour/").content.decode()
    client.force_login(world["manager"])
    assert "Auto-staff the tour" in client.get("/tours/static-tour/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tours/static-tour/auto-staff/")
    run = StaffingRun.objects.get()
    assert (run.tour_id, run.filled, run.seats) == (tour.pk, 2, 2)


# --- API -----------------------------------------------------------------------------------


def test_api_starts_reads_and_accepts_a_run(client, world, django_capture_on_commit_callbacks):
    auth = bearer(world["manager"])
    body = {"organisation": "spree", "show": "juniper-static", "time_limit": 2}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/staffing/runs", body, content_type="application/json", **auth)
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["proposal"]) == ("queued", [])
    run_id = response.json()["id"]
    data = client.get(f"/api/staffing/runs/{run_id}", **auth).json()
    assert (data["status"], data["progress"]["percent"], data["filled"], data["seats"]) == (
        "done", 100, 2, 2,
    )  # fmt: skip
    assert data["solver_status"] == "optimal"
    assert data["gap"] == pytest.approx(0.0, abs=1e-4)
    assert data["baseline"]["filled"] == 1
    assert [(a["position_title"], a["worker"], a["outcome"]) for a in data["proposal"]] == [
        ("Day 0 rig", "ben", "proposed"),
        ("Day 1 rig", "ana", "proposed"),
    ]
    assert data["unfilled"] == []
    ana_row = data["proposal"][1]["id"]
    response = client.post(
        f"/api/staffing/runs/{run_id}/accept",
        {"assignment_ids": [ana_row], "action": "hold"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    result = response.json()
    assert [(a["worker"], a["outcome"]) for a in result["created"]] == [("ana", "held")]
    assert result["refused"] == []
    assert list(Hold.objects.values_list("worker__slug", flat=True)) == ["ana"]


def test_api_refuses_bad_input_by_field_and_strangers(client, world):
    auth = bearer(world["manager"])
    body = {"organisation": "spree", "objective": "cheapest", "tour": "nope"}
    response = client.post("/api/staffing/runs", body, content_type="application/json", **auth)
    assert (response.status_code, response.json()) == (
        422,
        {
            "detail": [
                {"loc": ["body", "tour"], "msg": "'nope' does not exist.", "type": "value_error"}
            ]
        },
    )
    body = {"organisation": "spree", "objective": "cheapest"}
    response = client.post("/api/staffing/runs", body, content_type="application/json", **auth)
    assert response.status_code == 422
    assert [e["loc"][1] for e in response.json()["detail"]] == ["date_from", "date_to", "objective"]
    stranger = bearer(UserFactory(username="stranger"))
    body = {"organisation": "spree", "show": "juniper-static"}
    response = client.post("/api/staffing/runs", body, content_type="application/json", **stranger)
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only the organisation's managers can auto-staff its calls."},
    )
    assert StaffingRun.objects.count() == 0
    assert client.get("/api/staffing/runs/999", **auth).status_code == 404


# --- CLI -----------------------------------------------------------------------------------


def run_cli(*args) -> str:
    out = io.StringIO()
    call_command("staff", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_cli_prints_the_proposal_and_sends_offers(world):
    first, second = day(0, 0).date().isoformat(), day(1, 0).date().isoformat()
    out = run_cli("--org", "spree", "--from", first, "--to", second, "--time-limit", "2",
                  "--as", "vera", "--accept", "offer")  # fmt: skip
    run = StaffingRun.objects.get()
    lines = out.splitlines()
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if "│" in line]
    assert lines[:4] == [
        f"Auto-staff run {run.pk} · {day(0, 0):%d %b %Y} to {day(1, 0):%d %b %Y}",
        "2 of 2 seats filled.",
        "Estimated pay: 600.00 EUR.",
        "This plan is the best possible.",
    ]
    assert lines[4].strip() == f"Juniper Static, Berlin · {day(0, 0):%a %d %b} · 1 proposed"
    # No solver words, ids or scores without --verbose.
    assert rows == [
        ["Day 0 rig", "14:00-23:30", "Ben Ode", "mid Rigger (needs mid)"],
        ["Day 1 rig", "06:00-12:00", "Ana Ruiz", "senior Rigger (needs senior)"],
    ]
    assert not any(word in out for word in ("objective", "bound", "gap", "seed", "optimal"))
    assert lines[-1] == "2 of 2 offers sent."
    offers = Offer.objects.order_by("worker__slug").values_list("worker__slug", "sent_by__username")
    assert list(offers) == [("ana", "vera"), ("ben", "vera")]


def test_cli_verbose_adds_the_solver_figures(world):
    first, second = day(0, 0).date().isoformat(), day(1, 0).date().isoformat()
    out = run_cli("--org", "spree", "--from", first, "--to", second, "--time-limit", "2",
                  "--verbose")  # fmt: skip
    run = StaffingRun.objects.get()
    lines = out.splitlines()
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if "│" in line]
    assert rows[0][:4] == [f"Day 0 rig ({world['day0'].pk})", "14:00-23:30", "Ben Ode (ben)",
                           "52.3"]  # fmt: skip
    assert lines[-2:] == [
        f"Solver: optimal · objective {run.objective_value:.0f}, bound {run.bound:.0f} "
        f"({run.bound_source}), gap {100 * run.gap:.2f}% · 1 parts, {run.seconds:.1f} s · seed 0",
        "Call by call: filled 1/2 seats with 1 people · objective "
        f"{run.stats['baseline']['objective']:.0f}",
    ]


def test_cli_bad_input_saves_nothing():
    with pytest.raises(CommandError) as caught:
        run_cli("--org", "nowhere", "--from", "tomorrow", "--to", "2026-13-01", "--time-limit", "x")
    assert str(caught.value) == (
        "Nothing was saved.\n"
        "  org: 'nowhere' does not exist.\n"
        "  from: 'tomorrow' is not a date (YYYY-MM-DD).\n"
        "  to: '2026-13-01' is not a date (YYYY-MM-DD).\n"
        "  time_limit: 'x' is not a number."
    )
    assert StaffingRun.objects.count() == 0


def test_the_run_page_makes_the_same_queries_however_long_the_proposal(
    client, world, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stagedoor.gigs.models import Position

    from .world import rigger

    client.force_login(world["manager"])

    def run_page_queries() -> tuple[int, int]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/shows/juniper-static/auto-staff/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(response["Location"]).status_code == 200
        run = StaffingRun.objects.latest("pk")
        return run.assignments.count(), len(queries)

    small, small_queries = run_page_queries()
    Position.objects.filter(pk=world["day0"].pk).update(headcount=4)
    for name in ("Dan Aho", "Eve Lind", "Finn Roe"):
        rigger(name, "mid")
    large, large_queries = run_page_queries()
    assert (small, large) == (2, 5)
    assert large_queries == small_queries


def test_cli_accept_needs_a_manager_to_send_as(world):
    with pytest.raises(CommandError) as caught:
        first = day(0, 0).date().isoformat()
        run_cli("--org", "spree", "--from", first, "--to", first, "--accept", "hold")
    assert str(caught.value) == "--as: name the manager who sends the offers or holds."
    assert StaffingRun.objects.count() == 0
