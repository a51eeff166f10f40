"""Imports from CSV, JSON feeds, Atom/RSS and web pages: reports, bad rows, duplicates."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from decimal import Decimal

import pytest

from stagedoor.boards import services
from stagedoor.boards.models import ExternalPosting, ImportRun
from stagedoor.core.models import TaskRecord

from .world import BERLIN, build_world, day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def crew_csv(day: dt.date) -> str:
    d = day.isoformat()
    return (
        "id,title,employer,city,country,remote,start,pay_amount,pay_unit,currency,url\n"
        f"cb-1,Rigger,Kiez Productions GmbH,Berlin,DE,,{d}T08:00:00+01:00,300,day,EUR,"
        "https://crewboard.example/jobs/1\n"
        f"cb-2,Stagehand,Kiez Productions GmbH,Hamburg,DE,no,{d},25.00,hour,EUR,"
        "https://crewboard.example/jobs/2\n"
        f"cb-3,Lighting Director,Kiez Productions GmbH,Berlin,DE,,{d},lots,day,EUR,"
        "https://crewboard.example/jobs/3\n"
        f"cb-4,Mixing Engineer,Tidewater Studios,,DE,yes,{d},1200,flat,EUR,"
        "https://crewboard.example/jobs/4\n"
        f"cb-5,,Kiez Productions GmbH,,DE,,{d},,,,https://crewboard.example/jobs/5\n"
    )


def test_csv_import_reports_bad_rows_and_imports_the_rest(world, run_import):
    day = day_in(12)
    run = run_import(
        world["manager"], filename="crew.csv", content=crew_csv(day).encode(), source="crewboard"
    )
    assert run.status == "done"
    assert (run.format, run.rows, run.new, run.updated, run.duplicates, run.rejected) == (
        "csv",
        5,
        3,
        0,
        0,
        2,
    )
    assert run.report["rejected"] == [
        {"row": 4, "field": "pay_amount", "reason": "'lots' is not an amount of money."},
        {"row": 6, "field": "title", "reason": "This field is required."},
        {"row": 6, "field": "city", "reason": "Give a city, or mark the posting remote."},
    ]
    assert (run.task.status, run.task.done, run.task.total) == ("done", 5, 5)
    assert run.task.result == {"rows": 5, "new": 3, "updated": 0, "duplicates": 0, "rejected": 2}
    postings = ExternalPosting.objects.order_by("external_id")
    assert [
        (
            p.source,
            p.external_id,
            p.title,
            p.employer_name,
            p.city,
            p.remote,
            p.starts_on,
            p.pay_amount,
            p.pay_unit,
            p.currency,
            p.role.slug,
            p.import_run_id,
        )
        for p in postings
    ] == [
        ("crewboard", "cb-1", "Rigger", "Kiez Productions GmbH", "Berlin", False, day,
         Decimal("300.00"), "day", "EUR", "rigger", run.pk),
        ("crewboard", "cb-2", "Stagehand", "Kiez Productions GmbH", "Hamburg", False, day,
         Decimal("25.00"), "hour", "EUR", "stagehand", run.pk),
        ("crewboard", "cb-4", "Mixing Engineer", "Tidewater Studios", "", True, day,
         Decimal("1200.00"), "flat", "EUR", "mixing-engineer", run.pk),
    ]  # fmt: skip
    rigger = postings[0]
    assert rigger.starts_at == dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.UTC)
    assert (round(rigger.latitude, 2), round(rigger.longitude, 2)) == (52.52, 13.41)
    assert rigger.source_url == "https://crewboard.example/jobs/1"
    assert postings[2].latitude is None


def test_importing_the_same_csv_again_updates(world, run_import):
    content = crew_csv(day_in(12)).encode()
    first = run_import(world["manager"], filename="crew.csv", content=content, source="crewboard")
    again = run_import(world["manager"], filename="crew.csv", content=content, source="crewboard")
    assert (again.new, again.updated, again.duplicates, again.rejected) == (0, 3, 0, 2)
    assert ExternalPosting.objects.count() == 3
    assert set(ExternalPosting.objects.values_list("import_run", flat=True)) == {again.pk}
    assert first.pk != again.pk


def test_duplicates_across_sources_are_the_same_job_once_normalised(world, run_import):
    # Case, punctuation, accents and "GmbH" do not make a different job.
    day = day_in(12)
    run_import(
        world["manager"], filename="crew.csv", content=crew_csv(day).encode(), source="crewboard"
    )
    feed = f"""[
      {{"@context": "https://schema.org", "@type": "JobPosting",
        "title": "RIGGER.", "description": "Up rigger for an arena show",
        "identifier": {{"@type": "PropertyValue", "name": "gigfeed", "value": "gf-77"}},
        "hiringOrganization": {{"@type": "Organization", "name": "Kiez Productions"}},
        "jobLocation": {{"@type": "Place", "address": {{"@type": "PostalAddress",
          "addressLocality": "berlin", "addressCountry": "DE"}}}},
        "jobStartDate": "{day.isoformat()}",
        "baseSalary": {{"@type": "MonetaryAmount", "currency": "EUR",
          "value": {{"@type": "QuantitativeValue", "value": 310, "unitText": "DAY"}}}}}},
      {{"@context": "https://schema.org", "@type": "JobPosting",
        "title": "Monitor Engineer", "hiringOrganization": "Kiez Productions",
        "jobLocation": {{"@type": "Place", "address": {{"@type": "PostalAddress",
          "addressLocality": "Berlin", "addressCountry": "DE"}}}},
        "jobStartDate": "{day.isoformat()}",
        "validThrough": "{day.isoformat()}T06:00:00Z"}},
      {{"@type": "Event", "name": "not a posting"}}
    ]"""
    run = run_import(world["manager"], filename="feed.json", content=feed, source="gigfeed")
    assert (run.format, run.rows, run.new, run.updated, run.duplicates, run.rejected) == (
        "json",
        3,
        1,
        0,
        1,
        1,
    )
    rigger = ExternalPosting.objects.get(source="crewboard", external_id="cb-1")
    assert run.report["duplicates"] == [
        {"row": 1, "title": "RIGGER.", "duplicate_of": rigger.pk, "source": "crewboard"}
    ]
    assert run.report["rejected"] == [
        {"row": 3, "field": "row", "reason": "Not a JobPosting object."}
    ]
    monitor = ExternalPosting.objects.get(source="gigfeed")
    assert (monitor.title, monitor.employer_name, monitor.city, monitor.role.slug) == (
        "Monitor Engineer",
        "Kiez Productions",
        "Berlin",
        "monitor-engineer",
    )
    assert monitor.valid_through == dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC)


def test_our_atom_feed_imports_and_our_json_feed_then_duplicates_it(client, world, run_import):
    atom = client.get("/jobs.atom").content
    run = run_import(world["manager"], filename="jobs.atom", content=atom, source="spree-atom")
    assert run.report["rejected"] == []
    assert (run.format, run.rows, run.new, run.rejected) == ("feed", 3, 3, 0)
    by_title = {p.title: p for p in ExternalPosting.objects.all()}
    hands = by_title["Load-in hands"]
    assert (
        hands.employer_name,
        hands.street_address,
        hands.city,
        hands.region,
        hands.postal_code,
        hands.country,
        hands.starts_on,
        hands.pay_amount,
        hands.pay_unit,
        hands.currency,
        hands.employment_type,
        hands.source_url,
    ) == (
        "Spree Live",
        "Köpenicker Str. 70",
        "Berlin",
        "BE",
        "10179",
        "DE",
        world["day"],
        Decimal("28.50"),
        "hour",
        "EUR",
        "TEMPORARY",
        f"http://testserver/jobs/{world['hands'].pk}/",
    )
    assert hands.valid_through == world["hands"].call_start
    mix = by_title["Album mix"]
    assert (mix.remote, mix.city, mix.country, mix.pay_unit) == (True, "", "DE", "flat")

    feed = client.get("/jobs.json").content
    again = run_import(world["manager"], filename="jobs.json", content=feed, source="spree-json")
    assert (again.rows, again.new, again.duplicates, again.rejected) == (3, 0, 3, 0)
    assert [d["source"] for d in again.report["duplicates"]] == ["spree-atom"] * 3


def test_rss_feed_import(world, run_import):
    day = day_in(15).isoformat()
    rss = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:s="https://schema.org/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Gig list</title>
<item><title>Spot Operator</title><link>https://giglist.example/7</link><guid>gl-7</guid>
  <description>&lt;p&gt;Follow spots&lt;/p&gt;</description><dc:creator>Arena Nord</dc:creator>
  <s:addressLocality>Hamburg</s:addressLocality><s:addressCountry>DE</s:addressCountry>
  <s:jobStartDate>{day}</s:jobStartDate>
  <s:baseSalary currency="EUR" unitText="HOUR">22</s:baseSalary></item>
<item><title>Box Office Staff</title><link>https://giglist.example/8</link>
  <dc:creator>Arena Nord</dc:creator><s:jobStartDate>{day}</s:jobStartDate></item>
</channel></rss>"""
    run = run_import(world["manager"], filename="list.rss", content=rss, source="giglist")
    assert (run.rows, run.new, run.rejected) == (2, 1, 1)
    assert run.report["rejected"] == [
        {"row": 2, "field": "city", "reason": "Give a city, or mark the posting remote."}
    ]
    spot = ExternalPosting.objects.get()
    assert (spot.external_id, spot.description, spot.employer_name, spot.pay_amount) == (
        "gl-7",
        "Follow spots",
        "Arena Nord",
        Decimal("22.00"),
    )


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self):
        if self.path not in self.pages:
            self.send_error(404)
            return
        ctype, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site(settings):
    settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Pages.pages
    server.shutdown()
    server.server_close()
    _Pages.pages.clear()


