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
