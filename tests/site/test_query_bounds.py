"""Every list page that grows is paged, and reads the same number of queries with 10 rows
as with 30: nothing is loaded per row. Page 2 shows the rows after the first page's, in the
list's order, and keeps the page's other filters."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stagedoor.boards.models import ExternalPosting, SavedPosting
from stagedoor.booking.models import Booking, Notification, Offer
from stagedoor.events import services as event_services
from stagedoor.events.models import IndustryEvent
from stagedoor.gigs.models import Show, StudioProject
from stagedoor.hall import services as hall_services
from stagedoor.hall.models import ListEntry, Registrant
from stagedoor.industry.models import Invitation, Membership, Organisation, Role
from stagedoor.mentoring.models import MentorOffer
from stagedoor.openings.models import Opportunity
from stagedoor.studio.models import Brief
from stagedoor.training.models import Session as TrainingSession
from tests.factories import (
    YEAR,
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    UserFactory,
    WorkerFactory,
    manager_of,
)
from tests.hall.world import hall_world
from tests.mentoring import world as mentoring_world
from tests.openings import world as openings_world
from tests.touring import helpers as tour_helpers
from tests.touring.helpers import FIRST, tour_world
from tests.training import world as training_world

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


def _me(world):
    if "worker" not in world:
        world["worker"] = WorkerFactory(user=world["user"])
    return world["worker"]


def _booked(n, world):
    """n calls coming up, n worked and n cancelled: the schedule's three lists."""
    worker = _me(world)
    now = timezone.now()
    for k in range(n):
        BookingFactory(worker=worker)
        past = now - dt.timedelta(days=k + 2)
        BookingFactory(
            worker=worker,
            position=PositionFactory(call_start=past, call_end=past + dt.timedelta(hours=5)),
        )
        BookingFactory(worker=worker, status="cancelled", cancelled_at=now, cancel_reason="Ill")


def _upcoming(world):
    return list(
        Booking.objects.filter(worker=_me(world), position__call_end__gt=timezone.now())
        .exclude(status="cancelled")
        .order_by("position__call_start", "pk")
    )


def _inbox(n, world):
    """n notifications and n offers answered earlier."""
    worker = _me(world)
    now = timezone.now()
    for k in range(n):
        Notification.objects.create(
            user=world["user"], kind="offer", subject=f"Notice {k}", body="A call for you"
        )
        Offer.objects.create(
            position=PositionFactory(), worker=worker, status="declined", expires_at=now
        )


def _members(n, world):
    """n members and n invitations waiting, in an organisation ines manages."""
    org = _org(world)
    if not Membership.objects.filter(organisation=org, user=world["user"]).exists():
        manager_of(org, world["user"].username)
    for user in UserFactory.create_batch(n):
        Membership.objects.create(organisation=org, user=user, role="crew_chief")
        Invitation.objects.create(
            organisation=org,
            email=f"{user.username}@example.com",
            role="manager",
            digest=secrets.token_hex(32),
            invited_by=world["user"],
            expires_at=timezone.now() + dt.timedelta(days=7),
        )


def _registrants(n, world):
    """n more registrants signed on the local's stagehand list; its dispatcher looks."""
    if "hall" not in world:
        world["hall"] = hall_world(names=("Ana",))
        world["client"].force_login(world["hall"]["dispatcher"])
    hall = world["hall"]
    start = timezone.now() - dt.timedelta(days=20)
    for k in range(n):
        worker = WorkerFactory(home_city="Chicago")
        reg = Registrant.objects.create(
            local=hall["local"], worker=worker, years=3, exam_passed=True
        )
        ListEntry.objects.create(registrant=reg, classification=hall["stagehand"], group=1)
        hall_services.list_sign(
            actor=worker.user, registrant=reg, now=start + dt.timedelta(minutes=k)
        )


def _chicago(world):
    if "chicago" not in world:
        world["chicago"] = openings_world.chicago_world()
    return world["chicago"]


def _openings(n, world):
    chicago = _chicago(world)
    for _ in range(n):
        k = Opportunity.objects.count()
        openings_world.post(chicago, title=f"Festival crew {k}", target_roles=["stagehand"])


