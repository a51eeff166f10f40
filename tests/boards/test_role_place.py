"""A search that names a role and a place finds that role's calls in that place only (on
SQLite's LIKE search and PostgreSQL's full-text one alike)."""

from __future__ import annotations

import pytest

from stagedoor.boards import selectors
from stagedoor.industry.models import Role
from tests.factories import PositionFactory, ShowFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_a_role_and_a_city_narrow_to_both():
    foh = Role.objects.get(slug="foh-engineer")
    chicago = ShowFactory(venue=VenueFactory(city="Chicago", name="Metro"))
    berlin = ShowFactory(venue=VenueFactory(city="Berlin", name="Columbiahalle"))
    here = PositionFactory(show=chicago, role=foh, title="A1")
    PositionFactory(show=berlin, role=foh, title="A1")
    PositionFactory(show=chicago, title="Load-in hands")
    found = list(selectors.open_positions(q="foh engineer chicago").values_list("pk", flat=True))
    assert found == [here.pk]
    # Words that name no place ("x4") do not narrow the role's calls.
    assert len(selectors.open_positions(q="A1 x4")) == 2


def test_a_search_reads_its_words_once(client):
    """The jobs page lists calls and imported postings for the same words: the classifier's
    role table, the role's row and the venues a place word names are read one time, not once
    per list (issue 22: the title was classified twice per search)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from stagedoor.boards.models import ExternalPosting

    foh = Role.objects.get(slug="foh-engineer")
    here = PositionFactory(
        show=ShowFactory(venue=VenueFactory(city="Chicago", name="Metro")), role=foh, title="A1"
    )
    posting = ExternalPosting.objects.create(
        source="json", external_id="x1", title="Monitor tech", employer_name="Lakeside",
        city="Chicago", role=foh, last_seen=timezone.now(),
    )  # fmt: skip
    with CaptureQueriesContext(connection) as seen:
        reply = client.get("/jobs/", {"q": "foh engineer chicago"})
    assert reply.status_code == 200
    assert [p.pk for p in reply.context["positions"]] == [here.pk]
    assert [p.pk for p in reply.context["external"]] == [posting.pk]
    sql = [q["sql"] for q in seen.captured_queries]
    role_table = [s for s in sql if s.startswith('SELECT "industry_role"."slug" AS "slug"')]
    venues = [s for s in sql if 'FROM "industry_venue" WHERE' in s and "LIKE" in s]
    assert (len(role_table), len(venues)) == (1, 1)
