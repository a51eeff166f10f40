import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from stagedoor.api.models import ApiToken
from stagedoor.gigs.models import Position, Show
from tests.factories import (
    YEAR,
    PositionFactory,
    ShowFactory,
    UserFactory,
    WorkerFactory,
    give_role,
    show_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = show_world(
        org={"slug": "northern-lights", "name": "Northern Lights"},
        venue={"slug": "kraftwerk"},
        show={"slug": "mara-berlin", "artist": "Mara Quinn"},
    )
    _, world["key"] = ApiToken.issue(user=world["manager"])
    return world


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_openapi_schema_lists_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Stagedoor API"
    assert sorted(schema["paths"]) == [
        "/api/accounts/confirm",
        "/api/accounts/new-link",
        "/api/accounts/onboarding",
        "/api/accounts/onboarding/place",
        "/api/accounts/onboarding/steps/{step}",
        "/api/accounts/signup",
        "/api/bookings/{booking_id}/cancel",
        "/api/bookings/{booking_id}/crew-chief",
        "/api/bookings/{booking_id}/no-show",
        "/api/bookings/{booking_id}/rating",
        "/api/bookings/{booking_id}/timesheet",
        "/api/bookings/{booking_id}/timesheet/approve",
        "/api/bookings/{booking_id}/timesheet/check-in",
        "/api/bookings/{booking_id}/timesheet/check-out",
        "/api/bookings/{booking_id}/timesheet/correct",
        "/api/bookings/{booking_id}/timesheet/dispute",
        "/api/bookings/{booking_id}/timesheet/submit",
        "/api/careers/path",
        "/api/careers/plan",
        "/api/careers/start",
        "/api/certifications",
        "/api/classify",
        "/api/crew-templates",
        "/api/crew-templates/{template_id}",
        "/api/crew-templates/{template_id}/apply",
        "/api/events",
        "/api/events/import",
        "/api/events/{slug}",
        "/api/events/{slug}/going",
        "/api/hall/me/record",
        "/api/hall/offers/{offer_id}/answer",
        "/api/hall/requests",
        "/api/hall/{slug}/dispatch",
        "/api/hall/{slug}/lists",
        "/api/hall/{slug}/log",
        "/api/hall/{slug}/requests",
        "/api/hall/{slug}/runs",
        "/api/holds/{hold_id}/release",
        "/api/imports",
        "/api/imports/{run_id}",
        "/api/invitations/accept",
        "/api/jobs",
        "/api/manage/week",
        "/api/me/applications",
        "/api/me/bookings",
        "/api/me/calendar",
        "/api/me/calendar/revoke",
        "/api/me/events",
        "/api/me/gigs",
        "/api/me/income",
        "/api/me/notifications",
        "/api/me/offers",
        "/api/me/pay",
        "/api/me/portfolio",
        "/api/me/profile",
        "/api/me/profile/availability",
        "/api/me/profile/certifications",
        "/api/me/profile/roles",
        "/api/me/profile/skills",
        "/api/me/saved-postings",
        "/api/me/studio-quotes",
        "/api/me/today",
        "/api/mentoring/mentorships",
        "/api/mentoring/mentorships/{pk}/accept",
        "/api/mentoring/mentorships/{pk}/decline",
        "/api/mentoring/mentorships/{pk}/recommendations",
        "/api/mentoring/mentorships/{pk}/sessions",
        "/api/mentoring/offer",
        "/api/mentoring/offers",
        "/api/mentoring/requests",
        "/api/mentoring/suggestions",
        "/api/offers/{offer_id}/accept",
        "/api/offers/{offer_id}/decline",
        "/api/offers/{offer_id}/withdraw",
        "/api/openings",
        "/api/openings/applications/{application_id}/complete",
        "/api/openings/applications/{application_id}/decision",
        "/api/openings/{slug}",
        "/api/openings/{slug}/applications",
        "/api/openings/{slug}/apply",
        "/api/openings/{slug}/close",
        "/api/ops/health",
        "/api/ops/outbox",
        "/api/organisations",
        "/api/organisations/{slug}",
        "/api/orgs",
        "/api/orgs/{slug}/invitations",
        "/api/orgs/{slug}/invitations/{invitation_id}",
        "/api/orgs/{slug}/pay-rules",
        "/api/orgs/{slug}/payroll",
        "/api/positions",
        "/api/positions/{position_id}",
        "/api/positions/{position_id}/auto-backfill",
        "/api/positions/{position_id}/cancel",
        "/api/positions/{position_id}/candidates",
        "/api/positions/{position_id}/holds",
        "/api/positions/{position_id}/interest",
        "/api/positions/{position_id}/interested",
        "/api/positions/{position_id}/offers",
        "/api/positions/{position_id}/why-not/{worker}",
        "/api/postings",
        "/api/postings/{posting_id}/save",
        "/api/projects/{slug}/cancel",
        "/api/roles",
        "/api/roles/{slug}",
        "/api/shows",
        "/api/shows/{slug}",
        "/api/shows/{slug}/call-sheet",
        "/api/shows/{slug}/cancel",
        "/api/shows/{slug}/copy-crew-to-tour",
        "/api/shows/{slug}/pay",
        "/api/shows/{slug}/staffing",
        "/api/skills",
        "/api/staffing/runs",
        "/api/staffing/runs/{run_id}",
        "/api/staffing/runs/{run_id}/accept",
        "/api/staffing/runs/{run_id}/offers",
        "/api/staffing/runs/{run_id}/offers/cancel",
        "/api/studio/deliverables/{pk}/approve",
        "/api/studio/deliverables/{pk}/deliver",
        "/api/studio/deliverables/{pk}/revise",
        "/api/studio/projects",
        "/api/studio/projects/{slug}",
        "/api/studio/projects/{slug}/deliverables",
        "/api/studio/projects/{slug}/invitations",
        "/api/studio/projects/{slug}/quotes",
        "/api/studio/quotes/{pk}/accept",
        "/api/tasks/{task_id}",
        "/api/tasks/{task_id}/cancel",
        "/api/tokens",
        "/api/tokens/{token_id}",
        "/api/tours/{slug}/budget",
        "/api/tours/{slug}/days",
        "/api/tours/{slug}/days/{date}",
        "/api/tours/{slug}/days/{date}/legs",
        "/api/tours/{slug}/days/{date}/sheet",
        "/api/tours/{slug}/engagements",
        "/api/tours/{slug}/itinerary",
        "/api/tours/{slug}/labour-cost",
        "/api/tours/{slug}/legs/{leg_id}",
        "/api/training/courses",
        "/api/training/courses/{slug}",
        "/api/training/enrolments",
        "/api/training/enrolments/{enrolment_id}/cancel",
        "/api/training/enrolments/{enrolment_id}/completed",
        "/api/training/enrolments/{enrolment_id}/confirm",
        "/api/training/enrolments/{enrolment_id}/decline",
        "/api/training/sessions",
        "/api/training/sessions/{session_id}",
        "/api/training/sessions/{session_id}/enrolments",
        "/api/training/sessions/{session_id}/roster",
        "/api/venues",
        "/api/venues/{slug}",
        "/api/workers",
        "/api/workers/{slug}",
    ]
    assert client.get("/api/docs").status_code == 200


def test_roles_are_paginated_with_catalog_fields(client):
    body = client.get("/api/roles?page=1").json()
    assert body["count"] >= 29
    foh = client.get("/api/roles/foh-engineer").json()
    assert foh["name"] == "Front of House Engineer"
    assert foh["setting"] == "live"
    assert foh["onet_code"] == "27-4014.00"
    assert "production-manager" in foh["leads_to"]
    assert client.get("/api/roles/dj").status_code == 404


def test_read_endpoints(client, world):
    PositionFactory(show=world["show"], headcount=4)
    assert client.get("/api/organisations/northern-lights").json()["kind"] == "promoter"
    venue = client.get("/api/venues/kraftwerk").json()
    assert (venue["timezone"], venue["organisation"]) == (
        "Europe/Berlin",
        world["venue"].organisation.slug,
    )
    shows = client.get("/api/shows").json()
    assert [s["slug"] for s in shows["items"]] == ["mara-berlin"]
    detail = client.get("/api/shows/mara-berlin").json()
    assert [(p["role"], p["headcount"], p["pay_amount"]) for p in detail["positions"]] == [
        ("stagehand", 4, "28.00")
    ]
    assert detail["positions"][0]["call_start"] == f"{YEAR}-12-04T08:00:00Z"


def test_worker_public_profile_hides_phone(client):
    worker = WorkerFactory(slug="ana", display_name="Ana Ruiz", phone="+49 555")
    give_role(worker, "rigger", "senior", 9)
    body = client.get("/api/workers/ana").json()
    assert body["display_name"] == "Ana Ruiz"
    assert body["roles"] == [{"role": "rigger", "level": "senior", "years": 9}]
    assert "phone" not in body
    assert client.get("/api/workers?role=rigger").json()["count"] == 1
    assert client.get("/api/workers?role=composer").json()["count"] == 0


def test_draft_shows_are_hidden_from_the_public(client, world):
    ShowFactory(organisation=world["org"], slug="secret", status="draft")
    assert client.get("/api/shows/secret").status_code == 404
    # A read with the manager's own token reads their draft, as their session does.
    assert client.get("/api/shows/secret", **bearer(world["key"])).status_code == 200
    _, stranger = ApiToken.issue(user=UserFactory(username="nosy"), scope="read")
    assert client.get("/api/shows/secret", **bearer(stranger)).status_code == 404
    client.force_login(world["manager"])
    assert client.get("/api/shows/secret").status_code == 200


def show_body(**overrides):
    return {
        "organisation": "northern-lights",
        "venue": "kraftwerk",
        "artist": "Juniper Static",
        "date": f"{YEAR}-12-11",
        "doors_at": f"{YEAR}-12-11T19:00:00+01:00",
        "show_at": f"{YEAR}-12-11T20:00:00+01:00",
        "status": "published",
    } | overrides


def test_create_show_with_token(client, world):
    response = client.post(
        "/api/shows", show_body(), content_type="application/json", **bearer(world["key"])
    )
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == f"juniper-static-berlin-{YEAR}-12-11"
    assert response.json()["doors_at"] == f"{YEAR}-12-11T18:00:00Z"


def test_create_show_requires_auth_and_membership(client, world):
    response = client.post("/api/shows", show_body(), content_type="application/json")
    assert response.status_code == 401
    _, stranger_key = ApiToken.issue(user=UserFactory(username="stranger"))
    response = client.post(
        "/api/shows", show_body(), content_type="application/json", **bearer(stranger_key)
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the organisation's managers can create shows."}
    assert Show.objects.count() == 1


def test_session_auth_needs_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["manager"])
    response = client.post("/api/shows", show_body(), content_type="application/json")
    assert response.status_code == 403
    assert Show.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"venue": "nowhere"}, "venue", "'nowhere' does not exist."),
        ({"organisation": "nobody"}, "organisation", "'nobody' does not exist."),
        (
            {"doors_at": f"{YEAR}-12-11T19:00:00"},
            "doors_at",
            "Give a time zone or UTC offset; a naive date and time is ambiguous.",
        ),
        ({"artist": " "}, "artist", "This field is required."),
    ],
)
def test_create_show_bad_input_is_422(client, world, overrides, field, message):
    response = client.post(
        "/api/shows",
        show_body(**overrides),
        content_type="application/json",
        **bearer(world["key"]),
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", field], "msg": message, "type": "value_error"}]
    }
    assert Show.objects.count() == 1


