"""Issue 16: touring and local crew. "Willing to tour" lifts a worker's travel radius only
for touring calls (the tour's own crew); a local call at a tour stop keeps the radius.
Checked through the database: Find crew, why not, Gigs for you and auto-staffing."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest

from stagedoor.gigs.models import Crew, Tour
from stagedoor.industry.models import Role
from stagedoor.matching import selectors
from stagedoor.staffing.problem import Scope, build_problem
from tests.factories import (
    YEAR,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    VenueFactory,
    WorkerFactory,
    give_role,
    manager_of,
)

pytestmark = pytest.mark.django_db

STOPS = [
    # city, latitude, longitude, zone, day of December
    ("Los Angeles", 34.0430, -118.2673, "America/Los_Angeles", 4),
    ("Chicago", 41.8807, -87.6742, "America/Chicago", 6),
    ("London", 51.5033, 0.0032, "Europe/London", 9),
]


@pytest.fixture
def tour():
    org = OrganisationFactory(name="Highway Touring", kind="production")
    manager = manager_of(org)
    tour = Tour.objects.create(
        slug="highway", organisation=org, artist="Mara Quinn", name="Highway", status="published"
    )
    audio = Role.objects.get(slug="audio-tech")
    calls = {}
    for order, (city, lat, lon, zone, day) in enumerate(STOPS, start=1):
        venue = VenueFactory(
            name=f"{city} Arena", city=city, latitude=lat, longitude=lon, timezone=zone
        )
        show = ShowFactory(
            organisation=org, venue=venue, tour=tour, tour_order=order, artist="Mara Quinn",
            date=dt.date(YEAR, 12, day),
        )  # fmt: skip
        tz = zoneinfo.ZoneInfo(zone)
        calls[city, Crew.LOCAL] = PositionFactory(
            show=show, role=audio, level="mid", title="Load-out", headcount=2,
            call_start=dt.datetime(YEAR, 12, day, 23, 0, tzinfo=tz),
            call_end=dt.datetime(YEAR, 12, day, 23, 0, tzinfo=tz) + dt.timedelta(hours=3.5),
            pay_amount=Decimal("30.00"), pay_unit="hour", currency="USD", crew=Crew.LOCAL,
        )  # fmt: skip
        calls[city, Crew.TOURING] = PositionFactory(
            show=show, role=audio, level="mid", title="Tour audio", headcount=1,
            call_start=dt.datetime(YEAR, 12, day, 12, 0, tzinfo=tz),
            call_end=dt.datetime(YEAR, 12, day, 22, 0, tzinfo=tz),
            pay_amount=Decimal("400.00"), pay_unit="day", currency="USD", crew=Crew.TOURING,
        )  # fmt: skip
    chicago = WorkerFactory(
        display_name="Chicago Audio", home_city="Chicago", country="US", latitude=41.8781,
        longitude=-87.6298, travel_radius_km=80, willing_to_tour=True, currency="USD",
    )  # fmt: skip
    nashville = WorkerFactory(
        display_name="Nashville Audio", home_city="Nashville", country="US", latitude=36.1627,
        longitude=-86.7816, travel_radius_km=80, willing_to_tour=True, currency="USD",
    )  # fmt: skip
    homebody = WorkerFactory(
        display_name="Chicago Homebody", home_city="Chicago", country="US", latitude=41.8781,
        longitude=-87.6298, travel_radius_km=80, willing_to_tour=False, currency="USD",
    )  # fmt: skip
    for w in (chicago, nashville, homebody):
        give_role(w, "audio-tech", "mid")
    return {
        "org": org, "tour": tour, "manager": manager, "calls": calls,
        "chicago": chicago, "nashville": nashville, "homebody": homebody,
    }  # fmt: skip


def crew_for(t, city, kind) -> list[str]:
    found = selectors.candidates(
        actor=t["manager"], position=t["calls"][city, kind], filters=selectors.CrewFilters()
    )
    return sorted(c.worker.display_name for c in found)


def why_not(t, city, kind, who) -> list[str]:
    position = t["calls"][city, kind]
    return selectors.why_not(actor=t["manager"], position=position, worker=t[who]).rules


def test_a_local_call_keeps_the_radius_of_a_worker_willing_to_tour(tour):
    assert crew_for(tour, "Los Angeles", Crew.LOCAL) == []
    assert why_not(tour, "Los Angeles", Crew.LOCAL, "chicago") == [
        "lives 2,806 km away; this is a local call and their radius is 80 km"
    ]
    # At home the local call is theirs, whether they tour or not.
    assert crew_for(tour, "Chicago", Crew.LOCAL) == ["Chicago Audio", "Chicago Homebody"]


def test_a_touring_call_lifts_the_radius_only_for_workers_willing_to_tour(tour):
    assert crew_for(tour, "Los Angeles", Crew.TOURING) == ["Chicago Audio", "Nashville Audio"]
    assert why_not(tour, "Los Angeles", Crew.TOURING, "chicago") == []
    assert why_not(tour, "Los Angeles", Crew.TOURING, "homebody") == [
        "lives 2,806 km away, beyond their 80 km radius, and does not tour"
    ]
    assert crew_for(tour, "London", Crew.TOURING) == ["Chicago Audio", "Nashville Audio"]
    # A touring call at home is within the radius for anyone.
    assert crew_for(tour, "Chicago", Crew.TOURING) == [
        "Chicago Audio",
        "Chicago Homebody",
        "Nashville Audio",
    ]


def test_gigs_for_you_offers_the_nashville_worker_only_the_touring_calls(tour):
    offered = {(g.position.show.venue.city, g.position.crew) for g in selectors.gigs(
        worker=tour["nashville"]
    )}  # fmt: skip
    assert offered == {
        ("Los Angeles", "touring"),
        ("Chicago", "touring"),
        ("London", "touring"),
    }
    offered = {(g.position.show.venue.city, g.position.crew) for g in selectors.gigs(
        worker=tour["chicago"]
    )}  # fmt: skip
    assert offered == {
        ("Los Angeles", "touring"),
        ("Chicago", "touring"),
        ("Chicago", "local"),
        ("London", "touring"),
    }


def test_auto_staffing_pairs_follow_the_same_rule(tour):
    built = build_problem(Scope(organisation=tour["org"], tour_id=tour["tour"].pk))
    names = {w.pk: w.display_name for w in (tour["chicago"], tour["nashville"], tour["homebody"])}
    pairs = {
        (
            built.positions[p].show.venue.city,
            built.positions[p].crew,
            names[built.worker_ids[w]],
        )
        for p, w in zip(built.problem.pair_pos, built.problem.pair_worker, strict=True)
    }
    assert pairs == {
        ("Los Angeles", "touring", "Chicago Audio"),
        ("Los Angeles", "touring", "Nashville Audio"),
        ("Chicago", "touring", "Chicago Audio"),
        ("Chicago", "touring", "Nashville Audio"),
        ("Chicago", "touring", "Chicago Homebody"),  # within their radius: no travel
        ("Chicago", "local", "Chicago Audio"),
        ("Chicago", "local", "Chicago Homebody"),
        ("London", "touring", "Chicago Audio"),
        ("London", "touring", "Nashville Audio"),
    }
