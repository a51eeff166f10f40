"""Imported postings: apply at the source, save them, and the saved list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stagedoor.boards.models import ExternalPosting, SavedPosting

from .world import build_world, day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    w["posting"] = ExternalPosting.objects.create(
        source="crewboard",
        source_url="https://crewboard.example/jobs/7",
        employer_name="Kiez Productions",
        title="Rigger",
        city="Berlin",
        country="DE",
        starts_on=day_in(12),
        pay_amount=Decimal("300"),
        pay_unit="day",
        currency="EUR",
        fingerprint="f",
        last_seen=dt.datetime.now(dt.UTC),
    )
    return w


def test_apply_at_the_source_links_the_original_posting(client, world):
    page = client.get("/jobs/").content.decode()
    assert (
        '<a href="https://crewboard.example/jobs/7" rel="nofollow noopener" target="_blank" '
        'class="apply-source">Apply at the source</a>'
    ) in page
    assert "€300.00 a day" in page
    assert 'class="save-form"' not in page  # nobody to save it for


def test_save_unsave_and_the_saved_list(client, world):
    posting, user = world["posting"], world["worker"].user
    client.force_login(user)
    url = f"/jobs/imported/{posting.pk}/save/"
    response = client.post(url, {"saved": "1"})
    assert (response.status_code, response.url) == (302, "/jobs/saved/")
    client.post(url, {"saved": "1", "next": "/jobs/"})
    assert list(SavedPosting.objects.values_list("user", "posting")) == [(user.pk, posting.pk)]
    saved = client.get("/jobs/saved/").content.decode()
    assert f'id="external-{posting.pk}"' in saved
    assert "Saved ✓" in saved
    jobs = client.get("/jobs/").content.decode()
    assert "Saved ✓" in jobs
    assert '<a href="/jobs/saved/" id="saved-link">Your saved postings</a>' in jobs
    partial = client.post(url, {"saved": "0"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith(f'<form method="post" action="{url}"')
    assert '<button type="submit" class="link" aria-pressed="false">Save</button>' in partial
    assert SavedPosting.objects.count() == 0
    assert "Nothing saved yet." in client.get("/jobs/saved/").content.decode()


def test_saving_needs_a_login_and_an_open_redirect_is_refused(client, world):
    url = f"/jobs/imported/{world['posting'].pk}/save/"
    response = client.post(url, {"saved": "1"})
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert SavedPosting.objects.count() == 0
    client.force_login(world["worker"].user)
    response = client.post(url, {"saved": "1", "next": "https://evil.example/"})
    assert response.url == "/jobs/saved/"
    assert client.post("/jobs/imported/999999/save/").status_code == 404


def test_api_saves_lists_and_drops_a_posting(client, world):
    from tests.factories import bearer

    posting, auth = world["posting"], bearer(world["worker"].user)
    url = f"/api/postings/{posting.pk}/save"
    assert client.post(url, **auth).json() == {"posting": posting.pk, "saved": True}
    assert client.post(url, **auth).json() == {"posting": posting.pk, "saved": True}
    listed = client.get("/api/me/saved-postings", **auth).json()
    assert [(p["title"], p["url"]) for p in listed] == [
        ("Rigger", "https://crewboard.example/jobs/7")
    ]
    assert client.delete(url, **auth).json() == {"posting": posting.pk, "saved": False}
    assert client.get("/api/me/saved-postings", **auth).json() == []
    assert client.post(url).status_code == 401
    assert client.post("/api/postings/999999/save", **auth).status_code == 404
