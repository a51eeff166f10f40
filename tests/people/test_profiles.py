import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stagedoor.core.places import find_place, find_places
from stagedoor.core.validation import messages_of
from stagedoor.people import services
from stagedoor.people.models import WorkerCertification, WorkerProfile
from tests.factories import BERLIN, YEAR, UserFactory, WorkerFactory, give_role

pytestmark = pytest.mark.django_db


def test_typing_a_city_finds_it():
    austin = find_place("Austin")
    assert (austin.name, austin.country, austin.timezone) == ("Austin", "US", "America/Chicago")
    assert round(austin.latitude, 2) == 30.27
    assert find_place("Manchester, GB").timezone == "Europe/London"
    assert find_place("manchester, nh").country == "US"
    assert find_place("Zürich").name == "Zürich"
    assert find_place("zurich").name == "Zürich"
    assert find_places("Qwzxville") == []


def test_profile_create_locates_the_city():
    user = UserFactory(username="lena")
    worker = services.profile_create(user=user, display_name="Lena Vogel", home_city="hamburg")
    assert (worker.home_city, worker.country, worker.slug) == ("Hamburg", "DE", "lena-vogel")
    assert round(worker.latitude, 1) == 53.6


def test_worker_changes_own_profile_and_city_moves_coordinates():
    worker = WorkerFactory(display_name="Ana")
    services.profile_update(
        actor=worker.user, worker=worker, home_city="London", day_rate="300", currency="GBP"
    )
    worker.refresh_from_db()
    assert (worker.home_city, worker.country, worker.day_rate) == ("London", "GB", Decimal("300"))
    assert round(worker.latitude, 1) == 51.5


def test_profile_bad_input_names_fields_and_saves_nothing():
    worker = WorkerFactory(day_rate=Decimal("250.00"))
    with pytest.raises(ValidationError) as info:
        services.profile_update(
            actor=worker.user,
            worker=worker,
            home_city="Qwzxville",
            day_rate=Decimal("-5"),
            currency="ZZZ",
            travel_radius_km=-3,
        )
    assert messages_of(info.value) == {
        "home_city": ["No city called 'Qwzxville' is known; try 'City, CC'."],
        "travel_radius_km": ["Give a distance in kilometres from 0 to 20000."],
        "day_rate": ["Must not be negative."],
        "currency": ["'ZZZ' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."],
    }
    worker.refresh_from_db()
    assert (worker.home_city, worker.day_rate) == ("Berlin", Decimal("250.00"))


def test_workers_change_only_their_own_profile():
    worker = WorkerFactory(display_name="Ana")
    other = WorkerFactory()
    for actor in (other.user, None):
        with pytest.raises(PermissionDenied):
            services.profile_update(actor=actor, worker=worker, display_name="Hacked")
        with pytest.raises(PermissionDenied):
            services.worker_skill_set(actor=actor, worker=worker, skill="dante", level=5)
    worker.refresh_from_db()
    assert worker.display_name == "Ana"
    admin = UserFactory(username="root", is_superuser=True)
    services.profile_update(actor=admin, worker=worker, display_name="Ana R.")
    assert WorkerProfile.objects.get(pk=worker.pk).display_name == "Ana R."


def test_certification_expiry_defaults_from_validity():
    worker = WorkerFactory()
    cert = services.worker_certification_add(
        actor=worker.user,
        worker=worker,
        certification="etcp-rigger-arena",
        issued_on=dt.date(2023, 3, 31),
    )
    assert cert.expires_on == dt.date(2028, 3, 31)
    osha = services.worker_certification_add(
        actor=worker.user, worker=worker, certification="osha-10", issued_on=dt.date(2020, 1, 5)
    )
    assert osha.expires_on is None
    assert osha.valid_on(dt.date(2030, 1, 1)) is True
    assert cert.valid_on(dt.date(2028, 4, 1)) is False
    with pytest.raises(ValidationError) as info:
        services.worker_certification_add(
            actor=worker.user,
            worker=worker,
            certification="first-aid-cpr",
            issued_on=dt.date(2025, 1, 1),
            expires_on=dt.date(2024, 1, 1),
        )
    assert messages_of(info.value) == {
        "expires_on": ["A certification must expire after it was issued."]
    }
    assert WorkerCertification.objects.count() == 2


