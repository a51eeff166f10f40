import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stagedoor.booking.models import Booking, Notification
from stagedoor.booking.selectors import clashes
from stagedoor.core.text import day as day_words
from stagedoor.gigs.models import Position
from stagedoor.touring import selectors, services
from stagedoor.touring.models import TourDay, TravelLeg
from tests.factories import BERLIN, YEAR, PositionFactory, ShowFactory

from .helpers import FIRST, LAST, day, tour_world

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_an_engagement_is_one_touring_call_spanning_its_days_booked_through_an_offer():
    world = tour_world()
    position = world["engagement"].position
    assert position.crew == "touring"
    assert position.show == world["show"]
    assert position.call_start == dt.datetime(YEAR, 12, 2, tzinfo=BERLIN)
    assert position.call_end == dt.datetime(YEAR, 12, 9, tzinfo=BERLIN)
    assert position.pay_unit == "flat"
    assert list(position.bookings.values_list("worker__display_name", "status")) == [
        ("Ada", "confirmed")
    ]


def test_the_engaged_worker_is_busy_for_every_day_of_the_engagement():
    world = tour_world()
    other = ShowFactory(organisation=world["org"], venue=world["venue"], date=dt.date(YEAR, 12, 6))
    call = PositionFactory(
        show=other,
        call_start=dt.datetime(YEAR, 12, 6, 9, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 6, 14, tzinfo=BERLIN),
    )
    assert [b.position for b in clashes(world["ada"], call)] == [world["engagement"].position]
    after = PositionFactory(
        show=ShowFactory(
            organisation=world["org"], venue=world["venue"], date=dt.date(YEAR, 12, 12)
        ),
        call_start=dt.datetime(YEAR, 12, 12, 9, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 12, 14, tzinfo=BERLIN),
    )
    assert list(clashes(world["ada"], after)) == []


def test_itinerary_days_reprice_the_engagement_and_notify_the_party():
    world = tour_world()
    kinds = ["show", "travel", "show", "show", "travel", "off", "show"]
    for offset, kind in enumerate(kinds):
        day(world, FIRST + dt.timedelta(days=offset), kind, per_diem="35", per_diem_currency="EUR")
    pay = selectors.engagement_pay(world["engagement"])
    # 300 a day: 4 x 300 + 2 x 240 + 150 = 1,830 wages, 7 x 35 = 245 per diems.
    assert pay.totals == {"EUR": Decimal("2075.00")}
    world["engagement"].position.refresh_from_db()
    assert world["engagement"].position.pay_amount == Decimal("1830.00")
    notes = Notification.objects.filter(user=world["ada"].user, kind="call_sheet")
    assert notes.count() == 7
    first = notes.order_by("pk").first()
    assert first.subject == f"Nadia Velour: day sheet for {day_words(FIRST)} changed"


def test_a_day_with_bad_fields_is_refused_naming_each_and_saves_nothing():
    world = tour_world()
    with pytest.raises(ValidationError) as refused:
        services.tour_day_save(
            actor=world["manager"],
            tour=world["tour"],
            date=FIRST,
            kind="party",
            city="",
            timezone="Mars/Olympus",
            per_diem="-3",
            hotel_check_in=dt.datetime(YEAR, 12, 2, 15),
        )
    assert sorted(refused.value.message_dict) == [
        "city",
        "hotel_check_in",
        "kind",
        "per_diem",
        "timezone",
    ]
    assert TourDay.objects.count() == 0


def test_a_per_diem_needs_a_known_currency():
    world = tour_world()
    with pytest.raises(ValidationError) as refused:
        day(world, FIRST, per_diem="30", per_diem_currency="XYZ")
    assert refused.value.message_dict == {
        "per_diem_currency": ["'XYZ' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."]
    }


def test_one_day_per_date():
    world = tour_world()
    day(world, FIRST)
    with pytest.raises(ValidationError) as refused:
        day(world, FIRST, "off")
    assert refused.value.message_dict == {
        "date": [f"The itinerary already has {day_words(FIRST)}."]
    }


