"""The registry apps above careers plug their suggestions into: what a source registers
shows on the plan page, "Start here" and the API; a source that raises is logged and left
out, and the page still answers."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from stagedoor.careers import pathways
from tests.factories import UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def link(text: str) -> pathways.Link:
    return pathways.Link(text=text, url="/somewhere/", detail="A detail", tag="Paid")


def shout(context):
    raise RuntimeError("a broken source")


@pytest.fixture
def sources(monkeypatch):
    def step_links(context):
        return {(s.kind, s.subject): [link(f"Do {s.subject}")] for s in context.steps[:1]}

    def section(context):
        return pathways.Section(
            key="test-section", title="Things nearby", links=(link(f"Near {context.role}"),)
        )

    monkeypatch.setitem(pathways._STEP_LINKS, "zz-test", step_links)
    monkeypatch.setitem(pathways._STEP_LINKS, "zz-broken", shout)
    monkeypatch.setitem(pathways._PLAN_SECTIONS, "zz-test", section)
    monkeypatch.setitem(pathways._PLAN_SECTIONS, "zz-broken", shout)
    monkeypatch.setitem(pathways._START_SECTIONS, "zz-broken", shout)


def test_a_registered_source_shows_on_the_plan_page_and_in_the_api(sources, caplog):
    worker = WorkerFactory(user=UserFactory(username="ada"))
    client = Client()
    client.force_login(worker.user)
    with caplog.at_level(logging.ERROR, logger="stagedoor.careers.pathways"):
        page = client.get("/careers/rigger/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("Do ") >= 1
    assert "Things nearby" in text and "Near rigger" in text
    body = client.get("/api/careers/plan?target=rigger").json()
    first = body["steps"][0]
    assert [x["text"] for x in first["links"] if x["text"].startswith("Do ")] == [
        f"Do {first['subject']}"
    ]
    assert {
        "key": "test-section",
        "title": "Things nearby",
        "intro": "",
        "links": [
            {
                "text": "Near rigger",
                "url": "/somewhere/",
                "detail": "A detail",
                "when": None,
                "distance_km": None,
                "online": False,
                "tag": "Paid",
            }
        ],
        "more_url": "",
    } in body["sections"]
    broken = [r for r in caplog.records if "zz-broken" in r.getMessage()]
    # Its step links and its section, once for the page and once for the API.
    assert [r.getMessage() for r in broken] == ["career plan source zz-broken failed"] * 4


def test_a_source_that_raises_is_left_out_of_start_here(sources):
    answer = Client().get("/api/careers/start?interests=rigging&city=Chicago, US")
    assert answer.status_code == 200
    assert "zz" not in str(answer.json())
    # The other registered sources still show (training's, with nothing nearby yet).
    assert "Safety training near you" in [s["title"] for s in answer.json()["sections"]]
