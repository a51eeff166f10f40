"""Mentoring over HTTP: the same services as the pages, refusals as 422 naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stagedoor.mentoring.models import Mentorship, Recommendation
from tests.factories import bearer

from .world import ask_and_accept, mentoring_world, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return mentoring_world()


def test_offer_put_and_get(client):
    kim = person("Kim Key")
    from tests.factories import give_role

    give_role(kim, "rigger", "senior", 9)
    auth = bearer(kim.user)
    assert client.get("/api/mentoring/offer", **auth).status_code == 404
    body = {"roles": ["rigger"], "capacity": 2, "mode": "in_person", "cadence": "weekly",
            "known_for": "Rigs arenas", "note": "", "is_open": True}  # fmt: skip
    reply = client.put("/api/mentoring/offer", body, content_type="application/json", **auth)
    assert reply.status_code == 200
    got = client.get("/api/mentoring/offer", **auth).json()
    assert got == {
        "id": got["id"], "worker": "kim-key", "name": "Kim Key", "roles": ["rigger"],
        "capacity": 2, "taken": 0, "mode": "in_person", "cadence": "weekly",
        "known_for": "Rigs arenas", "note": "", "is_open": True,
    }  # fmt: skip
    bad = client.put(
        "/api/mentoring/offer", body | {"roles": ["audio-tech"], "capacity": 11},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert bad.status_code == 422
    assert sorted(e["loc"][1] for e in bad.json()["detail"]) == ["capacity", "roles"]


def test_suggest_ask_accept_session_recommend(world, client):
    rosa, dana = world["rosa"], world["dana"]
    mine = bearer(rosa.user)
    found = client.get("/api/mentoring/suggestions?target=rigger&mode=in_person&k=2", **mine).json()
    assert [(s["name"], s["distance_km"], s["role"]) for s in found] == [
        ("Dana Whitfield", 1.3, "rigger"),
        ("Hal Hand", 1.3, "stagehand"),
    ]
    assert found[0]["reasons"] == [
        "Rigs arenas in Chicago, 1 km from you",
        "mentors toward Rigger",
        "has room for 1 more",
        "meets monthly",
    ]
    assert client.get("/api/mentoring/suggestions?target=nope", **mine).json() == {
        "detail": [{"loc": ["body", "target"], "msg": "unknown role 'nope'", "type": "value_error"}]
    }
    assert client.get("/api/mentoring/suggestions?target=rigger&mode=x", **mine).status_code == 422
    reply = client.post(
        "/api/mentoring/mentorships", {"mentor_id": dana.pk, "target": "rigger", "note": "Hi"},
        content_type="application/json", **mine,
    )  # fmt: skip
    assert reply.status_code == 201
    asked = reply.json()
    assert (asked["status"], asked["you_are"], asked["mentor"]) == (
        "asked", "mentee", "dana-whitfield",
    )  # fmt: skip
    again = client.post(
        "/api/mentoring/mentorships", {"mentor_id": dana.pk, "target": "rigger"},
        content_type="application/json", **mine,
    )  # fmt: skip
    assert again.status_code == 422
    assert again.json()["detail"] == [
        {
            "loc": ["body", "mentor"],
            "msg": "You already asked Dana Whitfield.",
            "type": "value_error",
        }
    ]
    pk = asked["id"]
    assert client.post(f"/api/mentoring/mentorships/{pk}/accept", **mine).status_code == 403
    theirs = bearer(dana.worker.user)
    accepted = client.post(f"/api/mentoring/mentorships/{pk}/accept", **theirs).json()
    assert (accepted["status"], accepted["you_are"]) == ("active", "mentor")
    today = timezone.localdate()
    logged = client.post(
        f"/api/mentoring/mentorships/{pk}/sessions",
        {"held_on": (today - dt.timedelta(days=1)).isoformat(), "minutes": 60,
         "covered": "Knots"},
        content_type="application/json", **mine,
    )  # fmt: skip
    assert logged.status_code == 201
    assert logged.json()["covered"] == "Knots"
    bad = client.post(
        f"/api/mentoring/mentorships/{pk}/sessions",
        {"held_on": today.isoformat(), "minutes": 1, "covered": "x"},
        content_type="application/json", **mine,
    )  # fmt: skip
    assert [(e["loc"], e["msg"]) for e in bad.json()["detail"]] == [
        (["body", "minutes"], "Between 5 and 600 minutes.")
    ]
    listed = client.get("/api/mentoring/mentorships", **mine).json()
    assert [(m["mentor_name"], [s["covered"] for s in m["sessions"]]) for m in listed] == [
        ("Dana Whitfield", ["Knots"])
    ]
    rec = client.post(
        f"/api/mentoring/mentorships/{pk}/recommendations",
        {"role": "rigger", "text": "Ready for the high steel."},
        content_type="application/json", **theirs,
    )  # fmt: skip
    assert rec.status_code == 201
    assert rec.json() == {
        "id": Recommendation.objects.get().pk, "mentee": "rosa-rigger", "role": "rigger",
        "text": "Ready for the high steel.",
    }  # fmt: skip
    assert Mentorship.objects.get().status == "active"


def test_offers_listing_is_public_and_decline(world, client):
    listed = client.get("/api/mentoring/offers").json()
    assert [o["name"] for o in listed["items"]] == [
        "Dana Whitfield", "Fay Far", "Hal Hand", "Sam Sound",
    ]  # fmt: skip
    assert listed["count"] == 4
    rosa = world["rosa"]
    asked = client.post(
        "/api/mentoring/mentorships", {"mentor_id": world["far"].pk, "target": "rigger"},
        content_type="application/json", **bearer(rosa.user),
    ).json()  # fmt: skip
    declined = client.post(
        f"/api/mentoring/mentorships/{asked['id']}/decline", **bearer(world["far"].worker.user)
    ).json()
    assert declined["status"] == "declined"
    assert client.get("/api/mentoring/mentorships", **bearer(rosa.user)).json() == []


def test_offers_page_by_name_with_each_mentors_mentees_read_for_the_page(world, client):
    ask_and_accept(world["rosa"], world["sound"], target="audio-tech")
    with CaptureQueriesContext(connection) as seen:
        page = client.get("/api/mentoring/offers?page=2&page_size=3").json()
    assert page["count"] == 4
    assert [(o["name"], o["roles"], o["taken"], o["capacity"]) for o in page["items"]] == [
        ("Sam Sound", ["audio-tech"], 1, 2)
    ]
    first = client.get("/api/mentoring/offers?page_size=3").json()["items"]
    assert [(o["name"], o["taken"]) for o in first] == [
        ("Dana Whitfield", 0), ("Fay Far", 0), ("Hal Hand", 0),
    ]  # fmt: skip
    with CaptureQueriesContext(connection) as whole:
        client.get("/api/mentoring/offers?page_size=4")
    assert len(whole) == len(seen)