def test_a_leg_arriving_before_it_departs_is_refused_and_nothing_saved():
    world = tour_world()
    travel = day(world, FIRST, "travel")
    with pytest.raises(ValidationError) as refused:
        services.travel_leg_add(
            actor=world["manager"],
            day=travel,
            mode="flight",
            depart_place="Berlin BER",
            depart_at=dt.datetime(YEAR, 12, 2, 10, 0, tzinfo=BERLIN),
            depart_zone="Europe/Berlin",
            arrive_place="London LHR",
            # 09:30 in London is 10:30 in Berlin: after the departure. 08:30 is not.
            arrive_at=dt.datetime(YEAR, 12, 2, 8, 30, tzinfo=LONDON),
            arrive_zone="Europe/London",
        )
    assert refused.value.message_dict == {
        "arrive_at": ["The leg must arrive after it departs (times in their own zones)."]
    }
    assert TravelLeg.objects.count() == 0
    leg = services.travel_leg_add(
        actor=world["manager"],
        day=travel,
        mode="flight",
        depart_place="Berlin BER",
        depart_at=dt.datetime(YEAR, 12, 2, 10, 0, tzinfo=BERLIN),
        depart_zone="Europe/Berlin",
        arrive_place="London LHR",
        arrive_at=dt.datetime(YEAR, 12, 2, 11, 5, tzinfo=LONDON),
        arrive_zone="Europe/London",
        carrier="British Airways",
        reference="BA 983",
    )
    assert str(leg) == "Flight Berlin BER to London LHR"


def test_only_the_tours_managers_plan_it():
    world = tour_world()
    with pytest.raises(PermissionDenied):
        day(world | {"manager": world["ada"].user}, FIRST)


def test_labour_cost_adds_touring_crew_per_diems_and_local_calls_against_the_budget():
    world = tour_world()
    for offset in range(7):
        day(world, FIRST + dt.timedelta(days=offset), per_diem="20", per_diem_currency="EUR")
    local = PositionFactory(
        show=world["show"], pay_amount=Decimal("300"), pay_unit="flat", currency="EUR"
    )
    Booking.objects.create(position=local, worker=world["ben"], status="confirmed")
    services.tour_budget_set(
        actor=world["manager"], tour=world["tour"], amount="2500", currency="EUR"
    )
    cost = selectors.labour_cost(actor=world["manager"], tour=world["tour"])
    assert cost.touring == {"EUR": Decimal("2100.00")}
    assert cost.per_diems == {"EUR": Decimal("140.00")}
    assert cost.local == {"EUR": Decimal("300.00")}
    assert cost.totals == {"EUR": Decimal("2540.00")}
    assert cost.over == Decimal("40.00")


def test_the_engagement_refuses_bad_terms_and_posts_nothing():
    world = tour_world(accept=False)
    before = Position.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.engagement_create(
            actor=world["manager"],
            tour=world["tour"],
            worker=world["ben"],
            role="juggler",
            first_day=LAST,
            last_day=FIRST,
            rate_amount="abc",
            rate_unit="month",
            currency="EURO",
            day_off_share="2",
        )
    assert sorted(refused.value.message_dict) == [
        "currency",
        "day_off_share",
        "last_day",
        "rate_amount",
        "rate_unit",
        "role",
    ]
    assert Position.objects.count() == before


def test_find_crew_and_the_income_planner_see_the_engagement():
    from stagedoor.careers.income import income_plan
    from stagedoor.matching.selectors import why_not

    world = tour_world()
    other = ShowFactory(organisation=world["org"], venue=world["venue"], date=dt.date(YEAR, 12, 6))
    call = PositionFactory(
        show=other,
        call_start=dt.datetime(YEAR, 12, 6, 9, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 6, 14, tzinfo=BERLIN),
    )
    found = why_not(actor=world["manager"], position=call, worker=world["ada"])
    assert found.eligible is False
    busy = "booked on another call that overlaps or leaves less than the turnaround"
    assert found.rules == [busy]
    plan = income_plan(actor=world["ada"].user, worker=world["ada"], today=FIRST)
    # The week's 2,100 counted as she earns it: 300 on each of the seven days.
    assert [(line.day, line.kind, line.amount) for line in plan.lines] == [
        (FIRST + dt.timedelta(days=n), "booked", Decimal("300.00")) for n in range(7)
    ]


def test_templates_and_tour_copies_leave_the_engagement_call_out():
    from stagedoor.gigs.crewtemplates.services import crew_template_save

    world = tour_world()
    PositionFactory(show=world["show"], title="Load-in")
    template = crew_template_save(actor=world["manager"], show=world["show"], name="Stop")
    assert list(template.lines.values_list("title", flat=True)) == ["Load-in"]


def test_the_income_planner_spreads_an_uneven_flat_fee_cent_by_cent():
    from stagedoor.careers.income import _spread

    world = tour_world()
    position = world["engagement"].position
    position.call_end = dt.datetime(YEAR, 12, 5, tzinfo=BERLIN)  # 2, 3 and 4 December
    shares = _spread(FIRST, Decimal("1000.00"), position)
    assert shares == [
        (FIRST, Decimal("333.34")),
        (FIRST + dt.timedelta(days=1), Decimal("333.33")),
        (FIRST + dt.timedelta(days=2), Decimal("333.33")),
    ]
