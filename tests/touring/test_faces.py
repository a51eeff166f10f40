"""The tour's faces: the API, the pages, the exports, the calendar feed and the CLI."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from icalendar import Calendar

from stagedoor.booking.calendars import worker_calendar
from stagedoor.core.templatetags.stagedoor_text import day as day_filter
from stagedoor.core.text import day as day_words
from stagedoor.gigs.models import Position
from stagedoor.touring import services
from stagedoor.touring.models import TourDay, TravelLeg
from tests.factories import BERLIN, YEAR, bearer

from .helpers import FIRST, LAST, day, tour_world

pytestmark = pytest.mark.django_db
SECOND = FIRST + dt.timedelta(days=1)


def _three_days(world):
    day(world, FIRST, "show", show=world["show"], notes="Soundcheck 16:00")
    travel = day(
        world,
        SECOND,
        "travel",
        city="London",
        timezone="Europe/London",
        per_diem="30",
        per_diem_currency="GBP",
        hotel_name="The Linden",
        hotel_address="12 Curtain Road, London",
        hotel_check_in=dt.datetime(YEAR, 12, 3, 15, 0, tzinfo=dt.UTC),
        hotel_confirmation="LND-4471",
    )
    services.travel_leg_add(
        actor=world["manager"],
        day=travel,
        mode="flight",
        depart_place="Berlin BER",
        depart_at=dt.datetime(YEAR, 12, 3, 10, 0, tzinfo=BERLIN),
        depart_zone="Europe/Berlin",
        arrive_place="London LHR",
        arrive_at=dt.datetime(YEAR, 12, 3, 10, 5, tzinfo=dt.UTC),
        arrive_zone="Europe/London",
        carrier="British Airways",
        reference="BA 983",
    )
    day(world, FIRST + dt.timedelta(days=2), "off", city="London", timezone="Europe/London")
    return travel


def test_api_builds_a_day_and_refuses_a_leg_arriving_before_it_departs(client):
    world = tour_world()
    headers = bearer(world["manager"])
    made = client.post(
        "/api/tours/night-drive/days",
        json.dumps(
            {
                "date": SECOND.isoformat(),
                "kind": "travel",
                "city": "London",
                "timezone": "Europe/London",
            }
        ),
        content_type="application/json",
        **headers,
    )
    assert made.status_code == 201
    assert made.json()["kind"] == "travel"
    refused = client.post(
        f"/api/tours/night-drive/days/{SECOND.isoformat()}/legs",
        json.dumps(
            {
                "mode": "train",
                "depart_place": "Berlin Hbf",
                "depart_at": f"{YEAR}-12-03T10:00:00+01:00",
                "depart_zone": "Europe/Berlin",
                "arrive_place": "London St Pancras",
                "arrive_at": f"{YEAR}-12-03T08:00:00+00:00",
                "arrive_zone": "Europe/London",
            }
        ),
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 422
    assert refused.json()["detail"] == [
        {
            "loc": ["body", "arrive_at"],
            "msg": "The leg must arrive after it departs (times in their own zones).",
            "type": "value_error",
        }
    ]
    assert TravelLeg.objects.count() == 0
    sheet = client.get(
        f"/api/tours/night-drive/days/{SECOND.isoformat()}/sheet", **bearer(world["ada"].user)
    )
    assert sheet.status_code == 200
    assert sheet.json()["crew"] == [{"name": "Ada", "role": "Stagehand", "phone": "+49 30 1234567"}]
    outsider = client.get(
        f"/api/tours/night-drive/days/{SECOND.isoformat()}/sheet", **bearer(world["ben"].user)
    )
    assert outsider.status_code == 403


def test_api_labour_cost_and_budget(client):
    world = tour_world()
    reply = client.put(
        "/api/tours/night-drive/budget",
        json.dumps({"amount": "2000", "currency": "EUR"}),
        content_type="application/json",
        **bearer(world["manager"]),
    )
    assert reply.status_code == 200
    # Seven unplanned days at 2,100 a week: the week's rate.
    assert reply.json()["totals"] == {"EUR": "2100.00"}
    assert reply.json()["left"] == "-100.00"


def test_the_day_sheet_page_and_pdf_for_the_party(client):
    world = tour_world()
    _three_days(world)
    client.force_login(world["ada"].user)
    page = client.get(f"/tours/night-drive/days/{SECOND.isoformat()}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Flight: Berlin BER to London LHR" in text
    assert f"{day_words(SECOND)} 10:00 CET" in text
    assert f"{day_words(SECOND)} 10:05 GMT" in text
    assert "The Linden" in text and "LND-4471" in text
    assert "£30.00" in text
    assert "times are London time unless a leg says otherwise" in text
    assert "Europe/London" not in text
    pdf = client.get(f"/tours/night-drive/days/{SECOND.isoformat()}/pdf/")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    client.force_login(world["ben"].user)
    assert client.get(f"/tours/night-drive/days/{SECOND.isoformat()}/").status_code == 403


def test_the_engaged_worker_schedule_shows_the_days_and_links_the_day_sheets(client):
    world = tour_world()
    _three_days(world)
    client.force_login(world["ada"].user)
    text = client.get("/me/schedule/").content.decode()
    assert f"{day_filter(FIRST)} to {day_filter(LAST)}" in text
    assert 'href="/tours/night-drive/itinerary/">Itinerary and day sheets</a>' in text
    itinerary = client.get("/tours/night-drive/itinerary/").content.decode()
    travel = f"{day_filter(SECOND)}: travel day in London</a>"
    assert f"{travel}<small>Flight to London LHR · The Linden</small>" in itinerary


def test_the_plan_page_names_days_by_place_and_the_files_by_what_they_are(client):
    world = tour_world()
    _three_days(world)
    client.force_login(world["manager"])
    text = client.get("/tours/night-drive/plan/").content.decode()
    assert "Add to calendar (.ics)</a>" in text and "Spreadsheet (.csv)</a>" in text
    # The day's line starts with what the crew gets, not the zone's database name.
    assert "<p>Per diem £30.00 · The Linden, check-in" in text
    # Removing a day takes a second tap that names the day, so a thumb cannot do it by accident.
    assert text.count("<summary>Remove this day</summary>") == 3
    assert f"Remove {day_filter(SECOND)}</button>" in text


def test_the_plan_page_adds_a_day_and_shows_refusals(client):
    world = tour_world()
    client.force_login(world["manager"])
    reply = client.post(
        "/tours/night-drive/plan/days/",
        {"date": FIRST.isoformat(), "kind": "off", "city": "Berlin", "timezone": "Mars/Base"},
    )
    assert reply.status_code == 422
    assert "&#x27;Mars/Base&#x27; is not an IANA time zone" in reply.content.decode()
    assert TourDay.objects.count() == 0
    reply = client.post(
        "/tours/night-drive/plan/days/",
        {"date": FIRST.isoformat(), "kind": "off", "city": "Berlin", "timezone": "Europe/Berlin"},
    )
    assert reply.status_code == 302
    assert list(TourDay.objects.values_list("kind", "city")) == [("off", "Berlin")]


def test_the_worker_feed_has_the_legs_and_the_hotel_as_their_own_events():
    world = tour_world()
    travel = _three_days(world)
    cal = Calendar.from_ical(worker_calendar(world["ada"]))
    kinds = sorted(str(e["uid"]).rsplit("-", 1)[0] for e in cal.walk("VEVENT"))
    # The engagement's booking, three itinerary days, one leg, one hotel.
    assert kinds == ["booking", "tour-day", "tour-day", "tour-day", "tour-hotel", "tour-leg"]
    summaries = sorted(
        str(e["summary"]) for e in cal.walk("VEVENT") if str(e["uid"]).startswith("tour-")
    )
    assert summaries == [
        "Flight: Berlin BER to London LHR",
        "Hotel: The Linden",
        "Nadia Velour: Day off in London",
        "Nadia Velour: Show day in Berlin",
        "Nadia Velour: Travel day in London",
    ]
    leg = next(e for e in cal.walk("VEVENT") if str(e["summary"]).startswith("Flight"))
    assert leg.decoded("dtstart") == dt.datetime(YEAR, 12, 3, 10, 0, tzinfo=BERLIN)
    assert str(leg["uid"]) == f"tour-leg-{travel.legs.get().pk}@stagedoor"
    # Ben is not in the party: no tour events in his feed.
    assert [e for e in Calendar.from_ical(worker_calendar(world["ben"])).walk("VEVENT")] == []


def test_itinerary_csv_neutralises_formula_cells(client):
    world = tour_world()
    day(world, FIRST, notes='=HYPERLINK("http://x")', hotel_name="@home")
    client.force_login(world["manager"])
    reply = client.get("/tours/night-drive/itinerary.csv")
    rows = list(csv.reader(io.StringIO(reply.content.decode())))
    assert rows[1][6] == "'@home"
    assert rows[1][11] == '\'=HYPERLINK("http://x")'
    ics = client.get("/tours/night-drive/itinerary.ics")
    assert ics.status_code == 200
    assert b"BEGIN:VEVENT" in ics.content


def test_daysheet_command_prints_the_day_and_refuses_a_missing_day():
    world = tour_world()
    _three_days(world)
    out = io.StringIO()
    call_command("daysheet", "night-drive", "--date", SECOND.isoformat(), stdout=out)
    text = out.getvalue()
    when = day_words(SECOND)
    assert text.splitlines()[1] == f"{when}: travel day in London (Europe/London)"
    assert (
        f"Travel:   Flight Berlin BER {when} 10:00 CET to London LHR {when} 10:05 GMT "
        "(British Airways BA 983)"
    ) in text
    assert "Party:    Ada (Stagehand)" in text
    missing = day_words(dt.date(YEAR, 12, 12))
    with pytest.raises(CommandError, match=f"--date: the itinerary of .* has no {missing}"):
        call_command("daysheet", "night-drive", "--date", f"{YEAR}-12-12")


def test_daysheet_command_writes_a_pdf(tmp_path):
    world = tour_world()
    _three_days(world)
    target = tmp_path / "sheet.pdf"
    call_command(
        "daysheet",
        "night-drive",
        "--date",
        FIRST.isoformat(),
        "--pdf",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    assert target.read_bytes().startswith(b"%PDF")


def test_the_plan_page_engages_touring_crew_by_offer(client):
    from stagedoor.booking.models import Offer

    world = tour_world()
    world["ben"].willing_to_tour = True
    world["ben"].save()
    client.force_login(world["manager"])
    form = {
        "worker": world["ben"].pk,
        "role": "stagehand",
        "first_day": FIRST.isoformat(),
        "last_day": SECOND.isoformat(),
        "rate_amount": "300",
        "rate_unit": "day",
        "currency": "XYZ",
        "travel_day_share": "1",
        "day_off_share": "0.5",
    }
    refused = client.post("/tours/night-drive/plan/engage/", form)
    assert refused.status_code == 422
    assert "&#x27;XYZ&#x27; is not a known ISO 4217 currency code" in refused.content.decode()
    assert not Offer.objects.filter(worker=world["ben"]).exists()
    sent = client.post("/tours/night-drive/plan/engage/", form | {"currency": "eur"})
    assert sent.status_code == 302
    offer = Offer.objects.get(worker=world["ben"])
    assert offer.position.pay_amount == Decimal("600.00")
    assert offer.position.engagement is True
    page = client.get("/tours/night-drive/plan/").content.decode()
    assert "Ben: Stagehand" in page and "(offered, not booked yet)" in page


def test_api_engages_crew_and_reads_the_itinerary_with_legs_in_their_zones(client):
    world = tour_world()
    _three_days(world)
    made = client.post(
        "/api/tours/night-drive/engagements",
        json.dumps(
            {
                "worker": "ben",
                "role": "stagehand",
                "first_day": FIRST.isoformat(),
                "last_day": SECOND.isoformat(),
                "rate_amount": "300",
                "rate_unit": "day",
                "currency": "EUR",
            }
        ),
        content_type="application/json",
        **bearer(world["manager"]),
    )
    assert made.status_code == 201
    # A show day and a full-pay travel day at 300 a day.
    assert Position.objects.get(pk=made.json()["call"]).pay_amount == Decimal("600.00")
    days = client.get("/api/tours/night-drive/itinerary", **bearer(world["ada"].user)).json()
    assert [d["kind"] for d in days] == ["show", "travel", "off"]
    leg = days[1]["legs"][0]
    assert (leg["depart_at"], leg["arrive_at"]) == (
        f"{SECOND.isoformat()}T10:00:00+01:00",
        f"{SECOND.isoformat()}T10:05:00Z",
    )
    assert days[0]["show"] == world["show"].slug
    refused = client.post(
        "/api/tours/night-drive/engagements",
        json.dumps(
            {
                "worker": "nobody",
                "role": "stagehand",
                "first_day": FIRST.isoformat(),
                "last_day": SECOND.isoformat(),
                "rate_amount": "300",
                "rate_unit": "day",
                "currency": "EUR",
            }
        ),
        content_type="application/json",
        **bearer(world["manager"]),
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "worker"]
