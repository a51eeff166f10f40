import datetime as dt

import pytest

from stagedoor.demo.studio import save_studio_projects
from stagedoor.people.models import Credit, PortfolioLink, WorkerRole
from stagedoor.studio.models import Quote
from stagedoor.studio.selectors import project_state, studio_projects
from tests.factories import OrganisationFactory, WorkerFactory, give_role, manager_of

pytestmark = pytest.mark.django_db
ANCHOR = dt.date.today()


def test_demo_studio_has_projects_in_every_state_and_is_idempotent():
    org = OrganisationFactory(kind="studio", slug="blue-room-studios", name="Blue Room Studios")
    manager_of(org, "sam.studio")
    for n, role in enumerate(["mixing-engineer"] * 4 + ["composer", "sound-designer"]):
        worker = WorkerFactory(display_name=f"{role} {n}", currency="USD")
        WorkerRole.objects.filter(pk=give_role(worker, role).pk).update(is_primary=True)
    assert save_studio_projects(ANCHOR) == 5
    assert save_studio_projects(ANCHOR) == 0
    states = {p.title: project_state(p) for p in studio_projects([org.pk])}
    assert states == {
        "Harbour Lights: ten-song album mix": "open",
        "Marlowe Kids: single mix and master": "in_progress",
        "Salt Road (documentary): original score": "in_revision",
        "Tidewater trailer: sound design": "delivered",
        "Odessa Vale: EP mix": "approved",
    }
    roles = set(Quote.objects.values_list("worker__roles__role__slug", flat=True))
    assert roles == {"mixing-engineer", "composer", "sound-designer"}
    assert (
        Quote.objects.filter(project__slug="harbour-lights-ten-song-album-mix")
        .exclude(status="invited")
        .count()
        == 3
    )
    assert list(Credit.objects.filter(verified=True).values_list("title", flat=True)) == [
        "Odessa Vale: EP mix"
    ]
    assert PortfolioLink.objects.count() == 8
