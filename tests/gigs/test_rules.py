"""Who sees a draft or cancelled show: one rule, the same answer on the page and the API."""

import pytest

from stagedoor.gigs import rules, selectors
from tests.factories import (
    OrganisationFactory,
    ProjectFactory,
    ShowFactory,
    UserFactory,
    manager_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    org = OrganisationFactory(slug="spree-live", name="Spree Live")
    other = OrganisationFactory(slug="elsewhere", name="Elsewhere")
    return {
        "org": org,
        "anonymous": None,
        "outsider": UserFactory(username="outsider"),
        "other manager": manager_of(other, "other-manager"),
        "manager": manager_of(org, "mara"),
        "crew chief": manager_of(org, "cris", role="crew_chief"),
        "dispatcher": manager_of(org, "dina", role="dispatcher"),
        "admin": UserFactory(username="root", is_superuser=True, is_staff=True),
    }


# Who may read a show of Spree Live in each state (published shows are public).
SEES = {
    "anonymous": False,
    "outsider": False,
    "other manager": False,
    "manager": True,
    "crew chief": True,
    "dispatcher": True,
    "admin": True,
}


@pytest.mark.parametrize("status", ["draft", "cancelled", "published"])
@pytest.mark.parametrize("who", list(SEES))
def test_page_and_api_agree_on_who_sees_a_show(client, cast, who, status):
    ShowFactory(organisation=cast["org"], slug="mara-quinn", artist="Mara Quinn", status=status)
    user = cast[who]
    if user is not None:
        client.force_login(user)
    expected = 200 if status == "published" or SEES[who] else 404

    page = client.get("/shows/mara-quinn/")
    api = client.get("/api/shows/mara-quinn")
    listed = [s["slug"] for s in client.get("/api/shows").json()["items"]]

    assert (page.status_code, api.status_code) == (expected, expected)
    assert listed == (["mara-quinn"] if expected == 200 else [])


@pytest.mark.parametrize("who", list(SEES))
def test_draft_project_page_and_rule_agree(client, cast, who):
    project = ProjectFactory(organisation=cast["org"], slug="night-songs", status="draft")
    user = cast[who]
    if user is not None:
        client.force_login(user)
    seen = rules.can_see(user, project)

    assert seen is SEES[who]
    assert client.get("/studio/night-songs/").status_code == (200 if SEES[who] else 404)


def test_visible_shows_is_the_rule_as_a_query(cast):
    draft = ShowFactory(organisation=cast["org"], slug="draft-show", status="draft")
    public = ShowFactory(slug="public-show", status="published")
    chief = cast["crew chief"]

    assert sorted(s.slug for s in selectors.visible_shows(chief)) == ["draft-show", "public-show"]
    assert [s.slug for s in selectors.visible_shows(cast["outsider"])] == ["public-show"]
    assert rules.can_see(chief, draft) is True
    assert rules.can_see(cast["outsider"], draft) is False
    assert rules.can_see(cast["outsider"], public) is True
