"""The API, the pages and the `training` command, over the same services."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from stagedoor.training import services
from stagedoor.training.models import Course, Enrolment
from tests.factories import bearer

from .world import course, providers, rosa, session

pytestmark = pytest.mark.django_db


def test_the_api_lists_sessions_near_a_city_and_a_worker_signs_up_cancels_and_completes():
    lakeshore, online, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6)
    web = session(course(online, "OSHA 10 online", "osha-10", price="79"), 8, where=None)
    worker = rosa()
    client = Client()

    listed = client.get("/api/training/sessions?certification=osha-10&near=Chicago, US").json()
    assert [(s["id"], s["online"], s["distance_km"], s["seats_left"]) for s in listed] == [
        (soon.pk, False, 3.9, 12),
        (web.pk, True, None, 12),
    ]
    bad = client.get("/api/training/sessions?near=Qwxzvillezz")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "near"]

    me = bearer(worker.user)
    made = client.post(f"/api/training/sessions/{soon.pk}/enrolments", **me)
    assert made.status_code == 201
    assert made.json() | {"id": 0} == {
        "id": 0,
        "session": soon.pk,
        "course": osha.slug,
        "worker": "rosa",
        "status": "enrolled",
        "verified_certification": None,
    }
    again = client.post(f"/api/training/sessions/{soon.pk}/enrolments", **me)
    assert again.status_code == 422
    assert again.json()["detail"] == [
        {
            "loc": ["body", "session"],
            "msg": "You are already signed up for this session.",
            "type": "value_error",
        }
    ]
    assert [e["session"] for e in client.get("/api/training/enrolments", **me).json()] == [soon.pk]
    enrolment = made.json()["id"]
    cancelled = client.post(f"/api/training/enrolments/{enrolment}/cancel", **me)
    assert cancelled.json()["status"] == "cancelled"
    assert client.get(f"/api/training/sessions/{soon.pk}").json()["seats_left"] == 12


def test_the_api_lets_the_provider_confirm_and_nobody_else():
    lakeshore, _, lena = providers()
    then = timezone.now() - dt.timedelta(days=30)
    past = session(course(lakeshore, "OSHA 10", "osha-10"), -10, now=then)
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    client = Client()
    me = bearer(worker.user)
    claimed = client.post(f"/api/training/enrolments/{enrolment.pk}/completed", **me)
    assert claimed.json()["status"] == "claimed"
    assert client.post(f"/api/training/enrolments/{enrolment.pk}/confirm", **me).status_code == 403
    assert client.get(f"/api/training/sessions/{past.pk}/roster", **me).status_code == 403
    roster = client.get(f"/api/training/sessions/{past.pk}/roster", **bearer(lena)).json()
    assert [(e["worker"], e["status"]) for e in roster] == [("rosa", "claimed")]
    done = client.post(f"/api/training/enrolments/{enrolment.pk}/confirm", **bearer(lena))
    assert (done.json()["status"], done.json()["verified_certification"]) == (
        "confirmed",
        "osha-10",
    )


def test_the_api_posts_courses_and_sessions_for_the_provider_managers():
    _, _, lena = providers()
    client = Client()
    made = client.post(
        "/api/training/courses",
        {
            "provider": "lakeshore",
            "title": "Forklift Operator",
            "kind": "certification",
            "certification": "forklift",
            "price": "150.00",
            "currency": "USD",
            "duration_hours": "6",
        },
        content_type="application/json",
        **bearer(lena),
    )
    assert made.status_code == 201
    assert (made.json()["slug"], made.json()["free"], made.json()["price"]) == (
        "lakeshore-forklift-operator",
        False,
        "150.00",
    )
    start = (timezone.now() + dt.timedelta(days=9)).replace(microsecond=0)
    created = client.post(
        "/api/training/sessions",
        {
            "course": "lakeshore-forklift-operator",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=6)).isoformat(),
            "timezone": "America/Chicago",
            "seats": 8,
            "online": True,
        },
        content_type="application/json",
        **bearer(lena),
    )
    assert created.status_code == 201
    assert (created.json()["online"], created.json()["seats_left"]) == (True, 8)
    refused = client.post(
        "/api/training/courses",
        {"provider": "nowhere", "title": "X", "kind": "programme", "duration_hours": "1"},
        content_type="application/json",
        **bearer(lena),
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "provider"]
    assert Course.objects.count() == 1


def test_the_pages_sign_up_cancel_and_the_provider_manages():
    lakeshore, _, lena = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6)
    worker = rosa()
    client = Client()
    catalog = client.get("/training/?certification=osha-10&near=Chicago, US").content.decode()
    assert "OSHA 10 for Entertainment" in catalog and "Chicago, 4 km" in catalog
    assert "Log in to sign up" in client.get(soon.get_absolute_url()).content.decode()

    client.force_login(worker.user)
    answer = client.post(f"/training/sessions/{soon.pk}/sign-up/", follow=True)
    text = answer.content.decode()
    assert "You are signed up. It is in your calendar." in text
    assert "Cancel my sign-up" in text
    mine = client.get("/training/mine/").content.decode()
    assert "OSHA 10 for Entertainment" in mine and "Signed up" in mine
    enrolment = Enrolment.objects.get()
    client.post(f"/training/enrolments/{enrolment.pk}/cancel/")
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"
    assert client.get("/orgs/lakeshore/training/").status_code == 403

    manager = Client()
    manager.force_login(lena)
    page = manager.get("/orgs/lakeshore/training/").content.decode()
    assert "Training at Lakeshore Safety Institute" in page
    bad = manager.post(
        "/orgs/lakeshore/training/courses/",
        {
            "course-title": "Lift",
            "course-kind": "certification",
            "course-price": "10",
            "course-currency": "USD",
            "course-duration_hours": "8",
        },
    )
    assert bad.status_code == 422
    assert "Name the certification the course leads to." in bad.content.decode()
    good = manager.post(
        "/orgs/lakeshore/training/sessions/",
        {
            "session-course": osha.slug,
            "session-start_date": "2099-01-05",
            "session-start_time": "09:00",
            "session-end_date": "2099-01-05",
            "session-end_time": "14:00",
            "session-city": "Chicago, US",
            "session-seats": "10",
        },
    )
    assert good.status_code == 302
    made = osha.sessions.get(starts_at__year=2099)
    assert (made.timezone, made.city, made.seats) == ("America/Chicago", "Chicago", 10)
    assert "Manage training" in manager.get("/orgs/lakeshore/").content.decode()


def test_the_command_lists_sessions_and_confirms_waiting_completions():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    session(osha, 6)
    then = timezone.now() - dt.timedelta(days=30)
    past = session(osha, -10, now=then)
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    services.enrolment_claim(actor=worker.user, enrolment=enrolment)

    out = io.StringIO()
    call_command("training", "sessions", "--near", "Chicago, US", "--cert", "osha-10", stdout=out)
    text = out.getvalue()
    assert "Lakeshore Safety Institute" in text and "Chicago, 4 km" in text
    assert text.rstrip().endswith("1 session.")
    with pytest.raises(CommandError, match="--cert: no certification called 'osha-99'"):
        call_command("training", "sessions", "--cert", "osha-99", stdout=io.StringIO())

    out = io.StringIO()
    call_command("training", "confirm", "--provider", "lakeshore", stdout=out, stderr=io.StringIO())
    assert out.getvalue() == "Confirmed: Rosa Delgado, OSHA 10 for Entertainment\n"
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"
    assert worker.certifications.get().verified_by == lakeshore


def test_the_catalog_page_and_api_list_in_the_same_number_of_queries_for_more_sessions():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    session(osha, 6)
    client = Client()

    def counted() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get("/training/").status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert client.get("/api/training/sessions").status_code == 200
        return len(page), len(api)

    few = counted()
    for days in (8, 10, 12, 14):
        session(course(lakeshore, f"Course {days}", "first-aid-cpr"), days)
    assert counted() == few


def test_after_the_session_her_page_asks_for_the_completion_then_names_who_confirms():
    lakeshore, _, _ = providers()
    then = timezone.now() - dt.timedelta(days=10)
    past = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), -3, now=then)
    worker = rosa()
    services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    client = Client()
    client.force_login(worker.user)
    page = client.get(past.get_absolute_url()).content.decode()
    assert "Cancel my sign-up" not in page and "It is in your calendar." not in page
    assert 'id="completed">I completed it</button>' in page
    enrolment = Enrolment.objects.get()
    client.post(f"/training/enrolments/{enrolment.pk}/completed/")
    page = client.get(past.get_absolute_url()).content.decode()
    assert (
        '<p id="enrolment-status"><strong>Waiting for Lakeshore Safety Institute to confirm.'
        "</strong></p>"
    ) in page
    mine = client.get("/training/mine/").content.decode()
    assert "<small>Waiting for Lakeshore Safety Institute to confirm</small>" in mine


def test_the_api_pages_courses_by_title_in_the_same_queries_for_a_longer_catalog():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lakeshore, online, _ = providers()
    course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    course(online, "Basic rigging theory", None, prerequisites=["osha-10"])
    course(lakeshore, "First aid and CPR", "first-aid-cpr")
    client = Client()

    def page_two() -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as seen:
            body = client.get("/api/training/courses?page=2&page_size=2").json()
        return body, len(seen)

    body, few = page_two()
    assert body["count"] == 3
    assert [(c["title"], c["provider_name"], c["certification"]) for c in body["items"]] == [
        ("OSHA 10 for Entertainment", "Lakeshore Safety Institute", "osha-10")
    ]
    first = client.get("/api/training/courses?page_size=2").json()["items"]
    assert [(c["title"], c["prerequisites"]) for c in first] == [
        ("Basic rigging theory", ["osha-10"]),
        ("First aid and CPR", []),
    ]
    course(online, "Theatre electrics", None, prerequisites=["osha-10"])
    body, more = page_two()
    assert [c["title"] for c in body["items"]] == ["OSHA 10 for Entertainment", "Theatre electrics"]
    assert more == few