def _events(n, world):
    chicago = _chicago(world)
    for _ in range(n):
        k = IndustryEvent.objects.count()
        start = timezone.now() + dt.timedelta(days=k + 1)
        event_services.event_save(
            actor=chicago["manager"],
            organisation=chicago["org"],
            data={
                "kind": "meetup",
                "title": f"Crew meet-up {k}",
                "starts_at": start,
                "ends_at": start + dt.timedelta(hours=3),
                "city": "Chicago",
                "roles": ["stagehand"],
            },
        )


def _sessions(n, world):
    if "provider" not in world:
        world["provider"] = training_world.providers()[0]
    provider = world["provider"]
    for _ in range(n):
        k = TrainingSession.objects.count()
        course = training_world.course(provider, f"Rigging basics {k}", "osha-10")
        training_world.session(course, k + 1)


def _mentors(n, world):
    for _ in range(n):
        k = MentorOffer.objects.count()
        mentoring_world.mentor(f"Mentor {k:03}", ["rigger", "stagehand"])


def _requests(n, world):
    """n more union calls sent to the hall (each with a registrant signed to fill it): the
    desk lists every open request with its seats, and its record grows."""
    _registrants(n, world)
    hall = world["hall"]
    for _ in range(n):
        position = PositionFactory(
            show=hall["show"],
            headcount=2,
            union_required=True,
            call_start=hall["position"].call_start,
            call_end=hall["position"].call_end,
        )
        hall_services.request_from_position(
            actor=hall["manager"], position=position, classification=hall["stagehand"]
        )


def _tour(world, as_worker=False):
    """The touring world (a show on 4 December, the Night Drive tour, Ada engaged), its
    show and organisation renamed so the pages' addresses are known; its manager looks, or
    Ada with `as_worker`."""
    if "tour" not in world:
        world["tour"] = tour_world()
        show, org = world["tour"]["show"], world["tour"]["org"]
        show.slug, org.slug = "night-drive-berlin", "night-drive-live"
        show.save(update_fields=["slug"])
        org.save(update_fields=["slug"])
        who = world["tour"]["ada"].user if as_worker else world["tour"]["manager"]
        world["client"].force_login(who)
    return world["tour"]


def _crewed(n, world, as_worker=False):
    """n more calls on the show, each with a worker booked, and n more of Ada's calls."""
    tour = _tour(world, as_worker)
    for _ in range(n):
        BookingFactory(position=PositionFactory(show=tour["show"], headcount=1))
        BookingFactory(
            worker=tour["ada"],
            position=PositionFactory(show=ShowFactory(organisation=tour["org"])),
        )


