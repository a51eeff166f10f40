"""The venue's managers read the shows another company runs in their building: the show,
its crew (read-only) and its call sheet with the crew chief's phone and the company's
managers, never every crew member's phone; every write stays refused."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.booking.callsheets import selectors as callsheets
from stagedoor.booking.models import Booking, Hold, Offer
from stagedoor.gigs import rules as gig_rules
from stagedoor.gigs import selectors as gig_selectors
from stagedoor.gigs.models import Position, Show
from tests.factories import (
    BookingFactory,
    PositionFactory,
    ShowFactory,
    WorkerFactory,
    bearer,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

FORM = re.compile(r"<form\b", re.I)


def forms_in_main(html: str) -> list[str]:
    """The forms of the page's own content (the header's sign-out form left out)."""
    main = html.split('<main class="container">', 1)[1].split("</main>", 1)[0]
    return FORM.findall(main)


@pytest.fixture
def hall():
    """Riverside (the venue's owner) hosts a show Sightline runs; Vera manages Riverside."""
    world = show_world(
        org={"name": "Sightline Production", "slug": "sightline"},
        venue={"name": "Riverside Hall", "organisation__name": "Riverside Venues"},
        show={"artist": "Mara Quinn", "slug": "mara"},
        manager="parker",
    )
    world["parker"] = world["manager"]
    world["parker"].first_name, world["parker"].last_name = "Parker", "Reyes"
    world["parker"].email = "parker@sightline.test"
    world["parker"].save()
    world["vera"] = manager_of(world["venue"].organisation, "vera")
    position = PositionFactory(show=world["show"], headcount=3, title="Load-in")
    ada = WorkerFactory(display_name="Ada", slug="ada", user__username="ada", phone="+49 1")
    ben = WorkerFactory(display_name="Ben", slug="ben", user__username="ben", phone="+49 2")
    cleo = WorkerFactory(display_name="Cleo", slug="cleo", user__username="cleo", phone="+49 3")
    world["chief"] = BookingFactory(position=position, worker=ada, is_crew_chief=True)
    world["crew"] = BookingFactory(position=position, worker=ben)
    world["position"], world["cleo"] = position, cleo
    return world


def test_the_rule_covers_published_and_cancelled_shows_not_drafts(hall):
    vera, show = hall["vera"], hall["show"]
    assert gig_rules.hosts_show(vera, show) is True
    show.status = "cancelled"
    assert gig_rules.hosts_show(vera, show) is True
    assert gig_rules.can_see(vera, show) is True
    show.status = "draft"
    assert gig_rules.hosts_show(vera, show) is False
    assert gig_rules.can_see(vera, show) is False
    # The company's own managers are not "the venue", and a stranger is nobody.
    show.status = "published"
    assert gig_rules.hosts_show(hall["parker"], show) is False
    assert gig_rules.hosts_show(hall["cleo"].user, show) is False


def test_a_venue_the_company_runs_itself_is_not_hosted():
    world = show_world(own_venue=True)
    assert gig_rules.hosts_show(world["manager"], world["show"]) is False


def test_manage_page_lists_the_hosted_shows_without_drafts(client, hall):
    ShowFactory(organisation=hall["org"], venue=hall["venue"], artist="Secret Act", status="draft")
    assert [s.slug for s in gig_selectors.hosted_shows(hall["vera"])] == ["mara"]
    client.force_login(hall["vera"])
    page = client.get("/manage/")
    assert page.status_code == 200
    section = page.text.split('id="hosted-shows"')[1]
    assert "Mara Quinn" in section
    assert "Sightline Production" in section
    assert "Secret Act" not in page.text


def test_show_page_links_the_venue_to_crew_and_call_sheet(client, hall):
    client.force_login(hall["vera"])
    page = client.get("/shows/mara/")
    assert page.status_code == 200
    assert (
        'Sightline Production runs this show in your venue: <a href="/shows/mara/staffing/">'
        'Crew</a> · <a href="/shows/mara/call-sheet/">Call sheet</a>'
    ) in page.text
    assert "/manage/shows/mara/" not in page.text


def test_cancelled_show_page_is_open_to_the_venue_draft_is_not(client, hall):
    client.force_login(hall["vera"])
    Show.objects.filter(pk=hall["show"].pk).update(status="cancelled")
    assert client.get("/shows/mara/").status_code == 200
    assert client.get("/shows/mara/staffing/").status_code == 200
    Show.objects.filter(pk=hall["show"].pk).update(status="draft")
    assert client.get("/shows/mara/").status_code == 404
    assert client.get("/shows/mara/staffing/").status_code == 403
    assert client.get("/shows/mara/call-sheet/").status_code == 403


def test_board_is_read_only_for_the_venue(client, hall):
    client.force_login(hall["vera"])
    page = client.get("/shows/mara/staffing/")
    assert page.status_code == 200
    assert forms_in_main(page.text) == []
    assert "Sightline Production runs this show and staffs it." in page.text
    assert 'id="seats-booked">2/3</strong>' in page.text
    assert 'Ada <span class="tag">Crew chief</span>' in page.text
    for write in ("/hold/", "/offer/", "/withdraw/", "/cancel/", "/crew-chief/", "/backfill/"):
        assert write not in page.text
    # The company's own manager still gets the full board with its forms.
    client.force_login(hall["parker"])
    own = client.get("/shows/mara/staffing/").text
    assert f'action="/manage/bookings/{hall["chief"].pk}/crew-chief/"' in own
    assert 'action="/shows/mara/cancel/"' in own


def test_board_refuses_a_manager_of_another_venue(client, hall):
    elsewhere = show_world(manager="otto", with_show=False)
    manager_of(elsewhere["venue"].organisation, "olga")
    client.force_login(elsewhere["manager"])
    assert client.get("/shows/mara/staffing/").status_code == 403


def test_every_write_on_the_pages_is_refused_with_nothing_changed(client, hall):
    client.force_login(hall["vera"])
    position, chief, cleo = hall["position"], hall["chief"], hall["cleo"]
    posts = [
        (f"/manage/positions/{position.pk}/hold/", {"worker": "cleo"}),
        (f"/manage/positions/{position.pk}/offer/", {"worker": "cleo"}),
        (f"/manage/positions/{position.pk}/backfill/", {"auto_backfill": "1"}),
        (f"/manage/bookings/{chief.pk}/crew-chief/", {"crew_chief": "0"}),
        (f"/bookings/{hall['crew'].pk}/cancel/", {"reason": "venue says so"}),
        (f"/manage/positions/{position.pk}/cancel/", {"reason": "venue says so"}),
        ("/shows/mara/cancel/", {"reason": "venue says so"}),
        ("/manage/shows/mara/", {"artist": "Renamed"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert (Hold.objects.count(), Offer.objects.filter(worker=cleo).count()) == (0, 0)
    assert sorted(Booking.objects.values_list("status", "is_crew_chief")) == [
        ("confirmed", False),
        ("confirmed", True),
    ]
    position.refresh_from_db()
    assert (position.auto_backfill, position.is_cancelled) == (False, False)
    assert Show.objects.get(pk=hall["show"].pk).artist == "Mara Quinn"


def test_every_write_on_the_api_is_refused(client, hall):
    headers = bearer(hall["vera"])
    position = hall["position"]
    for url, body in [
        (f"/api/positions/{position.pk}/offers", {"worker": "cleo"}),
        (f"/api/positions/{position.pk}/holds", {"worker": "cleo"}),
        (f"/api/positions/{position.pk}/cancel", {"reason": "venue says so"}),
        ("/api/shows/mara/cancel", {"reason": "venue says so"}),
    ]:
        response = client.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 403, (url, response.content)
    response = client.patch(
        f"/api/positions/{position.pk}",
        {"headcount": 5},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403
    assert Position.objects.get(pk=position.pk).headcount == 3
    assert Offer.objects.count() == Hold.objects.count() == 0


def test_call_sheet_gives_the_venue_the_chief_and_the_production(hall):
    sheet = callsheets.callsheet_get(actor=hall["vera"], show=hall["show"])
    assert sheet.phones_visible is False
    assert [(m.name, m.phone) for m in sheet.crew_chiefs] == [("Ada", "+49 1")]
    assert [(m.name, m.phone) for m in sheet.calls[0].crew] == [("Ada", None), ("Ben", None)]
    assert sheet.production_contacts == (("Parker Reyes", "parker@sightline.test"),)
    # The company's own managers see every phone and need no contact list of themselves.
    own = callsheets.callsheet_get(actor=hall["parker"], show=hall["show"])
    assert [m.phone for m in own.calls[0].crew] == ["+49 1", "+49 2"]
    assert own.production_contacts == ()
    with pytest.raises(PermissionDenied):
        callsheets.callsheet_get(actor=hall["cleo"].user, show=hall["show"])


def test_call_sheet_page_and_pdf_for_the_venue(client, hall):
    client.force_login(hall["vera"])
    page = client.get("/shows/mara/call-sheet/")
    assert page.status_code == 200
    assert forms_in_main(page.text) == []
    assert '<a class="phone" href="tel:+491">+49 1</a>' in page.text
    assert "+49 2" not in page.text
    assert '<a href="mailto:parker@sightline.test">parker@sightline.test</a>' in page.text
    pdf = client.get("/shows/mara/call-sheet.pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")


def test_call_sheet_api_for_the_venue(client, hall):
    response = client.get("/api/shows/mara/call-sheet", **bearer(hall["vera"]))
    assert response.status_code == 200
    body = response.json()
    assert [(m["name"], m["phone"]) for m in body["crew_chiefs"]] == [("Ada", "+49 1")]
    assert [(m["name"], m["phone"]) for m in body["calls"][0]["crew"]] == [
        ("Ada", None),
        ("Ben", None),
    ]
    assert body["production_contacts"] == [
        {"name": "Parker Reyes", "email": "parker@sightline.test"}
    ]
    stranger = client.get("/api/shows/mara/call-sheet", **bearer(hall["cleo"].user))
    assert stranger.status_code == 403


def test_callsheet_command_as_the_venue_manager(hall):
    out = io.StringIO()
    call_command("callsheet", "mara", "--as", "vera", stdout=out)
    text = out.getvalue()
    assert "Chief:    Ada (+49 1)" in text
    assert "Ben · phone shown to booked crew" in text
    assert "+49 2" not in text
    assert "Contact:  Parker Reyes <parker@sightline.test>" in text
    with pytest.raises(CommandError) as info:
        call_command("callsheet", "mara", "--as", "cleo")
    assert str(info.value) == (
        "--as: Only the show's managers and booked crew can see its call sheet."
    )
