"""A studio hires a mixing engineer by the song, in a real browser: a ten-song mix, three
quotes compared, one accepted, delivered, sent back once, and approved."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stagedoor.industry.models import Role
from stagedoor.people.models import Credit, PortfolioLink
from tests.factories import YEAR, OrganisationFactory, crew, manager_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]
PASSWORD = "backstage-pass"
DEADLINE = dt.date(YEAR + 1, 1, 15)


def test_studio_invites_compares_accepts_and_approves_a_ten_song_mix(live_server, page, log_in):
    org = OrganisationFactory(kind="studio", name="Blue Room Studios", slug="blue-room")
    manager_of(org, "sam", password=PASSWORD)
    people = crew(("Ada", "Ben", "Cleo"), role="mixing-engineer")
    for worker in people.values():
        worker.user.set_password(PASSWORD)
        worker.user.save()
    PortfolioLink.objects.create(
        worker=people["ben"], label="Indie mixes", url="https://example.org/ben", genres="indie"
    )
    role = Role.objects.get(slug="mixing-engineer")

    # The studio sets the project up: ten songs, 650 a song.
    log_in("sam")
    page.goto(f"{live_server.url}/manage/studio/new/")
    page.fill("#id_title", "Weather Systems: album mix")
    page.fill("#id_deadline", DEADLINE.isoformat())
    page.select_option("#id_role", str(role.pk))
    page.fill("#id_currency", "USD")
    page.fill("#id_genres", "indie")
    page.select_option("#id_d1-kind", "song")
    page.fill("#id_d1-title", "Ten song mixes")
    page.fill("#id_d1-quantity", "10")
    page.fill("#id_d1-due_on", DEADLINE.isoformat())
    page.fill("#id_d1-budget", "6500")
    page.click("#project-form button[type=submit]")
    expect(page.locator("#project-state")).to_have_text("Taking quotes")
    for name in ("Ada", "Ben", "Cleo"):
        page.get_by_label(name).check()
    page.click("#invite-form button[type=submit]")
    expect(page.locator("#quote-list")).to_contain_text("Cleo: asked to quote")

    # Three engineers quote from their phones, each in their own unit.
    page.set_viewport_size({"width": 390, "height": 844})
    for who, price, unit, days in (
        ("ada", "1600", "day", "10"),
        ("ben", "600", "song", "14"),
        ("cleo", "6400", "project", "20"),
    ):
        log_in(who)
        page.goto(f"{live_server.url}/me/projects/")
        page.get_by_role("button", name="Quote", exact=True).first.click()
        page.fill("#id_price", price)
        page.select_option("#id_unit", unit)
        page.fill("#id_turnaround_days", days)
        page.fill("#id_revisions_included", "2")
        page.click("#quote-form button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("Your quote for")
        assert page.evaluate("document.documentElement.scrollWidth") == 390

    # The studio compares the three side by side and hires the best fit.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in("sam")
    page.goto(f"{live_server.url}/manage/studio/weather-systems-album-mix/quotes/")
    cards = page.locator(".quote-card header strong")
    expect(cards).to_have_text(["Ben", "Cleo", "Ada"])
    first = page.locator(".quote-card").first
    expect(first).to_contain_text(
        "Asks $600.00 a song against a budget of $650.00 a song: $6,000.00 in all, within budget"
    )
    expect(first).to_contain_text("Indie mixes")
    expect(page.locator(".quote-card").last).to_contain_text("$9,500.00 over budget")
    page.click("text=Accept Ben")
    expect(page.locator("#hired")).to_contain_text("Ben")
    expect(page.locator("#project-state")).to_have_text("In progress")

    # Ben delivers from his phone.
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("ben")
    page.goto(f"{live_server.url}/me/projects/")
    page.get_by_role("link", name="Weather Systems: album mix").click()
    page.fill("input[name=link]", "https://example.org/weather-v1.zip")
    page.get_by_role("button", name="Deliver").click()
    expect(page.locator("[data-status]")).to_have_text("Delivered, waiting for review")

    # One revision round, counted against the two included.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in("sam")
    page.goto(f"{live_server.url}/manage/studio/weather-systems-album-mix/")
    page.fill("textarea[name=note]", "Vocals up on songs 3 and 7")
    page.get_by_role("button", name=re.compile("Ask for a revision")).click()
    expect(page.locator("#project-state")).to_have_text("In revision")
    expect(page.locator(".deliverable")).to_contain_text("1 of 2 revision rounds used")

    log_in("ben")
    page.goto(f"{live_server.url}/me/projects/weather-systems-album-mix/")
    expect(page.locator(".history")).to_contain_text("Vocals up on songs 3 and 7")
    page.get_by_role("button", name="Deliver the revision").click()

    log_in("sam")
    page.goto(f"{live_server.url}/manage/studio/weather-systems-album-mix/")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#project-state")).to_have_text("Approved")
    credit = Credit.objects.get(worker=people["ben"])
    assert (credit.title, credit.verified, credit.role.slug) == (
        "Weather Systems: album mix",
        True,
        "mixing-engineer",
    )

    # The milestone shows on Ben's pay page.
    log_in("ben")
    page.goto(f"{live_server.url}/me/pay/?from={dt.date.today()}&to={dt.date.today()}")
    expect(page.locator("#milestone-pay")).to_contain_text("$6,000.00")
