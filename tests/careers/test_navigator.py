"""The career navigator: exact paths, gaps and plans through the selectors and the engine,
its pages, API and CLI."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.booking.models import Booking, Timesheet, TimesheetBreak
from stagedoor.careers.selectors.graph import next_call_date, worker_snapshot
from stagedoor.careers.selectors.navigator import navigator
from stagedoor.engine.careers import HeldCertification, HeldRole, RoleExperience
from tests.factories import BookingFactory, UserFactory, VenueFactory

from .world import HAMBURG, at, audio_tech, credit, position_at, show_at, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada():
    """An audio tech with two credits, one approved 9.5-hour shift and a Dante ticket that
    lapses ten days before her next call."""
    worker = audio_tech(user=UserFactory(username="ada", password="backstage-pass"))
    credit(worker, "stagehand", 400, "Open Decks")
    credit(worker, "audio-tech", 60, "Glass Harbour")
    credit(worker, "audio-tech", 30, "Neon Orchard")
    worked = BookingFactory(
        worker=worker,
        position=position_at(-30, "audio-tech", level="mid", hours=10),
        status=Booking.Status.COMPLETED,
    )
    sheet = Timesheet.objects.create(
        booking=worked, check_in=at(-30, 9), check_out=at(-30, 19), status="approved"
    )
    TimesheetBreak.objects.create(
        timesheet=sheet, starts_at=at(-30, 13), ends_at=at(-30, 13) + dt.timedelta(minutes=30)
    )
    BookingFactory(
        worker=worker,
        position=position_at(-20, "stagehand", hours=5),
        status=Booking.Status.COMPLETED,
    )
    BookingFactory(worker=worker, position=position_at(20, "stagehand", level="entry"))
    return worker


def test_the_snapshot_reads_roles_skills_certifications_credits_and_hours(ada):
    snap = worker_snapshot(ada)
    assert snap.roles == (HeldRole("audio-tech", "mid", 3.0),)
    assert snap.certifications == (
        HeldCertification("dante-level-1", None),
        HeldCertification("dante-level-2", today() + dt.timedelta(days=10)),
    )
    assert snap.experience == (
        RoleExperience("audio-tech", 2, 9.5),
        RoleExperience("stagehand", 1, 5.0),
    )
    assert dict(snap.skills)["mixing"] == 2
    assert next_call_date(ada) == today() + dt.timedelta(days=20)


def test_a_workers_plan_to_foh_has_the_gap_the_path_and_a_live_position(ada):
    a2 = position_at(14, "audio-tech", level="mid", title="A2 for the support")
    position_at(15, "stagehand")  # eligible, but off the path
    position_at(16, "foh-engineer", level="senior")  # on the path, but not eligible
    hamburg = show_at(17, venue=VenueFactory(**HAMBURG))
    position_at(17, "audio-tech", level="mid", show=hamburg)  # beyond her travel radius
    nav = navigator(target="foh-engineer", worker=ada)
    plan = nav.plan

    assert [(s.role, s.years) for s in plan.path.steps] == [("audio-tech", 3), ("foh-engineer", 0)]
    assert plan.path.steps[1].new_certifications == ("dante-level-2",)
    assert plan.path.total_years == 3

    gap = plan.gap
    assert [(g.key, g.have, g.need) for g in gap.skills] == [
        ("mixing", 2, 4),
        ("audio-console", 3, 4),
    ]
    assert gap.missing_certifications == ()
    assert [(e.certification, e.expires_on) for e in gap.expiring_certifications] == [
        ("dante-level-2", today() + dt.timedelta(days=10))
    ]
    exp = gap.experience
    assert (exp.hours, exp.credits, exp.need_hours, exp.need_credits) == (9.5, 2, 3000, 75)

    renew_by = (today() + dt.timedelta(days=10)).isoformat()
    next_call = (today() + dt.timedelta(days=20)).isoformat()
    a2_day = (today() + dt.timedelta(days=14)).isoformat()
    assert [(s.kind, s.subject, s.why) for s in plan.steps] == [
        (
            "renew",
            "dante-level-2",
            f"Renew Dante Certification Level 2 before {renew_by}: it lapses ahead of your "
            f"next call on {next_call}.",
        ),
        (
            "certification",
            "osha-10",
            "Take OSHA Outreach 10-hour (about 2 days): you need it to work as Audio Technician.",
        ),
        (
            "position",
            str(a2.pk),
            f"Apply for A2 for the support for {a2.show.artist} on {a2_day}: you qualify, and "
            "credits as Audio Technician count toward the path.",
        ),
        (
            "skill",
            "mixing",
            "Practise Mixing from 2/5 to 4/5: Front of House Engineer asks for 4/5.",
        ),
        (
            "skill",
            "audio-console",
            "Get one of Allen & Heath dLive, Avid VENUE S6L, DiGiCo SD series or Yamaha CL/QL to "
            "4/5 (best now: Yamaha CL/QL at 3/5): Front of House Engineer asks for 4/5.",
        ),
        (
            "experience",
            "foh-engineer",
            "Build up about 2,990 more documented hours and 73 more credits as Audio "
            "Technician, Monitor Engineer or System Engineer, the usual stint before stepping "
            "up to Front of House Engineer.",
        ),
    ]
    assert list(nav.positions) == [a2.pk]


def test_a_visitor_gets_the_route_from_entry_level_and_the_entry_routes():
    nav = navigator(target="foh-engineer")
    assert nav.is_visitor
    assert nav.plan.path.roles == ("stagehand", "audio-tech", "foh-engineer")
    assert nav.plan.path.total_years == 5
    kinds = [(s.kind, s.subject) for s in nav.plan.steps]
    assert kinds[:4] == [
        ("certification", "ges-10"),
        ("certification", "osha-10"),
        ("certification", "dante-level-1"),
        ("certification", "dante-level-2"),
    ]
    assert [s for k, s in kinds if k == "entry-route"] == [
        "festival-volunteering",
        "local-stagehand-calls",
        "production-company-internship",
        "venue-internship",
        "club-work",
        "community-theatre",
    ]
    assert not any(k == "position" for k, _ in kinds)


def test_the_navigator_page_shows_the_plan_with_a_linked_live_position(client, ada):
    a2 = position_at(14, "audio-tech", level="mid", title="A2 for the support")
    client.login(username="ada", password="backstage-pass")
    page = client.get("/careers/foh-engineer/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{a2.show.get_absolute_url()}#position-{a2.pk}" class="live-position"' in html
    assert "Renew Dante Certification Level 2" in html
    assert "Missing: " not in html
    partial = client.get("/careers/foh-engineer/", headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div class="grid">')


def test_a_visitor_sees_the_generic_plan_and_picks_a_role(client):
    page = client.get("/careers/foh-engineer/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Festival crews take volunteers" in html
    assert client.get("/careers/?target=foh-engineer").url == "/careers/foh-engineer/"
    assert client.get("/careers/nope/").status_code == 404


def test_an_unknown_target_is_refused_on_the_form_the_api_and_the_cli(client, ada):
    page = client.get("/careers/?target=roadie-king")
    assert page.status_code == 200
    assert "unknown role &#x27;roadie-king&#x27;" in page.content.decode()

    api = client.get("/api/careers/path?target=roadie-king")
    assert api.status_code == 422
    assert api.json() == {
        "detail": [
            {"loc": ["body", "target"], "msg": "unknown role 'roadie-king'", "type": "value_error"}
        ]
    }
    with pytest.raises(CommandError) as err:
        call_command("career-plan", "ada", "--target", "roadie-king", stdout=io.StringIO())
    assert str(err.value) == "target: unknown role 'roadie-king'"
    assert err.value.returncode == 2
    with pytest.raises(CommandError) as err:
        call_command("career-plan", "nobody", "--target", "foh-engineer", stdout=io.StringIO())
    assert str(err.value) == "worker: no worker 'nobody'."


def test_the_cli_prints_gap_path_and_plan(ada):
    a2 = position_at(14, "audio-tech", level="mid", title="A2 for the support")
    out = io.StringIO()
    call_command("career-plan", "ada", "--target", "foh-engineer", stdout=out)
    text = out.getvalue()
    assert text.splitlines()[:2] == [
        "Ada Okafor → Front of House Engineer",
        f"Next call: {(today() + dt.timedelta(days=20)).isoformat()}",
    ]
    assert "  skill Mixing: 2 of 4\n" in text
    assert "  experience: 10 of 3,000 hours, 2 of 75 credits\n" in text
    assert "  1. Audio Technician · about 3 years\n  2. Front of House Engineer\n" in text
    assert f"(position {a2.pk})" in text


def test_the_api_gives_a_path_and_a_workers_plan(client, ada):
    a2 = position_at(14, "audio-tech", level="mid", title="A2 for the support")
    body = client.get("/api/careers/path?target=foh-engineer&worker=ada").json()
    assert (body["roles"], body["total_years"]) == (["audio-tech", "foh-engineer"], 3)
    assert client.get("/api/careers/path?target=foh-engineer").json()["roles"] == [
        "stagehand",
        "audio-tech",
        "foh-engineer",
    ]
    assert client.get("/api/careers/plan?target=foh-engineer").status_code == 401
    client.login(username="ada", password="backstage-pass")
    me = client.get("/api/careers/path?target=foh-engineer&worker=me").json()
    assert me["roles"] == ["audio-tech", "foh-engineer"]
    plan = client.get("/api/careers/plan?target=foh-engineer").json()
    assert [(s["kind"], s["position"]) for s in plan["steps"]][:3] == [
        ("renew", None),
        ("certification", None),
        ("position", a2.pk),
    ]
    assert plan["gap"]["skills"][0] == {"key": "mixing", "skills": ["mixing"], "have": 2, "need": 4}
    assert plan["next_call"] == (today() + dt.timedelta(days=20)).isoformat()
    bad = client.get("/api/careers/plan?target=")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "target"]


def test_the_navigator_page_makes_the_same_queries_however_big_the_plan(
    client, ada, django_assert_num_queries
):
    position_at(14, "audio-tech", level="mid", title="A2 for the support")
    client.login(username="ada", password="backstage-pass")
    client.get("/careers/foh-engineer/")  # warms the matching index
    with django_assert_num_queries(QUERIES_NAVIGATOR):
        client.get("/careers/foh-engineer/")
    for n in range(3):
        position_at(21 + n, "audio-tech", level="mid")
        credit(ada, "audio-tech", 100 + n)
    client.get("/careers/foh-engineer/")
    with django_assert_num_queries(QUERIES_NAVIGATOR):
        page = client.get("/careers/foh-engineer/")
    assert page.content.decode().count('class="live-position"') == 4


# 22 for the plan itself; with training's step links and "Your training", mentoring's
# section and the ways-in and events sections, 31; and one each for what the worker has
# already done there (her sign-ups, applications and events): 34 however big the plan.
QUERIES_NAVIGATOR = 34
