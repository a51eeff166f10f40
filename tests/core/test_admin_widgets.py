"""The admin's forms stay light at national scale: a relation into a table that grows with
the pool is typed as a key with a lookup, not offered as a menu of every row."""

import re

import pytest

from stagedoor.core.admin import MENU_TABLES
from tests.factories import OrganisationFactory, ShowFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db

FORMS = [
    "/admin/people/credit/add/",
    "/admin/people/workercertification/add/",
    "/admin/booking/booking/add/",
    "/admin/gigs/show/add/",
    "/admin/gigs/position/add/",
    "/admin/api/apitoken/add/",
]


def _options(client) -> dict[str, int]:
    counts = {}
    for url in FORMS:
        response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(re.findall(r"<option\b", response.content.decode()))
    return counts


def test_a_form_is_the_same_size_with_ten_times_the_pool(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    WorkerFactory()
    ShowFactory()
    before = _options(client)
    for _ in range(10):
        WorkerFactory()
        ShowFactory(organisation=OrganisationFactory())
    assert _options(client) == before


def test_the_worker_on_a_credit_is_a_key_box_and_the_role_a_menu(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    html = client.get("/admin/people/credit/add/").content.decode()
    assert re.search(r'<input[^>]*name="worker"[^>]*vForeignKeyRawIdAdminField', html)
    assert re.search(r'<select[^>]*name="role"', html)
    assert "industry.role" in MENU_TABLES


def test_shows_are_filtered_by_status_and_searched_by_organisation(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    ShowFactory(artist="Mara Holt", organisation=OrganisationFactory(name="Lakefront Live"))
    ShowFactory(artist="The Nightjars", organisation=OrganisationFactory(name="Spree Live"))
    html = client.get("/admin/gigs/show/?q=lakefront").content.decode()
    assert "Mara Holt" in html and "The Nightjars" not in html
    assert "By organisation" not in client.get("/admin/gigs/show/").content.decode()
