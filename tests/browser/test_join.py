"""A newcomer joins on a phone: "Start here" with sound in Chicago, sign up, confirm the
emailed link, build a profile in the five onboarding steps, land back on their start, and
say "I'm interested" in an entry-level call; the call's manager then sees her in Find crew.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from stagedoor.gigs.models import Interest
from stagedoor.industry.models import Membership
from stagedoor.people.models import WorkerProfile
from tests.careers.world import position_at, show_at
from tests.factories import VenueFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]

CHICAGO = {
    "city": "Chicago",
    "country": "US",
    "latitude": 41.9497,
    "longitude": -87.6588,
    "timezone": "America/Chicago",
    "address": "3730 N Clark St",
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def assert_fits(page) -> None:
    """Nothing of the page's own content runs off a 390 px screen, and what a thumb taps
    (buttons, fields, the join links) is at least 44 px tall."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width}px wide"
    small = page.evaluate(
        """[...document.querySelectorAll(
              'main button, main [role=button], main input:not([type=hidden]):not([type=checkbox]),'
              + ' main select, .finish-later')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert small == [], f"{page.url}: small touch targets {small}"


def test_a_newcomer_joins_from_start_here_and_builds_a_profile(live_server, phone, page, log_in):
    page_desk = page
    page = phone
    metro = VenueFactory(name="Metro", **CHICAGO)
    opening = position_at(10, "stagehand", show=show_at(10, venue=metro), title="Load-in crew")

    page.goto(f"{live_server.url}/careers/start/")
    page.check("input[name=interests][value=sound]")
    page.fill("input[name=city]", "Chicago")
    page.click("button:has-text('Find my start')")
    page.wait_for_selector("#start-summary")
    assert page.locator(f"tr[data-position='{opening.pk}']").count() == 1
    start_url = page.url if "city=" in page.url else None

    page.click(".join-cta >> text=Sign up to apply")
    page.wait_for_selector("h1:has-text('Join Stagedoor')")
    assert_fits(page)
    # A weak password is refused on the field and nothing is sent.
    page.fill("input[name=email]", "nina@example.com")
    page.fill("input[name=password]", "password1")
    page.click("#join-form button[type=submit]")
    assert "This password is too common." in page.locator("#id_password-errors").inner_text()
    assert mail.outbox == []
    page.fill("input[name=password]", "amp-rack-42-loadin")
    page.click("#join-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Check your email')")
    assert_fits(page)

    assert [m.to for m in mail.outbox] == [["nina@example.com"]]
    link = re.search(r"(http://\S+/join/confirm/\S+/)", mail.outbox[0].body).group(1)
    assert link.startswith(live_server.url)
    page.goto(link)

    page.wait_for_selector("#step-count")
    assert page.locator("#step-count").inner_text() == "Step 1 of 5"
    assert page.input_value("input[name=home_city]") == "Chicago"
    assert_fits(page)
    page.fill("input[name=display_name]", "Nina Novak")
    page.fill("input[name=travel_radius_km]", "40")
    page.click("button[value=next]")

    page.wait_for_selector("#welcome-step-2")
    assert page.locator("#step-count").inner_text() == "Step 2 of 5"
    assert_fits(page)
    page.select_option("select[name=role-role]", "stagehand")
    page.select_option("select[name=role-level]", "entry")
    page.fill("input[name=role-years]", "0")
    # Optional: the work she is aiming for, from the catalog grouped by department.
    assert (
        page.locator("label[for=id_goal-goal_role]")
        .inner_text()
        .startswith("What work are you aiming for?")
    )
    page.select_option("select[name=goal-goal_role]", "rigger")
    assert_fits(page)
    page.click("button[value=next]")

    page.wait_for_selector("#welcome-step-3")
    assert_fits(page)
    page.select_option("select[name=skill-skill]", "de-escalation")
    page.fill("input[name=skill-level]", "2")
    page.select_option("select[name=cert-certification]", "osha-10")
    page.fill("input[name=cert-issued_on]", "2025-06-02")
    page.click("button[value=next]")

    page.wait_for_selector("#welcome-step-4")
    assert_fits(page)
    page.fill("input[name=day_rate]", "160")
    page.click("button[value=next]")

    page.wait_for_selector("#welcome-step-5")
    assert_fits(page)
    page.click("button[value=skip]")

    # Back on their start, logged in, with the opening they saw before.
    page.wait_for_selector("#start-summary")
    assert "/careers/start/?" in page.url and "city=Chicago" in page.url
    if start_url:
        assert page.url == start_url
    assert page.locator(f"tr[data-position='{opening.pk}']").count() == 1
    assert page.locator(".join-cta").count() == 0
    assert page.locator("#your-path strong").inner_text() == "Your path to Rigger"

    worker = WorkerProfile.objects.get(user__email="nina@example.com")
    assert (worker.display_name, worker.home_city, worker.travel_radius_km) == (
        "Nina Novak",
        "Chicago",
        40,
    )
    assert [(r.role.slug, r.level, r.years) for r in worker.roles.all()] == [
        ("stagehand", "entry", 0)
    ]
    assert [s.skill.slug for s in worker.skills.all()] == ["de-escalation"]
    assert [c.certification.slug for c in worker.certifications.all()] == ["osha-10"]
    assert str(worker.day_rate) == "160.00"
    assert worker.goal_role.slug == "rigger"
    assert worker.user.onboarding.furthest_step == 5

    # An entry-level call she can do: she says she is interested, from her phone.
    page.goto(f"{live_server.url}/jobs/{opening.pk}/")
    assert_fits(page)
    page.click("button.interest")
    page.wait_for_selector("mark.interested")
    assert "you're interested" in page.locator(f"#interest-{opening.pk}").inner_text()
    assert [(i.worker.display_name, i.position_id) for i in Interest.objects.all()] == [
        ("Nina Novak", opening.pk)
    ]

    # The call's manager sees her, marked, in Find crew.
    manager = get_user_model().objects.create_user("mo.manager", password="backstage-pass")
    Membership.objects.create(user=manager, organisation=opening.show.organisation, role="manager")
    log_in("mo.manager")  # on a desktop-sized page of its own
    page_desk.goto(f"{live_server.url}/manage/positions/{opening.pk}/crew/")
    row = page_desk.locator("tr.candidate", has_text="Nina Novak")
    assert row.locator("mark.interested").inner_text() == "interested"
