"""A manager imports a CSV with a bad row and reads the report; a worker then sees the posting."""

import pytest

from stagedoor.boards.models import ExternalPosting
from tests.boards.world import build_world, day_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_imports_a_csv_and_a_worker_sees_the_posting(
    live_server, page, catalog, settings, tmp_path, log_in
):
    # As in the demo: the import runs in a background thread while the page polls it.
    settings.STAGEDOOR_TASKS_INLINE = False
    build_world(manager_username="mara", password="backstage-pass")
    day = day_in(12).isoformat()
    csv = tmp_path / "crewboard.csv"
    csv.write_text(
        "id,title,employer,city,country,start,pay_amount,pay_unit,currency,url\n"
        f"cb-1,Rigger,Kiez Productions,Berlin,DE,{day},300,day,EUR,"
        "https://crewboard.example/jobs/1\n"
        f"cb-2,Rigger,Hafen Events,Berlin,DE,{day},lots,day,EUR,"
        "https://crewboard.example/jobs/2\n"
    )

    log_in("mara")
    page.goto(f"{live_server.url}/boards/import/")
    page.set_input_files("input[name=file]", str(csv))
    page.fill("input[name=source]", "crewboard")
    page.click("button:has-text('Import')")
    page.wait_for_selector("h1:has-text('Import from')")
    page.wait_for_selector("#import-stats", timeout=120000)  # the classifier loads first

    assert page.locator("#import-new").inner_text() == "1"
    assert page.locator("#import-rejected").inner_text() == "1"
    assert page.locator("#import-rejections tbody tr td").all_inner_texts() == [
        "3",
        "pay_amount",
        "'lots' is not an amount of money.",
    ]
    assert page.locator("#import-postings tbody tr td").nth(0).inner_text() == "Rigger"

    posting = ExternalPosting.objects.get()
    log_in("ada")
    page.goto(f"{live_server.url}/me/gigs/")
    row = page.locator(f"#external-{posting.pk}")
    assert row.locator("strong").inner_text() == "Rigger"
    assert row.locator(".tag").inner_text() == "external"
    link = row.locator("a:has-text('crewboard')")
    assert link.get_attribute("href") == "https://crewboard.example/jobs/1"
    assert "Kiez Productions" in row.inner_text()


def test_position_form_suggests_the_role_as_the_title_is_typed(live_server, page, catalog, log_in):
    world = build_world(manager_username="mara", password="backstage-pass")
    log_in("mara")
    page.goto(f"{live_server.url}/manage/shows/{world['show'].slug}/positions/new/")
    page.fill("input[name=title]", "Monitor Engineer")
    hint = page.locator("#role-hint strong")
    hint.wait_for(timeout=60000)
    assert (hint.inner_text(), hint.get_attribute("data-role")) == (
        "Monitor Engineer",
        "monitor-engineer",
    )


def test_manager_imports_a_paged_feed_by_url_on_a_phone(
    live_server, browser, catalog, settings, monkeypatch, tmp_path
):
    """Our own /jobs.json, three calls two to a page: the run reads both pages as one import
    and says so; at phone width nothing runs off the screen."""
    from stagedoor.boards import views

    settings.STAGEDOOR_TASKS_INLINE = False
    settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE = True
    monkeypatch.setattr(views, "FEED_PAGE", 2)
    build_world(manager_username="mara", password="backstage-pass")
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "mara")
    page.fill("input[name=password]", "backstage-pass")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/boards/import/")
    page.fill("input[name=url]", f"{live_server.url}/jobs.json")
    page.fill("input[name=source]", "spree-json")
    page.click("button:has-text('Import')")
    page.wait_for_selector("#import-stats", timeout=120000)  # the classifier loads first
    assert page.locator("#import-pages").inner_text() == "Read 2 pages of the feed."
    assert page.locator("#import-rows").inner_text() == "3"
    assert page.locator("#import-new").inner_text() == "3"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Each imported posting reads as a block of labelled lines, not a table to scroll.
    table = page.locator("#import-postings")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    where = page.locator("#import-postings td[data-label=Where]").first
    assert where.evaluate("td => getComputedStyle(td).display") == "block"
    page.screenshot(path=str(tmp_path / "import-run-375.png"), full_page=True)
    context.close()
