"""Issue 18: offers sent and accepted while the broker is down answer with their real result;
what they asked for (emails, an import) waits in the outbox and happens once when it is back.

Here the broker "comes back" as eager Celery, a worker inside the test process; the same
story with a real worker on a live broker is in test_outage_worker.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stagedoor.boards.services import import_run_start
from stagedoor.booking.models import Booking, Notification, Offer
from stagedoor.core import outbox
from stagedoor.core.models import OutboxMessage, TaskRecord
from tests.brokers import broker, dead_broker_url
from tests.factories import bearer

pytestmark = pytest.mark.django_db

CSV = (
    "title,employer,city,start\n"
    "Rigger,Kiez Productions,Berlin,{day}T08:00:00+01:00\n"
    "Stagehand,Kiez Productions,Hamburg,{day}T09:00:00+01:00\n"
)


def outage_writes(world, client, commit) -> dict:
    """Through the API and the pages, while the broker is down: the manager offers the call
    to Ada (API) and Ben (page); Ada accepts on her page, Ben through the API; the manager
    starts an import. Every answer is the real one."""
    position, manager = world["position"], world["manager"]
    ada, ben = world["ada"], world["ben"]
    answers = {}
    with commit():
        reply = client.post(
            f"/api/positions/{position.pk}/offers",
            {"worker": "ada"},
            content_type="application/json",
            **bearer(manager),
        )
    answers["offer by API"] = reply.status_code
    client.force_login(manager)
    with commit():
        response = client.post(reverse("booking:offer", args=[position.pk]), {"worker": "ben"})
    answers["offer on the page"] = response.status_code
    to_ada, to_ben = Offer.objects.get(worker=ada), Offer.objects.get(worker=ben)
    client.force_login(ada.user)
    with commit():
        response = client.post(reverse("booking:offer-accept", args=[to_ada.pk]))
    answers["accept on the page"] = (response.status_code, response.url)
    with commit():
        reply = client.post(f"/api/offers/{to_ben.pk}/accept", **bearer(ben.user))
    answers["accept by API"] = reply.status_code
    day = (timezone.now() + dt.timedelta(days=20)).date().isoformat()
    with commit():
        run = import_run_start(actor=manager, filename="crew.csv", content=CSV.format(day=day))
    answers["import"] = run.task.status
    return answers


EXPECTED_ANSWERS = {
    "offer by API": 201,
    "offer on the page": 302,
    "accept on the page": (302, "/me/inbox/"),
    "accept by API": 201,
    "import": "queued",
}


CALL = "Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"
# One email each: the offer and the booking to each stagehand, "accepted" to the manager.
EXPECTED_MAIL = [
    ("ada@example.test", f"Booked: {CALL}"),
    ("ada@example.test", f"Offer: {CALL}"),
    ("ben@example.test", f"Booked: {CALL}"),
    ("ben@example.test", f"Offer: {CALL}"),
    ("manager@example.test", "Ada accepted Load-in"),
    ("manager@example.test", "Ben accepted Load-in"),
]


def test_a_broker_outage_delays_the_side_effects_and_loses_none(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.STAGEDOOR_TASKS_INLINE = False
    with broker(dead_broker_url(), settings):
        answers = outage_writes(
            world, client, lambda: django_capture_on_commit_callbacks(execute=True)
        )
    assert answers == EXPECTED_ANSWERS
    booked = Booking.objects.order_by("worker__slug").values_list("worker__slug", "status")
    assert list(booked) == [("ada", "confirmed"), ("ben", "confirmed")]
    assert mail.outbox == []
    waiting = OutboxMessage.objects.values_list("task", "attempts", "sent_at")
    assert sorted(waiting) == sorted(
        [("stagedoor.booking.tasks.send_notification_email", 1, None)] * 6
        + [("stagedoor.run_task", 1, None)]
    )
    assert outbox.backlog().waiting == 7
    assert TaskRecord.objects.get().status == "queued"

    # The broker is back (eager: a worker in this process); beat finds the messages due.
    done = outbox.deliver(now=timezone.now() + dt.timedelta(minutes=1))
    assert (done.sent, done.failed) == (7, 0)
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == EXPECTED_MAIL
    assert Notification.objects.filter(emailed_at=None).count() == 0
    assert TaskRecord.objects.get().status == "done"
    assert outbox.backlog().words() == "Nothing waiting to be delivered."

    # Handing everything over again sends nothing twice.
    for message in OutboxMessage.objects.all():
        assert outbox.run(message.pk) == "skipped"
    assert outbox.deliver(force=True).sent == 0
    assert len(mail.outbox) == 6
