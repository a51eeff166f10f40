"""Every list page that grows is paged, and reads the same number of queries with 10 rows
as with 30: nothing is loaded per row. Page 2 shows the rows after the first page's, in the
list's order, and keeps the page's other filters."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stagedoor.boards.models import ExternalPosting, SavedPosting
from stagedoor.gigs.models import Show, StudioProject
from stagedoor.industry.models import Organisation, Role
from stagedoor.studio.models import Brief
from tests.factories import (
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    UserFactory,
    WorkerFactory,
    manager_of,
)

pytestmark = pytest.mark.django_db
N = 10


@dataclass
class ListPage:
    url: str
    make: Callable  # (n, world) -> None: n more rows on the list
    in_order: Callable  # (world) -> the rows, in the page's order
    marker: Callable  # (row) -> text that shows the row on the page
    size: int = 25


def _org(world):
    if "org" not in world:
        world["org"] = OrganisationFactory(slug="spree-live", name="Spree Live")
    return world["org"]


def _postings(n, world):
    user = world["user"]
    for _ in range(n):
        i = ExternalPosting.objects.count()
        posting = ExternalPosting.objects.create(
            source="crewboard",
            source_url=f"https://crewboard.example/jobs/{i}",
            employer_name="Kiez",
            title=f"Rigger {i}",
            city="Berlin",
            last_seen=timezone.now(),
        )
        SavedPosting.objects.create(user=user, posting=posting)


def _studio(world):
    if "studio" not in world:
        world["studio"] = OrganisationFactory(slug="blue-room", kind="studio")
        manager_of(world["studio"], world["user"].username)
    return world["studio"]


def _briefed_projects(n, world):
    role = Role.objects.get(slug="mixing-engineer")
    for project in ProjectFactory.create_batch(n, organisation=_studio(world)):
        Brief.objects.create(project=project, role=role, currency="USD")


PAGES = {
    "organisations": ListPage(
        "/orgs/",
        lambda n, w: OrganisationFactory.create_batch(n),
        lambda w: list(Organisation.objects.order_by("kind", "name")),
        lambda o: f'href="{o.get_absolute_url()}"',
    ),
    "studio projects": ListPage(
        "/studio/",
        lambda n, w: ProjectFactory.create_batch(n),
        lambda w: list(StudioProject.objects.order_by("deadline", "pk")),
        lambda p: f'href="{p.get_absolute_url()}"',
    ),
    "shows": ListPage(
        "/shows/",
        lambda n, w: ShowFactory.create_batch(n),
        lambda w: list(Show.objects.order_by("date", "artist")),
        lambda s: f'href="{s.get_absolute_url()}"',
    ),
    "crew directory": ListPage(
        "/crew/",
        lambda n, w: WorkerFactory.create_batch(n),
        lambda w: [],  # its order and pages: tests/site/test_directory.py
        lambda worker: "",
        size=30,
    ),
    "careers page": ListPage(
        "/orgs/spree-live/careers/",
        lambda n, w: PositionFactory.create_batch(n, show=ShowFactory(organisation=_org(w))),
        lambda w: sorted(
            (p for s in _org(w).shows.all() for p in s.positions.all()),
            key=lambda p: (p.call_start, p.pk),
        ),
        lambda p: f'id="posting-{p.pk}"',
    ),
    "jobs": ListPage(
        "/jobs/?role=stagehand",
        lambda n, w: PositionFactory.create_batch(n),
        lambda w: [],  # its order and pages: tests/boards/test_search.py
        lambda p: "",
    ),
    "manage studio projects": ListPage(
        "/manage/studio/",
        _briefed_projects,
        lambda w: list(_studio(w).projects.order_by("deadline", "pk")),
        lambda p: f'href="/manage/studio/{p.slug}/"',
    ),
    "saved postings": ListPage(
        "/jobs/saved/",
        _postings,
        lambda w: [s.posting for s in SavedPosting.objects.order_by("-created_at", "-pk")],
        lambda p: f'id="external-{p.pk}"',
    ),
}


# The pages whose page 2 this module checks (the others' own tests do).
CHECKED = ("organisations", "studio projects", "shows", "careers page", "saved postings",
           "manage studio projects")  # fmt: skip


@pytest.fixture
def world(client):
    user = UserFactory(username="ines")
    client.force_login(user)
    return {"user": user}


def _queries(client, url) -> int:
    client.get(url)  # warm the caches a first visit fills (the role catalog, the session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_query_count_does_not_grow_with_the_rows(client, world, name):
    page = PAGES[name]
    page.make(N, world)
    few = _queries(client, page.url)
    page.make(2 * N, world)
    many = _queries(client, page.url)
    assert many == few, name


@pytest.mark.parametrize("name", list(CHECKED))
def test_page_two_shows_the_rows_after_the_first_page(client, world, name):
    page = PAGES[name]
    page.make(page.size + 3, world)
    rows = page.in_order(world)
    sep = "&" if "?" in page.url else "?"
    first = client.get(page.url).content.decode()
    second = client.get(f"{page.url}{sep}page=2").content.decode()
    shown = [r for r in rows if page.marker(r) in second]
    assert shown == rows[page.size :]
    assert [r for r in rows if page.marker(r) in first] == rows[: page.size]
    assert re.search(r'<span class="page-of">Page 2 of 2</span>', second)
    assert 'rel="prev"' in second and 'rel="next"' not in second