def position_body(**overrides):
    return {
        "show": "mara-berlin",
        "role": "foh-engineer",
        "level": "senior",
        "headcount": 1,
        "call_start": f"{YEAR}-12-04T14:00:00+01:00",
        "call_end": f"{YEAR}-12-04T23:30:00+01:00",
        "pay_amount": "450.00",
        "pay_unit": "day",
        "currency": "EUR",
        "required_skills": {"digico-sd": 3},
    } | overrides


def test_create_update_delete_position(client, world):
    response = client.post(
        "/api/positions", position_body(), content_type="application/json", **bearer(world["key"])
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["role"], body["level"], body["required_skills"]) == (
        "foh-engineer",
        "senior",
        {"digico-sd": 3},
    )
    assert body["call_end"] == f"{YEAR}-12-04T22:30:00Z"
    response = client.patch(
        f"/api/positions/{body['id']}",
        {"headcount": 2},
        content_type="application/json",
        **bearer(world["key"]),
    )
    assert response.json()["headcount"] == 2
    assert response.json()["required_skills"] == {"digico-sd": 3}
    response = client.delete(f"/api/positions/{body['id']}", **bearer(world["key"]))
    assert response.status_code == 204
    assert Position.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"call_end": f"{YEAR}-12-04T13:00:00+01:00"},
            "call_end",
            "The call must end after it starts.",
        ),
        ({"headcount": 0}, "headcount", "At least one person is needed."),
        ({"pay_amount": "-10"}, "pay_amount", "Must not be negative."),
        ({"role": "dj"}, "role", "'dj' is not a role in the catalog."),
        (
            {"currency": "EURO"},
            "currency",
            "'EURO' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP).",
        ),
        (
            {"call_start": f"{YEAR}-12-04T14:00:00"},
            "call_start",
            "Give a time zone or UTC offset; a naive date and time is ambiguous.",
        ),
    ],
)
def test_create_position_bad_input_is_422(client, world, overrides, field, message):
    response = client.post(
        "/api/positions",
        position_body(**overrides),
        content_type="application/json",
        **bearer(world["key"]),
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", field], "msg": message, "type": "value_error"}]
    }
    assert Position.objects.count() == 0