def test_url_import_reads_a_pages_jobposting_jsonld(client, world, run_import, local_site):
    base, pages = local_site
    hands = world["hands"]
    pages["/careers/load-in"] = (
        "text/html; charset=utf-8",
        client.get(f"/jobs/{hands.pk}/").content,
    )
    run = run_import(world["manager"], url=f"{base}/careers/load-in")
    assert (run.source, run.format, run.rows, run.new, run.rejected) == (
        "127.0.0.1",
        "html",
        1,
        1,
        0,
    )
    posting = ExternalPosting.objects.get()
    assert (
        posting.external_id,
        posting.title,
        posting.employer_name,
        posting.employer_url,
        posting.city,
        posting.starts_on,
        posting.pay_amount,
        posting.date_posted,
    ) == (
        f"stagedoor-position-{hands.pk}",
        "Load-in hands",
        "Spree Live",
        "https://spree-live.example",
        "Berlin",
        world["day"],
        Decimal("28.50"),
        hands.created_at,
    )
    assert posting.description.startswith("6 × Stagehand (Entry level or above) for Nightjar")


def test_url_import_of_a_page_without_postings_fails_with_the_reason(world, run_import, local_site):
    base, pages = local_site
    pages["/about"] = ("text/html", b"<!doctype html><html><body>Hello</body></html>")
    run = run_import(world["manager"], url=f"{base}/about", source="about")
    assert (run.status, run.error, run.new) == (
        "failed",
        "The page has no schema.org JobPosting in its JSON-LD.",
        0,
    )
    missing = run_import(world["manager"], url=f"{base}/nothing-here", source="gone")
    assert missing.status == "failed"
    assert missing.error.startswith(f"Could not fetch {base}/nothing-here: HTTP Error 404")


