"""Imports that cannot hurt their readers, and duplicates that really are the same job."""

from __future__ import annotations

import json
import urllib.request

import pytest

from stagedoor.boards import services
from stagedoor.boards.fetch import _CheckedRedirects, _connect_public, is_public_address
from stagedoor.boards.models import ExternalPosting
from stagedoor.boards.sources import SourceError
from stagedoor.core.models import TaskRecord
from stagedoor.core.tasks import Progress, task_cancel

from .world import build_world, day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


# --- duplicates -------------------------------------------------------------------------


def test_two_thousand_different_calls_are_two_thousand_postings(world, run_import):
    day = day_in(20).isoformat()
    rows = [f"Stagehand {n},Kiez Productions,Berlin,DE,{day}" for n in range(1, 2001)]
    content = "title,employer,city,country,start\n" + "\n".join(rows) + "\n"
    run = run_import(world["manager"], filename="many.csv", content=content, source="crewboard")
    assert (run.status, run.rows, run.new, run.updated, run.duplicates, run.rejected) == (
        "done",
        2000,
        2000,
        0,
        0,
        0,
    )
    assert ExternalPosting.objects.filter(source="crewboard").count() == 2000
    assert (run.task.done, run.task.total) == (2000, 2000)
    # The same jobs from another board, written their way, are caught; a new one is not.
    other = (
        "id,title,employer,city,country,start\n"
        f"x-1,STAGEHAND 7,Kiez Productions GmbH,berlin,DE,{day}\n"
        f"x-2,Stagehand 1999.,kiez productions,Berlin,DE,{day}\n"
        f"x-3,Stagehand 2001,Kiez Productions,Berlin,DE,{day}\n"
        f"x-4,Stagehand 7,Kiez Productions,Hamburg,DE,{day}\n"
    )
    again = run_import(world["manager"], filename="other.csv", content=other, source="gigfeed")
    assert (again.new, again.duplicates) == (2, 2)
    seven = ExternalPosting.objects.get(source="crewboard", title="Stagehand 7")
    assert again.report["duplicates"][0] == {
        "row": 2,
        "title": "STAGEHAND 7",
        "duplicate_of": seven.pk,
        "source": "crewboard",
    }
    # And the same board sending its rows again updates them.
    third = run_import(world["manager"], filename="other.csv", content=other, source="gigfeed")
    assert (third.new, third.updated, third.duplicates) == (0, 2, 2)


def test_a_stopped_import_keeps_the_batches_it_filed(world, monkeypatch):
    monkeypatch.setattr(services, "BATCH_ROWS", 100)
    content = "title,employer,city\n" + "".join(f"Rigger {n},Kiez,Berlin\n" for n in range(350))
    run = services.import_run_start(
        actor=world["manager"], filename="r.csv", content=content, background=False
    )
    record = TaskRecord.objects.create(
        kind="board-import", status="running", created_by=world["manager"]
    )

    class StopAfterOneBatch(Progress):
        def advance(self, steps=1, message=None):
            if self.done == 100:  # the manager presses Stop while the second batch files
                task_cancel(actor=world["manager"], record=record)
            super().advance(steps, message)

    with pytest.raises(Exception) as caught:
        services.import_run_execute(StopAfterOneBatch(record, min_interval=0), run_id=run.pk)
    assert type(caught.value).__name__ == "Cancelled"
    run.refresh_from_db()
    assert (run.status, run.rows, run.new, run.error) == (
        "cancelled",
        200,
        200,
        "Stopped after 200 of 350 rows; those rows are filed.",
    )
    assert ExternalPosting.objects.count() == 200


# --- XML ------------------------------------------------------------------------------------


def test_a_doctype_hidden_behind_a_long_comment_is_refused(world, run_import):
    four = lambda n: f"&l{n - 1};" * 4  # noqa: E731
    laughs = "".join(f'<!ENTITY l{n} "{four(n)}">' for n in range(1, 8))
    feed = (
        '<?xml version="1.0"?>\n<!--' + "x" * 6000 + "-->\n"
        f'<!DOCTYPE rss [<!ENTITY l0 "ha">{laughs}]>\n'
        "<rss><channel><item><title>&l7;</title><dc:creator xmlns:dc="
        '"http://purl.org/dc/elements/1.1/">Arena</dc:creator></item></channel></rss>'
    )
    run = run_import(world["manager"], filename="feed.rss", content=feed, source="laughs")
    assert (run.status, run.error, run.new) == (
        "failed",
        "Feeds with a DOCTYPE or entities are refused.",
        0,
    )


