"""Paged JSON feeds both ways: an import follows a feed's Link rel="next" from page to page
(the same site only, never a page twice, at most IMPORT_PAGES_MOST pages, stoppable between
pages), and our own /jobs.json pages on by a marker of the last call, not an OFFSET."""

from __future__ import annotations

import http.server
import io
import json
import threading

import pytest
from django.core import signing
from django.core.management import call_command

from stagedoor.boards import selectors, services, views
from stagedoor.boards.fetch import next_link, parse_links
from stagedoor.boards.models import ExternalPosting, ImportRun
from stagedoor.core.models import TaskRecord
from stagedoor.core.tasks import Cancelled, Progress, task_cancel
from tests.factories import PositionFactory, ShowFactory

from .world import at, build_world, day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


class _Feed(http.server.BaseHTTPRequestHandler):
    """Serves `pages` (path -> (body, Link header fields)) and notes each path asked for."""

    pages: dict[str, tuple[bytes, list[str]]] = {}
    asked: list[str] = []

    def do_GET(self):
        self.asked.append(self.path)
        if self.path not in self.pages:
            self.send_error(404)
            return
        body, links = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for link in links:
            self.send_header("Link", link)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    _Feed.pages.clear()
    _Feed.asked.clear()


def postings(page: int, n: int = 2) -> bytes:
    day = day_in(20).isoformat()
    return json.dumps(
        [
            {
                "@context": "https://schema.org",
                "@type": "JobPosting",
                "identifier": f"cb-{page}-{i}",
                "title": f"Rigger {page}.{i}",
                "hiringOrganization": {"@type": "Organization", "name": "Kiez Productions"},
                "jobLocation": {
                    "@type": "Place",
                    "address": {"addressLocality": "Berlin", "addressCountry": "DE"},
                },
                "jobStartDate": day,
            }
            for i in range(1, n + 1)
        ]
    ).encode()


def imported_titles() -> list[str]:
    return sorted(ExternalPosting.objects.values_list("title", flat=True))


# --- reading Link headers ------------------------------------------------------------------


def test_link_header_fields_are_read_as_rfc_8288_writes_them():
    fields = [
        '<https://a.example/x?p=1>; rel="prev", </jobs?p=3;x=1,2>; title="a, b; \\"c\\""; '
        'REL="last next"',
        '<https://a.example/other>; rel=next; anchor="#elsewhere"',
    ]
    assert parse_links(fields) == [
        ("https://a.example/x?p=1", {"rel": "prev"}),
        ("/jobs?p=3;x=1,2", {"title": 'a, b; "c"', "rel": "last next"}),
        ("https://a.example/other", {"rel": "next", "anchor": "#elsewhere"}),
    ]
    base = "https://a.example/feed/page2"
    assert next_link(fields, base=base) == "https://a.example/jobs?p=3;x=1,2"
    assert next_link(['<page3>; rel="next"'], base=base) == "https://a.example/feed/page3"
    assert next_link(['<p4#top>; rel="Next"'], base=base) == "https://a.example/feed/p4"
    assert next_link(['<p1>; rel="prev"', "junk, <p5>; rel=next"], base=base) == (
        "https://a.example/feed/p5"
    )
    assert next_link(['<https://a.example/other>; rel=next; anchor="#x"'], base=base) is None
    assert next_link(["", "<broken; rel=next"], base=base) is None


# --- import follows pages ------------------------------------------------------------------


def test_an_import_reads_every_linked_page_as_one_run(world, run_import, site):
    _Feed.pages.update(
        {
            "/feed": (postings(1), ['</feed?p=2>; rel="next"']),
            # the next link among others, in a second field, relative to the page
            "/feed?p=2": (postings(2), ['</feed>; rel="prev"', '<feed?p=3>; rel="next"']),
            "/feed?p=3": (postings(3), ['</feed?p=2>; rel="prev"']),
        }
    )
    run = run_import(world["manager"], url=f"{site}/feed", source="crewboard")
    assert (run.status, run.format, run.rows, run.new, run.rejected) == ("done", "json", 6, 6, 0)
    assert (run.report["pages"], run.report["notes"]) == (3, [])
    assert _Feed.asked == ["/feed", "/feed?p=2", "/feed?p=3"]
    assert imported_titles() == [f"Rigger {p}.{i}" for p in (1, 2, 3) for i in (1, 2)]
    assert (run.task.status, run.task.done, run.task.total) == ("done", 6, 6)
    assert sorted(run.report["new"]) == sorted(ExternalPosting.objects.values_list("pk", flat=True))


