"""Row locks through `core.locking.lock_rows`: refused outside a transaction, and a write
that meets another transaction's locks answers "busy, try again" after the lock timeout
instead of hanging: a 409 on the API, a message on the page."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.urls import reverse

from stagedoor.api.models import ApiToken
from stagedoor.booking import services
from stagedoor.booking.models import Hold
from stagedoor.core.locking import Busy, lock_rows
from stagedoor.gigs.models import Position
from tests.factories import postgres_only

# `world` (tests/booking/conftest.py): the show "mara", its manager, a call of two seats, Ada.
pytestmark = pytest.mark.usefixtures("catalog")

BUSY = "Someone else is changing this right now. Try again."


@contextmanager
def row_held(model, pk: int):
    """Another transaction, in another thread, holds the row's lock until the block ends."""
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                lock_rows((model, [pk]))
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert locked.wait(10), "the other transaction never got its lock"
        yield
    finally:
        release.set()
        thread.join(30)


@pytest.mark.django_db(transaction=True)
def test_lock_rows_refuses_outside_a_transaction(world):
    with pytest.raises(RuntimeError, match=r"must run inside transaction\.atomic\(\)"):
        lock_rows((Position, [world["position"].pk]))
    with transaction.atomic():
        lock_rows((Position, [world["position"].pk]))  # inside one it is fine


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_write_meeting_a_held_row_is_busy_after_the_timeout(world, settings):
    settings.STAGEDOOR_LOCK_TIMEOUT_MS = 200
    position, ada = world["position"], world["ada"]
    with row_held(Position, position.pk), pytest.raises(Busy, match=BUSY):
        services.hold_create(actor=world["manager"], position=position, worker=ada)
    assert Hold.objects.count() == 0
    # Once the other transaction is done, the same write goes through.
    services.hold_create(actor=world["manager"], position=position, worker=ada)
    assert Hold.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_api_answers_409_while_the_row_is_busy(world, settings, client):
    settings.STAGEDOOR_LOCK_TIMEOUT_MS = 200
    position = world["position"]
    _, key = ApiToken.issue(user=world["manager"])
    with row_held(Position, position.pk):
        response = client.post(
            f"/api/positions/{position.pk}/holds",
            {"worker": "ada"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
    assert (response.status_code, response.json()) == (409, {"detail": BUSY})
    assert Hold.objects.count() == 0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_page_write_goes_back_with_the_busy_message(world, settings, client):
    settings.STAGEDOOR_LOCK_TIMEOUT_MS = 200
    position = world["position"]
    board = reverse("booking:board", args=["mara"])
    client.force_login(world["manager"])
    with row_held(Position, position.pk):
        response = client.post(
            reverse("booking:hold", args=[position.pk]),
            {"worker": "ada"},
            HTTP_REFERER=f"http://testserver{board}",
        )
    assert (response.status_code, response.url) == (302, f"http://testserver{board}")
    page = client.get(board)
    assert [str(m) for m in page.context["messages"]] == [BUSY]
    assert BUSY in page.content.decode()
    assert Hold.objects.count() == 0
