"""Matching through the database: every hard rule at its boundary, reasons, faces."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stagedoor.api.models import ApiToken
from stagedoor.booking.models import Booking
from stagedoor.engine.geo import EARTH_RADIUS_KM
from stagedoor.industry.models import Certification, Role, Skill
from stagedoor.matching import selectors
from stagedoor.matching.models import Block, FirstCall
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    UnionMembership,
    WorkerCertification,
    WorkerSkill,
)
from tests.factories import (
    BERLIN,
    YEAR,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    WorkerFactory,
    give_role,
    show_world,
)

pytestmark = pytest.mark.django_db

VENUE_LAT, VENUE_LON = 52.5106, 13.4224
CALL_START = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
CALL_END = dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN)


def north_of_venue(km: float) -> float:
    """A latitude exactly `km` kilometres due north of the venue."""
    import math

    return VENUE_LAT + math.degrees(km / EARTH_RADIUS_KM)


@pytest.fixture
def setup():
    world = show_world(
        org={"name": "Spree Kultur"}, venue={"latitude": VENUE_LAT, "longitude": VENUE_LON}
    )
    position = PositionFactory(
        show=world["show"], role=Role.objects.get(slug="rigger"),
        level="mid", headcount=2, call_start=CALL_START, call_end=CALL_END,
        pay_amount=Decimal("300.00"), pay_unit="day", currency="EUR",
    )  # fmt: skip
    return world | {"position": position}


def worker(name, *, level="mid", role="rigger", km=5.0, radius=50, **fields):
    w = WorkerFactory(
        display_name=name, slug=name.lower().replace(" ", "-"), latitude=north_of_venue(km),
        longitude=VENUE_LON, travel_radius_km=radius, **fields,
    )  # fmt: skip
    give_role(w, role, level)
    return w


def ranked(setup, **filters):
    crew = selectors.candidates(
        actor=setup["manager"], position=setup["position"], filters=selectors.CrewFilters(**filters)
    )
    return [c.worker.display_name for c in crew]


def rules(setup, w):
    return selectors.why_not(actor=setup["manager"], position=setup["position"], worker=w).rules


def test_level_at_or_above_the_minimum(setup):
    worker("Mid Rigger", level="mid")
    worker("Lead Rigger", level="lead")
    entry = worker("Entry Rigger", level="entry")
    worker("Stagehand Only", role="stagehand", level="lead")
    assert sorted(ranked(setup)) == ["Lead Rigger", "Mid Rigger"]
    assert rules(setup, entry) == ["is entry Rigger; the position needs mid"]


def test_required_skill_at_its_minimum(setup):
    from stagedoor.gigs.models import PositionSkill

    hoist = Skill.objects.get(slug="cm-lodestar")
    PositionSkill.objects.create(position=setup["position"], skill=hoist, min_level=3)
    at_min = worker("At Minimum")
    below = worker("Below Minimum")
    WorkerSkill.objects.create(worker=at_min, skill=hoist, level=3)
    WorkerSkill.objects.create(worker=below, skill=hoist, level=2)
    assert ranked(setup) == ["At Minimum"]
    assert rules(setup, below) == [f"{hoist.name} at 2/5, needs 3"]


def test_certificate_valid_on_the_call_date(setup):
    etcp = Certification.objects.get(slug="etcp-rigger-arena")
    setup["position"].required_certifications.add(etcp)
    on_the_day = worker("Expires On The Day")
    day_before = worker("Expired Day Before")
    worker("No Card")
    WorkerCertification.objects.create(
        worker=on_the_day, certification=etcp, issued_on=dt.date(2021, 12, 4),
        expires_on=dt.date(YEAR, 12, 4),
    )  # fmt: skip
    WorkerCertification.objects.create(
        worker=day_before, certification=etcp, issued_on=dt.date(2021, 12, 3),
        expires_on=dt.date(YEAR, 12, 3),
    )  # fmt: skip
    assert ranked(setup) == ["Expires On The Day"]
    assert rules(setup, day_before) == [f"{etcp.name} expired {YEAR}-12-03"]
    crew = selectors.candidates(actor=setup["manager"], position=setup["position"])
    fit = next(r for r in crew[0].reasons if r.component == "fit")
    assert fit.text == f"mid Rigger (needs mid); {etcp.name} valid to {YEAR}-12"


def test_union_membership_in_good_standing(setup):
    setup["position"].union_required = True
    setup["position"].save()
    local = OrganisationFactory(kind="union_local", name="Local 88")
    good, lapsed = worker("Good Standing"), worker("Lapsed Card")
    UnionMembership.objects.create(worker=good, local=local, card_number="1", status="good")
    UnionMembership.objects.create(worker=lapsed, local=local, card_number="2", status="lapsed")
    assert ranked(setup) == ["Good Standing"]
    assert rules(setup, lapsed) == ["not a union member in good standing"]
    assert ranked(setup, union_only=True) == ["Good Standing"]


def test_turnaround_boundary(setup):
    """A booking ending exactly 8 h before the call is fine; one minute later is not."""
    rested, tired = worker("Rested"), worker("Tired")
    for w, gap in ((rested, dt.timedelta(hours=8)), (tired, dt.timedelta(hours=7, minutes=59))):
        end = CALL_START - gap
        other = PositionFactory(call_start=end - dt.timedelta(hours=4), call_end=end)
        Booking.objects.create(position=other, worker=w)
    assert ranked(setup) == ["Rested"]
    assert rules(setup, tired) == [
        "booked on another call that overlaps or leaves less than the turnaround"
    ]
    setup["org"].turnaround_hours = 10
    setup["org"].save()
    assert ranked(setup) == []


def test_unavailable_for_any_part_of_the_call(setup):
    away, back = worker("Away"), worker("Back In Time")
    AvailabilityBlock.objects.create(
        worker=away, kind="unavailable", starts_at=CALL_END - dt.timedelta(minutes=1),
        ends_at=CALL_END + dt.timedelta(days=2),
    )  # fmt: skip
    AvailabilityBlock.objects.create(
        worker=back, kind="unavailable", starts_at=CALL_START - dt.timedelta(days=2),
        ends_at=CALL_START,
    )  # fmt: skip
    assert ranked(setup) == ["Back In Time"]
    assert rules(setup, away) == ["marked unavailable during the call"]


def test_radius_exactly_at_the_limit(setup):
    worker("At Limit", km=25.0, radius=25)
    beyond = worker("Beyond", km=25.01, radius=25)
    assert ranked(setup) == ["At Limit"]
    assert rules(setup, beyond) == ["lives 25 km away, beyond their 25 km radius"]


def test_touring_calls_ignore_the_radius_of_workers_who_tour(setup):
    """Issue 16: a tour stop alone no longer lifts the radius; a touring call does."""
    from stagedoor.gigs.models import Tour

    tourer = worker("Tourer", km=600, radius=10, willing_to_tour=True)
    homebody = worker("Homebody", km=600, radius=10, willing_to_tour=False)
    assert ranked(setup) == []
    show = setup["show"]
    show.tour = Tour.objects.create(slug="t", organisation=setup["org"], artist="A", name="T")
    show.tour_order = 1
    show.save()
    assert ranked(setup) == []  # a local call at a tour stop keeps the radius
    assert rules(setup, tourer) == [
        "lives 600 km away; this is a local call and their radius is 10 km"
    ]
    setup["position"].crew = "touring"
    setup["position"].save()
    assert ranked(setup) == ["Tourer"]
    assert rules(setup, tourer) == []
    assert rules(setup, homebody) == [
        "lives 600 km away, beyond their 10 km radius, and does not tour"
    ]


def test_blocked_by_the_organisation(setup):
    blocked = worker("Blocked")
    worker("Welcome")
    Block.objects.create(organisation=setup["org"], worker=blocked)
    assert ranked(setup) == ["Welcome"]
    assert rules(setup, blocked) == ["blocked by your organisation"]


def test_ranking_reasons_and_tuned_weights(setup):
    from stagedoor.matching.models import RankingWeights

    near = worker("Near Newcomer", km=2, day_rate=Decimal("280.00"))
    known = worker("Known Hand", km=40, day_rate=Decimal("320.00"))
    FirstCall.objects.create(organisation=setup["org"], worker=known, rank=1)
    Credit.objects.create(
        worker=known, title="Old show", role=known.roles.get().role, date=dt.date(2026, 1, 1),
        organisation=setup["org"], verified=True, rating=5,
    )  # fmt: skip
    crew = selectors.candidates(actor=setup["manager"], position=setup["position"])
    assert [c.worker for c in crew] == [known, near]
    texts = {r.component: r.text for r in crew[0].reasons}
    assert texts == {
        "fit": "mid Rigger (needs mid)",
        "reputation": "rated 5.0/5 over 1 verified credit",
        "reliability": "no no-shows or late cancellations in 0 bookings",
        "familiarity": "worked 1 show for you; on your first-call list (#1)",
        "distance": "40 km from the venue",
        "cost": "asks 320 EUR/day, you pay 300",
        "fairness": "worked 0 h in the last 30 days",
    }
    assert sum(r.points for r in crew[0].reasons) == pytest.approx(crew[0].score)
    assert ranked(setup, first_call_only=True) == ["Known Hand"]
    assert ranked(setup, max_km=10) == ["Near Newcomer"]
    RankingWeights.objects.create(
        organisation=setup["org"], fit=0, reputation=0, reliability=0, familiarity=0,
        distance=1, cost=0, fairness=0,
    )  # fmt: skip
    assert ranked(setup) == ["Near Newcomer", "Known Hand"]


def test_ties_break_by_worker_id(setup):
    first = worker("Twin A")
    second = worker("Twin B")
    assert first.pk < second.pk
    assert ranked(setup) == ["Twin A", "Twin B"]


def test_only_managers_see_candidates(setup):
    for actor in (UserFactory(username="stranger"), None):
        with pytest.raises(PermissionDenied):
            selectors.candidates(actor=actor, position=setup["position"])


def test_ranking_issues_a_bounded_number_of_queries(setup):
    setup["position"] = selectors.load_position(setup["position"].pk)
    for n in range(3):
        worker(f"Rigger {n}")
    selectors.candidates(actor=setup["manager"], position=setup["position"])  # build the index
    with CaptureQueriesContext(connection) as few:
        selectors.candidates(actor=setup["manager"], position=setup["position"])
    for n in range(30):
        worker(f"Extra {n}", km=float(n))
    selectors.candidates(actor=setup["manager"], position=setup["position"])
    with CaptureQueriesContext(connection) as many:
        crew = selectors.candidates(actor=setup["manager"], position=setup["position"])
    assert len(crew) == 20
    # membership, ranking weights, the top workers and their roles, and (issue 16) their
    # pending offers and active holds, and (issue 17) who said they are interested. No read
    # of the change log: this test's transaction changed workers, so it reads its own
    # patched index until it changes something again (outside one: one log read more).
    assert len(few.captured_queries) == len(many.captured_queries) == 7
    # A patch after a change is also bounded, whatever the pool size or the number changed.
    worker("One More")
    with CaptureQueriesContext(connection) as rebuild:
        selectors.candidates(actor=setup["manager"], position=setup["position"])
    for n in range(10):
        worker(f"Later {n}")
    with CaptureQueriesContext(connection) as bigger_rebuild:
        selectors.candidates(actor=setup["manager"], position=setup["position"])
    # 15 for the log, the changed workers' rows and the ranking, 2 for the pending offers
    # and holds (issue 16), 1 for who is interested (issue 17). PostgreSQL reads the changed
    # workers' columns set-wise in SQL (matching.columns.worker_columns): two more queries,
    # the same for one changed worker as for ten.
    expected = 20 if connection.vendor == "postgresql" else 18
    assert len(rebuild.captured_queries) == len(bigger_rebuild.captured_queries) == expected


def test_gigs_for_a_worker_best_first(setup, client):
    w = worker("Gig Seeker")
    future = dt.datetime(2099, 3, 1, 9, tzinfo=BERLIN)
    far_show = ShowFactory(
        venue=VenueFactory(latitude=48.1, longitude=11.6), date=dt.date(2099, 3, 1)
    )
    rigger_role = w.roles.get().role
    good = PositionFactory(
        show=ShowFactory(
            organisation=setup["org"], venue=setup["show"].venue, date=dt.date(2099, 3, 1)
        ),
        role=rigger_role, level="mid", call_start=future, call_end=future + dt.timedelta(hours=5),
        pay_amount=Decimal("400.00"), pay_unit="day", currency="EUR",
    )  # fmt: skip
    PositionFactory(show=far_show, role=rigger_role, level="mid", call_start=future,
                    call_end=future + dt.timedelta(hours=5))  # fmt: skip
    lead_only = PositionFactory(
        show=ShowFactory(venue=setup["show"].venue, date=dt.date(2099, 3, 2)), role=rigger_role,
        level="lead", call_start=future + dt.timedelta(days=1),
        call_end=future + dt.timedelta(days=1, hours=5),
    )  # fmt: skip
    found = selectors.gigs(worker=w)
    # Same score (both pay at or above the asking rate): the older position first.
    assert [g.position for g in found] == [setup["position"], good]
    assert lead_only not in [g.position for g in found]
    client.force_login(w.user)
    body = client.get("/me/gigs/").content.decode()
    assert "<h1>Gigs for you</h1>" in body
    assert body.count("<strong>Rigger</strong>") == 2
    assert f'href="{good.show.get_absolute_url()}"' in body
    assert "5 km from the venue" in body


def test_index_follows_changes(setup):
    w = worker("Changeable")
    assert ranked(setup) == ["Changeable"]
    AvailabilityBlock.objects.create(
        worker=w, kind="unavailable", starts_at=CALL_START, ends_at=CALL_END
    )
    assert ranked(setup) == []
    AvailabilityBlock.objects.all().delete()
    assert ranked(setup) == ["Changeable"]


def test_find_crew_page_and_why_not(setup, client):
    worker("Ranked Rigger")
    excluded = worker("Entry Level", level="entry")
    client.force_login(setup["manager"])
    url = f"/manage/positions/{setup['position'].pk}/crew/"
    body = client.get(url).content.decode()
    assert "Find crew:" in body
    assert body.count('<td><a href="/crew/') == 1
    assert "5 km from the venue" in body
    body = client.get(url, {"why_not": "Entry"}).content.decode()
    assert "Why not Entry Level?" in body
    assert "<li>is entry Rigger; the position needs mid</li>" in body
    partial = client.get(url, {"why_not": excluded.slug}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="candidates">')
    client.force_login(UserFactory(username="stranger"))
    assert client.get(url).status_code == 403


def test_api_candidates_why_not_and_gigs(setup, client):
    worker("Api Rigger")
    entry = worker("Api Entry", level="entry")
    _, key = ApiToken.issue(user=setup["manager"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    pid = setup["position"].pk
    body = client.get(f"/api/positions/{pid}/candidates?k=5", **auth).json()
    assert [c["display_name"] for c in body] == ["Api Rigger"]
    assert [r["component"] for r in body[0]["reasons"]][:1] == ["reliability"]
    why = client.get(f"/api/positions/{pid}/why-not/{entry.slug}", **auth).json()
    assert why == {
        "worker": entry.slug, "eligible": False,
        "rules": ["is entry Rigger; the position needs mid"], "score": why["score"], "reasons": [],
    }  # fmt: skip
    _, stranger = ApiToken.issue(user=UserFactory(username="stranger"))
    denied = client.get(f"/api/positions/{pid}/candidates", HTTP_AUTHORIZATION=f"Bearer {stranger}")
    assert denied.status_code == 403
    assert client.get(f"/api/positions/{pid}/candidates").status_code == 401
    _, own = ApiToken.issue(user=entry.user)
    assert client.get("/api/me/gigs", HTTP_AUTHORIZATION=f"Bearer {own}").json() == []


def test_cli_match(setup):
    worker("Cli Rigger")
    entry = worker("Cli Entry", level="entry")
    out = io.StringIO()
    call_command("match", str(setup["position"].pk), "--k", "5", stdout=out)
    text = out.getvalue()
    assert "Cli Rigger" in text
    assert "Cli Entry" not in text
    out = io.StringIO()
    call_command("match", str(setup["position"].pk), "--why-not", entry.slug, stdout=out)
    assert out.getvalue().splitlines()[1] == "  ✗ is entry Rigger; the position needs mid"