def test_position_type_errors_are_422_naming_the_field(client, world):
    response = client.post(
        "/api/positions",
        position_body(headcount="many"),
        content_type="application/json",
        **bearer(world["key"]),
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "payload", "headcount"]]


def test_update_position_of_another_org_is_403(client, world):
    other = PositionFactory()
    response = client.patch(
        f"/api/positions/{other.pk}",
        {"headcount": 9},
        content_type="application/json",
        **bearer(world["key"]),
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.headcount == 4


def test_revoked_or_wrong_token_is_401(client, world):
    response = client.post(
        "/api/shows", show_body(), content_type="application/json", **bearer("sd_wrong")
    )
    assert response.status_code == 401
    token = ApiToken.objects.get(user=world["manager"])
    assert token.last_used_at is None
    client.post("/api/shows", show_body(), content_type="application/json", **bearer(world["key"]))
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.digest != world["key"]


def test_list_positions_filters_by_role(client, world, settings):
    future = dt.datetime(2099, 1, 1, 9, tzinfo=dt.UTC)
    PositionFactory(show=world["show"], call_start=future, call_end=future + dt.timedelta(hours=4))
    assert client.get("/api/positions?role=stagehand").json()["count"] == 1
    assert client.get("/api/positions?role=rigger").json()["count"] == 0


def test_worker_rates_show_as_on_the_profile_page(client):
    chose = WorkerFactory(
        slug="ana", day_rate=Decimal("420"), hourly_rate=Decimal("55"), currency="EUR"
    )
    chose.show_rates = True
    chose.save(update_fields=["show_rates"])
    private = WorkerFactory(slug="bo", day_rate=Decimal("300"), currency="USD")
    rates = {"day_rate": "420.00", "hourly_rate": "55.00", "currency": "EUR"}
    assert client.get("/api/workers/ana").json()["rates"] == rates
    assert "<dt>Day rate</dt><dd>€420.00</dd>" in client.get("/crew/ana/").content.decode()
    assert client.get("/api/workers/bo").json()["rates"] is None
    assert "Day rate" not in client.get("/crew/bo/").content.decode()

    client.force_login(private.user)  # the worker sees their own
    assert client.get("/api/workers/bo").json()["rates"] == {
        "day_rate": "300.00",
        "hourly_rate": None,
        "currency": "USD",
    }
    client.force_login(UserFactory(username="nosy"))  # neither chose nor manages
    assert client.get("/api/workers/bo").json()["rates"] is None
    manager = show_world(manager="boss")["manager"]
    _, key = ApiToken.issue(user=manager, scope="read")
    client.logout()
    assert client.get("/api/workers/bo", **bearer(key)).json()["rates"]["day_rate"] == "300.00"
