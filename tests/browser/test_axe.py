"""Accessibility: axe-core (from the npm registry, node_modules/axe-core) finds no serious
or critical violation on the main pages of each kind of user."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagedoor.industry.catalog_sync import sync_catalog
from stagedoor.industry.models import Certification, Role, Skill
from tests.boards.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def violations(page) -> list[str]:
    """axe's serious and critical findings on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
        " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


def scan(live_server, page, paths) -> dict[str, list[str]]:
    out = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state()
        if found := violations(page):
            out[path] = found
    return out


@pytest.fixture
def page(browser):
    """axe is injected as an inline script, which the site's Content-Security-Policy forbids:
    this page lets the test (and only the test) past the policy (tests/browser/test_csp.py
    checks the policy itself)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_no_serious_violations_for_any_kind_of_user(live_server, page, log_in):
    sync_catalog(Skill, Certification, Role)
    world = build_world(manager_username="mara", password="backstage-pass")
    assert AXE.is_file()
    found = scan(live_server, page, ["/", "/jobs/", "/careers/"])
    log_in("ada")
    found |= {
        f"ada {k}": v
        for k, v in scan(live_server, page, ["/", "/me/gigs/", "/me/schedule/"]).items()
    }
    log_in("mara")
    board = f"/shows/{world['show'].slug}/staffing/"
    found |= {f"mara {k}": v for k, v in scan(live_server, page, ["/manage/", board]).items()}
    assert found == {}