def test_a_feed_that_links_back_stops_after_each_page_once(client, world, run_import, site):
    _Feed.pages.update(
        {
            "/feed": (postings(1), ['</feed?p=2>; rel="next"']),
            "/feed?p=2": (postings(2), ['<http://127.0.0.1:1/x>; rel="prev", </feed>; rel=next']),
        }
    )
    run = run_import(world["manager"], url=f"{site}/feed#top", source="crewboard")
    assert (run.status, run.rows, run.new) == ("done", 4, 4)
    assert _Feed.asked == ["/feed", "/feed?p=2"]
    assert run.report["notes"] == [
        "The next page after page 2 points back to a page already read, so the import "
        "stopped there."
    ]
    client.force_login(world["manager"])
    page = client.get(run.get_absolute_url()).content.decode()
    assert (
        '<p class="message" role="status" id="import-pages">Read 2 pages of the feed. The next '
        "page after page 2 points back to a page already read, so the import stopped there.</p>"
    ) in page


def test_a_next_page_on_another_site_is_not_read(world, run_import, site):
    port = site.rsplit(":", 1)[1]
    _Feed.pages.update(
        {
            "/feed": (postings(1), [f'<http://localhost:{port}/feed?p=2>; rel="next"']),
            "/feed?p=2": (postings(2), []),
        }
    )
    run = run_import(world["manager"], url=f"{site}/feed", source="crewboard")
    assert (run.status, run.rows, run.new, run.report["pages"]) == ("done", 2, 2, 1)
    assert _Feed.asked == ["/feed"]
    assert run.report["notes"] == [
        "The feed's next page is on another site (localhost). Stagedoor reads a feed's pages "
        "only from the site you gave, so the import stopped after the first page."
    ]


