"""The newcomer start: entry-level roles for interests, with live openings near a city."""

import datetime as dt

import pytest

from stagedoor.careers.selectors.start import newcomer_start
from tests.factories import BookingFactory, UserFactory, VenueFactory, WorkerFactory

from .world import CITY, HAMBURG, SUBURB, position_at, show_at, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def openings():
    """Entry-level calls in and around Berlin, and ones that must not be offered."""
    town = VenueFactory(name="Spree Hall", **CITY)
    suburb = VenueFactory(name="Lindenpark", **SUBURB)
    far = VenueFactory(name="Docks", **HAMBURG)
    saturday = next(d for d in range(10, 17) if (today() + dt.timedelta(days=d)).weekday() == 5)
    made = {
        "town": position_at(
            saturday, "stagehand", show=show_at(saturday, venue=town), title="Load-in hands"
        ),
        "evening": position_at(
            saturday + 2,
            "stagehand",
            show=show_at(saturday + 2, venue=town),
            hour=18,
            title="Load-out",
        ),
        "suburb": position_at(
            saturday + 3,
            "stagehand",
            show=show_at(saturday + 3, venue=suburb),
            title="Lindenpark hands",
        ),
        "runner": position_at(
            saturday + 4, "runner", show=show_at(saturday + 4, venue=town), title="Runner"
        ),
        "far": position_at(saturday, "stagehand", show=show_at(saturday, venue=far)),
        "mid": position_at(saturday, "stagehand", show=show_at(saturday, venue=town), level="mid"),
        "draft": position_at(
            saturday, "stagehand", show=show_at(saturday, venue=town, status="draft")
        ),
        "past": position_at(-2, "stagehand", show=show_at(-2, venue=town)),
        "full": position_at(
            saturday + 1, "stagehand", show=show_at(saturday + 1, venue=town), headcount=1
        ),
        "audio": position_at(saturday, "audio-tech", show=show_at(saturday, venue=town)),
    }
    BookingFactory(position=made["full"])
    return made


def _found(start):
    return {o.start.role: [n.position.pk for n in o.openings] for o in start.options}


def test_sound_in_berlin_finds_the_entry_level_openings_near_it(openings):
    start = newcomer_start(interests=["sound"], city="Berlin")
    assert start.place.name == "Berlin"
    assert [o.start.role for o in start.options] == ["stagehand"]
    assert _found(start) == {
        "stagehand": [openings["town"].pk, openings["evening"].pk, openings["suburb"].pk]
    }
    assert [n.distance_km for n in start.options[0].openings] == [1.7, 1.7, 28.1]


def test_a_smaller_radius_and_availability_narrow_the_openings(openings):
    near = newcomer_start(interests="sound", city="Berlin", radius_km=10)
    assert _found(near) == {"stagehand": [openings["town"].pk, openings["evening"].pk]}
    evenings = newcomer_start(interests="sound", city="Berlin", availability=["evenings"])
    assert _found(evenings) == {"stagehand": [openings["evening"].pk]}
    weekends = newcomer_start(interests="sound", city="Berlin", availability=["weekends"])
    assert _found(weekends) == {"stagehand": [openings["town"].pk]}


def test_touring_lists_every_fitting_entry_role_and_hamburg_sees_only_its_own(openings):
    touring = newcomer_start(interests=["touring"], city="Berlin")
    found = _found(touring)
    assert found["runner"] == [openings["runner"].pk]
    hamburg = newcomer_start(interests=["sound"], city="Hamburg")
    assert _found(hamburg) == {"stagehand": [openings["far"].pk]}


def test_bad_input_is_refused_naming_the_field(client):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        newcomer_start(interests=["juggling"], city="Xyzzyville", radius_km=0)
    assert err.value.message_dict == {
        "interests": [
            "Unknown interest 'juggling'; choose from light, rigging, sound, studio, touring, "
            "venue business."
        ],
        "city": ["No city called 'Xyzzyville' is known; try 'City, CC'."],
        "radius_km": ["Give a distance from 1 to 500 km."],
    }
    api = client.get("/api/careers/start?interests=sound&city=Xyzzyville")
    assert api.status_code == 422
    assert api.json()["detail"] == [
        {
            "loc": ["body", "city"],
            "msg": "No city called 'Xyzzyville' is known; try 'City, CC'.",
            "type": "value_error",
        }
    ]
    page = client.get("/careers/start/?interests=sound&city=Xyzzyville")
    assert "No city called &#x27;Xyzzyville&#x27; is known" in page.content.decode()


def test_the_start_page_and_api_list_the_openings(client, openings):
    page = client.get("/careers/start/?interests=sound&city=Berlin")
    html = page.content.decode()
    assert page.status_code == 200
    rows = [
        f'data-position="{p.pk}"' for p in openings.values() if f'data-position="{p.pk}"' in html
    ]
    assert rows == [f'data-position="{openings[k].pk}"' for k in ("town", "evening", "suburb")]
    # Distances read as the plan's sections write them, not as raw kilometres (1.7, 28.1).
    assert html.count(" · 2 km</td>") == 2 and html.count(" · 28 km</td>") == 1
    assert "1.7 km" not in html
    partial = client.get("/careers/start/?interests=sound&city=Berlin", headers={"HX-Request": "1"})
    assert partial.content.decode().lstrip().startswith('<p id="start-summary">')
    body = client.get("/api/careers/start?interests=sound&city=Berlin&radius_km=10").json()
    assert body["radius_km"] == 10
    assert [(r["role"], [o["position"] for o in r["openings"]]) for r in body["roles"]] == [
        ("stagehand", [openings["town"].pk, openings["evening"].pk])
    ]
    assert body["roles"][0]["openings"][0]["venue"] == "Spree Hall"


def test_a_signed_in_newcomer_starts_from_her_home_city(client):
    user = UserFactory(username="rosa")
    WorkerFactory(user=user, slug="rosa", home_city="Chicago", travel_radius_km=40)
    client.force_login(user)
    page = client.get("/careers/start/").content.decode()
    assert 'name="city" value="Chicago"' in page
    assert 'name="radius_km" value="40"' in page
    client.logout()
    assert 'name="city" value="Chicago"' not in client.get("/careers/start/").content.decode()
