"""The crew-call template pages: save from a show's page, apply, copy to a tour, the
organisation's list and edit pages, and the managers-only rule on every one of them."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stagedoor.gigs.crewtemplates import services as tmpl
from stagedoor.gigs.models import CrewTemplate, Position, Tour
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


@pytest.fixture
def world():
    w = show_world(show={"slug": "berlin", "artist": "Mara Quinn"})
    PositionFactory(
        show=w["show"],
        title="Load-in",
        headcount=4,
        call_start=dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN),
    )
    PositionFactory(
        show=w["show"],
        title="Load-out",
        headcount=6,
        call_start=dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 5, 2, 30, tzinfo=BERLIN),
    )
    chicago = VenueFactory(name="Metro", city="Chicago", country="US", timezone="America/Chicago")
    w["chicago"] = ShowFactory(
        slug="chicago", organisation=w["org"], venue=chicago, date=dt.date(YEAR, 12, 11)
    )
    return w


def _local(show) -> list[tuple[str, str, str]]:
    zone = zoneinfo.ZoneInfo(show.venue.timezone)
    return [
        (
            p.display_title,
            f"{p.call_start.astimezone(zone):%a %d %H:%M}",
            f"{p.call_end.astimezone(zone):%a %d %H:%M}",
        )
        for p in Position.objects.filter(show=show).order_by("call_start")
    ]


def test_manager_saves_the_crew_call_and_applies_it_to_another_show(client, world):
    client.force_login(world["manager"])
    page = client.get("/shows/berlin/").content.decode()
    assert 'id="crew-templates"' in page
    assert "No templates yet: save a show's crew call as one." in page

    response = client.post("/manage/shows/berlin/templates/save/", {"save-name": "Club night"})
    assert response.status_code == 302
    assert response["Location"] == "/shows/berlin/"
    template = CrewTemplate.objects.get()
    page = client.get("/shows/chicago/").content.decode()
    assert "Saved the crew call as the template &#x27;Club night&#x27; (2 calls)." in page
    assert f'<option value="{template.pk}">Club night</option>' in page

    response = client.post(
        "/manage/shows/chicago/templates/apply/", {"apply-template": template.pk}, follow=True
    )
    assert response.redirect_chain == [("/shows/chicago/", 302)]
    assert "Added 2 calls from &#x27;Club night&#x27;." in response.content.decode()
    assert _local(world["chicago"]) == [
        ("Load-in", "Fri 11 09:00", "Fri 11 14:00"),
        ("Load-out", "Fri 11 23:00", "Sat 12 02:30"),
    ]


def test_refusals_come_back_on_the_page_naming_the_field_and_the_line(client, world):
    client.force_login(world["manager"])
    tmpl.crew_template_save(actor=world["manager"], show=world["show"], name="Club night")
    response = client.post("/manage/shows/berlin/templates/save/", {"save-name": "Club night"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_save-name-errors"' in body
    assert f"{world['org'].name} already has a template called &#x27;Club night&#x27;." in body

    template = CrewTemplate.objects.get()
    line = template.lines.get(title="Load-out")
    line.required_skills = {"no-such-skill": 2}
    line.save()
    response = client.post(
        "/manage/shows/chicago/templates/apply/", {"apply-template": template.pk}
    )
    assert response.status_code == 200
    assert (
        "required_skills: Line 2 (Load-out × 6, Fri 11 Dec 23:00 CST): "
        "&#x27;no-such-skill&#x27; is not a known skill."
    ) in response.content.decode()
    assert Position.objects.filter(show=world["chicago"]).count() == 0

    response = client.post("/manage/shows/berlin/copy-to-tour/")
    assert response.status_code == 200
    assert "This show is not a stop of a tour." in response.content.decode()


def test_copy_to_tour_from_the_show_page_says_what_it_did(client, world):
    tour = Tour.objects.create(slug="t", organisation=world["org"], artist="Mara Quinn", name="T")
    for order, show in enumerate((world["show"], world["chicago"]), start=1):
        show.tour, show.tour_order = tour, order
        show.save()
    client.force_login(world["manager"])
    assert "Copy to every stop of the tour" in client.get("/shows/berlin/").content.decode()
    response = client.post("/manage/shows/berlin/copy-to-tour/", follow=True)
    assert "Copied 2 calls to 1 stop." in response.content.decode()
    response = client.post("/manage/shows/berlin/copy-to-tour/", follow=True)
    assert (
        "Copied 0 calls to 0 stops. 2 calls were already there and left as they are "
        "(1 stop already had the whole crew call)."
    ) in response.content.decode()
    assert _local(world["chicago"]) == [
        ("Load-in", "Fri 11 09:00", "Fri 11 14:00"),
        ("Load-out", "Fri 11 23:00", "Sat 12 02:30"),
    ]


def test_the_templates_page_lists_edits_applies_and_deletes(client, world):
    manager, org = world["manager"], world["org"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    client.force_login(manager)
    url = f"/manage/orgs/{org.slug}/templates/"
    body = client.get(url).content.decode()
    assert "Club night" in body
    assert "2 calls, 10 people" in body
    assert "Show day 09:00–14:00" in body
    assert "Show day 23:00–02:30 (+1 day)" in body
    assert f"Fri 11 Dec {YEAR} · Mara Quinn at Metro" not in body  # the chicago artist differs
    assert f"Fri 11 Dec {YEAR} · {world['chicago'].artist} at Metro" in body

    line = template.lines.get(title="Load-in")
    response = client.post(
        f"/manage/templates/{template.pk}/lines/{line.pk}/",
        {
            f"l{line.pk}-headcount": "3",
            f"l{line.pk}-start_day": "-1",
            f"l{line.pk}-start": "22:00",
            f"l{line.pk}-end": "01:00",
            f"l{line.pk}-pay_amount": "30",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.headcount, line.start_minutes, line.end_minutes, line.pay_amount) == (
        3,
        -120,
        60,
        Decimal("30.00"),
    )
    body = client.get(f"/manage/templates/{template.pk}/").content.decode()
    assert "Day before 22:00–01:00 (+1 day)" in body

    response = client.post(f"/manage/templates/{template.pk}/", {"name": ""})
    assert response.status_code == 200
    assert 'id="id_name-errors"' in response.content.decode()

    response = client.post(
        f"/manage/templates/{template.pk}/apply/", {f"t{template.pk}-show": "chicago"}
    )
    assert response["Location"] == "/shows/chicago/"
    assert _local(world["chicago"])[0] == ("Load-in", "Thu 10 22:00", "Fri 11 01:00")

    response = client.post(f"/manage/templates/{template.pk}/delete/")
    assert response["Location"] == url
    assert CrewTemplate.objects.count() == 0


def test_the_templates_page_query_count_is_flat(client, world):
    manager = world["manager"]
    client.force_login(manager)
    tmpl.crew_template_save(actor=manager, show=world["show"], name="One")
    url = f"/manage/orgs/{world['org'].slug}/templates/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for name in ("Two", "Three", "Four"):
        tmpl.crew_template_save(actor=manager, show=world["show"], name=name)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert body.count('class="crew-template"') == 4
    assert len(few.captured_queries) == len(many.captured_queries)


@pytest.mark.parametrize("who", ["chief", "stranger"])
def test_only_managers_reach_the_pages_and_nothing_changes(client, world, who):
    manager, org = world["manager"], world["org"]
    template = tmpl.crew_template_save(actor=manager, show=world["show"], name="Club night")
    line = template.lines.first()
    user = manager_of(org, "chief", role="crew_chief") if who == "chief" else UserFactory()
    client.force_login(user)
    assert 'id="crew-templates"' not in client.get("/shows/berlin/").content.decode()
    for url in (
        "/manage/shows/berlin/templates/",
        f"/manage/orgs/{org.slug}/templates/",
        f"/manage/templates/{template.pk}/",
    ):
        assert client.get(url).status_code == 403, url
    posts = [
        ("/manage/shows/berlin/templates/save/", {"save-name": "Mine"}),
        ("/manage/shows/chicago/templates/apply/", {"apply-template": template.pk}),
        ("/manage/shows/berlin/copy-to-tour/", {}),
        (f"/manage/templates/{template.pk}/", {"name": "Mine"}),
        (f"/manage/templates/{template.pk}/apply/", {f"t{template.pk}-show": "chicago"}),
        (
            f"/manage/templates/{template.pk}/lines/{line.pk}/",
            {
                f"l{line.pk}-headcount": "1",
                f"l{line.pk}-start_day": "0",
                f"l{line.pk}-start": "08:00",
                f"l{line.pk}-end": "09:00",
                f"l{line.pk}-pay_amount": "1",
            },
        ),
        (f"/manage/templates/{template.pk}/lines/{line.pk}/delete/", {}),
        (f"/manage/templates/{template.pk}/delete/", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert [(t.name, t.lines.count()) for t in CrewTemplate.objects.all()] == [("Club night", 2)]
    assert Position.objects.filter(show=world["chicago"]).count() == 0


def test_the_admin_shows_templates_read_only(client, world):
    template = tmpl.crew_template_save(actor=world["manager"], show=world["show"], name="Club")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert "Club" in client.get("/admin/gigs/crewtemplate/").content.decode()
    page = client.get(f"/admin/gigs/crewtemplate/{template.pk}/change/").content.decode()
    assert "Load-out" in page
    assert 'name="_save"' not in page
    assert client.get("/admin/gigs/crewtemplate/add/").status_code == 403
    assert client.post(f"/admin/gigs/crewtemplate/{template.pk}/delete/").status_code == 403
    assert CrewTemplate.objects.count() == 1
