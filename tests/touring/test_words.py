"""An engagement's call is named by its tour, leg and days in the offer, the notices and
the inbox, never by the midnight its spanning call starts at ('call Wed 2 Dec 00:00')."""

import datetime as dt
from decimal import Decimal

import pytest

from stagedoor.booking.models import Notification
from stagedoor.gigs.labels import call_label
from stagedoor.touring import services
from stagedoor.touring.selectors import days_words
from tests.factories import YEAR, ShowFactory, VenueFactory

from .helpers import tour_world

pytestmark = pytest.mark.django_db


def notices(user) -> list[tuple[str, str]]:
    return [(n.subject, n.body) for n in Notification.objects.filter(user=user).order_by("pk")]


def test_the_whole_tour_engagement_names_the_tour_and_its_days():
    world = tour_world()
    position = world["engagement"].position
    assert call_label(position) == "Touring stagehand, the Night Drive tour, 2–8 Dec"
    offered, booked = notices(world["ada"].user)
    assert offered[0] == "Offer: Touring stagehand, the Night Drive tour, 2–8 Dec"
    assert offered[1].startswith(
        f"{world['org'].name} offers you Touring stagehand for the Night Drive tour, "
        "2–8 Dec, touring crew, €2,100.00 flat fee. Answer by "
    )
    assert "00:00" not in offered[0] + offered[1]
    assert booked == (
        "Booked: Touring stagehand, the Night Drive tour, 2–8 Dec",
        "You are booked as Touring stagehand for the Night Drive tour, 2–8 Dec, touring crew.",
    )


def test_a_leg_names_its_city_and_the_inbox_card_says_the_engagement(client):
    world = tour_world()
    london = VenueFactory(city="London", country="GB", timezone="Europe/London")
    ShowFactory(
        organisation=world["org"],
        venue=london,
        tour=world["tour"],
        tour_order=2,
        date=dt.date(YEAR, 12, 15),
        doors_at=dt.datetime(YEAR, 12, 15, 19, tzinfo=dt.UTC),
        show_at=dt.datetime(YEAR, 12, 15, 20, tzinfo=dt.UTC),
        curfew_at=dt.datetime(YEAR, 12, 15, 23, tzinfo=dt.UTC),
    )
    engagement = services.engagement_create(
        actor=world["manager"],
        tour=world["tour"],
        worker=world["ben"],
        role="stagehand",
        first_day=dt.date(YEAR, 12, 13),
        last_day=dt.date(YEAR, 12, 20),
        rate_amount=Decimal("2100"),
        rate_unit="week",
        currency="EUR",
    )
    assert call_label(engagement.position) == (
        "Touring stagehand, the Night Drive tour, London leg, 13–20 Dec"
    )
    ((subject, body),) = notices(world["ben"].user)
    assert subject == "Offer: Touring stagehand, the Night Drive tour, London leg, 13–20 Dec"
    assert "for the Night Drive tour, London leg, 13–20 Dec, touring crew, " in body

    client.force_login(world["ben"].user)
    page = client.get("/me/inbox/").content.decode()
    assert (
        "<strong>Touring stagehand</strong> · The Night Drive tour, London leg\n"
        f"    <br><small>{world['org'].name}</small></header>\n"
        "  <p>13–20 Dec, touring crew\n"
    ) in page
    assert "Call Sun 13 Dec" not in page


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (dt.date(2026, 12, 13), dt.date(2026, 12, 20), "13–20 Dec"),
        (dt.date(2026, 11, 28), dt.date(2026, 12, 5), "28 Nov–5 Dec"),
        (dt.date(2026, 12, 28), dt.date(2027, 1, 3), "28 Dec 2026–3 Jan 2027"),
        (dt.date(2026, 12, 13), dt.date(2026, 12, 13), "13 Dec"),
    ],
)
def test_days_in_words(first, last, words):
    assert days_words(first, last) == words
