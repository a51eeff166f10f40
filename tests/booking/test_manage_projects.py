"""A studio's projects on the manager's home (/manage/) with their fill and a link to each
project's staffing board, and the project page's link to that board for its managers."""

import datetime as dt

import pytest
from django.utils import timezone

from stagedoor.booking.week.projects import coming_projects
from tests.factories import (
    YEAR,
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio():
    org = OrganisationFactory(slug="blue-room", name="Blue Room Studios", kind="studio")
    manager = manager_of(org, "sam")
    album = ProjectFactory(
        organisation=org, slug="weather", title="Weather Systems", deadline=dt.date(YEAR, 12, 20)
    )
    call = PositionFactory(show=None, project=album, headcount=3)
    BookingFactory(position=call)
    BookingFactory(position=call, status="cancelled")
    # A cancelled call needs nobody: it counts in neither number.
    PositionFactory(show=None, project=album, headcount=5, cancelled_at=timezone.now())
    draft = ProjectFactory(
        organisation=org,
        slug="demo-tape",
        title="Demo Tape",
        status="draft",
        deadline=dt.date(YEAR + 1, 2, 1),
    )
    ProjectFactory(organisation=org, slug="scrapped", title="Scrapped EP", status="cancelled")
    ProjectFactory(
        organisation=org,
        slug="finished",
        title="Finished Record",
        deadline=timezone.localdate() - dt.timedelta(days=1),
    )
    return {"org": org, "manager": manager, "album": album, "draft": draft}


def test_coming_projects_counts_booked_of_needed_seats(studio):
    rows = coming_projects([studio["org"]])[studio["org"].pk]
    assert [(r.project.title, r.booked, r.needed, r.words) for r in rows] == [
        ("Weather Systems", 1, 3, "1 of 3"),
        ("Demo Tape", 0, 0, "0 of 0"),
    ]


def test_manager_sees_the_studio_projects_with_board_links(client, studio):
    client.force_login(studio["manager"])
    body = client.get("/manage/").content.decode()
    assert "Your shows and studio projects" in body
    assert "<h4>Studio projects</h4>" in body
    assert '<a href="/studio/weather/">Weather Systems</a>' in body
    assert '<td data-label="Crew booked">1 of 3 <small class="then">(2 open)</small>' in body
    assert '<a href="/studio/weather/staffing/">Staffing board</a>' in body
    assert '<a href="/studio/demo-tape/">Demo Tape</a>' in body
    assert "No crew calls yet" in body
    assert '<a href="/studio/demo-tape/staffing/">Staffing board</a>' in body
    assert "Scrapped EP" not in body
    assert "Finished Record" not in body
    # The studio has no shows, and its home does not say so as if shows were its trade.
    assert "No shows yet" not in body
    assert client.get("/studio/weather/staffing/").status_code == 200


def test_a_studio_without_projects_says_so(client):
    org = OrganisationFactory(kind="studio", name="Empty Room")
    client.force_login(manager_of(org, "erin"))
    body = client.get("/manage/").content.decode()
    assert "No studio projects coming up." in body
    assert "No shows yet" not in body


def test_other_managers_do_not_see_the_studio_projects(client, studio):
    world = show_world(manager="otto")
    client.force_login(world["manager"])
    body = client.get("/manage/").content.decode()
    assert "Weather Systems" not in body
    assert "/studio/weather/staffing/" not in body
    assert "Studio projects" not in body
    assert "Your shows</h2>" in body
    assert client.get("/studio/weather/staffing/").status_code == 403


def test_promoter_without_shows_still_reads_no_shows_yet(client):
    org = OrganisationFactory(kind="promoter")
    client.force_login(manager_of(org, "pia"))
    body = client.get("/manage/").content.decode()
    assert "No shows yet." in body
    assert "Studio projects" not in body


def test_project_page_links_its_board_for_managers_only(client, studio):
    link = '<a href="/studio/weather/staffing/" role="button">Staff this project</a>'
    assert link not in client.get("/studio/weather/").content.decode()
    outsider = show_world(manager="olga")["manager"]
    client.force_login(outsider)
    assert link not in client.get("/studio/weather/").content.decode()
    client.force_login(manager_of(studio["org"], "chief", role="crew_chief"))
    assert link not in client.get("/studio/weather/").content.decode()
    client.force_login(studio["manager"])
    assert link in client.get("/studio/weather/").content.decode()
    assert "Staff this project" in client.get("/studio/demo-tape/").content.decode()
