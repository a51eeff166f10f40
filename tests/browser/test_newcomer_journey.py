"""Issue 21's whole story in a real browser on a phone: a newcomer in Chicago who wants
to be a rigger finds an OSHA 10 session, a volunteer call at a festival, a mentor who rigs
arenas and the next trade show, and each lands in their plan and calendar.

One world from the three apps' own builders, with ONE newcomer (Rosa, from the training
world) handed to the openings and mentoring worlds. Screenshots go to /tmp/journey-shots."""

import datetime as dt
import os
import zoneinfo

import pytest
from django.utils import timezone

from stagedoor.booking.calendars import calendar_feed_get_or_create
from stagedoor.core.text import day
from stagedoor.mentoring.models import Mentorship
from stagedoor.openings.models import Application
from tests.mentoring.world import mentoring_world
from tests.openings.world import chicago_world, post, trade_show
from tests.training.world import course, providers, rosa, session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog"),
]

SHOTS = "/tmp/journey-shots"
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def local_day(session) -> dt.date:
    return timezone.localtime(session.starts_at, zoneinfo.ZoneInfo(session.timezone)).date()


def look(page, name: str) -> None:
    """The page never scrolls sideways on a 390 px phone; keep a picture of it."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_chicago_newcomer_rigger_gets_training_a_festival_a_mentor_and_a_trade_show(
    live_server, page, log_in
):
    lakeshore, _, _ = providers()
    osha = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), 6)
    newcomer = rosa()
    openings = chicago_world(rosa=newcomer)
    festival = post(openings)
    trade_show(openings)
    mentors = mentoring_world(rosa=newcomer)
    dana = mentors["dana"]
    plan = f"{live_server.url}/careers/rigger/"
    page.set_viewport_size({"width": 390, "height": 844})

    # The plan: the OSHA 10 step links the Chicago session, with its distance.
    log_in("rosa")
    page.goto(plan)
    look(page, "01-plan")
    step = page.locator("#career-plan li.step-certification", has_text="OSHA Outreach 10-hour")
    link = step.locator("li.path-link a")
    assert link.count() == 1
    assert link.inner_text().startswith("OSHA 10 for Entertainment — ")
    assert link.inner_text().endswith(
        ", Lakeshore Safety Institute, Chicago, 2 km · $89.00 · 12 of 12 seats left"
    )
    link.click()
    page.wait_for_url(f"**{osha.get_absolute_url()}")
    page.click("#sign-up")
    page.wait_for_selector("#enrolment-status")
    assert page.locator("#enrolment-status").inner_text() == "Signed up. It is in your calendar."
    look(page, "02-training-signed-up")

    # The OSHA 10 step now says she is signed up, and offers no other session.
    page.goto(plan)
    link = step.locator("li.path-link a")
    assert link.count() == 1
    assert link.inner_text() == (
        f"You're signed up for OSHA 10 for Entertainment on {day(local_day(osha))} "
        "at Lakeshore Safety Institute"
    )
    assert link.get_attribute("href") == osha.get_absolute_url()

    # Ways in near you: the festival's volunteer call -> apply.
    call = page.locator("#ways-in a", has_text="Festival crew volunteers")
    assert call.inner_text().startswith("Festival crew volunteers — Lakefront Sound Festival, ")
    assert call.inner_text().endswith(", 4 km")
    call.click()
    page.wait_for_url(f"**{festival.get_absolute_url()}")
    page.fill("textarea[name=note]", "Free both days; I want to learn rigging.")
    page.click("#apply button:has-text('Apply')")
    page.wait_for_selector("text=Your application: Applied")
    applied = Application.objects.get()
    assert (applied.worker, applied.status) == (newcomer, "applied")
    look(page, "03-festival-applied")
    page.goto(plan)
    mine = page.locator("#ways-in li.path-link", has_text="Festival crew volunteers")
    applied_on = timezone.localtime(applied.created_at, CHICAGO)
    assert mine.locator(".tag").inner_text() == f"Applied {applied_on.day} {applied_on:%b}"

    # Find a mentor: the arena rigger, with the reasons -> ask.
    page.goto(plan)
    suggested = page.locator("#find-a-mentor li.path-link").first
    assert suggested.inner_text() == (
        "Dana Whitfield: Rigs arenas in Chicago, 1 km from you; mentors toward Rigger; "
        "has room for 1 more; meets monthly"
    )
    suggested.locator("a").click()
    card = page.locator(f"#mentor-{dana.pk}")
    card.locator("input[name=note]").fill("I want to rig arenas.")
    card.locator("button.ask").click()
    page.wait_for_selector("text=Asked Dana Whitfield; you will hear back here.")
    asked = Mentorship.objects.get(mentee=newcomer)
    assert asked.status == "asked"

    # Events on your path: the trade show -> I'll go.
    page.goto(plan)
    expo = page.locator("#events a", has_text="StageTech Expo")
    assert "Convention Center, Las Vegas, " in expo.inner_text()
    assert expo.inner_text().endswith(" km")
    expo.click()
    page.click('button:has-text("I\'ll go")')
    page.wait_for_selector("text=You're going")
    look(page, "04-trade-show-going")
    page.goto(plan)
    going = page.locator("#events li.path-link", has_text="StageTech Expo")
    assert going.locator(".tag").inner_text() == "You're going"

    # The mentor accepts and plans a session.
    log_in("dana-whitfield")
    page.goto(f"{live_server.url}/me/mentoring/")
    box = page.locator(f"#mentorship-{asked.pk}")
    assert "You mentor Rosa Delgado toward Rigger" in box.inner_text()
    box.locator("button.accept").click()
    page.wait_for_selector("text=You mentor Rosa Delgado now.")
    box = page.locator(f"#mentorship-{asked.pk}")
    box.locator(f"#log-{asked.pk} summary").click()
    ahead = timezone.localdate() + dt.timedelta(days=5)
    box.locator(f"input[name=s{asked.pk}-held_on]").fill(ahead.isoformat())
    box.locator(f"input[name=s{asked.pk}-at]").fill("18:00")
    box.locator(f"input[name=s{asked.pk}-minutes]").fill("60")
    box.locator(f"input[name=s{asked.pk}-covered]").fill("Walk an arena load-in")
    box.locator("button:has-text('Log the session')").click()
    page.wait_for_selector(f"text=Session planned for {day(ahead)}, 18:00.")
    look(page, "05-mentor-hub")

    # The festival's manager takes Rosa on.
    log_in("pat")
    page.goto(f"{live_server.url}/openings/{festival.slug}/applicants/")
    page.click("button:has-text('Accept')")
    page.wait_for_load_state()
    applied.refresh_from_db()
    assert applied.status == "accepted"

    # Back on the plan, each is Rosa's own.
    log_in("rosa")
    page.goto(plan)
    look(page, "06-plan-after")
    assert "OSHA 10 for Entertainment" in page.locator("#training-mine").inner_text()
    assert (
        page.locator("#your-mentor li.path-link")
        .first.inner_text()
        .startswith(f"Next session with Dana Whitfield: {day(ahead)}, 18:00, Walk an arena load-in")
    )
    assert page.locator("#find-a-mentor").count() == 0
    # Her place is counted once, though the call is for two roles on her path.
    assert "1 of 2 places left" in page.locator("#ways-in").inner_text()
    taken = page.locator("#ways-in li.path-link", has_text="Festival crew volunteers")
    assert taken.locator(".tag").inner_text() == "Accepted"
    page.goto(f"{live_server.url}{festival.get_absolute_url()}")
    page.wait_for_selector("text=Your application: Accepted")
    page.goto(f"{live_server.url}/openings/mine/")
    assert "Festival crew volunteers" in page.locator("main").inner_text()
    look(page, "07-openings-mine")

    # The calendar feed, fetched as a calendar app would, holds all four.
    feed = calendar_feed_get_or_create(actor=newcomer.user, worker=newcomer)
    ics = page.request.get(f"{live_server.url}{feed.get_absolute_url()}").text()
    summaries = sorted(
        line.removeprefix("SUMMARY:")
        for line in ics.replace("\r\n ", "").splitlines()
        if line.startswith("SUMMARY:")
    )
    assert summaries == [
        "Mentoring: Dana Whitfield and Rosa Delgado",
        "Trade show: StageTech Expo",
        "Training: OSHA 10 for Entertainment",
        "Volunteer call: Festival crew volunteers",
    ]


def test_rosa_makes_rigger_her_goal_and_finds_her_path_from_start_here(live_server, page, log_in):
    newcomer = rosa()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("rosa")
    page.goto(f"{live_server.url}/careers/rigger/")
    page.click("#goal-set")
    page.wait_for_selector("#goal-stop")
    assert page.locator("#goal .tag").inner_text() == "Your goal"
    look(page, "goal-01-plan")
    newcomer.refresh_from_db()
    assert newcomer.goal_role.slug == "rigger"

    # Reading another plan afterwards does not move the goal.
    page.goto(f"{live_server.url}/careers/stagehand/")
    assert page.locator("#goal-set").inner_text() == "Make this my goal"

    page.goto(f"{live_server.url}/careers/start/")
    path = page.locator("#your-path a")
    assert path.inner_text() == "Your path to Rigger"
    look(page, "goal-02-start-here")
    path.click()
    page.wait_for_url("**/careers/rigger/")

    page.goto(f"{live_server.url}/me/mentoring/")
    assert page.locator("select[name=ask-target]").input_value() == "rigger"
    assert page.locator("select[name=ask-target] option:checked").inner_text() == "Rigger"

    # She stops aiming for it: Start here no longer offers the path.
    page.goto(f"{live_server.url}/careers/rigger/")
    page.click("#goal-stop")
    page.wait_for_selector("#goal-set")
    page.goto(f"{live_server.url}/careers/start/")
    assert page.locator("#your-path").count() == 0
