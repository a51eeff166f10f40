"""The booking tests' common world: one show, one crew call of two seats, its manager and
two stagehands. Modules with a world of their own define `world` themselves."""

import pytest

from tests.factories import (
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    VenueFactory,
    WorkerFactory,
    give_role,
    manager_of,
)


@pytest.fixture
def world():
    org = OrganisationFactory(name="Spree Kultur")
    manager = manager_of(org)
    show = ShowFactory(
        organisation=org, venue=VenueFactory(name="Kraftwerk"), artist="Mara Quinn", slug="mara"
    )
    load_in = PositionFactory(show=show, headcount=2, title="Load-in")
    ada = WorkerFactory(display_name="Ada", slug="ada", user__username="ada")
    ben = WorkerFactory(display_name="Ben", slug="ben", user__username="ben")
    give_role(ada, "stagehand", years=4)
    give_role(ben, "stagehand", years=2)
    return {"org": org, "manager": manager, "show": show, "position": load_in, "ada": ada,
            "ben": ben}  # fmt: skip
