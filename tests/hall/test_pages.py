"""The hall's pages through the test client: the employer sends a call, the dispatcher sees
who is next and dispatches, registrants answer and read why they were passed over."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from stagedoor.booking.models import Offer
from stagedoor.hall.models import CallRequest, LogEntry
from tests.hall.world import hall_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return hall_world()


def test_employer_sends_the_call_and_the_dispatcher_dispatches_it(client, hall):
    regs = hall["registrants"]
    client.force_login(hall["manager"])
    url = reverse("hall:call", args=[hall["position"].pk])
    page = client.get(url)
    assert "Send to Lakeshore Stagehands, Local 88" in page.content.decode()
    response = client.post(url, {"by_name": [regs["jo"].pk], "needs": []})
    request = CallRequest.objects.get()
    assert response.url == reverse("hall:request", args=[request.pk])
    assert list(request.by_name.all()) == [regs["jo"]]

    button = "Dispatch this call in list order</button>"
    assert button not in client.get(response.url).content.decode()

    client.force_login(hall["dispatcher"])
    page = client.get(response.url).content.decode()
    assert button in page
    assert f'<input type="hidden" name="request" value="{request.pk}">' in page
    assert f'action="{reverse("hall:dispatch", args=["local-88"])}"' in page
    desk = client.get(reverse("hall:desk", args=["local-88"])).content.decode()
    assert 'Next in line: <span class="next-in-line">Jo, Ana, Bo, Cy, Di, Ed</span>' in desk
    client.post(reverse("hall:dispatch", args=["local-88"]), {"request": request.pk})
    assert sorted(Offer.objects.values_list("worker__display_name", flat=True)) == [
        "Ana",
        "Bo",
        "Cy",
        "Di",
        "Ed",
        "Jo",
    ]
    detail = client.get(reverse("hall:request", args=[request.pk])).content.decode()
    assert "Requested by name; rules v1." in detail
    assert "List order, group A; rules v1." in detail


def test_registrant_answers_and_reads_why_she_was_passed_over(client, hall):
    regs = hall["registrants"]
    CallRequest.objects.create(
        local=hall["local"],
        position=hall["position"],
        classification=hall["stagehand"],
        requested_at=hall["position"].created_at,
    )
    client.force_login(hall["dispatcher"])
    client.post(reverse("hall:dispatch", args=["local-88"]))
    client.force_login(regs["ana"].worker.user)
    me = client.get(reverse("hall:me")).content.decode()
    assert "Pass: not this call" in me
    offer = Offer.objects.get(worker=regs["ana"].worker)
    client.post(reverse("hall:answer", args=[offer.pk]), {"answer": "pass"})
    assert LogEntry.objects.filter(offer=offer, kind="pass").count() == 1
    assert Offer.objects.get(pk=offer.pk).status == "declined"

    client.force_login(regs["hal"].worker.user)
    me = client.get(reverse("hall:me")).content.decode()
    assert "number 8 of 10" in me
    assert "List order: 6 people ahead of you were available." in me
    record = client.get(reverse("hall:export", args=[regs["hal"].pk, "json"]))
    assert [row["what"] for row in json.loads(record.content)] == ["Signed the list"]
    csv = client.get(reverse("hall:export", args=[regs["hal"].pk, "csv"])).content.decode()
    assert csv.splitlines()[0] == "when,when_local,what,call,answer_by,channel,by,reason"
    # Her record is hers and the dispatchers': not another registrant's.
    client.force_login(regs["ana"].worker.user)
    assert client.get(reverse("hall:export", args=[regs["hal"].pk, "csv"])).status_code == 403


def test_find_crew_takes_the_dispatcher_to_the_hall_and_manage_points_to_the_desk(client, hall):
    client.force_login(hall["dispatcher"])
    response = client.get(reverse("matching:find-crew", args=[hall["position"].pk]))
    assert response.url == reverse("hall:call", args=[hall["position"].pk])
    manage = client.get(reverse("booking:manage")).content.decode()
    assert "No shows yet" not in manage
    assert reverse("hall:desk", args=["local-88"]) in manage
    lists = client.get(reverse("hall:lists", args=["local-88"]))
    assert lists.status_code == 200
    # On a phone each row stacks, every value under its column's name.
    assert '<table id="hall-list" class="stack">' in lists.content.decode()
    assert '<td data-label="Standing">' in lists.content.decode()
    assert client.get(reverse("hall:rules", args=["local-88"])).status_code == 200


def test_strangers_get_no_desk(client, hall):
    client.force_login(hall["manager"])
    assert client.get(reverse("hall:desk", args=["local-88"])).status_code == 403
    assert client.post(reverse("hall:dispatch", args=["local-88"])).status_code == 403
