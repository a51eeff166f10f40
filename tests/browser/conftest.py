"""Real-browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("STAGEDOOR_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("STAGEDOOR_REQUIRE_BROWSER") == "1"


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        if REQUIRED:
            pytest.fail(
                f"Chromium is required (STAGEDOOR_REQUIRE_BROWSER=1) but {CHROMIUM} is missing"
            )
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def log_in(live_server, page):
    """Log `page` in as `username` (every browser test's user has the password
    "backstage-pass"); cookies are cleared first, so a second call switches users."""

    def log_in(username: str, password: str = "backstage-pass") -> None:
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()

    return log_in
