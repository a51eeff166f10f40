"""Imported postings in Gigs for you and search; the import page, API, CLI and role hint."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stagedoor.api.models import ApiToken
from stagedoor.boards import services
from stagedoor.boards.models import ExternalPosting, ImportRun

from .world import build_world, day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


EMPLOYERS = ["Kiez Productions", "Nordlicht Crew", "Oberbaum Events", "Spreewerk", "Havel Hall"]


def board_csv(n_berlin_riggers: int = 1) -> str:
    d = day_in(12).isoformat()
    lines = ["id,title,employer,city,country,remote,start,pay_amount,pay_unit,currency,url"]
    for i in range(n_berlin_riggers):
        lines.append(
            f"b-{i},Rigger,{EMPLOYERS[i]},Berlin,DE,,{d},300,day,EUR,"
            f"https://crewboard.example/jobs/b-{i}"
        )
    lines += [
        f"h-1,Rigger,Hafen Events,Hamburg,DE,,{d},280,day,EUR,https://crewboard.example/jobs/h-1",
        f"p-1,Rigger,Remote Rigging Plans,,DE,yes,{d},500,flat,EUR,https://crewboard.example/p-1",
        f"s-1,Stagehand,Kiez Productions,Potsdam,DE,,{d},25,hour,EUR,https://crewboard.example/s-1",
    ]
    return "\n".join(lines) + "\n"


def do_import(actor, content: str, source: str = "crewboard") -> ImportRun:
    run = services.import_run_start(
        actor=actor, filename="board.csv", content=content, source=source, background=False
    )
    services.import_run_execute(run_id=run.pk)
    return ImportRun.objects.get(pk=run.pk)


def test_gigs_for_you_shows_external_postings_for_held_roles_in_reach(client, world):
    do_import(world["manager"], board_csv())
    client.force_login(world["worker"].user)
    page = client.get("/me/gigs/").content.decode()
    berlin = ExternalPosting.objects.get(external_id="b-0")
    remote = ExternalPosting.objects.get(external_id="p-1")
    shown = sorted(
        p.external_id for p in ExternalPosting.objects.all() if f'id="external-{p.pk}"' in page
    )
    # Hamburg is beyond the 50 km radius; stagehand is a role Ada does not hold.
    assert shown == ["b-0", "p-1"]
    assert (
        '<a href="https://crewboard.example/jobs/b-0" rel="nofollow noopener" '
        'target="_blank">crewboard</a>' in page
    )
    assert page.count('<span class="tag">external</span>') == 2
    assert f'id="external-{berlin.pk}"' in page and f'id="external-{remote.pk}"' in page


def test_external_gigs_selector_gives_distance_and_keeps_remote(world):
    from stagedoor.boards.selectors import external_gigs_for

    do_import(world["manager"], board_csv())
    gigs = external_gigs_for(worker=world["worker"])
    assert [(g.posting.external_id, g.distance_km) for g in gigs] == [("b-0", 0.6), ("p-1", None)]


def test_gigs_for_you_query_count_does_not_grow_with_external_postings(client, world):
    do_import(world["manager"], board_csv(1))
    client.force_login(world["worker"].user)
    client.get("/me/gigs/")  # builds the matching index
    with CaptureQueriesContext(connection) as few:
        client.get("/me/gigs/")
    again = do_import(world["manager"], board_csv(5), source="other")
    # Another board's copies of the same postings are duplicates, not new gigs.
    assert (again.new, again.duplicates) == (4, 4)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/me/gigs/").content.decode()
    assert page.count('<span class="tag">external</span>') == 6
    assert len(many) == len(few)


def test_jobs_search_covers_native_and_external_openings(client, world):
    do_import(world["manager"], board_csv())
    page = client.get("/jobs/?q=rigger").content.decode()
    assert f'id="posting-{world["rigger"].pk}"' in page
    assert f'id="posting-{world["hands"].pk}"' not in page
    ids = sorted(
        p.external_id for p in ExternalPosting.objects.all() if f'id="external-{p.pk}"' in page
    )
    assert ids == ["b-0", "h-1", "p-1"]
    partial = client.get("/jobs/?q=hamburg", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="job-results">')
    assert partial.count('class="external"') == 1
    assert partial.count('class="native"') == 0


def test_jobs_search_understands_the_trades_words(client, world):
    # Neither "loader" nor "x4" is in any call's text; the classifier reads both searches
    # as the stagehand role, whose call ("Load-in hands") comes back, and nothing else.
    for words in ("loader", "Hand x4"):
        page = client.get("/jobs/", {"q": words}).content.decode()
        assert f'id="posting-{world["hands"].pk}"' in page, words
        assert f'id="posting-{world["rigger"].pk}"' not in page, words
    page = client.get("/jobs/", {"q": "software engineer"}).content.decode()
    assert 'id="posting-' not in page


def test_jobs_list_query_count_is_flat(client, world):
    do_import(world["manager"], board_csv(1))
    with CaptureQueriesContext(connection) as few:
        client.get("/jobs/")
    do_import(world["manager"], board_csv(5), source="other")
    with CaptureQueriesContext(connection) as many:
        client.get("/jobs/")
    assert len(many) == len(few)


def test_import_page_starts_a_run_and_shows_the_report(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["worker"].user)
    assert client.get("/boards/import/").status_code == 403
    client.force_login(world["manager"])
    assert client.get("/boards/import/").status_code == 200
    upload = io.BytesIO((board_csv() + "x-1,Rigger,Kiez,Berlin,DE,,not-a-date,,,,\n").encode())
    upload.name = "board.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/boards/import/", {"file": upload, "source": "crewboard"})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/boards/imports/{run.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert '<strong id="import-new">4</strong>' in page
    assert '<strong id="import-rejected">1</strong>' in page
    assert (
        '<tr><td data-label="Row">6</td><td data-label="Field">start</td><td data-label="Reason">'
        "&#x27;not-a-date&#x27; is not an ISO 8601 date or date and time.</td></tr>" in page
    )
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="import-run">')
    assert "hx-trigger" not in partial  # finished: no more polling


def test_import_page_refuses_neither_file_nor_url(client, world):
    client.force_login(world["manager"])
    page = client.post("/boards/import/", {"source": "x"}).content.decode()
    assert "Give either a file or a URL." in page
    assert ImportRun.objects.count() == 0


def test_api_import_and_report(client, world, django_capture_on_commit_callbacks):
    _, key = ApiToken.issue(user=world["manager"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    upload = io.BytesIO(board_csv().encode())
    upload.name = "board.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/imports", {"file": upload, "source": "api-board"}, **auth)
    assert response.status_code == 202
    run_id = response.json()["id"]
    body = client.get(f"/api/imports/{run_id}", **auth).json()
    assert {k: body[k] for k in ("source", "format", "status", "rows", "new", "rejected")} == {
        "source": "api-board",
        "format": "csv",
        "status": "done",
        "rows": 4,
        "new": 4,
        "rejected": 0,
    }
    assert (body["done"], body["total"], body["percent"]) == (4, 4, 100)
    refused = client.post("/api/imports", {"url": "ftp://nope"}, **auth)
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": [
            {"loc": ["body", "url"], "msg": "'ftp://nope' is not an http(s) address.",
             "type": "value_error"}
        ]
    }  # fmt: skip
    _, worker_key = ApiToken.issue(user=world["worker"].user)
    denied = client.post(
        "/api/imports", {"url": "https://x.example/"}, HTTP_AUTHORIZATION=f"Bearer {worker_key}"
    )
    assert denied.status_code == 403
    assert client.get(f"/api/imports/{run_id}").status_code == 401


def test_api_postings_are_jobposting_json(client, world):
    do_import(world["manager"], board_csv())
    items = client.get("/api/postings?q=rigger").json()
    assert [(i["@type"], i["title"], i["identifier"]["name"]) for i in items] == [
        ("JobPosting", "Rigger", "Stagedoor"),
        ("JobPosting", "Rigger", "crewboard"),
        ("JobPosting", "Rigger", "crewboard"),
        ("JobPosting", "Rigger", "crewboard"),
    ]
    remote = next(i for i in items if i["identifier"]["value"] == "p-1")
    assert remote == {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Rigger",
        "description": "Rigger",
        "hiringOrganization": {"@type": "Organization", "name": "Remote Rigging Plans"},
        "identifier": {"@type": "PropertyValue", "name": "crewboard", "value": "p-1"},
        "directApply": False,
        "url": "https://crewboard.example/p-1",
        "jobStartDate": day_in(12).isoformat(),
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": {"@type": "Country", "name": "DE"},
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {"@type": "QuantitativeValue", "value": 500},
        },
    }


def test_cli_imports_a_file_and_prints_the_report(world, tmp_path):
    path = tmp_path / "board.csv"
    path.write_text(board_csv() + "x-1,,Kiez,Berlin,DE,,,,,,\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("import", str(path), "--as", "mara", "--source", "cli-board",
                 stdout=out, stderr=err)  # fmt: skip
    text = out.getvalue()
    # The bar ends on the last row at 100%.
    assert err.getvalue().startswith("Row 6: ")
    assert " 5/5 " in err.getvalue()
    run = ImportRun.objects.get()
    assert text.splitlines()[0] == (
        f"Import #{run.pk} from cli-board (CSV): 5 rows, 4 new, 0 updated, 0 duplicates, 1 rejected"
    )
    assert "│ 6   │ title │ This field is required. │" in text
    assert ExternalPosting.objects.filter(source="cli-board").count() == 4


def test_cli_imports_a_url_quietly(world, tmp_path):
    from stagedoor.core.models import TaskRecord

    with pytest.raises(CommandError, match="Nothing was imported: Refusing to fetch"):
        call_command("import", "http://127.0.0.1:9/none.csv", "--quiet")
    assert (ImportRun.objects.get().status, TaskRecord.objects.count()) == ("failed", 0)


def test_cli_refuses_a_missing_file(world):
    with pytest.raises(CommandError, match=r"FILE_OR_URL: no file at /nope\.csv\."):
        call_command("import", "/nope.csv")


def test_title_hint_suggests_the_role(client, world):
    assert client.get("/boards/suggest-role/?title=Rigger").status_code == 302
    client.force_login(world["manager"])
    hint = client.get("/boards/suggest-role/?title=Rigger").content.decode()
    assert hint.startswith('Suggested role: <strong data-role="rigger">Rigger</strong>')
    unknown = client.get("/boards/suggest-role/?title=Software+Engineer").content.decode()
    assert unknown.strip() == "No catalog role recognised in “Software Engineer”."
    form = client.get(f"/manage/shows/{world['show'].slug}/positions/new/").content.decode()
    assert 'hx-get="/boards/suggest-role/"' in form
    assert '<p id="role-hint" class="hint" aria-live="polite"></p>' in form