def test_roles_skills_and_availability():
    worker = WorkerFactory()
    services.worker_role_set(
        actor=worker.user, worker=worker, role="rigger", level="senior", years=8, is_primary=True
    )
    services.worker_role_set(actor=worker.user, worker=worker, role="rigger", level="lead", years=9)
    assert list(worker.roles.values_list("role__slug", "level", "years")) == [("rigger", "lead", 9)]
    with pytest.raises(ValidationError) as info:
        services.worker_role_set(actor=worker.user, worker=worker, role="pilot", level="ace")
    assert messages_of(info.value) == {
        "role": ["'pilot' is not a role in the catalog."],
        "level": ["'ace' is not one of entry, mid, senior, lead."],
    }
    with pytest.raises(ValidationError) as info:
        services.worker_skill_set(actor=worker.user, worker=worker, skill="dante", level=6)
    assert messages_of(info.value) == {"level": ["Rate the skill from 1 (basic) to 5 (expert)."]}
    with pytest.raises(ValidationError) as info:
        services.availability_add(
            actor=worker.user,
            worker=worker,
            kind="unavailable",
            starts_at=dt.datetime(YEAR, 12, 5, tzinfo=BERLIN),
            ends_at=dt.datetime(YEAR, 12, 1, tzinfo=BERLIN),
        )
    assert messages_of(info.value) == {"ends_at": ["The block must end after it starts."]}


def test_public_profile_page_hides_private_fields(client):
    worker = WorkerFactory(slug="ana", display_name="Ana Ruiz", phone="+49 30 999")
    give_role(worker, "rigger", "senior", 9)
    body = client.get("/crew/ana/").content.decode()
    assert "<h1>Ana Ruiz</h1>" in body
    assert "Rigger" in body
    assert "+49 30 999" not in body
    WorkerProfile.objects.filter(pk=worker.pk).update(is_public=False)
    assert client.get("/crew/ana/").status_code == 404


def test_crew_directory_query_count_is_flat(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        give_role(WorkerFactory(), "stagehand")
    with CaptureQueriesContext(connection) as few:
        client.get("/crew/")
    for _ in range(10):
        give_role(WorkerFactory(), "rigger")
    with CaptureQueriesContext(connection) as many:
        body = client.get("/crew/?role=rigger").content.decode()
    assert body.count('href="/crew/worker-') == 10
    assert len(few.captured_queries) == len(many.captured_queries) == 4


def test_profile_editor_saves_and_reports_errors(client):
    worker = WorkerFactory(display_name="Ana")
    client.force_login(worker.user)
    page = client.get("/me/profile/").content.decode()
    assert 'value="Ana"' in page
    form = {
        "display_name": "Ana Ruiz",
        "headline": "Rigger",
        "bio": "",
        "home_city": "Manchester, GB",
        "travel_radius_km": "80",
        "willing_to_tour": "on",
        "day_rate": "320",
        "hourly_rate": "",
        "currency": "GBP",
        "phone": "",
        "is_public": "on",
    }
    assert client.post("/me/profile/", form).status_code == 302
    worker.refresh_from_db()
    assert (worker.display_name, worker.home_city, worker.willing_to_tour) == (
        "Ana Ruiz",
        "Manchester",
        True,
    )
    response = client.post("/me/profile/", form | {"home_city": "Qwzxville"})
    assert (
        "No city called &#x27;Qwzxville&#x27; is known; try &#x27;City, CC&#x27;."
        in response.content.decode()
    )
    response = client.post("/me/profile/skill/", {"skill-skill": "dante", "skill-level": "4"})
    assert response.status_code == 302
    assert list(worker.skills.values_list("skill__slug", "level")) == [("dante", 4)]