def test_an_endless_feed_is_read_to_the_page_bound(world, run_import, site, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_PAGES_MOST", 4)
    for p in range(1, 8):
        _Feed.pages[f"/feed?p={p}"] = (postings(p, 1), [f'</feed?p={p + 1}>; rel="next"'])
    run = run_import(world["manager"], url=f"{site}/feed?p=1", source="crewboard")
    assert (run.status, run.rows, run.new, run.report["pages"]) == ("done", 4, 4, 4)
    assert _Feed.asked == [f"/feed?p={p}" for p in range(1, 5)]
    assert run.report["notes"] == [
        f"The feed has more than 4 pages; the first 4 were read. Import {site}/feed?p=5 to "
        "read on from there."
    ]


def test_a_page_that_cannot_be_read_keeps_the_pages_before_it(world, run_import, site):
    _Feed.pages.update(
        {
            "/feed": (postings(1), ['</feed?p=2>; rel="next"']),
            "/feed?p=2": (postings(2), ['</gone>; rel="next"']),
        }
    )
    run = run_import(world["manager"], url=f"{site}/feed", source="crewboard")
    assert (run.status, run.rows, run.new, run.report["pages"]) == ("done", 4, 4, 2)
    [note] = run.report["notes"]
    assert note.startswith(
        f"Page 3 of the feed could not be read, so the import stopped after 2 pages: "
        f"Could not fetch {site}/gone: HTTP Error 404"
    )


def test_rows_are_numbered_on_across_pages(world, run_import, site):
    bad = json.dumps([{"@type": "JobPosting", "title": "No employer", "jobLocation": "Berlin"}])
    _Feed.pages.update(
        {
            "/feed": (postings(1), ['</feed?p=2>; rel="next"']),
            "/feed?p=2": (bad.encode(), []),
        }
    )
    run = run_import(world["manager"], url=f"{site}/feed", source="crewboard")
    assert (run.rows, run.new, run.rejected) == (3, 2, 1)
    assert run.report["rejected"] == [
        {"row": 3, "field": "employer", "reason": "This field is required."},
        {"row": 3, "field": "city", "reason": "Give a city, or mark the posting remote."},
    ]


def test_stopping_between_pages_reads_no_further(world, site):
    for p in (1, 2, 3):
        _Feed.pages[f"/feed?p={p}"] = (postings(p), [f'</feed?p={p + 1}>; rel="next"'])
    run = services.import_run_start(
        actor=world["manager"], url=f"{site}/feed?p=1", source="crewboard", background=False
    )
    record = TaskRecord.objects.create(
        kind="board-import", status="running", created_by=world["manager"]
    )

    class StopAfterTwoPages(Progress):
        def extend(self, more=0, message=None):
            if self.done == 4:  # the manager presses Stop while page 3 is about to be fetched
                task_cancel(actor=world["manager"], record=record)
            super().extend(more, message)

    with pytest.raises(Cancelled):
        services.import_run_execute(StopAfterTwoPages(record), run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.rows, run.new, run.error, run.report["pages"]) == (
        "cancelled",
        4,
        4,
        "Stopped after 4 rows from 2 pages of the feed; those rows are filed.",
        2,
    )
    assert _Feed.asked == ["/feed?p=1", "/feed?p=2"]
    assert ExternalPosting.objects.count() == 4


def test_the_command_line_import_reads_the_pages_with_its_bar(world, site):
    _Feed.pages.update(
        {
            "/feed": (postings(1), ['</feed?p=2>; rel="next"']),
            "/feed?p=2": (postings(2, 3), []),
        }
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import", f"{site}/feed", "--as", "mara", "--source", "cb", stdout=out, stderr=err)
    run = ImportRun.objects.get()
    assert out.getvalue().splitlines()[:2] == [
        f"Import #{run.pk} from cb (JSON feed of JobPosting objects): 5 rows, 5 new, 0 updated, "
        "0 duplicates, 0 rejected",
        "Read 2 pages of the feed.",
    ]
    # The bar's total grew with the second page: 5 of 5 rows, not 5 of the first page's 2.
    bar = err.getvalue().split()
    assert (bar[:5], bar[-2]) == (["Page", "2,", "row", "5:", "Rigger"], "5/5")


# --- /jobs.json pages on by a marker ---------------------------------------------------------


@pytest.fixture
def pool(world):
    """The world's three calls and nine more, four of them starting at the same minute."""
    day = world["day"]
    for n, hour in enumerate((10, 12, 12, 12, 12, 14, 15, 15, 16)):
        PositionFactory(
            show=ShowFactory(organisation=world["org"], venue=world["venue"], date=day),
            title=f"Extra {n}",
            call_start=at(day, hour),
            call_end=at(day, 18),
        )
    return world


def test_walking_the_next_links_gives_every_open_call_once_in_order(client, pool, monkeypatch):
    monkeypatch.setattr(views, "FEED_PAGE", 5)
    expected = [
        f"stagedoor-position-{pk}" for pk in selectors.open_positions().values_list("pk", flat=True)
    ]
    assert len(expected) == 12
    seen, url, pages = [], "/jobs.json", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [item["identifier"]["value"] for item in response.json()]
        pages += 1
        links = response.get("Link", "")
        url = next_link([links], base="http://testserver/jobs.json")
        if pages > 1:
            assert 'rel="prev"' not in links
        if url:
            assert url.startswith("http://testserver/jobs.json?after=")
    assert (seen, pages) == (expected, 3)
    # The old page numbers still work, each linking on by the marker.
    second = client.get("/jobs.json?page=2")
    assert [i["identifier"]["value"] for i in second.json()] == expected[5:10]
    assert second["Link"].endswith(', <http://testserver/jobs.json?page=1>; rel="prev"')
    onward = next_link([second["Link"]], base="http://testserver/jobs.json?page=2")
    assert [i["identifier"]["value"] for i in client.get(onward).json()] == expected[10:]


def test_a_bad_or_changed_marker_is_refused_naming_it(client, pool, monkeypatch):
    monkeypatch.setattr(views, "FEED_PAGE", 5)
    first = client.get("/jobs.json")
    token = next_link([first["Link"]], base="http://testserver/").split("after=")[1]
    token = token.replace("%3A", ":")
    payload, signature = token.rsplit(":", 1)
    forged = signing.b64_encode(json.dumps(["2020-01-01T00:00:00+00:00", 1]).encode()).decode()
    changed = "A" + signature[1:] if signature[0] != "A" else "B" + signature[1:]
    refused = (
        "This is not a place in this feed (it was changed, or is from another site); "
        "start again from the first page."
    )
    for bad, words in (
        (f"{forged}:{signature}", refused),
        (f"{payload}:{changed}", refused),
        ("12", refused),
        ("x" * 400, "This is not a place in this feed; start again from the first page."),
        ("", "Give the value from the feed's next link, or leave it out."),
    ):
        response = client.get("/jobs.json", {"after": bad})
        assert (response.status_code, response.json()) == (400, {"after": words})
    assert client.get("/jobs.json", {"after": token}).status_code == 200


def test_the_marker_after_the_last_call_gives_an_empty_last_page(client, pool, monkeypatch):
    from stagedoor.boards.cursor import cursor_of

    monkeypatch.setattr(views, "FEED_PAGE", 5)
    last = selectors.open_positions().last()
    response = client.get("/jobs.json", {"after": cursor_of(last.call_start, last.pk)})
    assert (response.status_code, response.json(), response.get("Link")) == (200, [], None)
    before = selectors.open_positions()[10]
    response = client.get("/jobs.json", {"after": cursor_of(before.call_start, before.pk)})
    assert [i["title"] for i in response.json()] == [last.title]
    assert response.get("Link") is None


def test_our_own_paged_feed_imports_end_to_end(
    catalog, live_server, pool, run_import, settings, monkeypatch
):
    settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE = True
    monkeypatch.setattr(views, "FEED_PAGE", 5)
    run = run_import(pool["manager"], url=f"{live_server.url}/jobs.json", source="ourselves")
    assert (run.status, run.format, run.rows, run.rejected, run.report["pages"]) == (
        "done",
        "json",
        12,
        0,
        3,
    )
    assert run.new == 12
    assert sorted(ExternalPosting.objects.values_list("external_id", flat=True)) == sorted(
        f"stagedoor-position-{pk}" for pk in selectors.open_positions().values_list("pk", flat=True)
    )
