"""The career plan's training links: a missing OSHA 10 links to the next sessions near the
worker or online, soonest first; a certification gated by hours links the hours, not the
exam; a missing prerequisite comes first. And "Start here" shows safety training nearby."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from stagedoor.booking.models import Booking
from stagedoor.careers import pathways
from stagedoor.careers.selectors.navigator import navigator
from stagedoor.core.text import day as day_of
from stagedoor.core.text import span
from stagedoor.industry.models import Certification, Role
from stagedoor.people.models import WorkerCertification
from stagedoor.training import services
from stagedoor.training.sections import plan_step_links, start_section
from tests.factories import BookingFactory, PositionFactory, WorkerFactory

from .world import MILWAUKEE, at, course, day, providers, rosa, session

pytestmark = pytest.mark.django_db


def links_for(worker, target="rigger"):
    nav = navigator(target=target, worker=worker)
    context = pathways.plan_context(worker.user, nav, timezone.localdate())
    return {
        key: [(x.url, x.text, x.detail) for x in links]
        for key, links in plan_step_links(context).items()
    }, nav


def day_words(days: int) -> str:
    return day_of(day(days))


def when(days: int, hours: int = 5) -> str:
    return span(at(days, 8), at(days, 8 + hours))


def test_a_missing_osha_10_links_the_next_sessions_near_the_worker_or_online_soonest_first():
    lakeshore, online, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    osha_online = course(online, "OSHA 10 live online", "osha-10", price="79")
    far = session(osha, 2, where=MILWAUKEE, city="Milwaukee")  # 131 km: outside 40 km
    full = session(osha, 4, seats=1)
    later = session(osha, 12)
    soon = session(osha, 6)
    web = session(osha_online, 8, where=None)
    session(osha, 30)  # a fourth fitting session: only three are linked
    other = WorkerFactory(slug="taken", user__username="taken")
    services.enrolment_create(actor=other.user, worker=other, session=full)
    worker = rosa()

    links, nav = links_for(worker)

    assert ("certification", "osha-10") in {(s.kind, s.subject) for s in nav.plan.steps}
    got = links[("certification", "osha-10")]
    assert [u for u, _, _ in got] == [
        soon.get_absolute_url(),
        web.get_absolute_url(),
        later.get_absolute_url(),
    ]
    assert got[0][1] == (
        f"OSHA 10 for Entertainment \u2014 {when(6)}, Lakeshore Safety Institute, "
        "Chicago, 2 km \u00b7 $89.00 \u00b7 12 of 12 seats left"
    )
    assert got[1][1] == (
        f"OSHA 10 live online \u2014 {when(8)}, StageSafe Online, Online"
        " \u00b7 $79.00 \u00b7 12 of 12 seats left"
    )
    assert far.get_absolute_url() not in [u for u, _, _ in got]
    # An online session says so once, in its line, with no "Online" tag beside it.
    context = pathways.plan_context(worker.user, nav, timezone.localdate())
    step = plan_step_links(context)[("certification", "osha-10")]
    assert [x.tag for x in step] == ["", "", ""]


def test_the_plan_page_and_api_show_the_session_links():
    lakeshore, _, _ = providers()
    soon = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), 6)
    worker = rosa()
    client = Client()
    client.force_login(worker.user)
    page = client.get("/careers/rigger/").content.decode()
    assert f'href="{soon.get_absolute_url()}"' in page
    body = client.get("/api/careers/plan?target=rigger").json()
    osha = next(s for s in body["steps"] if s["subject"] == "osha-10")
    assert [x["url"] for x in osha["links"]] == [soon.get_absolute_url()]
    assert osha["links"][0]["distance_km"] == 2.5


def worked_hours(worker, role: str, hours: int) -> None:
    """One completed booking of `hours` in `role`, ending yesterday."""
    end = timezone.now() - dt.timedelta(days=1)
    position = PositionFactory(
        role=Role.objects.get(slug=role), call_start=end - dt.timedelta(hours=hours), call_end=end
    )
    BookingFactory(worker=worker, position=position, status=Booking.Status.COMPLETED)


def give_osha_10(worker):
    WorkerCertification.objects.create(
        worker=worker,
        certification=Certification.objects.get(slug="osha-10"),
        issued_on=day(-100),
    )


def test_etcp_with_too_few_hours_links_the_hours_not_the_exam():
    lakeshore, _, _ = providers()
    exam = course(
        lakeshore,
        "ETCP Arena exam window",
        "etcp-rigger-arena",
        price="700",
        prerequisites=["osha-10"],
        hours_required=3000,
        duration_hours=3,
    )
    session(exam, 20, hours=3)
    worker = rosa()
    give_osha_10(worker)
    worked_hours(worker, "rigger", 120)

    links, nav = links_for(worker)

    kinds = [(s.kind, s.subject) for s in nav.plan.steps if s.subject == "etcp-rigger-arena"]
    assert kinds == [("hours", "etcp-rigger-arena"), ("gated-certification", "etcp-rigger-arena")]
    assert links[("hours", "etcp-rigger-arena")] == [
        (
            "/me/profile/#credits",
            "You have 120 of 3,000 documented hours for ETCP Certified Rigger - Arena: "
            "add the work you do as credits",
            "ETCP Certified Rigger - Arena exam sessions open to you once the hours are there.",
        )
    ]
    assert ("gated-certification", "etcp-rigger-arena") not in links


def test_with_the_hours_but_no_osha_10_the_exam_links_osha_10_first():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    exam = course(
        lakeshore,
        "ETCP Arena exam window",
        "etcp-rigger-arena",
        price="700",
        prerequisites=["osha-10"],
        hours_required=3000,
        duration_hours=3,
    )
    early_exam = session(exam, 3, hours=3)  # before any OSHA 10 could be done: left out
    first = session(osha, 6)
    exam_after = session(exam, 20, hours=3)
    worker = rosa()
    worked_hours(worker, "rigger", 3001)

    links, _ = links_for(worker)

    assert links[("certification", "etcp-rigger-arena")] == [
        (
            first.get_absolute_url(),
            f"OSHA 10 for Entertainment \u2014 {when(6)}, Lakeshore Safety Institute, "
            "Chicago, 2 km \u00b7 $89.00 \u00b7 12 of 12 seats left",
            "First OSHA Outreach 10-hour, which ETCP Certified Rigger - Arena asks for.",
        ),
        (
            exam_after.get_absolute_url(),
            f"ETCP Arena exam window \u2014 {when(20, 3)}, Lakeshore Safety Institute, "
            "Chicago, 2 km \u00b7 $700.00 \u00b7 12 of 12 seats left",
            "After you have OSHA Outreach 10-hour.",
        ),
    ]
    assert early_exam.get_absolute_url() not in str(links)


def test_start_here_shows_safety_training_near_the_place():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    aid = course(lakeshore, "First Aid, CPR and AED", "first-aid-cpr", price="95")
    forklift = course(lakeshore, "Forklift Operator", "forklift", price="150")
    a = session(aid, 4)
    b = session(osha, 6)
    session(forklift, 5)  # not a safety basic, and no start role asks for it here
    context = pathways.PathContext(
        user=None,
        worker=None,
        role=None,
        place=pathways.Place("Chicago", 41.8781, -87.6298, 50),
        today=timezone.localdate(),
    )
    section = start_section(context)
    assert section.title == "Safety training near you"
    assert [x.url for x in section.links] == [a.get_absolute_url(), b.get_absolute_url()]


def test_what_the_worker_signed_up_for_stays_on_their_plan():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    soon = session(osha, 6)
    worker = rosa()
    services.enrolment_create(actor=worker.user, worker=worker, session=soon)
    nav = navigator(target="rigger", worker=worker)
    context = pathways.plan_context(worker.user, nav, timezone.localdate())
    mine = next(s for s in pathways.plan_sections(context) if s.key == "training-mine")
    assert [(x.url, x.text) for x in mine.links] == [
        (
            soon.get_absolute_url(),
            f"OSHA 10 for Entertainment \u2014 {when(6)}, Lakeshore Safety Institute, "
            "Chicago, 2 km",
        )
    ]
    assert mine.more_url == "/training/mine/"


def test_once_signed_up_the_osha_10_step_says_so_and_offers_no_other_session():
    lakeshore, online, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    web = session(course(online, "OSHA 10 live online", "osha-10", price="79"), 3, where=None)
    soon = session(osha, 6)
    session(osha, 12)
    worker = rosa()
    services.enrolment_create(actor=worker.user, worker=worker, session=soon)

    links, _ = links_for(worker)

    assert links[("certification", "osha-10")] == [
        (
            soon.get_absolute_url(),
            f"You're signed up for OSHA 10 for Entertainment on {day_words(6)} "
            "at Lakeshore Safety Institute",
            f"{when(6)}, 1450 W Randolph St.",
        )
    ]
    assert web.get_absolute_url() not in str(links)


def test_a_recorded_completion_waits_for_the_provider_on_the_step_and_in_your_training():
    lakeshore, _, _ = providers()
    osha = course(lakeshore, "OSHA 10 for Entertainment", "osha-10")
    then = timezone.now() - dt.timedelta(days=10)
    past = session(osha, -3, now=then)
    session(osha, 6)  # another session ahead: not offered while she waits
    worker = rosa()
    enrolment = services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)
    services.enrolment_claim(actor=worker.user, enrolment=enrolment)

    links, nav = links_for(worker)

    waiting = (
        past.get_absolute_url(),
        "Waiting for Lakeshore Safety Institute to confirm",
        f"You recorded OSHA 10 for Entertainment on {day_words(-3)} as completed.",
    )
    assert links[("certification", "osha-10")] == [waiting]
    context = pathways.plan_context(worker.user, nav, timezone.localdate())
    mine = next(s for s in pathways.plan_sections(context) if s.key == "training-mine")
    assert [(x.url, x.text, x.detail) for x in mine.links] == [waiting]


def test_a_past_session_not_yet_recorded_asks_whether_it_was_completed():
    lakeshore, _, _ = providers()
    then = timezone.now() - dt.timedelta(days=10)
    past = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), -3, now=then)
    worker = rosa()
    services.enrolment_create(actor=worker.user, worker=worker, session=past, now=then)

    links, _ = links_for(worker)

    assert links[("certification", "osha-10")] == [
        (
            "/training/mine/",
            f"Did you complete OSHA 10 for Entertainment on {day_words(-3)}? Record it",
            "Lakeshore Safety Institute then confirms it on your profile.",
        )
    ]


def test_start_here_leaves_out_a_course_she_signed_up_for():
    lakeshore, _, _ = providers()
    osha = session(course(lakeshore, "OSHA 10 for Entertainment", "osha-10"), 6)
    aid = session(course(lakeshore, "First Aid, CPR and AED", "first-aid-cpr", price="95"), 4)
    worker = rosa()
    services.enrolment_create(actor=worker.user, worker=worker, session=osha)
    context = pathways.PathContext(
        user=worker.user,
        worker=worker,
        role=None,
        place=pathways.Place("Chicago", 41.8781, -87.6298, 50),
        today=timezone.localdate(),
    )
    assert [x.url for x in start_section(context).links] == [aid.get_absolute_url()]
