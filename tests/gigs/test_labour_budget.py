"""A show's optional labour budget on every face: the form, the API and the admin."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from stagedoor.gigs.models import Show
from tests.factories import YEAR, bearer, show_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return show_world(org={"slug": "nl"}, venue={"slug": "kraftwerk"}, show={"slug": "mara"})


def form(world, **overrides):
    return {
        "venue": world["venue"].pk,
        "artist": "Mara Quinn",
        "title": "",
        "date": f"{YEAR}-12-04",
        "doors": "19:00",
        "show_time": "20:00",
        "curfew": "23:00",
        "status": "published",
        "notes": "",
        "catering_notes": "",
        "labour_budget": "9000",
    } | overrides


def test_form_sets_and_clears_the_budget(client, world):
    client.force_login(world["manager"])
    assert client.post("/manage/shows/mara/", form(world)).status_code == 302
    assert Show.objects.get(slug="mara").labour_budget == Decimal("9000.00")
    page = client.get("/manage/shows/mara/").text
    assert 'name="labour_budget" value="9000.00"' in page
    client.post("/manage/shows/mara/", form(world, labour_budget=""))
    assert Show.objects.get(slug="mara").labour_budget is None
    bad = client.post("/manage/shows/mara/", form(world, labour_budget="-5"))
    assert bad.status_code == 200
    assert 'id="id_labour_budget-errors"' in bad.text
    assert Show.objects.get(slug="mara").labour_budget is None


def test_api_creates_and_patches_the_budget(client, world):
    headers = bearer(world["manager"])
    body = {
        "organisation": "nl",
        "venue": "kraftwerk",
        "artist": "Juniper Static",
        "date": f"{YEAR}-12-11",
        "labour_budget": "4500.50",
    }
    created = client.post("/api/shows", body, content_type="application/json", **headers)
    assert (created.status_code, created.json()["labour_budget"]) == (201, "4500.50")
    patched = client.patch(
        "/api/shows/mara", {"labour_budget": 9000}, content_type="application/json", **headers
    )
    assert (patched.status_code, patched.json()["labour_budget"]) == (200, "9000.00")
    cleared = client.patch(
        "/api/shows/mara", {"labour_budget": None}, content_type="application/json", **headers
    )
    assert cleared.json()["labour_budget"] is None
    for value, message in ((-1, "Must not be negative."), ("1.005", "At most two decimal places.")):
        refused = client.patch(
            "/api/shows/mara", {"labour_budget": value}, content_type="application/json", **headers
        )
        assert refused.status_code == 422
        assert refused.json()["detail"] == [
            {"loc": ["body", "labour_budget"], "msg": message, "type": "value_error"}
        ]
    assert Show.objects.get(slug="mara").labour_budget is None


def test_admin_edits_the_budget(client, world):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.test", "pw")
    client.force_login(admin)
    show = world["show"]
    page = client.get(f"/admin/gigs/show/{show.pk}/change/").text
    assert 'name="labour_budget"' in page
