import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from stagedoor.industry.models import Role
from tests.factories import OrganisationFactory, PositionFactory, ShowFactory, VenueFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_home_says_what_stagedoor_is(client):
    ShowFactory(artist="Glass Harbour", slug="glass")
    body = client.get("/").content.decode()
    assert "The crew behind the show, booked right." in body
    assert "Glass Harbour" in body
    assert f"<strong>{Role.objects.count()}</strong> roles in the catalog" in body


def test_role_catalog_lists_every_role_grouped_by_department(client):
    queries, body = count_queries(client, "/roles/")
    for role in Role.objects.all():
        assert f'href="/roles/{role.slug}/"' in body
    assert "<h2>Audio</h2>" in body
    assert "<h2>Studio</h2>" in body
    assert queries == 1


def test_role_page_shows_what_it_does_and_paths(client):
    foh = Role.objects.get(slug="foh-engineer")
    body = client.get("/roles/foh-engineer/").content.decode()
    assert f"<h1>{foh.name}" in body
    assert foh.summary in body
    for item in foh.responsibilities:
        assert item in body
    for skill in foh.skills.all():
        assert escape(skill.name) in body
    for source in foh.comes_from.all():
        assert f'href="/roles/{source.slug}/"' in body
    for target in foh.leads_to.all():
        assert f'href="/roles/{target.slug}/"' in body
    assert "27-4014.00" in body
    assert client.get("/roles/astronaut/").status_code == 404


def test_role_page_query_count_does_not_grow_with_openings(client):
    show = ShowFactory(date="2099-01-01")
    import datetime as dt

    start = dt.datetime(2099, 1, 1, 9, tzinfo=dt.UTC)
    PositionFactory(show=show, call_start=start, call_end=start + dt.timedelta(hours=5))
    few, _ = count_queries(client, "/roles/stagehand/")
    for _ in range(4):
        PositionFactory(
            show=ShowFactory(date="2099-01-02"),
            call_start=start,
            call_end=start + dt.timedelta(hours=5),
        )
    many, body = count_queries(client, "/roles/stagehand/")
    assert body.count("Load-in") == 0
    assert few == many == 10  # the page 8, its careers market facts 2


def test_organisation_and_venue_pages(client):
    org = OrganisationFactory(
        name="Spree Kultur", kind="venue", slug="spree", description="Runs a hall."
    )
    venue = VenueFactory(organisation=org, name="Kraftwerkhalle", slug="kraftwerk", capacity=5000)
    ShowFactory(venue=venue, organisation=org, artist="Ada Sol", date="2099-03-01")
    body = client.get("/orgs/spree/").content.decode()
    assert "<h1>Spree Kultur</h1>" in body
    assert "Runs a hall." in body
    assert "Kraftwerkhalle" in body
    assert "Ada Sol" in body
    venue_body = client.get("/venues/kraftwerk/").content.decode()
    assert "Europe/Berlin" in venue_body
    assert "5,000" in venue_body
    assert "Ada Sol" in venue_body
    queries, listing = count_queries(client, "/orgs/")
    assert "Spree Kultur" in listing
    assert queries == 2  # the count of all, then this page's rows