def _tour_days(n, world):
    tour = _tour(world)
    for _ in range(n):
        date = FIRST + dt.timedelta(days=10 + tour["tour"].days.count())
        tour_helpers.day(tour, date)


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
    "my schedule": ListPage(
        "/me/schedule/",
        _booked,
        _upcoming,  # page 2 of each list: test_the_schedule_pages_each_list_by_its_own
        lambda b: f'id="booking-{b.pk}"',
    ),
    "inbox": ListPage(
        "/me/inbox/",
        _inbox,
        lambda w: list(Notification.objects.order_by("-created_at", "-pk")),
        lambda n: f"<strong>{n.subject}</strong>",
    ),
    "org members": ListPage(
        "/orgs/spree-live/members/",
        _members,
        lambda w: [],  # page 2: test_members_pages_members_and_invitations_apart
        lambda m: "",
    ),
    "hall lists": ListPage(
        "/hall/local-88/lists/",
        _registrants,
        lambda w: [],  # places in dispatch order: tests/hall/test_pages.py
        lambda row: "",
    ),
    "hall desk": ListPage(
        "/hall/local-88/",
        _requests,
        lambda w: [],  # the record's pages: tests/hall/test_pages.py
        lambda e: "",
    ),
    # A show's crew, a pay period and a tour's days are bounded lists: not paged (the
    # totals and the approve-all count need every row), but read in a fixed number of queries.
    "show timesheets": ListPage(
        "/shows/night-drive-berlin/timesheets/", _crewed, lambda w: [], lambda r: ""
    ),
    "show pay": ListPage("/shows/night-drive-berlin/pay/", _crewed, lambda w: [], lambda r: ""),
    "org payroll": ListPage(
        f"/orgs/night-drive-live/payroll/?from={YEAR}-12-01&to={YEAR}-12-20",
        _crewed,
        lambda w: [],
        lambda r: "",
    ),
    "my pay": ListPage(
        f"/me/pay/?from={YEAR}-12-01&to={YEAR}-12-20",
        lambda n, w: _crewed(n, w, as_worker=True),
        lambda w: [],
        lambda r: "",
    ),
    "tour": ListPage("/tours/night-drive/", _tour_days, lambda w: [], lambda r: ""),
    "tour plan": ListPage("/tours/night-drive/plan/", _tour_days, lambda w: [], lambda r: ""),
    "tour itinerary": ListPage(
        "/tours/night-drive/itinerary/", _tour_days, lambda w: [], lambda r: ""
    ),
    "openings": ListPage(
        "/openings/",
        _openings,
        lambda w: list(Opportunity.objects.order_by("starts_on", "pk")),
        lambda o: f'id="opening-{o.slug}"',
    ),
    "events": ListPage(
        "/events/",
        _events,
        lambda w: list(IndustryEvent.objects.order_by("starts_at", "pk")),
        lambda e: f'id="event-{e.slug}"',
    ),
    "training catalog": ListPage(
        "/training/",
        _sessions,
        lambda w: list(TrainingSession.objects.order_by("starts_at", "pk")),
        lambda t: f'href="/training/sessions/{t.pk}/"',
    ),
    "mentors": ListPage(
        "/mentors/",
        _mentors,
        lambda w: list(MentorOffer.objects.order_by("worker__display_name", "pk")),
        lambda o: f'id="mentor-{o.pk}"',
    ),
}


# The pages whose page 2 this module checks (the others' own tests do).
CHECKED = ("organisations", "studio projects", "shows", "careers page", "saved postings",
           "manage studio projects", "openings", "events", "training catalog",
           "mentors")  # fmt: skip

# What each page reads, at any size: the session and user, the page's own reads, the count
# and the page's rows (and their prefetches). The job search counts its matches one query
# apart on the two databases (PostgreSQL's full text against SQLite's LIKE).
QUERIES = {"organisations": 7, "studio projects": 7, "shows": 7, "crew directory": 9,
           "careers page": 8, "jobs": {"postgresql": 10, "sqlite": 11},
           "manage studio projects": 10, "saved postings": 7, "my schedule": 12, "inbox": 11,
           "org members": 12, "hall lists": 11, "hall desk": 32, "show timesheets": 8,
           "show pay": 10, "org payroll": 11, "my pay": 10, "tour": 8, "tour plan": 25,
           "tour itinerary": 10, "openings": 7, "events": 7, "training catalog": 7,
           "mentors": 8}  # fmt: skip


@pytest.fixture
def world(client):
    user = UserFactory(username="ines")
    client.force_login(user)
    return {"user": user, "client": client}


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
    expected = QUERIES[name]
    if isinstance(expected, dict):
        expected = expected[connection.vendor]
    assert (few, many) == (expected, expected), name


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


def _shown(html: str, rows, marker) -> list:
    return [r for r in rows if marker(r) in html]


