"""Issue 18 in a real browser: with the broker down, a stagehand accepts an offer and is
booked (no error page); the operator reads what waits on the operations page; when the
broker is back the waiting emails go out, once."""

import datetime as dt

import pytest
from django.core import mail

from stagedoor.booking import services
from stagedoor.booking.models import Booking
from stagedoor.core import outbox
from stagedoor.core.models import OutboxMessage
from tests.brokers import broker, dead_broker_url
from tests.factories import BERLIN, YEAR, PositionFactory, UserFactory, WorkerFactory, show_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]


def test_accepting_while_the_broker_is_down_books_and_the_mail_follows(
    live_server, page, log_in, settings
):
    world = show_world(org={"name": "Spree Kultur"}, venue={"name": "Kraftwerk"},
                       show={"artist": "Mara Quinn"})  # fmt: skip
    position = PositionFactory(
        show=world["show"],
        title="Load-in",
        headcount=2,
        call_start=dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN),
    )
    ada = WorkerFactory(display_name="Ada", user=UserFactory(username="ada",
                        email="ada@example.test", password="backstage-pass"))  # fmt: skip
    UserFactory(username="root", is_staff=True, is_superuser=True, password="backstage-pass")
    with broker(dead_broker_url(), settings):
        offer = services.offer_send(actor=world["manager"], position=position, worker=ada)
        log_in("ada")
        page.click("nav >> text=Inbox")
        page.locator(f"#offer-{offer.pk} >> button:has-text('Accept')").click()
        page.wait_for_selector("text=Booked: Load-in. It is on your schedule and calendar.")
        assert Booking.objects.filter(worker=ada, position=position).count() == 1

        log_in("root")
        page.goto(f"{live_server.url}/ops/")
        text = page.locator("#outbox").inner_text()
        assert (
            "3 messages waiting to be delivered, the oldest for under a minute. 3 of them "
            "could not be delivered yet and are tried again with growing pauses."
        ) in text
        assert "Last problem: The message queue did not answer: " in text
    assert mail.outbox == []

    # The broker is back; beat's next round hands them over.
    outbox.deliver(now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("ada@example.test", "Booked: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"),
        ("ada@example.test", "Offer: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"),
        (world["manager"].email, "Ada accepted Load-in"),
    ]
    assert OutboxMessage.objects.filter(done_at=None).count() == 0
    page.goto(f"{live_server.url}/ops/")
    assert "Nothing waiting to be delivered." in page.locator("#outbox").inner_text()