def test_url_import_refuses_private_addresses(world, run_import, local_site, settings):
    base, pages = local_site
    pages["/jobs.json"] = ("application/json", b"[]")
    settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE = False
    run = run_import(world["manager"], url=f"{base}/jobs.json", source="inside")
    assert (run.status, run.error) == (
        "failed",
        f"Refusing to fetch {base}/jobs.json: 127.0.0.1 is a private or local address.",
    )


def test_a_csv_without_the_required_columns_is_refused_whole(world, run_import):
    run = run_import(world["manager"], filename="x.csv", content=b"name,place\nRigger,Berlin\n")
    assert (run.status, run.rows, run.new) == ("failed", 0, 0)
    assert run.error.startswith("The CSV header must name title, employer; expected columns: id,")
    assert TaskRecord.objects.get(pk=run.task_id).result["error"] == run.error[:200]


def test_only_managers_may_import_and_input_is_checked(world):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        services.import_run_start(actor=world["worker"].user, content="title\n", filename="a.csv")
    with pytest.raises(ValidationError) as refused:
        services.import_run_start(actor=world["manager"], url="ftp://x.example/a.csv")
    assert refused.value.message_dict == {
        "url": ["'ftp://x.example/a.csv' is not an http(s) address."]
    }
    with pytest.raises(ValidationError) as both:
        services.import_run_start(actor=world["manager"])
    assert both.value.message_dict == {"__all__": ["Give either a file or a URL."]}
    assert ImportRun.objects.count() == 0


def test_naive_times_are_read_in_the_citys_time_zone(world, run_import):
    day = day_in(12)
    content = f"title,employer,city,start\nRigger,Kiez,Berlin,{day}T08:00:00\n"
    run = run_import(world["manager"], filename="n.csv", content=content)
    assert (run.new, run.source) == (1, "n.csv")
    assert ExternalPosting.objects.get().starts_at == dt.datetime.combine(
        day, dt.time(8), tzinfo=BERLIN
    )


def test_dates_the_database_cannot_read_back_are_refused_by_row(world, run_import, settings):
    """Issue 16: a start in year 9999 at -12:00 broke the feeds; it is refused with the
    window named, and an offset past 15:59 too; the good row is imported."""
    settings.STAGEDOOR_DATES_YEARS_AHEAD = 5
    from stagedoor.core.validation import date_window

    first, last = date_window()
    day = day_in(12).isoformat()
    content = (
        "id,title,employer,city,country,remote,start,date_posted,valid_through,url\n"
        "x-1,Rigger,Kiez,Berlin,DE,,9999-12-31T23:00:00-12:00,,,https://x.example/1\n"
        f"x-2,Rigger,Kiez,Berlin,DE,,{day}T08:00:00+16:00,,,https://x.example/2\n"
        f"x-3,Rigger,Kiez,Berlin,DE,,{day},1990-01-01,9999-12-31,https://x.example/3\n"
        f"x-4,Rigger,Kiez,Berlin,DE,,{day},,,https://x.example/4\n"
    )
    run = run_import(world["manager"], filename="far.csv", content=content.encode(), source="x")
    window = (
        f"Give a date between {first:%Y-%m-%d} and {last:%Y-%m-%d}: schedules are kept from "
        "one year back to five years ahead of today."
    )
    assert run.report["rejected"] == [
        {"row": 2, "field": "start", "reason": window},
        {"row": 3, "field": "start", "reason": "A UTC offset must be between -15:59 and +15:59."},
        {"row": 4, "field": "date_posted", "reason": window},
        {"row": 4, "field": "valid_through", "reason": window},
    ]
    assert list(ExternalPosting.objects.values_list("external_id", flat=True)) == ["x-4"]
