"""The hall's API and its `stagedoor dispatch` commands."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.booking.models import Offer
from stagedoor.hall.models import CallRequest, LogEntry, Registrant
from tests.factories import bearer
from tests.hall.world import hall_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return hall_world()


def post(client, url, body, user):
    return client.post(url, json.dumps(body), content_type="application/json", **bearer(user))


def test_request_dispatch_answer_and_log_through_the_api(client, hall):
    regs = hall["registrants"]
    body = {"position": hall["position"].pk, "by_name": [regs["jo"].pk]}
    created = post(client, "/api/hall/requests", body, hall["manager"])
    assert created.status_code == 201
    assert created.json()["by_name"] == [regs["jo"].pk]
    refused = post(client, "/api/hall/requests", body, hall["manager"])
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "position"]

    run = post(client, "/api/hall/local-88/dispatch", {}, hall["dispatcher"])
    assert (run.status_code, run.json()["offers"], run.json()["rules_version"]) == (201, 6, 1)
    offer = Offer.objects.get(worker=regs["ana"].worker)
    answered = post(
        client, f"/api/hall/offers/{offer.pk}/answer", {"answer": "pass"}, regs["ana"].worker.user
    )
    assert (answered.status_code, answered.json()["kind"]) == (200, "pass")
    log = client.get("/api/hall/local-88/log?limit=3", **bearer(hall["dispatcher"])).json()
    assert [e["kind"] for e in log] == ["pass", "offer", "offer"]
    lists = client.get("/api/hall/local-88/lists", **bearer(hall["dispatcher"])).json()["items"]
    assert [(r["name"], r["place"], r["group"]) for r in lists[:2]] == [
        ("Ana", 1, "A"),
        ("Bo", 2, "A"),
    ]
    mine = client.get("/api/hall/me/record", **bearer(regs["ana"].worker.user)).json()
    assert [row["what"] for row in mine] == ["Signed the list", "Offered", "Passed"]


def test_the_lists_page_in_dispatch_order_with_places_counted_over_the_whole_list(client, hall):
    page = client.get(
        "/api/hall/local-88/lists?page=2&page_size=4", **bearer(hall["dispatcher"])
    ).json()
    assert page["count"] == 10
    assert [(r["name"], r["place"], r["group"], r["standing"]) for r in page["items"]] == [
        ("Ed", 5, "A", "active"),
        ("Flo", 6, "B", "active"),
        ("Gus", 7, "B", "active"),
        ("Hal", 8, "B", "active"),
    ]
    last = client.get("/api/hall/local-88/lists?page=3&page_size=4", **bearer(hall["dispatcher"]))
    assert [r["name"] for r in last.json()["items"]] == ["Ivy", "Jo"]


def test_strangers_and_bad_answers_are_refused(client, hall):
    assert client.get("/api/hall/local-88/lists", **bearer(hall["manager"])).status_code == 403
    CallRequest.objects.create(
        local=hall["local"],
        position=hall["position"],
        classification=hall["stagehand"],
        requested_at=hall["position"].created_at,
    )
    post(client, "/api/hall/local-88/dispatch", {}, hall["dispatcher"])
    reg = hall["registrants"]["ana"]
    offer = Offer.objects.get(worker=reg.worker)
    bad = post(client, f"/api/hall/offers/{offer.pk}/answer", {"answer": "maybe"}, reg.worker.user)
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "answer"])


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_dispatch_commands(hall):
    CallRequest.objects.create(
        local=hall["local"],
        position=hall["position"],
        classification=hall["stagehand"],
        requested_at=hall["position"].created_at,
    )
    Registrant.objects.filter(pk=hall["registrants"]["bo"].pk).update(status="suspended")
    out = run("dispatch", "run", "--local", "local-88", "--as", "dana")
    assert out.splitlines()[0] == "Dispatched under rules v1: 6 offers sent, 1 skipped."
    assert LogEntry.objects.filter(kind="offer", channel="cli").count() == 6
    out = run("dispatch", "lists", "--local", "local-88", "--recompute")
    assert "Lists recomputed and published; 0 moved group." in out
    assert "Suspended" in out
    with pytest.raises(CommandError, match="no union local called 'nope'"):
        run("dispatch", "run", "--local", "nope")
