"""Crew-call templates and the tour copy: exact local times at venues in two zones across
the spring clock changes, overnight calls, all-or-nothing refusals naming the line, and
the managers-only rule."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stagedoor.core.validation import Errors, check_in_window, messages_of
from stagedoor.gigs.crewtemplates import services as tmpl
from stagedoor.gigs.crewtemplates.times import at_show_day, minutes_from_show_day, span_words
from stagedoor.gigs.models import CrewTemplate, CrewTemplateLine, Position, Tour
from tests.factories import (
    YEAR,
    PositionFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = dt.UTC


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.fixture
def world():
    """A London show on 21 March YEAR (GMT; the UK goes to BST on the 29th, the US to CDT
    on the 8th) with a morning load-in, a rigger call with a skill and a certification, an
    overnight load-out and a cancelled call; a Chicago venue of the same organisation."""
    w = show_world(
        venue={
            "name": "Roundhouse",
            "city": "London",
            "country": "GB",
            "timezone": "Europe/London",
        },
        show={
            "slug": "london",
            "date": dt.date(YEAR, 3, 21),
            "doors_at": None,
            "show_at": None,
            "curfew_at": None,
            "artist": "Mara Quinn",
        },
    )
    show = w["show"]
    PositionFactory(
        show=show,
        title="Load-in",
        headcount=4,
        crew="local",
        call_start=dt.datetime(YEAR, 3, 21, 8, 0, tzinfo=LONDON),
        call_end=dt.datetime(YEAR, 3, 21, 12, 0, tzinfo=LONDON),
        pay_amount=Decimal("22.50"),
        currency="GBP",
    )
    PositionFactory(
        show=show,
        title="Load-out",
        headcount=6,
        crew="touring",
        call_start=dt.datetime(YEAR, 3, 21, 23, 0, tzinfo=LONDON),
        call_end=dt.datetime(YEAR, 3, 22, 2, 30, tzinfo=LONDON),
        pay_amount=Decimal("25.00"),
        currency="GBP",
    )
    cancelled = PositionFactory(
        show=show,
        title="Extra hands",
        headcount=2,
        call_start=dt.datetime(YEAR, 3, 21, 14, 0, tzinfo=LONDON),
        call_end=dt.datetime(YEAR, 3, 21, 16, 0, tzinfo=LONDON),
    )
    cancelled.cancelled_at = dt.datetime(YEAR - 1, 1, 1, tzinfo=UTC)
    cancelled.save()
    w["chicago"] = VenueFactory(
        name="Metro",
        city="Chicago",
        country="US",
        timezone="America/Chicago",
        latitude=41.95,
        longitude=-87.66,
    )
    return w


def _calls(show) -> list[tuple[str, int, dt.datetime, dt.datetime, str]]:
    return [
        (
            p.display_title,
            p.headcount,
            p.call_start.astimezone(UTC),
            p.call_end.astimezone(UTC),
            p.crew,
        )
        for p in Position.objects.filter(show=show).order_by("call_start")
    ]


def test_saving_keeps_the_live_calls_as_wall_clock_offsets_from_the_show_day(world):
    template = tmpl.crew_template_save(
        actor=world["manager"], show=world["show"], name="Club night"
    )
    lines = list(template.lines.order_by("order"))
    assert [
        (
            line.title,
            line.headcount,
            line.crew,
            line.start_minutes,
            line.end_minutes,
            line.pay_amount,
            line.currency,
        )
        for line in lines
    ] == [
        ("Load-in", 4, "local", 8 * 60, 12 * 60, Decimal("22.50"), "GBP"),
        ("Load-out", 6, "touring", 23 * 60, 26 * 60 + 30, Decimal("25.00"), "GBP"),
    ]
    assert [span_words(line.start_minutes, line.end_minutes) for line in lines] == [
        "Show day 08:00–12:00",
        "Show day 23:00–02:30 (+1 day)",
    ]


def test_applying_posts_the_same_wall_clock_times_in_london_and_chicago_across_dst(world):
    manager, org = world["manager"], world["org"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    # London after its change (BST, UTC+1); Chicago after its change (CDT, UTC-5).
    london_summer = ShowFactory(organisation=org, venue=world["venue"], date=dt.date(YEAR, 4, 4))
    chicago = ShowFactory(organisation=org, venue=world["chicago"], date=dt.date(YEAR, 3, 14))
    chicago_winter = ShowFactory(organisation=org, venue=world["chicago"], date=dt.date(YEAR, 3, 1))

    tmpl.crew_template_apply(actor=manager, template=template, show=london_summer)
    tmpl.crew_template_apply(actor=manager, template=template, show=chicago)
    tmpl.crew_template_apply(actor=manager, template=template, show=chicago_winter)

    assert _calls(london_summer) == [
        ("Load-in", 4, utc(YEAR, 4, 4, 7, 0), utc(YEAR, 4, 4, 11, 0), "local"),
        ("Load-out", 6, utc(YEAR, 4, 4, 22, 0), utc(YEAR, 4, 5, 1, 30), "touring"),
    ]
    assert _calls(chicago) == [
        ("Load-in", 4, utc(YEAR, 3, 14, 13, 0), utc(YEAR, 3, 14, 17, 0), "local"),
        ("Load-out", 6, utc(YEAR, 3, 15, 4, 0), utc(YEAR, 3, 15, 7, 30), "touring"),
    ]
    assert _calls(chicago_winter) == [
        ("Load-in", 4, utc(YEAR, 3, 1, 14, 0), utc(YEAR, 3, 1, 18, 0), "local"),
        ("Load-out", 6, utc(YEAR, 3, 2, 5, 0), utc(YEAR, 3, 2, 8, 30), "touring"),
    ]
    # Every call reads the same on the venue's own wall clock.
    for show in (london_summer, chicago, chicago_winter):
        zone = zoneinfo.ZoneInfo(show.venue.timezone)
        assert [
            (f"{p.call_start.astimezone(zone):%d %H:%M}", f"{p.call_end.astimezone(zone):%d %H:%M}")
            for p in Position.objects.filter(show=show).order_by("call_start")
        ] == [
            (f"{show.date:%d} 08:00", f"{show.date:%d} 12:00"),
            (f"{show.date:%d} 23:00", f"{show.date + dt.timedelta(days=1):%d} 02:30"),
        ]


def test_an_overnight_call_on_the_night_the_clocks_change_keeps_its_wall_clock(world):
    manager, org = world["manager"], world["org"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    # The UK goes forward at 01:00 GMT on 29 March: 23:00 GMT to 02:30 BST is 2.5 hours.
    london = ShowFactory(organisation=org, venue=world["venue"], date=dt.date(YEAR, 3, 28))
    # Chicago skips 02:00-03:00 on 8 March: 02:30 does not exist and reads as 03:30 CDT.
    chicago = ShowFactory(organisation=org, venue=world["chicago"], date=dt.date(YEAR, 3, 7))
    tmpl.crew_template_apply(actor=manager, template=template, show=london)
    tmpl.crew_template_apply(actor=manager, template=template, show=chicago)

    assert _calls(london)[1] == (
        "Load-out",
        6,
        utc(YEAR, 3, 28, 23, 0),
        utc(YEAR, 3, 29, 1, 30),
        "touring",
    )
    assert _calls(chicago)[1] == (
        "Load-out",
        6,
        utc(YEAR, 3, 8, 5, 0),
        utc(YEAR, 3, 8, 8, 30),
        "touring",
    )


def test_times_round_trip_and_the_skipped_hour():
    day = dt.date(YEAR, 3, 29)
    assert at_show_day(day, -60, "Europe/London") == utc(YEAR, 3, 28, 23, 0)
    assert at_show_day(day, 90, "Europe/London") == utc(YEAR, 3, 29, 1, 30)
    assert minutes_from_show_day(utc(YEAR, 3, 29, 1, 30), day, "Europe/London") == 150
    assert minutes_from_show_day(utc(YEAR, 3, 28, 23, 0), day, "Europe/London") == -60
    assert span_words(-60, 150) == "Day before 23:00–02:30 (+1 day)"


def test_apply_refuses_the_whole_template_naming_the_line(world):
    manager, org = world["manager"], world["org"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    line = template.lines.get(title="Load-out")
    line.required_certifications = ["no-such-card"]
    line.save()
    target = ShowFactory(organisation=org, venue=world["chicago"], date=dt.date(YEAR, 3, 14))

    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_apply(actor=manager, template=template, show=target)

    assert messages_of(refused.value) == {
        "required_certifications": [
            "Line 2 (Load-out × 6, Sat 14 Mar 23:00 CDT): "
            "'no-such-card' is not a known certification."
        ]
    }
    assert Position.objects.filter(show=target).count() == 0


def test_apply_refuses_another_organisations_show_and_a_cancelled_one(world):
    manager = world["manager"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    other = ShowFactory(venue=world["chicago"], date=dt.date(YEAR, 3, 14))
    cancelled = ShowFactory(
        organisation=world["org"],
        venue=world["venue"],
        date=dt.date(YEAR, 4, 4),
        status="cancelled",
    )
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_apply(actor=manager, template=template, show=other)
    assert messages_of(refused.value) == {
        "show": [f"That show is not one of {world['org'].name}'s shows."]
    }
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_apply(actor=manager, template=template, show=cancelled)
    assert messages_of(refused.value) == {
        "show": ["That show is cancelled; calls cannot be added to it."]
    }
    assert Position.objects.filter(show__in=[other, cancelled]).count() == 0


def test_save_refuses_a_duplicate_name_a_blank_one_and_an_empty_show(world):
    manager, org = world["manager"], world["org"]
    tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    empty = ShowFactory(organisation=org, venue=world["venue"], date=dt.date(YEAR, 4, 4))
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_save(actor=manager, show=world["show"], name="club night")
    assert messages_of(refused.value) == {
        "name": [f"{org.name} already has a template called 'club night'."]
    }
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_save(actor=manager, show=empty, name="  ")
    assert messages_of(refused.value) == {
        "name": ["Give the template a name, e.g. 'Arena load-in and show'."],
        "show": ["This show has no crew call to save: add its calls first."],
    }
    assert CrewTemplate.objects.count() == 1


def test_only_the_organisations_managers_save_apply_change_and_delete(world):
    manager, org = world["manager"], world["org"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    line = template.lines.first()
    chief = manager_of(org, "chief", role="crew_chief")
    stranger = UserFactory(username="stranger")
    target = ShowFactory(organisation=org, venue=world["venue"], date=dt.date(YEAR, 4, 4))
    for actor in (chief, stranger):
        with pytest.raises(PermissionDenied, match="Only the organisation's managers can save"):
            tmpl.crew_template_save(actor=actor, show=world["show"], name="Mine")
        with pytest.raises(PermissionDenied, match="can apply its crew-call templates"):
            tmpl.crew_template_apply(actor=actor, template=template, show=target)
        with pytest.raises(PermissionDenied, match="can change its crew-call templates"):
            tmpl.crew_template_rename(actor=actor, template=template, name="Mine")
        with pytest.raises(PermissionDenied, match="can change its crew-call templates"):
            tmpl.crew_template_line_update(
                actor=actor,
                line=line,
                headcount=1,
                start_minutes=0,
                end_minutes=60,
                pay_amount="1",
            )
        with pytest.raises(PermissionDenied, match="can delete its crew-call templates"):
            tmpl.crew_template_delete(actor=actor, template=template)
        with pytest.raises(PermissionDenied, match="can copy its crew calls"):
            tmpl.crew_copy_to_tour(actor=actor, show=world["show"])
    assert [t.name for t in CrewTemplate.objects.all()] == ["Club night"]
    assert Position.objects.filter(show=target).count() == 0


def test_line_update_checks_every_field_and_saves_the_new_times(world):
    manager = world["manager"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    line = template.lines.get(title="Load-in")
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_line_update(
            actor=manager,
            line=line,
            headcount=0,
            start_minutes=600,
            end_minutes=540,
            pay_amount="lots",
        )
    assert messages_of(refused.value) == {
        "headcount": ["At least one person is needed."],
        "pay_amount": ["Give the pay as an amount of zero or more, e.g. 28.00."],
    }
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_line_update(
            actor=manager,
            line=line,
            headcount=2,
            start_minutes=600,
            end_minutes=540,
            pay_amount="20",
        )
    assert messages_of(refused.value) == {"end_minutes": ["The call must end after it starts."]}
    tmpl.crew_template_line_update(
        actor=manager,
        line=line,
        headcount=2,
        start_minutes=-60,
        end_minutes=120,
        pay_amount="20",
    )
    line.refresh_from_db()
    assert (line.headcount, line.start_minutes, line.end_minutes, line.pay_amount) == (
        2,
        -60,
        120,
        Decimal("20.00"),
    )
    tmpl.crew_template_line_delete(actor=manager, line=line)
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_template_line_delete(actor=manager, line=template.lines.get())
    assert messages_of(refused.value) == {
        "line": ["A template keeps at least one call; delete the template instead."]
    }
    tmpl.crew_template_delete(actor=manager, template=template)
    assert CrewTemplateLine.objects.count() == 0


@pytest.fixture
def tour(world):
    """The London show as stop 1 of a tour with stops in Chicago (after the US change),
    London again (after the UK change) and a cancelled stop."""
    org = world["org"]
    tour = Tour.objects.create(slug="spring", organisation=org, artist="Mara Quinn", name="Spring")
    show = world["show"]
    show.tour, show.tour_order = tour, 1
    show.save()
    stops = {
        "chicago": ShowFactory(
            organisation=org,
            venue=world["chicago"],
            date=dt.date(YEAR, 3, 24),
            tour=tour,
            tour_order=2,
        ),
        "london": ShowFactory(
            organisation=org,
            venue=world["venue"],
            date=dt.date(YEAR, 4, 2),
            tour=tour,
            tour_order=3,
        ),
        "cancelled": ShowFactory(
            organisation=org,
            venue=world["venue"],
            date=dt.date(YEAR, 4, 3),
            tour=tour,
            tour_order=4,
            status="cancelled",
        ),
    }
    return stops


def test_copy_to_tour_posts_each_stops_local_times_and_skips_what_is_there(world, tour):
    manager = world["manager"]
    # Chicago already has the load-in at 08:00 its time.
    PositionFactory(
        show=tour["chicago"],
        title="Load-in",
        headcount=4,
        crew="local",
        call_start=dt.datetime(YEAR, 3, 24, 8, 0, tzinfo=CHICAGO),
        call_end=dt.datetime(YEAR, 3, 24, 12, 0, tzinfo=CHICAGO),
        pay_amount=Decimal("22.50"),
        currency="GBP",
    )
    result = tmpl.crew_copy_to_tour(actor=manager, show=world["show"])
    assert result == tmpl.TourCopy(created=3, skipped=1, stops_changed=2, stops_skipped=0)
    assert result.words() == (
        "Copied 3 calls to 2 stops. 1 call was already there and left as they are."
    )
    assert _calls(tour["chicago"]) == [
        ("Load-in", 4, utc(YEAR, 3, 24, 13, 0), utc(YEAR, 3, 24, 17, 0), "local"),
        ("Load-out", 6, utc(YEAR, 3, 25, 4, 0), utc(YEAR, 3, 25, 7, 30), "touring"),
    ]
    assert _calls(tour["london"]) == [
        ("Load-in", 4, utc(YEAR, 4, 2, 7, 0), utc(YEAR, 4, 2, 11, 0), "local"),
        ("Load-out", 6, utc(YEAR, 4, 2, 22, 0), utc(YEAR, 4, 3, 1, 30), "touring"),
    ]
    assert _calls(tour["cancelled"]) == []

    again = tmpl.crew_copy_to_tour(actor=manager, show=world["show"])
    assert again == tmpl.TourCopy(created=0, skipped=4, stops_changed=0, stops_skipped=2)
    assert again.words() == (
        "Copied 0 calls to 0 stops. 4 calls were already there and left as they are "
        "(2 stops already had the whole crew call)."
    )
    assert Position.objects.filter(show__tour__slug="spring").count() == 2 + 1 + 4


def test_copy_to_tour_is_all_or_nothing_and_needs_a_tour(world, tour):
    manager = world["manager"]
    lone = ShowFactory(organisation=world["org"], venue=world["venue"], date=dt.date(YEAR, 5, 1))
    PositionFactory(show=lone)
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_copy_to_tour(actor=manager, show=lone)
    assert messages_of(refused.value) == {"show": ["This show is not a stop of a tour."]}
    alone = Tour.objects.create(slug="alone", organisation=world["org"], artist="A", name="A")
    lone.tour, lone.tour_order = alone, 1
    lone.save()
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_copy_to_tour(actor=manager, show=lone)
    assert messages_of(refused.value) == {
        "show": ["The tour has no other stop to copy to (cancelled stops are left out)."]
    }

    # A stop moved out of the date window refuses its calls; the other stop gets none either.
    tour["london"].date = dt.date(YEAR + 20, 4, 2)
    tour["london"].save()
    with pytest.raises(ValidationError) as refused:
        tmpl.crew_copy_to_tour(actor=manager, show=world["show"])
    window = Errors()
    check_in_window(window, "call_start", dt.date(YEAR + 20, 4, 2))
    why = window.by_field["call_start"][0]
    day = f"{dt.date(YEAR + 20, 4, 2):%a} 2 Apr"
    load_in = f"Roundhouse, Load-in ({day} 08:00 BST): {why}"
    load_out = f"Roundhouse, Load-out ({day} 23:00 BST): {why}"
    assert messages_of(refused.value) == {
        "call_start": [load_in, load_out],
        "call_end": [load_in, load_out],
    }
    assert Position.objects.filter(show__in=[tour["chicago"], tour["london"]]).count() == 0
