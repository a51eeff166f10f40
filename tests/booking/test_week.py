"""The coordinator's week (booking.week): fill per show and per department, open seats by how
soon they start, the alerts, and the labour cost against the budget, with exact numbers on
a small world; then the page, the API and the CLI showing the same facts."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from stagedoor.booking.models import Booking, Offer
from stagedoor.booking.week.selectors import coordinator_week
from stagedoor.booking.week.words import lapse_line, offer_expiry
from stagedoor.industry.models import Certification, Role
from stagedoor.people.models import WorkerCertification
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    PositionFactory,
    ShowFactory,
    bearer,
    crew,
    show_world,
)

pytestmark = pytest.mark.django_db

MONDAY = dt.date(YEAR, 11, 30)
NOW = dt.datetime(YEAR, 12, 2, 12, 0, tzinfo=BERLIN)  # Wednesday noon


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(YEAR, 12, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def world():
    """Spree Kultur's two weeks.

    Mara Quinn, Fri 4 Dec (budget 800 EUR): Load-in, 4 stagehands 09:00-14:00 at 28 EUR/h,
    Ada and Ben booked; Sound, 1 audio tech 15:00-20:00 at 30 EUR/h needing the arena rigger
    certificate, Cleo booked (hers ran out on 3 Dec); Load-out, 1 stagehand 13:00-18:00,
    offered to Ben (who is booked on the load-in then); a cancelled call of 5.
    Nils Frahm, Wed 9 Dec (no budget): 2 stagehands 10:00-15:00, offered to Ada (expires in
    20 hours) and Ben (in five days). A cancelled show on 5 Dec and a show on 20 Dec.
    """
    w = show_world(
        org={"name": "Spree Kultur", "slug": "spree"},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn", "slug": "mara", "labour_budget": Decimal("800")},
    )
    people = crew(("Ada", "Ben", "Cleo"))
    org, venue, mara = w["org"], w["venue"], w["show"]
    load_in = PositionFactory(show=mara, title="Load-in", headcount=4)
    sound = PositionFactory(
        show=mara,
        title="Sound",
        role=Role.objects.get(slug="audio-tech"),
        headcount=1,
        call_start=at(4, 15),
        call_end=at(4, 20),
        pay_amount=Decimal("30.00"),
    )
    arena = Certification.objects.get(slug="etcp-rigger-arena")
    sound.required_certifications.set([arena])
    load_out = PositionFactory(
        show=mara, title="Load-out", headcount=1, call_start=at(4, 13), call_end=at(4, 18)
    )
    PositionFactory(show=mara, title="Spare hands", headcount=5, cancelled_at=NOW)
    for name in ("ada", "ben"):
        BookingFactory(position=load_in, worker=people[name])
    BookingFactory(position=sound, worker=people["cleo"])
    WorkerCertification.objects.create(
        worker=people["cleo"],
        certification=arena,
        issued_on=dt.date(YEAR - 5, 12, 3),
        expires_on=dt.date(YEAR, 12, 3),
    )
    nils = ShowFactory(
        organisation=org, venue=venue, artist="Nils Frahm", slug="nils", date=dt.date(YEAR, 12, 9)
    )
    hands = PositionFactory(
        show=nils, title="Hands", headcount=2, call_start=at(9, 10), call_end=at(9, 15)
    )
    offers = {
        "ada-nils": Offer.objects.create(position=hands, worker=people["ada"], expires_at=at(3, 8)),
        "ben-nils": Offer.objects.create(position=hands, worker=people["ben"], expires_at=at(7, 8)),
        "ben-out": Offer.objects.create(
            position=load_out, worker=people["ben"], expires_at=at(4, 8)
        ),
    }
    gone = ShowFactory(organisation=org, venue=venue, slug="gone", date=dt.date(YEAR, 12, 5))
    gone.status = "cancelled"
    gone.save()
    PositionFactory(show=gone, call_start=at(5, 9), call_end=at(5, 14))
    later = ShowFactory(organisation=org, venue=venue, slug="later", date=dt.date(YEAR, 12, 20))
    PositionFactory(show=later, call_start=at(20, 9), call_end=at(20, 14))
    return w | people | offers | {"load_in": load_in, "sound": sound, "load_out": load_out}


def week_of(world, **kw):
    return coordinator_week(actor=world["manager"], start=MONDAY, now=NOW, **kw)


def test_shows_fill_per_show_and_department(world):
    week = week_of(world)
    assert [(r.show.slug, r.week) for r in week.shows] == [
        ("mara", "This week"),
        ("nils", "Next week"),
    ]
    mara, nils = week.shows
    # The cancelled call of 5 needs nobody; the cancelled show and the 20 Dec one are out.
    assert (mara.fill.booked, mara.fill.needed) == (3, 6)
    assert [(d.label, d.booked, d.needed) for d in mara.departments] == [
        ("Audio", 1, 1),
        ("Staging & carpentry", 2, 5),
    ]
    assert [(d.label, d.words) for d in nils.departments] == [("Staging & carpentry", "0 of 2")]


def test_labour_cost_against_the_budget(world):
    mara, nils = week_of(world).shows
    # Booked: Ada and Ben 5 h x 28 = 140 each, Cleo 5 h x 30 = 150; open: 2 load-in seats
    # at 140 and the load-out seat at 140.
    assert mara.cost == {"EUR": Decimal("850.00")}
    assert (mara.currency, mara.budget, mara.over_budget) == (
        "EUR",
        "50 EUR over the 800 EUR budget",
        True,
    )
    assert mara.cost_words == "850 EUR"
    assert nils.cost == {"EUR": Decimal("280.00")}
    assert (nils.budget, nils.over_budget) == ("No labour budget set", False)
    world["show"].labour_budget = Decimal("9000")
    world["show"].save()
    assert week_of(world).shows[0].budget == "8,150 EUR under the 9,000 EUR budget"


def test_seats_of_a_started_call_are_not_costed(world):
    week = coordinator_week(actor=world["manager"], start=MONDAY, now=at(4, 10))
    # The load-in has started: its two empty seats are neither open nor paid.
    assert week.shows[0].cost == {"EUR": Decimal("570.00")}
    assert [s.position.title for s in week.open_seats] == ["Load-out", "Hands"]


def test_open_seats_by_how_soon_they_start(world):
    seats = week_of(world).open_seats
    # The load-in starts 45 h after now, the load-out 49 h after.
    assert [(s.position.title, s.open, s.offered, s.when) for s in seats] == [
        ("Load-in", 2, 0, "Starts within 48 hours"),
        ("Load-out", 1, 1, "Later this week"),
        ("Hands", 2, 2, "Next week"),
    ]


def test_offers_expiring_and_unanswered(world):
    week = week_of(world)
    assert week.expiring == [world["ada-nils"]]
    assert week.unanswered == [world["ben-out"], world["ben-nils"]]
    assert offer_expiry(world["ada-nils"], NOW) == "expires in 20 h, Thu 3 Dec 08:00 CET"
    # Exactly 24 hours ahead is still about to expire; a minute more is not.
    Offer.objects.filter(pk=world["ben-out"].pk).update(expires_at=NOW + dt.timedelta(hours=24))
    Offer.objects.filter(pk=world["ben-nils"].pk).update(
        expires_at=NOW + dt.timedelta(hours=24, minutes=1)
    )
    week = week_of(world)
    assert week.expiring == [world["ada-nils"], world["ben-out"]]
    assert week.unanswered == [world["ben-nils"]]


def test_clash_of_an_offer_with_a_booking(world):
    [clash] = week_of(world).clashes
    assert clash.kind == "An offer clashes with a booking"
    assert clash.words == (
        "Ben: booked on Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET, and "
        "offered Load-out, Mara Quinn at Kraftwerk, Fri 4 Dec 13:00 CET"
    )
    assert clash.show == world["show"]
    world["ben-out"].status = Offer.Status.DECLINED
    world["ben-out"].save()
    assert week_of(world).clashes == []


def test_booked_twice_and_two_offers_clash(world):
    Offer.objects.filter(pk=world["ben-out"].pk).delete()
    # Cleo's sound call ends 20:00; a load-out at 23:00 leaves 3 h, under the 8 h turnaround.
    late = PositionFactory(
        show=world["show"], title="Late out", headcount=1, call_start=at(4, 23), call_end=at(5, 2)
    )
    BookingFactory(position=late, worker=world["cleo"])
    Offer.objects.create(position=world["load_out"], worker=world["ada"], expires_at=at(4, 8))
    kinds = [(c.kind, c.worker.display_name) for c in week_of(world).clashes]
    assert kinds == [("An offer clashes with a booking", "Ada"), ("Booked twice", "Cleo")]


def test_a_booking_at_another_company_is_not_named(world):
    Offer.objects.filter(pk=world["ben-out"].pk).delete()
    other = show_world(org={"name": "Elsewhere"}, manager="other", show={"slug": "else"})
    there = PositionFactory(show=other["show"], call_start=at(4, 12), call_end=at(4, 16))
    BookingFactory(position=there, worker=world["ada"])
    [clash] = week_of(world).clashes
    assert (clash.kind, clash.words) == (
        "Booked twice",
        "Ada: booked on Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET, and "
        "booked on another company's call",
    )
    # The other company sees it from its side.
    [theirs] = coordinator_week(actor=other["manager"], start=MONDAY, now=NOW).clashes
    assert theirs.words.startswith("Ada: booked on another company's call, and booked on ")


def test_certificate_lapsing_before_the_call(world):
    [lapse] = week_of(world).lapses
    assert (lapse.booking.worker, lapse.expires_on, lapse.call_day) == (
        world["cleo"],
        dt.date(YEAR, 12, 3),
        dt.date(YEAR, 12, 4),
    )
    assert lapse_line(lapse) == (
        "Cleo's ETCP Certified Rigger - Arena runs out Thu 3 Dec "
        f"{YEAR}, before Sound, Mara Quinn at Kraftwerk, Fri 4 Dec 15:00 CET"
    )
    # Good through its expiry day: running out on the call's day is no lapse.
    WorkerCertification.objects.filter(worker=world["cleo"]).update(expires_on=dt.date(YEAR, 12, 4))
    assert week_of(world).lapses == []
    # Nor is a lapsed certificate a call does not ask for.
    WorkerCertification.objects.filter(worker=world["cleo"]).update(expires_on=dt.date(YEAR, 12, 1))
    world["sound"].required_certifications.clear()
    assert week_of(world).lapses == []


def test_cancelled_bookings_and_calls_raise_no_alerts(world):
    Booking.objects.filter(worker=world["cleo"]).update(status=Booking.Status.CANCELLED)
    world["load_out"].cancelled_at = NOW
    world["load_out"].save()
    week = week_of(world)
    assert (week.lapses, week.clashes) == ([], [])
    assert week.unanswered == [world["ben-nils"]]


def test_only_managers_see_the_week(world):
    with pytest.raises(PermissionDenied):
        coordinator_week(actor=world["ada"].user, organisation=world["org"], now=NOW)
    empty = coordinator_week(actor=world["ada"].user, start=MONDAY, now=NOW)
    assert (empty.organisations, empty.shows, empty.expiring) == ([], [], [])
    with pytest.raises(ValidationError):
        coordinator_week(actor=world["manager"], start="monday")


def test_show_list_leaves_cancelled_calls_out_of_the_crew(world):
    from stagedoor.gigs.selectors import show_list

    mara = show_list(organisation=world["org"]).get(slug="mara")
    assert (mara.crew_needed, mara.position_count) == (6, 3)


# --- the faces ------------------------------------------------------------------------------


def test_page_shows_fill_alerts_and_the_old_parts(client, world):
    soon = Offer.objects.create(
        position=world["load_in"],
        worker=world["cleo"],
        expires_at=timezone.now() + dt.timedelta(hours=3),
    )
    client.force_login(world["manager"])
    page = client.get("/manage/", {"start": MONDAY.isoformat()})
    assert page.status_code == 200
    text = page.text
    assert "What needs you now" in text
    assert "<strong>3 of 6</strong>" in text
    assert "Staging &amp; carpentry 2 of 5" in text
    assert "50 EUR over the 800 EUR budget" in text
    assert "Cleo, Load-in, Mara Quinn at Kraftwerk" in text
    assert "Cleo&#x27;s ETCP Certified Rigger - Arena runs out" in text
    assert "An offer clashes with a booking" in text
    assert 'href="/orgs/spree/payroll/"' in text and "Your shows" in text
    assert text.index("What needs you now") < text.index("Your shows")
    soon.delete()
    bad = client.get("/manage/", {"start": "soon"})
    assert bad.status_code == 400
    assert "Week starting: &#x27;soon&#x27; is not a date" in bad.text


def test_api_gives_the_same_facts(client, world):
    Offer.objects.filter(pk=world["ada-nils"].pk).update(
        expires_at=timezone.now() + dt.timedelta(hours=3)
    )
    headers = bearer(world["manager"])
    answer = client.get(f"/api/manage/week?org=spree&start={MONDAY}", **headers)
    assert answer.status_code == 200
    body = answer.json()
    assert (body["start"], body["end"]) == (f"{YEAR}-11-30", f"{YEAR}-12-13")
    mara = body["shows"][0]
    assert (mara["show"], mara["week"], mara["fill"]["booked"], mara["fill"]["needed"]) == (
        "mara",
        "this",
        3,
        6,
    )
    assert mara["departments"] == [
        {"department": "audio", "label": "Audio", "booked": 1, "needed": 1},
        {"department": "staging", "label": "Staging & carpentry", "booked": 2, "needed": 5},
    ]
    assert (mara["labour_cost"], mara["labour_budget"], mara["over_budget"]) == (
        [{"currency": "EUR", "amount": "850.00"}],
        "800.00",
        True,
    )
    assert [o["worker"] for o in body["expiring_offers"]] == ["ada"]
    assert [o["worker"] for o in body["unanswered_offers"]] == ["ben", "ben"]
    assert [c["kind"] for c in body["clashes"]] == ["An offer clashes with a booking"]
    assert [(c["worker"], c["certification"]) for c in body["lapsing_certifications"]] == [
        ("cleo", "etcp-rigger-arena")
    ]
    assert [s["when"] for s in body["open_seats"]] == ["this-week", "this-week", "next-week"]


def test_api_refusals(client, world):
    headers = bearer(world["manager"])
    assert client.get("/api/manage/week").status_code == 401
    bad_org = client.get("/api/manage/week?org=nope", **headers)
    assert (bad_org.status_code, bad_org.json()["detail"][0]["loc"]) == (422, ["body", "org"])
    bad_start = client.get("/api/manage/week?start=31-12", **headers)
    assert (bad_start.status_code, bad_start.json()["detail"][0]["loc"][-1]) == (422, "start")
    stranger = client.get("/api/manage/week?org=spree", **bearer(world["ada"].user))
    assert stranger.status_code == 403


def test_cli_prints_the_week(world):
    out = io.StringIO()
    call_command(
        "week", "--org", "spree", "--start", MONDAY.isoformat(), "--width", 200, stdout=out
    )
    text = out.getvalue()
    assert "Spree Kultur: week of Mon 30 Nov" in text
    assert "50 EUR over the 800 EUR budget" in text
    assert "Staging & carpentry 2 of 5" in text
    assert "An offer clashes with a booking" in text
    assert "ETCP Certified Rigger - Arena" in text
    with pytest.raises(CommandError, match="start: 'monday' is not a date"):
        call_command("week", "--start", "monday", stdout=io.StringIO())
    with pytest.raises(CommandError, match="org: 'nope' does not exist"):
        call_command("week", "--org", "nope", stdout=io.StringIO())


def test_page_queries_do_not_grow_with_the_week(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["manager"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/manage/", {"start": MONDAY.isoformat()}).status_code == 200
        return len(queries)

    before = count()
    more = crew(("Dora", "Emil", "Fay"))
    WorkerCertification.objects.create(
        worker=more["dora"],
        certification=Certification.objects.get(slug="etcp-rigger-arena"),
        issued_on=dt.date(YEAR - 5, 1, 1),
        expires_on=dt.date(YEAR, 12, 1),
    )
    for day in (5, 6, 10):
        show = ShowFactory(
            organisation=world["org"], venue=world["venue"], date=dt.date(YEAR, 12, day)
        )
        call = PositionFactory(show=show, headcount=3, call_start=at(day, 9), call_end=at(day, 14))
        call.required_certifications.set([Certification.objects.get(slug="etcp-rigger-arena")])
        BookingFactory(position=call, worker=more["dora"])
        Offer.objects.create(position=call, worker=more["emil"], expires_at=at(day, 8))
    week = week_of(world)
    assert (len(week.shows), len(week.lapses), len(week.unanswered)) == (5, 4, 5)
    assert count() == before
