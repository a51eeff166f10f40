"""Probing other people's bookings and offers gets "not yours", never their names."""

import datetime as dt

import pytest
from django.utils import timezone

from stagedoor.booking.models import Offer
from tests.factories import (
    BookingFactory,
    PositionFactory,
    UserFactory,
    WorkerFactory,
    bearer,
    show_world,
)

pytestmark = pytest.mark.django_db

SECRETS = ("Ana Ruiz", "Ana", "Ruiz", "Northern Lights", "Juniper Static")


@pytest.fixture
def probe():
    world = show_world(org={"name": "Northern Lights"}, show={"artist": "Juniper Static"})
    ana = WorkerFactory(display_name="Ana Ruiz", slug="ana", user__username="ana")
    position = PositionFactory(show=world["show"])
    booking = BookingFactory(position=position, worker=ana)
    offer = Offer.objects.create(
        position=PositionFactory(show=world["show"]),
        worker=ana,
        expires_at=timezone.now() + dt.timedelta(days=2),
    )
    stranger = WorkerFactory(display_name="Sam Nosy", slug="sam", user__username="sam")
    return {"booking": booking, "offer": offer, "stranger": stranger.user, **world}


def refusals(client, probe, headers):
    b, o = probe["booking"].pk, probe["offer"].pk
    asks = [
        ("get", f"/api/bookings/{b}/timesheet"),
        ("post", f"/api/bookings/{b}/timesheet/check-in"),
        ("post", f"/api/bookings/{b}/timesheet/submit"),
        ("post", f"/api/bookings/{b}/cancel"),
        ("post", f"/api/offers/{o}/accept"),
        ("post", f"/api/offers/{o}/decline"),
        ("get", f"/api/workers/{probe['booking'].worker.slug}/pay"),
        ("get", f"/api/shows/{probe['show'].slug}/pay"),
        ("get", f"/api/shows/{probe['show'].slug}/staffing"),
    ]
    answers = []
    for method, path in asks:
        response = getattr(client, method)(path, content_type="application/json", **headers)
        answers.append((path, response.status_code, response.content.decode()))
    return answers


def test_api_refusals_name_no_worker_and_no_organisation(client, probe):
    answers = refusals(client, probe, bearer(probe["stranger"]))
    refused = [(path, body) for path, status, body in answers if status == 403]
    assert len(refused) >= 7, answers
    for path, body in refused:
        assert not [s for s in SECRETS if s in body], (path, body)


def test_page_refusal_names_nobody(client, probe):
    client.force_login(UserFactory(username="nosy"))
    response = client.post(f"/offers/{probe['offer'].pk}/accept/")
    assert response.status_code in (403, 404)
    body = response.content.decode()
    assert not [s for s in SECRETS if s in body], body
