"""A tour most touring tests start from: the usual organisation, venue (Berlin) and
manager, a tour whose first stop is the show of 4 December, and Ada engaged for the week
of 2 to 8 December at 2,100 EUR a week, her offer accepted."""

import datetime as dt
from decimal import Decimal

from stagedoor.booking import services as booking
from stagedoor.booking.models import Offer
from stagedoor.gigs.models import Tour
from stagedoor.touring import services
from tests.factories import YEAR, crew, show_world

FIRST = dt.date(YEAR, 12, 2)
LAST = dt.date(YEAR, 12, 8)


def tour_world(*, accept: bool = True) -> dict:
    world = show_world()
    tour = Tour.objects.create(
        slug="night-drive", organisation=world["org"], artist="Nadia Velour", name="Night Drive"
    )
    show = world["show"]
    show.tour, show.tour_order = tour, 1
    show.save()
    people = crew(("Ada", "Ben"), years=(3, 2))
    engagement = services.engagement_create(
        actor=world["manager"],
        tour=tour,
        worker=people["ada"],
        role="stagehand",
        first_day=FIRST,
        last_day=LAST,
        rate_amount=Decimal("2100"),
        rate_unit="week",
        currency="EUR",
        travel_day_share=Decimal("0.8"),
        day_off_share=Decimal("0.5"),
    )
    if accept:
        offer = Offer.objects.get(position=engagement.position, worker=people["ada"])
        booking.offer_accept(actor=people["ada"].user, offer=offer)
    return world | {"tour": tour, "engagement": engagement, **people}


def day(world, date, kind="show", **fields):
    values = {"city": "Berlin", "timezone": "Europe/Berlin"} | fields
    return services.tour_day_save(
        actor=world["manager"], tour=world["tour"], date=date, kind=kind, **values
    )
