"""A training provider's own managers run its training, not only the site's admin: they
change courses and sessions, see who signed up and confirm completions, from the
organisation's training page; the services check who they are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from stagedoor.core.validation import messages_of
from stagedoor.people.models import WorkerCertification
from stagedoor.training import services
from stagedoor.training.models import Enrolment
from tests.factories import OrganisationFactory, WorkerFactory, bearer, manager_of

from .world import at, course, providers, rosa, session

pytestmark = pytest.mark.django_db


def course_fields(**overrides) -> dict:
    data = {
        "title": "OSHA 10 for Entertainment (weekend)",
        "kind": "certification",
        "certification": "osha-10",
        "description": "Two mornings.",
        "prerequisites": [],
        "hours_required": None,
        "price": "99.00",
        "currency": "USD",
        "duration_hours": 10,
    }
    return {**data, **overrides}


def test_a_manager_of_the_provider_changes_a_course_and_nobody_else_can():
    lakeshore, online, lena = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    slug = osha.slug

    changed = services.course_update(actor=lena, course=osha, **course_fields())

    changed.refresh_from_db()
    assert (changed.slug, changed.title, changed.price, changed.description) == (
        slug,
        "OSHA 10 for Entertainment (weekend)",
        Decimal("99.00"),
        "Two mornings.",
    )
    owen = online.membership_set.get().user  # manages the other provider only
    chief = manager_of(lakeshore, "chief", role="crew_chief")
    for outsider in (owen, chief):
        with pytest.raises(PermissionDenied):
            services.course_update(actor=outsider, course=osha, **course_fields(title="x"))
    with pytest.raises(ValidationError) as caught:
        services.course_update(actor=lena, course=osha, **course_fields(title="", price="-1"))
    assert sorted(messages_of(caught.value)) == ["price", "title"]


def test_a_manager_moves_a_session_but_never_below_the_seats_taken_nor_once_started():
    lakeshore, _, lena = providers()
    soon = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), 6, seats=3)
    for name in ("a", "b"):
        worker = WorkerFactory(slug=name, user__username=name)
        services.enrolment_create(actor=worker.user, worker=worker, session=soon)
    where = {
        "city": "Chicago",
        "address": "600 W Fulton St",
        "latitude": 41.88,
        "longitude": -87.64,
    }

    with pytest.raises(ValidationError) as caught:
        services.session_update(
            actor=lena, session=soon, starts_at=at(7, 9), ends_at=at(7, 14),
            timezone_name="America/Chicago", seats=1, **where,
        )  # fmt: skip
    assert messages_of(caught.value) == {
        "seats": ["2 people have signed up; keep at least 2 seats."]
    }
    moved = services.session_update(
        actor=lena, session=soon, starts_at=at(7, 9), ends_at=at(7, 14),
        timezone_name="America/Chicago", seats=2, **where,
    )  # fmt: skip
    moved.refresh_from_db()
    assert (moved.starts_at, moved.seats, moved.address) == (at(7, 9), 2, "600 W Fulton St")
    with pytest.raises(PermissionDenied):
        services.session_update(
            actor=manager_of(OrganisationFactory(slug="other"), "other"), session=soon,
            starts_at=at(7, 9), ends_at=at(7, 14), timezone_name="America/Chicago", seats=2,
            **where,
        )  # fmt: skip
    later = timezone.now() + dt.timedelta(days=8)
    with pytest.raises(ValidationError) as caught:
        services.session_update(
            actor=lena, session=soon, starts_at=at(9, 9), ends_at=at(9, 14),
            timezone_name="America/Chicago", seats=2, now=later, **where,
        )  # fmt: skip
    assert messages_of(caught.value) == {
        "session": ["This session has started; it can no longer be changed."]
    }


def test_the_managers_pages_change_courses_and_sessions_and_confirm_completions():
    lakeshore, _, lena = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6)
    then = timezone.now() - dt.timedelta(days=10)
    past = session(osha, -3, now=then)
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    services.enrolment_claim(actor=worker.user, enrolment=enrolment)
    client = Client()
    client.force_login(lena)

    page = client.get("/orgs/lakeshore/training/").content.decode()
    assert f'class="change" href="/orgs/lakeshore/training/courses/{osha.slug}/">Change</a>' in (
        page
    )
    assert f'class="change" href="/training/sessions/{soon.pk}/edit/">Change</a>' in page
    assert f'href="/training/sessions/{past.pk}/roster/"' in page  # held lately
    form = client.get(f"/orgs/lakeshore/training/courses/{osha.slug}/").content.decode()
    assert 'value="OSHA 10 for Entertainment"' in form
    bad = client.post(
        f"/orgs/lakeshore/training/courses/{osha.slug}/",
        {f"course-{k}": v for k, v in course_fields(price="").items() if v is not None},
    )
    assert bad.status_code == 422
    good = client.post(
        f"/orgs/lakeshore/training/courses/{osha.slug}/",
        {
            "course-title": "OSHA 10 (weekend)",
            "course-kind": "certification",
            "course-certification": "osha-10",
            "course-price": "99",
            "course-currency": "usd",
            "course-duration_hours": "10",
        },
    )
    assert (good.status_code, good["Location"]) == (302, "/orgs/lakeshore/training/")
    osha.refresh_from_db()
    assert (osha.title, osha.price) == ("OSHA 10 (weekend)", Decimal("99.00"))

    form = client.get(f"/training/sessions/{soon.pk}/edit/").content.decode()
    assert f'value="{at(6, 8):%Y-%m-%d}"' in form and 'value="08:00"' in form
    moved = client.post(
        f"/training/sessions/{soon.pk}/edit/",
        {
            "session-course": osha.slug,
            "session-start_date": f"{at(6):%Y-%m-%d}",
            "session-start_time": "10:00",
            "session-end_date": f"{at(6):%Y-%m-%d}",
            "session-end_time": "15:00",
            "session-city": "Chicago, US",
            "session-seats": "20",
        },
    )
    assert moved.status_code == 302
    spot = (soon.latitude, soon.longitude)
    soon.refresh_from_db()
    assert (soon.starts_at, soon.seats) == (at(6, 10), 20)
    assert (soon.latitude, soon.longitude) == spot  # same city: the street's spot stays

    roster = client.get(f"/training/sessions/{past.pk}/roster/").content.decode()
    # To the provider a completion she recorded is their own to-do, not "waiting for the
    # provider"; she still reads that it waits for them.
    assert "Rosa Delgado" in roster and "<td>Says they completed it: confirm</td>" in roster
    assert "waiting for the provider" not in roster
    client.force_login(worker.user)
    mine = client.get("/training/mine/").content.decode()
    assert "<small>Waiting for Lakeshore Safety Institute to confirm</small>" in mine
    client.force_login(lena)
    client.post(f"/training/enrolments/{enrolment.pk}/confirm/")
    assert Enrolment.objects.get().status == "confirmed"
    roster = client.get(f"/training/sessions/{past.pk}/roster/").content.decode()
    assert "<td>Completed; you confirmed it</td>" in roster
    assert WorkerCertification.objects.get(worker=worker).verified_by == lakeshore
    assert "Manage training" in client.get("/orgs/lakeshore/").content.decode()


def test_a_crew_chief_of_the_provider_neither_sees_nor_opens_its_training_pages():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6)
    client = Client()
    client.force_login(manager_of(lakeshore, "chief", role="crew_chief"))
    assert "Manage training" not in client.get("/orgs/lakeshore/").content.decode()
    for url in (
        "/orgs/lakeshore/training/",
        f"/orgs/lakeshore/training/courses/{osha.slug}/",
        f"/training/sessions/{soon.pk}/edit/",
        f"/training/sessions/{soon.pk}/roster/",
    ):
        assert client.get(url).status_code == 403, url


def test_the_api_lets_the_providers_managers_change_courses_and_sessions():
    lakeshore, online, lena = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6, seats=3)
    worker = rosa()
    services.enrolment_create(actor=worker.user, worker=worker, session=soon)
    client = Client()
    owen = online.membership_set.get().user

    fields = course_fields(price="99.00")
    changed = client.put(
        f"/api/training/courses/{osha.slug}", fields, content_type="application/json",
        **bearer(lena),
    )  # fmt: skip
    assert changed.status_code == 200
    assert (changed.json()["slug"], changed.json()["price"]) == (osha.slug, "99.00")
    refused = client.put(
        f"/api/training/courses/{osha.slug}", fields, content_type="application/json",
        **bearer(owen),
    )  # fmt: skip
    assert refused.status_code == 403

    moved = {
        "course": osha.slug,
        "starts_at": at(7, 9).isoformat(),
        "ends_at": at(7, 14).isoformat(),
        "timezone": "America/Chicago",
        "seats": 0,
        "city": "Chicago",
        "latitude": 41.88,
        "longitude": -87.64,
    }
    url = f"/api/training/sessions/{soon.pk}"
    bad = client.put(url, moved, content_type="application/json", **bearer(lena))
    assert bad.status_code == 422
    assert "seats" in str(bad.json())
    good = client.put(url, {**moved, "seats": 5}, content_type="application/json", **bearer(lena))
    assert good.status_code == 200
    assert (good.json()["seats"], good.json()["seats_left"]) == (5, 4)
    assert good.json()["starts_at"] == at(7, 9).isoformat()
    assert (
        client.put(
            url, {**moved, "seats": 5}, content_type="application/json", **bearer(owen)
        ).status_code
        == 403
    )
