"""Every open call is published the way aggregators read it: JSON-LD, careers, feeds, sitemap."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import extruct
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.http import urlencode

from stagedoor.boards.cursor import cursor_of
from stagedoor.boards.jsonld import employment_type
from tests.factories import PositionFactory, ShowFactory

from .world import BERLIN, at, build_world

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def world():
    return build_world()


def jsonld_of(response) -> list[dict]:
    assert response.status_code == 200
    html = response.content.decode()
    return extruct.extract(html, base_url=BASE, syntaxes=["json-ld"])["json-ld"]


def test_show_call_posting_has_every_required_and_recommended_property(client, world):
    hands = world["hands"]
    hands.refresh_from_db()
    start = at(world["day"], 9)
    summary = hands.role.summary
    [posting] = jsonld_of(client.get(f"/jobs/{hands.pk}/"))
    assert posting == {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Load-in hands",
        "description": (
            "<p>6 × Stagehand (Entry level or above) for Nightjar at Halle Ost, Berlin.</p>\n\n"
            f"<p>Call: {start:%a} {start.day} {start:%b} 09:00–14:00 {start.tzname()}.</p>\n\n"
            "<p>Pay: €28.50 an hour.</p>\n\n"
            f"<p>{escape(summary)}</p>"
        ),
        "datePosted": hands.created_at.astimezone(BERLIN).isoformat(),
        "validThrough": start.isoformat(),
        "jobStartDate": world["day"].isoformat(),
        "employmentType": "TEMPORARY",
        "hiringOrganization": {
            "@type": "Organization",
            "name": "Spree Live",
            "url": f"{BASE}/orgs/spree-live/careers/",
            "sameAs": "https://spree-live.example",
        },
        "jobLocation": {
            "@type": "Place",
            "name": "Halle Ost",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Köpenicker Str. 70",
                "addressLocality": "Berlin",
                "addressRegion": "BE",
                "postalCode": "10179",
                "addressCountry": "DE",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 52.5106, "longitude": 13.4224},
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {"@type": "QuantitativeValue", "value": 28.5, "unitText": "HOUR"},
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": "Stagedoor",
            "value": f"stagedoor-position-{hands.pk}",
        },
        "directApply": False,
        "totalJobOpenings": 6,
        "occupationalCategory": "27-4011.00",
        "url": f"{BASE}/jobs/{hands.pk}/",
    }
    assert start.isoformat().startswith(f"{world['day'].isoformat()}T09:00:00+0")


def test_day_rate_call_is_per_diem_with_a_day_salary(client, world):
    [posting] = jsonld_of(client.get(f"/jobs/{world['rigger'].pk}/"))
    assert posting["title"] == "Rigger"
    assert posting["employmentType"] == "PER_DIEM"
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "value": 320, "unitText": "DAY"},
    }


def test_remote_studio_work_is_telecommute_with_a_country_requirement(client, world):
    mixing = world["mixing"]
    [posting] = jsonld_of(client.get(f"/jobs/{mixing.pk}/"))
    assert posting["employmentType"] == "CONTRACTOR"
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "DE"}
    assert "jobLocation" not in posting
    # A flat fee is a total for the job: no HOUR/DAY unit.
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "value": 4500},
    }
    assert posting["hiringOrganization"]["name"] == "Spree Live"
    # Remote work without a studio room has no venue time zone: times are in UTC.
    start = at(mixing.call_start.astimezone(BERLIN).date(), 10)
    assert posting["validThrough"] == start.astimezone(dt.UTC).isoformat()


def test_employment_type_rule(world):
    assert [employment_type(world[k]) for k in ("hands", "rigger", "mixing")] == [
        "TEMPORARY",
        "PER_DIEM",
        "CONTRACTOR",
    ]


def test_drafts_and_past_calls_have_no_posting(client, world):
    assert client.get(f"/jobs/{world['draft'].pk}/").status_code == 404
    past = PositionFactory(
        show=world["show"],
        call_start=at(world["day"], 9).replace(year=world["day"].year - 2),
        call_end=at(world["day"], 12).replace(year=world["day"].year - 2),
    )
    assert client.get(f"/jobs/{past.pk}/").status_code == 404


def test_careers_page_lists_the_organisations_open_calls_only(client, world):
    response = client.get("/orgs/spree-live/careers/")
    assert response.status_code == 200
    page = response.content.decode()
    rows = [f'id="posting-{world[k].pk}"' in page for k in ("rigger", "hands", "mixing", "draft")]
    assert rows == [True, True, True, False]
    assert '<span id="careers-count">3</span>' in page
    assert page.index(f'id="posting-{world["rigger"].pk}"') < page.index(
        f'id="posting-{world["hands"].pk}"'
    )


def test_careers_page_query_count_does_not_grow_with_calls(client, world):
    with CaptureQueriesContext(connection) as few:
        client.get("/orgs/spree-live/careers/")
    for n in range(5):
        PositionFactory(
            show=ShowFactory(organisation=world["org"], venue=world["venue"], date=world["day"]),
            call_start=at(world["day"], 10 + n),
            call_end=at(world["day"], 16 + n % 3),
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/orgs/spree-live/careers/")
    assert '<span id="careers-count">8</span>' in response.content.decode()
    assert len(many) == len(few)


def test_json_feed_lists_every_open_call_as_jobposting(client, world):
    response = client.get("/jobs.json")
    assert response["Content-Type"] == "application/json"
    items = json.loads(response.content)
    assert [(i["@type"], i["title"], i["identifier"]["value"]) for i in items] == [
        ("JobPosting", "Rigger", f"stagedoor-position-{world['rigger'].pk}"),
        ("JobPosting", "Load-in hands", f"stagedoor-position-{world['hands'].pk}"),
        ("JobPosting", "Album mix", f"stagedoor-position-{world['mixing'].pk}"),
    ]
    [page_posting] = jsonld_of(client.get(f"/jobs/{world['hands'].pk}/"))
    assert items[1] == page_posting


def test_atom_feed_carries_the_job_facts(client, world):
    response = client.get("/jobs.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    a, s = "{http://www.w3.org/2005/Atom}", "{https://schema.org/}"
    assert root.tag == f"{a}feed"
    entries = root.findall(f"{a}entry")
    # Newest posted first (the world posts the hands, the rigger, then the album mix).
    assert [e.find(f"{a}title").text for e in entries] == ["Album mix", "Rigger", "Load-in hands"]
    hands = entries[2]
    assert hands.find(f"{a}link").get("href") == f"{BASE}/jobs/{world['hands'].pk}/"
    assert hands.find(f"{a}id").text == f"{BASE}/jobs/{world['hands'].pk}/"
    assert hands.find(f"{a}author/{a}name").text == "Spree Live"
    facts = {child.tag.removeprefix(s): child.text for child in hands if child.tag.startswith(s)}
    assert facts == {
        "hiringOrganization": "Spree Live",
        "streetAddress": "Köpenicker Str. 70",
        "addressLocality": "Berlin",
        "addressRegion": "BE",
        "postalCode": "10179",
        "addressCountry": "DE",
        "jobStartDate": world["day"].isoformat(),
        "validThrough": at(world["day"], 9).isoformat(),
        "employmentType": "TEMPORARY",
        "baseSalary": "28.50",
    }
    salary = hands.find(f"{s}baseSalary")
    assert (salary.get("currency"), salary.get("unitText")) == ("EUR", "HOUR")
    remote = entries[0]
    assert remote.find(f"{s}jobLocationType").text == "TELECOMMUTE"


def test_sitemap_lists_the_posting_pages(client, world):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring(client.get("/sitemap-jobs.xml").content)
    assert index.tag == f"{ns}sitemapindex"
    files = [u.find(f"{ns}loc").text for u in index.findall(f"{ns}sitemap")]
    assert files == ["http://testserver/sitemap-jobs-calls.xml"]
    newest = index.find(f"{ns}sitemap/{ns}lastmod").text
    assert newest == world["mixing"].created_at.isoformat()
    response = client.get("/sitemap-jobs-calls.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [u.find(f"{ns}loc").text for u in root.findall(f"{ns}url")]
    assert locs == [f"http://testserver/jobs/{world[k].pk}/" for k in ("rigger", "hands", "mixing")]
    lastmod = root.find(f"{ns}url/{ns}lastmod").text
    assert lastmod == world["rigger"].created_at.date().isoformat()


def test_sitemap_splits_a_large_pool_into_files_each_read_as_keys(client, world, monkeypatch):
    from stagedoor.boards.feeds import PostingSitemap

    monkeypatch.setattr(PostingSitemap, "limit", 2)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring(client.get("/sitemap-jobs.xml").content)
    files = [u.find(f"{ns}loc").text for u in index.findall(f"{ns}sitemap")]
    assert files == [
        "http://testserver/sitemap-jobs-calls.xml",
        "http://testserver/sitemap-jobs-calls.xml?p=2",
    ]
    with CaptureQueriesContext(connection) as queries:
        second = ET.fromstring(client.get("/sitemap-jobs-calls.xml?p=2").content)
    locs = [u.find(f"{ns}loc").text for u in second.findall(f"{ns}url")]
    assert locs == [f"http://testserver/jobs/{world['mixing'].pk}/"]
    assert len(queries) == 2  # the count, then one page of keys and dates


def test_json_feed_comes_a_page_at_a_time_with_links(client, world, monkeypatch):
    from stagedoor.boards import views

    monkeypatch.setattr(views, "FEED_PAGE", 2)
    first = client.get("/jobs.json")
    assert [i["title"] for i in first.json()] == ["Rigger", "Load-in hands"]
    # The next page is named by a marker of the last call shown, not by a number.
    after = urlencode({"after": cursor_of(world["hands"].call_start, world["hands"].pk)})
    assert first["Link"] == f'<http://testserver/jobs.json?{after}>; rel="next"'
    onward = client.get(f"/jobs.json?{after}")
    assert ([i["title"] for i in onward.json()], onward.get("Link")) == (["Album mix"], None)
    second = client.get("/jobs.json?page=2")
    assert [i["title"] for i in second.json()] == ["Album mix"]
    assert second["Link"] == '<http://testserver/jobs.json?page=1>; rel="prev"'
    past = client.get("/jobs.json?page=3")
    assert (past.status_code, past.json()) == (
        404,
        {"page": "There are no open calls on page 3."},
    )
    for bad in ("0", "two", "-1", "10001"):
        response = client.get(f"/jobs.json?page={bad}")
        assert (response.status_code, response.json()) == (
            400,
            {"page": "Give a page number from 1 to 10,000."},
        )


def test_atom_feed_carries_only_the_newest_calls(client, world, monkeypatch):
    from stagedoor.boards import views

    monkeypatch.setattr(views, "ATOM_NEWEST", 2)
    root = ET.fromstring(client.get("/jobs.atom").content)
    a = "{http://www.w3.org/2005/Atom}"
    titles = [e.find(f"{a}title").text for e in root.findall(f"{a}entry")]
    assert titles == ["Album mix", "Rigger"]
