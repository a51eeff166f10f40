"""The booking tests' common world: one show, one crew call of two seats, its manager and
two stagehands. Modules with a world of their own define `world` themselves."""

import pytest

from tests.factories import PositionFactory, crew, show_world


@pytest.fixture
def world():
    world = show_world(
        org={"name": "Spree Kultur"},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn", "slug": "mara"},
    )
    world["position"] = PositionFactory(show=world["show"], headcount=2, title="Load-in")
    return world | crew(("Ada", "Ben"), years=(4, 2))
