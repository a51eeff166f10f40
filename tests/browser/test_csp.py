"""The Content-Security-Policy holds on the main pages: no page breaks it (no inline script,
no inline style, no eval), and the pages still work under it (the menu, htmx, the forms that
submit on change)."""

from __future__ import annotations

import pytest

from stagedoor.industry.catalog_sync import sync_catalog
from stagedoor.industry.models import Certification, Role, Skill
from tests.boards.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium fires `securitypolicyviolation` for each blocked script, style or eval; this is
# added through the DevTools protocol, so the policy does not stop it.
COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(
    e.violatedDirective + " " + (e.blockedURI || "inline")
      + " at " + e.sourceFile + ":" + e.lineNumber
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, with every console message about the policy and every page error kept."""
    page.add_init_script(COLLECT)
    seen: list[str] = []
    page.on(
        "console",
        lambda msg: (
            seen.append(f"console {msg.type}: {msg.text}")
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda err: seen.append(f"error: {err}"))
    return page, seen


def visit(page, seen, url) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = list(seen) + [f"violation: {v}" for v in page.evaluate("window.__csp")]
    seen.clear()
    return found


def test_main_pages_break_no_rule_of_the_policy_and_still_work(live_server, watched, log_in):
    page, seen = watched
    sync_catalog(Skill, Certification, Role)
    world = build_world(manager_username="mara", password="backstage-pass")
    base = live_server.url
    header = page.request.get(f"{base}/").headers["content-security-policy"]
    assert "script-src 'self'" in header and "unsafe-inline" not in header
    assert "unsafe-eval" not in header

    found: dict[str, list[str]] = {}
    for path in ("/", "/jobs/", "/crew/", "/login/"):
        found[path] = visit(page, seen, base + path)
    # The role filter submits itself when changed (was an inline onchange handler).
    page.goto(f"{base}/crew/")
    with page.expect_navigation():
        page.select_option("select[name=role]", "rigger")
    assert page.url.endswith("/crew/?role=rigger")

    log_in("ada")
    for path in ("/me/", "/me/gigs/", "/me/calendar/", "/account/tokens/"):
        found[f"ada {path}"] = visit(page, seen, base + path)
    # The calendar address selects itself when tapped (was an inline onclick handler).
    page.goto(f"{base}/me/calendar/")
    page.click("#feed-url")
    assert page.evaluate("document.getSelection().toString()") == page.input_value("#feed-url")

    log_in("mara")
    show = world["show"]
    board = f"/shows/{show.slug}/staffing/"
    find_crew = f"/manage/positions/{world['rigger'].pk}/crew/"
    for path in ("/manage/", show.get_absolute_url(), board, find_crew, "/account/"):
        found[f"mara {path}"] = visit(page, seen, base + path)
    # htmx works without eval: "Top matches" loads the candidates into the board.
    page.goto(base + board)
    rigger = world["rigger"].pk
    page.click(f"button[hx-target='#candidates-{rigger}']")
    # A selector, not a JavaScript string: the policy forbids the page evaluating strings.
    page.wait_for_selector(f"#candidates-{rigger} > *")
    found["mara board after htmx"] = visit(page, seen, page.url)

    assert {path: problems for path, problems in found.items() if problems} == {}


def test_every_answer_carries_the_permissions_policy(live_server, page):
    response = page.request.get(f"{live_server.url}/jobs/")
    policy = response.headers["permissions-policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert "default-src 'self'" in response.headers["content-security-policy"]
