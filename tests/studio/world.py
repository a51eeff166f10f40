"""A studio, its manager, and three mixing engineers with credits and portfolios."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stagedoor.industry.models import Role
from stagedoor.people.models import Credit, PortfolioLink
from stagedoor.studio import services
from tests.factories import YEAR, OrganisationFactory, crew, manager_of

DEADLINE = dt.date(YEAR + 1, 1, 15)


def studio_world(*, open_to_quotes: bool = False) -> dict:
    org = OrganisationFactory(kind="studio", name="Blue Room Studios", slug="blue-room")
    manager = manager_of(org, "sam")
    people = crew(("Ada", "Ben", "Cleo"), role="mixing-engineer", years=(9, 4, 2))
    role = Role.objects.get(slug="mixing-engineer")
    for n in range(3):
        Credit.objects.create(
            worker=people["ben"],
            title=f"Record {n}",
            role=role,
            date=dt.date(YEAR - 1, 5, 1),
            verified=True,
        )
    PortfolioLink.objects.create(
        worker=people["ben"], label="Mixes", url="https://example.org/ben", genres="indie, rock"
    )
    PortfolioLink.objects.create(
        worker=people["cleo"],
        label="Reel",
        url="https://example.org/cleo",
        kind="video",
        genres="jazz",
    )
    project = services.studio_project_create(
        actor=manager,
        organisation=org,
        title="Weather Systems: album mix",
        deadline=DEADLINE,
        role=role,
        currency="USD",
        genres="Indie, rock",
        open_to_quotes=open_to_quotes,
        deliverables=[
            {
                "kind": "song",
                "title": "Ten song mixes",
                "quantity": 10,
                "due_on": DEADLINE - dt.timedelta(days=10),
                "revisions_included": 2,
                "budget": "6000",
            },
            {
                "kind": "stems",
                "title": "Stems per song",
                "due_on": DEADLINE,
                "revisions_included": 1,
                "budget": Decimal("500"),
            },
        ],
    )
    return {"org": org, "manager": manager, "project": project, "role": role, **people}
