import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stagedoor.core.validation import messages_of
from stagedoor.gigs import services
from stagedoor.gigs.models import Position, Show
from tests.factories import (
    BERLIN,
    YEAR,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    WorkerFactory,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

START = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
END = dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN)


def position_kwargs(**overrides):
    base = {
        "role": "stagehand",
        "headcount": 4,
        "call_start": START,
        "call_end": END,
        "pay_amount": Decimal("28.00"),
        "pay_unit": "hour",
        "currency": "EUR",
    }
    return base | overrides


def refused(fn, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        fn(**kwargs)
    return messages_of(info.value)


def test_manager_creates_show_with_slug_and_times():
    w = show_world(org={"name": "Northern Lights"}, venue={"city": "Berlin"}, with_show=False)
    org, manager, venue = w["org"], w["manager"], w["venue"]
    show = services.show_create(
        actor=manager,
        organisation=org,
        venue=venue,
        artist="Mara Quinn",
        date=dt.date(YEAR, 12, 4),
        doors_at=dt.datetime(YEAR, 12, 4, 19, 0, tzinfo=BERLIN),
        show_at=dt.datetime(YEAR, 12, 4, 20, 0, tzinfo=BERLIN),
        status="published",
    )
    assert show.slug == f"mara-quinn-berlin-{YEAR}-12-04"
    assert show.doors_at == dt.datetime(YEAR, 12, 4, 18, 0, tzinfo=dt.UTC)
    again = services.show_create(
        actor=manager, organisation=org, venue=venue, artist="Mara Quinn", date=dt.date(YEAR, 12, 4)
    )
    assert again.slug == f"mara-quinn-berlin-{YEAR}-12-04-2"


def test_show_refuses_naive_times_and_show_before_doors():
    w = show_world(with_show=False)
    org, manager, venue = w["org"], w["manager"], w["venue"]
    errors = refused(
        services.show_create,
        actor=manager,
        organisation=org,
        venue=venue,
        artist="",
        date=dt.date(YEAR, 12, 4),
        doors_at=dt.datetime(YEAR, 12, 4, 19, 0),
    )
    assert errors == {
        "artist": ["This field is required."],
        "doors_at": ["Give a time zone or UTC offset; a naive date and time is ambiguous."],
    }
    errors = refused(
        services.show_create,
        actor=manager,
        organisation=org,
        venue=venue,
        artist="X",
        date=dt.date(YEAR, 12, 4),
        doors_at=dt.datetime(YEAR, 12, 4, 20, 0, tzinfo=BERLIN),
        show_at=dt.datetime(YEAR, 12, 4, 19, 0, tzinfo=BERLIN),
        curfew_at=dt.datetime(YEAR, 12, 4, 18, 0, tzinfo=BERLIN),
    )
    assert errors == {
        "show_at": ["The show cannot start before doors open."],
        "curfew_at": ["Curfew must be after the show starts."],
    }
    assert Show.objects.count() == 0


def test_only_managers_create_and_change_shows():
    org = OrganisationFactory(name="Harbour & Vine")
    venue = VenueFactory()
    outsider = manager_of(OrganisationFactory(), username="other-manager")
    crew_chief = manager_of(org, username="chief", role="crew_chief")
    worker = WorkerFactory().user
    for actor in (outsider, crew_chief, worker, None):
        with pytest.raises(PermissionDenied) as info:
            services.show_create(
                actor=actor, organisation=org, venue=venue, artist="X", date=dt.date(YEAR, 12, 4)
            )
        assert str(info.value) == "Only the organisation's managers can create shows."
    show = ShowFactory(organisation=org)
    with pytest.raises(PermissionDenied):
        services.show_update(actor=outsider, show=show, artist="Changed")
    show.refresh_from_db()
    assert show.artist != "Changed"
    dispatcher = manager_of(org, username="dispatch", role="dispatcher")
    assert services.show_update(actor=dispatcher, show=show, artist="Changed").artist == "Changed"


def test_show_update_refuses_unknown_fields_and_saves_nothing():
    w = show_world(show={"artist": "Before"})
    show, manager = w["show"], w["manager"]
    errors = refused(
        services.show_update, actor=manager, show=show, artist="After", organisation=None
    )
    assert errors == {"organisation": ["This field cannot be changed here."]}
    show.refresh_from_db()
    assert show.artist == "Before"


def test_position_create_with_requirements():
    w = show_world()
    show, manager = w["show"], w["manager"]
    position = services.position_create(
        actor=manager,
        show=show,
        **position_kwargs(
            role="rigger",
            level="mid",
            headcount=3,
            union_required=True,
            required_skills={"cm-lodestar": 3},
            required_certifications=["etcp-rigger-arena"],
        ),
    )
    assert (position.role.slug, position.level, position.headcount) == ("rigger", "mid", 3)
    assert services.position_requirements(position) == (
        {"cm-lodestar": 3},
        ["etcp-rigger-arena"],
    )
    default_level = services.position_create(actor=manager, show=show, **position_kwargs())
    assert default_level.level == "entry"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"call_end": START - dt.timedelta(hours=1)},
            {"call_end": ["The call must end after it starts."]},
        ),
        ({"call_end": START}, {"call_end": ["The call must end after it starts."]}),
        ({"headcount": 0}, {"headcount": ["At least one person is needed."]}),
        ({"headcount": -2}, {"headcount": ["At least one person is needed."]}),
        ({"pay_amount": Decimal("-1")}, {"pay_amount": ["Must not be negative."]}),
        ({"pay_amount": "lots"}, {"pay_amount": ["'lots' is not an amount of money."]}),
        ({"role": "dj"}, {"role": ["'dj' is not a role in the catalog."]}),
        (
            {"currency": "XYZ"},
            {"currency": ["'XYZ' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."]},
        ),
        (
            {"call_start": dt.datetime(YEAR, 12, 4, 9, 0)},
            {"call_start": ["Give a time zone or UTC offset; a naive date and time is ambiguous."]},
        ),
        ({"pay_unit": "week"}, {"pay_unit": ["'week' is not one of hour, day, flat."]}),
        ({"level": "guru"}, {"level": ["'guru' is not one of entry, mid, senior, lead."]}),
        (
            {"required_skills": {"juggling": 2, "dante": 9}},
            {
                "required_skills": [
                    "'juggling' is not a known skill.",
                    "Minimum level for 'dante' must be 1 to 5.",
                ]
            },
        ),
        (
            {"required_certifications": ["pilot-licence"]},
            {"required_certifications": ["'pilot-licence' is not a known certification."]},
        ),
    ],
)
def test_position_bad_input_names_the_field_and_saves_nothing(overrides, expected):
    w = show_world()
    show, manager = w["show"], w["manager"]
    errors = refused(
        services.position_create, actor=manager, show=show, **position_kwargs(**overrides)
    )
    assert errors == expected
    assert Position.objects.count() == 0


def test_position_update_is_all_or_nothing():
    position = PositionFactory(headcount=4)
    manager = manager_of(position.show.organisation)
    errors = refused(
        services.position_update, actor=manager, position=position, headcount=6, currency="EURO"
    )
    assert list(errors) == ["currency"]
    position.refresh_from_db()
    assert position.headcount == 4
    services.position_update(
        actor=manager, position=position, headcount=6, required_skills={"forklift-operation": 2}
    )
    position.refresh_from_db()
    assert position.headcount == 6
    assert services.position_requirements(position) == ({"forklift-operation": 2}, [])


def test_only_managers_add_positions():
    show = ShowFactory()
    stranger = UserFactory(username="stranger")
    with pytest.raises(PermissionDenied):
        services.position_create(actor=stranger, show=show, **position_kwargs())
    assert Position.objects.count() == 0


def test_position_needs_exactly_one_parent():
    manager = UserFactory(username="root", is_superuser=True)
    errors = refused(services.position_create, actor=manager, **position_kwargs())
    assert errors == {"show": ["A position belongs to exactly one show or studio project."]}
