"""Signing up, cancelling, completing and confirming: exact outcomes and refusals by field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from stagedoor.booking.calendars import worker_calendar
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.validation import messages_of
from stagedoor.engine.months import add_months
from stagedoor.people.models import WorkerCertification
from stagedoor.training import services
from stagedoor.training.models import Enrolment
from tests.factories import UserFactory, WorkerFactory

from .world import at, course, day, providers, rosa, session

pytestmark = pytest.mark.django_db


def refused(fn, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        fn(**kwargs)
    return messages_of(caught.value)


def test_signing_up_twice_or_for_a_full_or_started_session_is_refused():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    one_seat = session(osha, 6, seats=1)
    worker = rosa()
    other = WorkerFactory(slug="ben", user__username="ben")

    services.enrolment_create(actor=worker.user, worker=worker, session=one_seat)
    assert refused(
        services.enrolment_create, actor=worker.user, worker=worker, session=one_seat
    ) == {"session": ["You are already signed up for this session."]}
    assert refused(services.enrolment_create, actor=other.user, worker=other, session=one_seat) == {
        "session": ["This session is full."]
    }
    assert refused(
        services.enrolment_create,
        actor=other.user,
        worker=other,
        session=one_seat,
        now=at(6, 9),
    ) == {"session": ["This session has already started."]}
    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=worker.user, worker=other, session=one_seat)
    assert Enrolment.objects.count() == 1


def test_cancelling_gives_the_seat_back_and_the_worker_may_sign_up_again():
    lakeshore, _, _ = providers()
    one_seat = session(course(lakeshore, "First Aid", "first-aid-cpr"), 6, seats=1)
    worker = rosa()
    other = WorkerFactory(slug="ben", user__username="ben")
    mine = services.enrolment_create(actor=worker.user, worker=worker, session=one_seat)
    services.enrolment_cancel(actor=worker.user, enrolment=mine)
    theirs = services.enrolment_create(actor=other.user, worker=other, session=one_seat)
    assert theirs.status == "enrolled"
    services.enrolment_cancel(actor=other.user, enrolment=theirs)
    again = services.enrolment_create(actor=worker.user, worker=worker, session=one_seat)
    assert list(Enrolment.objects.order_by("pk").values_list("worker__slug", "status")) == [
        ("rosa", "cancelled"),
        ("ben", "cancelled"),
        ("rosa", "enrolled"),
    ]
    assert again.pk != mine.pk


def test_a_missing_prerequisite_is_refused_naming_it():
    lakeshore, _, _ = providers()
    exam = course(
        lakeshore,
        "ETCP Arena exam window",
        "etcp-rigger-arena",
        price="700",
        prerequisites=["osha-10"],
        hours_required=3000,
        duration_hours=3,
    )
    worker = rosa()
    assert refused(
        services.enrolment_create, actor=worker.user, worker=worker, session=session(exam, 9)
    ) == {"session": ["ETCP Arena exam window asks for OSHA Outreach 10-hour first."]}


def test_bad_course_and_session_fields_are_refused_by_name_and_nothing_is_saved():
    lakeshore, _, lena = providers()
    assert refused(
        services.course_create,
        actor=lena,
        provider=lakeshore,
        title=" ",
        kind="workshop",
        certification="osha-99",
        price="-1",
        currency="usd",
        duration_hours="0",
    ) == {
        "title": ["Give the course a title."],
        "kind": ["Choose a certification course or a programme."],
        "certification": ["No certification called 'osha-99'."],
        "price": ["Give the price as an amount of at least 0, to the cent."],
        "currency": ["'usd' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."],
        "duration_hours": ["Give the length in hours, more than 0."],
    }
    osha = course(lakeshore, "OSHA 10", "osha-10")
    assert refused(
        services.session_create,
        actor=lena,
        course=osha,
        starts_at=at(-1, 9),
        ends_at=at(-1, 8),
        timezone_name="Chicago",
        seats=0,
    ) == {
        "timezone": ["'Chicago' is not an IANA time zone (e.g. Europe/Berlin)."],
        "starts_at": ["A session must start in the future."],
        "ends_at": ["A session must end after it starts."],
        "seats": ["Give the number of seats, at least 1."],
        "city": [
            "Give the city, or mark the session online.",
            "Give where the session is (latitude and longitude).",
        ],
    }
    assert osha.sessions.count() == 0
    stranger = UserFactory(username="stranger")
    with pytest.raises(PermissionDenied):
        services.course_create(
            actor=stranger, provider=lakeshore, title="X", kind="programme", duration_hours=1
        )


def test_completion_confirmed_by_the_provider_is_a_verified_certification_on_the_profile():
    lakeshore, _, lena = providers()
    aid = course(lakeshore, "First Aid, CPR and AED", "first-aid-cpr", price="95")
    then = timezone.now() - dt.timedelta(days=30)
    past = session(aid, -10, hours=5, now=then)
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    upcoming = session(aid, 5)
    later = services.enrolment_create(actor=worker.user, worker=worker, session=upcoming)
    assert refused(services.enrolment_claim, actor=worker.user, enrolment=later) == {
        "enrolment": ["You can record it once the session has ended."]
    }

    services.enrolment_claim(actor=worker.user, enrolment=enrolment)
    with pytest.raises(PermissionDenied):
        services.enrolment_confirm(actor=worker.user, enrolment=enrolment)
    done = services.enrolment_confirm(actor=lena, enrolment=enrolment)

    issued = day(-10)
    assert done.status == "confirmed"
    assert list(
        WorkerCertification.objects.filter(worker=worker).values_list(
            "certification__slug", "issued_on", "expires_on", "verified_by__name"
        )
    ) == [("first-aid-cpr", issued, add_months(issued, 24), "Lakeshore Safety Institute")]
    assert done.certification.worker == worker
    assert refused(services.enrolment_confirm, actor=lena, enrolment=done) == {
        "enrolment": ["Only a sign-up not yet decided can be confirmed."]
    }
    page = Client().get("/crew/rosa/").content.decode()
    assert "Verified by Lakeshore Safety Institute" in page


def test_a_declined_completion_leaves_the_profile_alone():
    lakeshore, _, lena = providers()
    then = timezone.now() - dt.timedelta(days=30)
    past = session(course(lakeshore, "OSHA 10", "osha-10"), -10, now=then)
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    services.enrolment_claim(actor=worker.user, enrolment=enrolment)
    assert services.enrolment_decline(actor=lena, enrolment=enrolment).status == "declined"
    assert WorkerCertification.objects.filter(worker=worker).count() == 0


def test_a_programme_completion_records_no_certification():
    lakeshore, _, _ = providers()
    then = timezone.now() - dt.timedelta(days=30)
    past = session(course(lakeshore, "Theatrical Production", None, price="2400"), -3, now=then)
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    done = services.enrolment_confirm(actor=OPERATOR, enrolment=enrolment)
    assert (done.status, done.certification) == ("confirmed", None)


def test_a_signed_up_session_is_in_the_worker_calendar_feed_and_a_cancelled_one_is_not():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    first = session(osha, 6)
    second = session(osha, 12)
    worker = rosa()
    keep = services.enrolment_create(actor=worker.user, worker=worker, session=first)
    gone = services.enrolment_create(actor=worker.user, worker=worker, session=second)
    services.enrolment_cancel(actor=worker.user, enrolment=gone)
    feed = worker_calendar(worker).decode().replace("\r\n ", "")
    assert feed.count("SUMMARY:Training: OSHA 10 for Entertainment") == 1
    assert f"UID:training-session-{first.pk}-{keep.pk}@stagedoor" in feed
    start = at(6, 8)
    assert f"DTSTART;TZID=America/Chicago:{start:%Y%m%dT%H%M%S}" in feed
    assert "LOCATION:1450 W Randolph St\\, Chicago" in feed