def test_fields_are_capped_after_parsing(world, run_import):
    long = "word " * 5000
    feed = (
        '<?xml version="1.0"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<item><title>{'T' * 201}</title><dc:creator>Arena</dc:creator>"
        "<description>x</description></item>"
        f"<item><title>Rigger</title><dc:creator>Arena</dc:creator><description>{long}"
        "</description><s:addressLocality xmlns:s='https://schema.org/'>Berlin</s:addressLocality>"
        "</item></channel></rss>"
    )
    run = run_import(world["manager"], filename="feed.rss", content=feed, source="long")
    assert run.report["rejected"] == [
        {"row": 1, "field": "title", "reason": "At most 200 characters."},
        {"row": 1, "field": "city", "reason": "Give a city, or mark the posting remote."},
        {"row": 2, "field": "description", "reason": "At most 20,000 characters."},
    ]


# --- descriptions ---------------------------------------------------------------------------


def test_imported_descriptions_are_plain_text_without_markup(client, world, run_import):
    day = day_in(20).isoformat()
    items = [
        ("Rigger", "&lt;script&gt;alert(1)&lt;/script&gt;Bring gloves"),
        ("Spot Operator", "<p>Fees < 300 & travel</p><p>Two nights</p>"),
        ("Stagehand", '<img src=x onerror="alert(1)">Load-in at 8'),
        ("Loader", "Plain text & <3 stays plain"),
    ]
    feed = [
        {
            "@type": "JobPosting",
            "title": title,
            "description": text,
            "hiringOrganization": "Arena Nord",
            "jobLocation": {"address": {"addressLocality": "Hamburg", "addressCountry": "DE"}},
            "jobStartDate": day,
        }
        for title, text in items
    ]
    run = run_import(
        world["manager"], filename="feed.json", content=json.dumps(feed), source="gigfeed"
    )
    assert run.new == 4
    by_title = dict(ExternalPosting.objects.values_list("title", "description"))
    assert [by_title[t] for t, _ in items] == [
        "Bring gloves",
        "Fees < 300 & travel\nTwo nights",
        "Load-in at 8",
        "Plain text & <3 stays plain",
    ]
    csv = (
        "title,employer,city,description\n"
        'Rigger 2,Kiez,Berlin,"<script>steal()</script>Up rigger"\n'
    )
    run_import(world["manager"], filename="c.csv", content=csv, source="csvboard")
    assert ExternalPosting.objects.get(source="csvboard").description == "Up rigger"
    body = client.get("/api/postings").text
    assert "<script" not in body and "onerror" not in body and "steal()" not in body


# --- fetching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::7f00:1",  # NAT64 to 127.0.0.1
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:808:808::",  # 6to4 even of a public address
        "ff0e::1",  # multicast, global scope
        "224.0.0.1",
        "239.1.1.1",
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "2001::1",  # Teredo
        "fc00::1",
        "fe80::1%eth0",
        "100.64.0.1",
        "0.0.0.0",
        "240.0.0.1",
        "not an address",
    ],
)
def test_addresses_that_are_not_globally_routable_are_refused(address):
    assert is_public_address(address) is False


def test_public_addresses_are_accepted():
    assert [is_public_address(a) for a in ("8.8.8.8", "2606:4700::1111", "1.1.1.1")] == [True] * 3


def test_every_hop_is_checked(world, run_import, settings):
    settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE = False
    run = run_import(world["manager"], url="http://[64:ff9b::7f00:1]/jobs.json", source="n")
    assert (run.status, run.error) == (
        "failed",
        "Refusing to fetch http://[64:ff9b::7f00:1]/jobs.json: 64:ff9b::7f00:1 is a private "
        "or local address.",
    )
    request = urllib.request.Request("https://jobs.example/")
    for target in ("http://[2002:7f00:1::]/", "http://224.0.0.1/", "file:///etc/passwd"):
        with pytest.raises(SourceError):
            _CheckedRedirects().redirect_request(request, None, 302, "Found", {}, target)
    # The address is checked again as the socket connects (a DNS answer that changed).
    with pytest.raises(SourceError, match="is a private or local address"):
        _connect_public(("ff0e::1", 80), 1)
