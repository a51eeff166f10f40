"""'I'm interested' on an open call: the worker's page, the API, and what managers see in
Find crew and on the staffing board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stagedoor.gigs.models import Interest
from tests.boards.world import build_world
from tests.factories import bearer, crew

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """The boards world (Spree Live's Nightjar show in Berlin: an entry-level stagehand call
    and a mid-level rigger call; Ada Lind, an entry-level rigger) and three stagehands."""
    w = build_world()
    w |= crew(("Ben", "Cleo", "Dora"), years=(9, 5, 1))
    return w


def say(client, position, interested="1", **headers):
    return client.post(
        f"/jobs/{position.pk}/interest/",
        {"interested": interested, "next": f"/jobs/{position.pk}/"},
        **headers,
    )


def interested(position) -> list[str]:
    return list(position.interests.order_by("pk").values_list("worker__slug", flat=True))


def test_worker_says_and_takes_back_interest_on_the_posting_page(client, world):
    hands = world["hands"]
    client.force_login(world["cleo"].user)
    page = client.get(f"/jobs/{hands.pk}/").content.decode()
    assert '<button type="submit" class="interest">I\'m interested</button>' in page
    response = say(client, hands)
    assert (response.status_code, response.url) == (302, f"/jobs/{hands.pk}/")
    say(client, hands)  # saying it twice is saying it once
    assert interested(hands) == ["cleo"]
    page = client.get(f"/jobs/{hands.pk}/").content.decode()
    assert "You told Spree Live you're interested." in page
    listing = client.get("/jobs/").content.decode()
    assert listing.count('<mark class="interested">You\'re interested</mark>') == 1
    partial = say(client, hands, "0", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<form method="post" action="/jobs/')
    assert "I'm interested</button>" in partial
    assert interested(hands) == []


def test_only_workers_can_say_it_and_only_on_open_calls(client, world):
    client.force_login(world["manager"])
    response = say(client, world["hands"], HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Only crew with a worker profile" in response.content.decode()
    client.force_login(world["cleo"].user)
    assert say(client, world["draft"]).status_code == 404
    assert Interest.objects.count() == 0
    client.logout()
    response = say(client, world["hands"])
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_api_interest_toggle_and_managers_list(client, world):
    hands = world["hands"]
    cleo, ben = bearer(world["cleo"].user), bearer(world["ben"].user)
    url = f"/api/positions/{hands.pk}/interest"
    assert client.post(url, **cleo).json() == {"position": hands.pk, "interested": True}
    assert client.post(url, **cleo).json() == {"position": hands.pk, "interested": True}
    client.post(url, **ben)
    assert interested(hands) == ["cleo", "ben"]
    listed = client.get(f"/api/positions/{hands.pk}/interested", **bearer(world["manager"]))
    assert [(x["worker"], x["name"]) for x in listed.json()] == [
        ("cleo", "Cleo"),
        ("ben", "Ben"),
    ]
    refused = client.get(f"/api/positions/{hands.pk}/interested", **cleo)
    assert refused.status_code == 403
    assert client.delete(url, **cleo).json() == {"position": hands.pk, "interested": False}
    assert interested(hands) == ["ben"]
    assert client.post(url).status_code == 401


def test_api_refuses_non_workers_and_closed_calls(client, world):
    hands = world["hands"]
    response = client.post(f"/api/positions/{hands.pk}/interest", **bearer(world["manager"]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "worker"]
    hands.cancelled_at = timezone.now()
    hands.save()
    response = client.post(f"/api/positions/{hands.pk}/interest", **bearer(world["cleo"].user))
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "position"], "msg": "This call is no longer open.", "type": "value_error"}
    ]
    hidden = client.post(
        f"/api/positions/{world['draft'].pk}/interest", **bearer(world["cleo"].user)
    )
    assert hidden.status_code == 404
    assert Interest.objects.count() == 0


def test_find_crew_marks_the_interested_and_lists_those_ranked_below_the_cut(client, world):
    hands = world["hands"]
    for who in ("dora", "worker"):
        Interest.objects.create(worker=world[who], position=hands)
    client.force_login(world["manager"])
    page = client.get(f"/manage/positions/{hands.pk}/crew/", {"k": 1}).content.decode()
    rows = page.split('<tr class="candidate')[1:]
    # Ben ranks first (most years); Dora ranks last but said she is interested.
    assert ['data-worker="ben"' in rows[0], 'data-worker="dora"' in rows[1]] == [True, True]
    assert len(rows) == 2
    assert '<mark class="interested">interested</mark>' in rows[1]
    assert "interested" not in rows[0]
    # Ada Lind is a rigger: interested, not eligible, and told why.
    assert '<article id="also-interested">' in page
    assert "Ada Lind</a>: does not work as Stagehand" in page


def test_staffing_board_lists_who_is_interested(client, world):
    hands = world["hands"]
    Interest.objects.create(worker=world["dora"], position=hands)
    Interest.objects.create(
        worker=world["ben"], position=hands, created_at=timezone.now() + dt.timedelta(seconds=1)
    )
    client.force_login(world["manager"])
    page = client.get(f"/shows/{world['show'].slug}/staffing/").content.decode()
    assert (
        f'<p class="interested-list" id="interested-{hands.pk}"><small>Interested: Dora, Ben'
        "</small></p>"
    ) in page
    assert f'id="interested-{world["rigger"].pk}"' not in page


def test_candidates_api_marks_the_interested_below_the_cut(client, world):
    hands = world["hands"]
    Interest.objects.create(worker=world["dora"], position=hands)
    rows = client.get(
        f"/api/positions/{hands.pk}/candidates?k=1", **bearer(world["manager"])
    ).json()
    assert [(r["worker"], r["interested"]) for r in rows] == [("ben", False), ("dora", True)]
