import datetime as dt

import pytest
from django.test import Client

from stagedoor.gigs.models import StudioProject
from tests.factories import bearer
from tests.studio.world import DEADLINE, studio_world

pytestmark = pytest.mark.django_db


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", **headers)


def test_project_quotes_comparison_acceptance_and_delivery_through_the_api():
    world = studio_world()
    client = Client()
    sam, ben, ada = bearer(world["manager"]), bearer(world["ben"].user), bearer(world["ada"].user)
    late = {
        "organisation": "blue-room",
        "title": "Cue pack",
        "deadline": DEADLINE.isoformat(),
        "role": "composer",
        "currency": "EUR",
        "deliverables": [
            {
                "kind": "cue",
                "quantity": 6,
                "budget": "3000",
                "due_on": (DEADLINE + dt.timedelta(days=1)).isoformat(),
            }
        ],
    }
    refused = post(client, "/api/studio/projects", late, sam)
    assert refused.status_code == 422
    assert refused.json()["detail"] == [
        {
            "loc": ["body", "deliverables.1.due_on"],
            "msg": f"Due {DEADLINE + dt.timedelta(days=1)}, after the project's deadline "
            f"({DEADLINE}).",
            "type": "value_error",
        }
    ]
    assert not StudioProject.objects.filter(title="Cue pack").exists()
    late["deliverables"][0]["due_on"] = DEADLINE.isoformat()
    made = post(client, "/api/studio/projects", late, sam)
    assert made.status_code == 201
    assert (made.json()["state"], made.json()["budget"]) == ("open", "3000.00")

    slug = world["project"].slug
    sent = post(
        client, f"/api/studio/projects/{slug}/invitations", {"workers": ["ben", "ada"]}, sam
    )
    assert [q["status"] for q in sent.json()] == ["invited", "invited"]
    quote = {
        "price": "600",
        "unit": "song",
        "currency": "ZZZ",
        "turnaround_days": 10,
        "revisions_included": 2,
    }
    bad = post(client, f"/api/studio/projects/{slug}/quotes", quote, ben)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "currency"]
    quote["currency"] = "USD"
    assert post(client, f"/api/studio/projects/{slug}/quotes", quote, ben).status_code == 201
    quote |= {"price": "1600", "unit": "day"}
    assert post(client, f"/api/studio/projects/{slug}/quotes", quote, ada).status_code == 201
    ranked = client.get(f"/api/studio/projects/{slug}/quotes", **sam).json()
    assert [(r["rank"], r["quote"]["worker"], r["total"]) for r in ranked] == [
        (1, "ben", "6000.00"),
        (2, "ada", "16000.00"),
    ]
    assert ranked[1]["budget_in_unit"] == "650.00"
    assert client.get(f"/api/studio/projects/{slug}/quotes", **ben).status_code == 403

    accepted = post(client, f"/api/studio/quotes/{ranked[0]['quote']['id']}/accept", {}, sam)
    assert accepted.json()["status"] == "accepted"
    songs = world["project"].studio_deliverables.first().pk
    assert post(client, f"/api/studio/deliverables/{songs}/deliver", {}, ada).status_code == 403
    assert (
        post(client, f"/api/studio/deliverables/{songs}/deliver", {}, ben).json()["status"]
        == "delivered"
    )
    revised = post(client, f"/api/studio/deliverables/{songs}/revise", {"note": "More"}, sam)
    assert (revised.json()["status"], revised.json()["revisions_used"]) == ("revision", 1)
    post(client, f"/api/studio/deliverables/{songs}/deliver", {}, ben)
    approved = post(client, f"/api/studio/deliverables/{songs}/approve", {}, sam)
    assert approved.json()["status"] == "approved"
    state = client.get(f"/api/studio/projects/{slug}", **sam).json()["state"]
    assert state == "in_progress"  # the stems are still to come