def test_the_schedule_pages_each_list_by_its_own(client, world):
    _booked(28, world)
    worker = _me(world)
    upcoming = _upcoming(world)
    worked = list(
        Booking.objects.filter(worker=worker, position__call_end__lte=timezone.now())
        .exclude(status="cancelled")
        .order_by("-position__call_start", "-pk")
    )
    worked_row = lambda b: f'<a href="/bookings/{b.pk}/timesheet/">Timesheet</a></td></tr>'  # noqa: E731
    first = client.get("/me/schedule/").content.decode()
    assert _shown(first, upcoming, PAGES["my schedule"].marker) == upcoming[:25]
    assert _shown(first, worked, worked_row) == worked[:25]
    assert "Cancelled (28)" in first
    both = client.get("/me/schedule/?page=2&worked=2").content.decode()
    assert _shown(both, upcoming, PAGES["my schedule"].marker) == upcoming[25:]
    assert _shown(both, worked, worked_row) == worked[25:]
    # Each list's links turn its own pages and keep the other list's page.
    assert 'href="?page=1&amp;worked=2" rel="prev">← Sooner</a>' in both
    assert 'href="?page=2&amp;worked=1" rel="prev">← Later</a>' in both
    assert 'href="?page=2&amp;worked=2&amp;cancelled=2" rel="next">Next →</a>' in both


def test_the_inbox_pages_notifications_and_earlier_offers_apart(client, world):
    _inbox(27, world)
    notices = list(Notification.objects.order_by("-created_at", "-pk"))
    first = client.get("/me/inbox/").content.decode()
    assert _shown(first, notices, PAGES["inbox"].marker) == notices[:25]
    assert "<summary>Earlier offers (27)</summary>" in first
    second = client.get("/me/inbox/?page=2").content.decode()
    assert _shown(second, notices, PAGES["inbox"].marker) == notices[25:]
    assert 'href="?page=1" rel="prev">← Newer</a>' in second
    assert 'href="?page=2&amp;earlier=2" rel="next">Earlier →</a>' in second
    earlier = client.get("/me/inbox/?earlier=2").content.decode()
    assert "<details open><summary>Earlier offers (27)</summary>" in earlier
    assert earlier.count("<tr><td>") == 2  # the 26th and 27th offers: nothing else is a row
    assert 'href="?earlier=1" rel="prev">← Later</a>' in earlier


def test_members_pages_members_and_invitations_apart(client, world):
    _members(26, world)
    org = _org(world)
    first = client.get("/orgs/spree-live/members/").content.decode()
    assert first.count('<span class="tag muted">Crew chief</span>') == 24  # owner/manager first
    assert '<span class="page-of">Page 1 of 2</span>' in first
    waiting = client.get("/orgs/spree-live/members/?waiting=2").content.decode()
    newest_last = list(Invitation.objects.filter(organisation=org).order_by("-created_at", "-pk"))
    assert [i for i in newest_last if f"<strong>{i.email}</strong>" in waiting] == newest_last[25:]


# Find crew (a manager's candidates for one call) is not a paged list (it shows the k best
# and every raised hand), but its reads are pinned all the same: the session and user, the
# call, one manager check, the ranking weights, the ranked workers and their roles, who is
# interested (read once), the call's offers, holds and mentors' recommendations, the raised
# hands no rule lets the manager book and their roles, and the layout's three. It was 21 with
# two more reads for each such raised hand (the manager check and the ranking weights asked
# again for every why-not) before the page asked them once.
FIND_CREW_QUERIES = 18


def test_find_crew_reads_the_same_queries_however_many_hands_are_raised(client):
    from stagedoor.gigs.models import Interest
    from tests.factories import BERLIN, give_role, show_world

    world = show_world()
    start = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
    position = PositionFactory(
        show=world["show"], role=Role.objects.get(slug="rigger"), level="mid", headcount=2,
        call_start=start, call_end=start + dt.timedelta(hours=5),
    )  # fmt: skip
    venue = world["venue"]

    def raise_hands(n: int, level: str) -> None:
        for _ in range(n):
            hand = WorkerFactory(latitude=venue.latitude, longitude=venue.longitude)
            give_role(hand, "rigger", level)
            Interest.objects.create(worker=hand, position=position)

    client.force_login(world["manager"])
    url = f"/manage/positions/{position.pk}/crew/"
    raise_hands(2, "mid")  # ranked: among the candidates
    raise_hands(2, "entry")  # below the call's level: listed with why not
    few = _queries(client, url)
    raise_hands(5, "entry")
    many = _queries(client, url)
    assert (few, many) == (FIND_CREW_QUERIES, FIND_CREW_QUERIES)
