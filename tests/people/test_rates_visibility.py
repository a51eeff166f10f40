"""Day and hourly rates show on a public profile only if the worker chose to, and to managers."""

import json
from decimal import Decimal

import pytest

from stagedoor.people.models import WorkerProfile
from tests.factories import WorkerFactory, bearer, show_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana():
    return WorkerFactory(
        slug="ana",
        display_name="Ana Ruiz",
        user__username="ana",
        day_rate=Decimal("385.00"),
        hourly_rate=Decimal("48.50"),
        currency="EUR",
    )


def rates_on_page(client, worker) -> tuple[bool, bool]:
    body = client.get(f"/crew/{worker.slug}/").content.decode()
    return ("Day rate" in body and "385" in body, "Hourly" in body and "48.50" in body)


def test_rates_hidden_from_the_public_and_other_crew_unless_chosen(client, ana):
    assert rates_on_page(client, ana) == (False, False)
    client.force_login(WorkerFactory(slug="sam", user__username="sam").user)
    assert rates_on_page(client, ana) == (False, False)


def test_managers_and_the_worker_see_the_rates(client, ana):
    world = show_world()
    client.force_login(world["manager"])
    assert rates_on_page(client, ana) == (True, True)
    client.force_login(ana.user)
    assert rates_on_page(client, ana) == (True, True)


def test_a_worker_who_chose_to_show_them_shows_them_to_everyone(client, ana):
    client.force_login(ana.user)
    form = {
        "display_name": "Ana Ruiz", "headline": "", "bio": "", "home_city": "Berlin",
        "travel_radius_km": "50", "day_rate": "385", "hourly_rate": "48.50",
        "currency": "EUR", "show_rates": "on", "phone": "", "is_public": "on",
    }  # fmt: skip
    assert client.post("/me/profile/", form).status_code == 302
    ana.refresh_from_db()
    assert ana.show_rates is True
    client.logout()
    assert rates_on_page(client, ana) == (True, True)


def test_the_choice_through_the_api(client, ana):
    response = client.patch(
        "/api/me/profile",
        json.dumps({"show_rates": True}),
        content_type="application/json",
        **bearer(ana.user),
    )
    assert response.status_code == 200, response.content
    assert WorkerProfile.objects.get(pk=ana.pk).show_rates is True
    assert rates_on_page(client, ana) == (True, True)
