"""Mentoring through the database: suggestions with reasons, asking and answering, capacity,
sessions in the plan, recommendations on Find crew, the pages and the CLI."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stagedoor.booking.calendars import worker_calendar
from stagedoor.booking.models import Notification
from stagedoor.careers import pathways
from stagedoor.core.text import day
from stagedoor.industry.models import Role
from stagedoor.mentoring import selectors, services
from stagedoor.mentoring.models import MentorOffer, MentorSession, Mentorship
from stagedoor.people import services as people_services
from tests.factories import PositionFactory, WorkerFactory, give_role, show_world

from .world import ask_and_accept, mentor, mentoring_world, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return mentoring_world()


def names(found):
    return [s.offer.worker.display_name for s in found]


def test_suggestions_in_order_with_reasons(world):
    found = selectors.suggestions(worker=world["rosa"], target="rigger", mode="in_person")
    # New York is out of reach in person; the stagehand mentor is on the way to rigging,
    # the sound mentor is off the path.
    assert names(found) == ["Dana Whitfield", "Hal Hand", "Sam Sound"]
    assert [s.text for s in found] == [
        "Rigs arenas in Chicago, 1 km from you; mentors toward Rigger; has room for 1 more; "
        "meets monthly",
        "Builds stages in Chicago, 1 km from you; mentors toward Stagehand, on your way to "
        "Rigger; has room for 2 more; meets monthly",
        "Mixes front of house in Chicago, 1 km from you; mentors toward Audio Technician; "
        "has room for 2 more; meets monthly",
    ]
    remote = selectors.suggestions(worker=world["rosa"], target="rigger", mode="remote")
    assert names(remote) == ["Dana Whitfield", "Fay Far", "Sam Sound"]
    assert remote[1].suggestion.distance_km is None


def test_suggestions_take_the_same_queries_however_many_mentors(
    world, django_assert_max_num_queries
):
    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            selectors.suggestions(worker=world["rosa"], target="rigger", route=("rigger",))
        return len(seen.captured_queries)

    few = count()
    for n in range(6):
        mentor(f"More {n}", ["rigger"])
    assert count() == few


def test_offer_roles_must_be_held_at_mid_level_or_credited():
    newbie = person("New Bee")
    give_role(newbie, "stagehand", "entry", 0)
    with pytest.raises(ValidationError) as caught:
        services.mentor_offer_save(
            actor=newbie.user, worker=newbie, roles=["stagehand"], capacity=1
        )
    assert caught.value.message_dict == {
        "roles": [
            "You can mentor toward roles you hold at mid level or above, or have verified "
            "credits in; not Stagehand."
        ]
    }
    with pytest.raises(ValidationError) as caught:
        services.mentor_offer_save(
            actor=newbie.user, worker=newbie, roles=["nope"], capacity=0, mode="often"
        )
    assert sorted(caught.value.message_dict) == ["capacity", "mode", "roles"]
    assert not MentorOffer.objects.filter(worker=newbie).exists()
    with pytest.raises(PermissionDenied):
        services.mentor_offer_save(actor=person("Other").user, worker=newbie, roles=[], capacity=1)


def test_ask_accept_decline_and_capacity(world):
    rosa, dana = world["rosa"], world["dana"]
    wanted = services.mentor_request_save(actor=rosa.user, worker=rosa, target="rigger")
    asked = services.mentorship_ask(actor=rosa.user, request=wanted, offer=dana, note="Hi!")
    note = Notification.objects.get(user=dana.worker.user)
    assert note.subject == "Rosa Rigger asks you to be their mentor"
    assert note.url == f"/me/mentoring/#mentorship-{asked.pk}"
    with pytest.raises(ValidationError) as caught:
        services.mentorship_ask(actor=rosa.user, request=wanted, offer=dana)
    assert caught.value.message_dict == {"mentor": ["You already asked Dana Whitfield."]}
    with pytest.raises(PermissionDenied):
        services.mentorship_answer(actor=rosa.user, mentorship=asked, accept=True)
    # A second newcomer asks too; Dana has room for one.
    tom = person("Tom Two")
    second = services.mentorship_ask(
        actor=tom.user,
        request=services.mentor_request_save(actor=tom.user, worker=tom, target="rigger"),
        offer=dana,
    )
    services.mentorship_answer(actor=dana.worker.user, mentorship=asked, accept=True)
    assert Notification.objects.get(user=rosa.user).subject == "Dana Whitfield will mentor you"
    with pytest.raises(ValidationError) as caught:
        services.mentorship_answer(actor=dana.worker.user, mentorship=second, accept=True)
    assert caught.value.message_dict == {
        "capacity": ["You mentor 1 of 1 already; raise how many mentees you take, or decline."]
    }
    services.mentorship_answer(actor=dana.worker.user, mentorship=second, accept=False)
    assert Mentorship.objects.get(pk=second.pk).status == "declined"
    assert Notification.objects.get(user=tom.user).subject == (
        "Dana Whitfield cannot mentor you now"
    )
    # Full mentors are not suggested; the one who declined is not suggested again.
    assert "Dana Whitfield" not in names(selectors.suggestions(worker=tom, target="rigger"))
    with pytest.raises(ValidationError) as caught:
        services.mentorship_answer(actor=dana.worker.user, mentorship=second, accept=True)
    assert caught.value.message_dict == {"status": ["Already answered: declined."]}


def test_session_logged_shows_as_the_plan_step(world, client):
    rosa = world["rosa"]
    m = ask_and_accept(rosa, world["dana"])
    today = timezone.localdate()
    client.force_login(rosa.user)
    body = client.get("/careers/rigger/").content.decode()
    assert '<section class="path-section" id="your-mentor">' in body
    assert "Plan your next session with Dana Whitfield, your mentor toward Rigger" in body
    assert "No session held yet." in body
    services.session_log(
        actor=rosa.user, mentorship=m, held_on=today - dt.timedelta(days=3), minutes=60,
        covered="Knots and bridles",
    )  # fmt: skip
    services.session_log(
        actor=world["dana"].worker.user, mentorship=m, held_on=today + dt.timedelta(days=7),
        at=dt.time(18, 30), minutes=90, covered="Walk an arena load-in",
    )  # fmt: skip
    body = client.get("/careers/rigger/").content.decode()
    assert (
        f"Next session with Dana Whitfield: {day(today + dt.timedelta(days=7))}, 18:30, "
        "Walk an arena load-in"
    ) in body
    assert f"Last session {day(today - dt.timedelta(days=3))}: Knots and bridles (60 min)" in body
    assert f'href="/me/mentoring/#log-{m.pk}">Log a session with Dana Whitfield</a>' in body
    assert 'id="find-a-mentor"' not in body
    with pytest.raises(ValidationError) as caught:
        services.session_log(
            actor=rosa.user, mentorship=m, held_on=today + dt.timedelta(days=400), minutes=2,
            covered="",
        )  # fmt: skip
    assert sorted(caught.value.message_dict) == ["covered", "held_on", "minutes"]
    with pytest.raises(PermissionDenied):
        services.session_log(
            actor=world["far"].worker.user, mentorship=m, held_on=today, minutes=30, covered="x"
        )
    assert MentorSession.objects.count() == 2
    # Both sides have the sessions in their calendar feeds, at 18:30 Chicago time.
    for who in (rosa, world["dana"].worker):
        feed = worker_calendar(who).decode()
        assert feed.count("SUMMARY:Mentoring: Dana Whitfield and Rosa Rigger") == 2
        start = (today + dt.timedelta(days=7)).strftime("%Y%m%d")
        assert f"DTSTART;TZID=America/Chicago:{start}T183000" in feed
    assert "Mentoring:" not in worker_calendar(world["far"].worker).decode()


def test_plan_suggests_mentors_before_a_match(world, client):
    client.force_login(world["rosa"].user)
    body = client.get("/careers/rigger/").content.decode()
    assert '<section class="path-section" id="find-a-mentor">' in body
    assert (
        f'<a href="/me/mentoring/?target=rigger#mentor-{world["dana"].pk}">Dana Whitfield: '
        "Rigs arenas in Chicago, 1 km from you; mentors toward Rigger; has room for 1 more; "
        "meets monthly</a>"
    ) in body


def test_plan_context_sections_for_a_visitor_are_empty(world):
    context = pathways.PathContext(
        user=None, worker=None, role="rigger", place=None, today=timezone.localdate()
    )
    keys = [s.key for s in pathways.plan_sections(context)]
    assert [k for k in keys if k in ("find-a-mentor", "your-mentor")] == []


def test_recommendation_shows_beside_the_candidate_on_find_crew(client):
    place = show_world(org={"name": "Spree Kultur"})
    position = PositionFactory(show=place["show"], role=Role.objects.get(slug="stagehand"))
    ada = WorkerFactory(display_name="Ada Lovelace", slug="ada", user__username="ada")
    give_role(ada, "stagehand", "entry", 1)
    dana = mentor("Dana Whitfield", ["stagehand"], city="Berlin", where={"latitude": 52.5,
                  "longitude": 13.4})  # fmt: skip
    give_role(dana.worker, "head-rigger", "lead", 12)
    dana.worker.roles.filter(role__slug="head-rigger").update(is_primary=True)
    m = ask_and_accept(ada, dana, target="stagehand")
    with pytest.raises(PermissionDenied):
        services.recommendation_save(actor=ada.user, mentorship=m, role="stagehand", text="me!")
    services.recommendation_save(
        actor=dana.worker.user, mentorship=m, role="stagehand", text="Careful at height."
    )
    client.force_login(place["manager"])
    body = client.get(f"/manage/positions/{position.pk}/crew/").content.decode()
    assert (
        '<ul class="candidate-notes"><li>Recommended by Dana Whitfield, head rigger, for '
        "Stagehand: Careful at height.</li></ul>"
    ) in body


def test_asking_starts_from_the_role_her_plan_aims_for(world, client):
    rosa = world["rosa"]
    client.force_login(rosa.user)
    ask = '<select name="ask-target"'
    body = client.get("/me/mentoring/").content.decode()
    choices = body[body.index(ask) : body.index("</select>", body.index(ask))]
    assert '<option value="" selected>Choose a role</option>' in choices
    assert client.get("/careers/rigger/").status_code == 200
    body = client.get("/me/mentoring/").content.decode()
    choices = body[body.index(ask) : body.index("</select>", body.index(ask))]
    assert choices.count(" selected>") == 1
    assert '<option value="rigger" selected>Rigger</option>' in choices
    # A role she names in the address still wins over the plan.
    body = client.get("/me/mentoring/?target=stagehand").content.decode()
    choices = body[body.index(ask) : body.index("</select>", body.index(ask))]
    assert '<option value="stagehand" selected>Stagehand</option>' in choices
    assert '<option value="rigger">Rigger</option>' in choices


def test_asking_starts_from_her_goal_before_the_plan_she_last_opened(world, client):
    rosa = world["rosa"]
    people_services.goal_set(actor=rosa.user, worker=rosa, role="rigger")
    client.force_login(rosa.user)
    ask = '<select name="ask-target"'

    def selected(url: str) -> list[str]:
        body = client.get(url).content.decode()
        choices = body[body.index(ask) : body.index("</select>", body.index(ask))]
        return [line.strip() for line in choices.splitlines() if " selected>" in line]

    # her goal, though the plan she read last on this visit was another role's
    assert client.get("/careers/stagehand/").status_code == 200
    assert selected("/me/mentoring/") == ['<option value="rigger" selected>Rigger</option>']
    # a role she names in the address still wins over the goal
    assert selected("/me/mentoring/?target=stagehand") == [
        '<option value="stagehand" selected>Stagehand</option>'
    ]
    # with no goal, the plan she last opened is the fallback
    people_services.goal_set(actor=rosa.user, worker=rosa, role=None)
    assert selected("/me/mentoring/") == ['<option value="stagehand" selected>Stagehand</option>']


def test_hub_pages(world, client):
    rosa, dana = world["rosa"], world["dana"]
    client.force_login(rosa.user)
    assert client.get("/me/mentoring/").status_code == 200
    reply = client.post(
        "/me/mentoring/request/", {"ask-target": "rigger", "ask-mode": "in_person",
                                   "ask-cadence": "monthly", "ask-note": ""},
    )  # fmt: skip
    assert reply.status_code == 302
    assert reply["Location"] == "/me/mentoring/?target=rigger#suggestions"
    body = client.get("/me/mentoring/?target=rigger").content.decode()
    assert body.index(f'id="mentor-{dana.pk}"') < body.index(f'id="mentor-{world["hand"].pk}"')
    assert "Rigs arenas in Chicago, 1 km from you; mentors toward Rigger" in body
    bad = client.post("/me/mentoring/request/", {"ask-target": "", "ask-mode": "x"})
    assert bad.status_code == 422
    client.post(f"/me/mentoring/ask/{dana.pk}/", {"target": "rigger", "note": "Hello"})
    m = Mentorship.objects.get(mentee=rosa)
    assert (m.status, m.note) == ("asked", "Hello")
    client.force_login(dana.worker.user)
    body = client.get("/me/mentoring/").content.decode()
    assert "You mentor Rosa Rigger" in body
    client.post(f"/me/mentoring/{m.pk}/answer/", {"answer": "accept"})
    assert Mentorship.objects.get(pk=m.pk).status == "active"
    today = timezone.localdate()
    reply = client.post(
        f"/me/mentoring/{m.pk}/sessions/",
        {f"s{m.pk}-held_on": today.isoformat(), f"s{m.pk}-minutes": "45",
         f"s{m.pk}-covered": "Harness fit"},
    )  # fmt: skip
    assert reply.status_code == 302
    assert MentorSession.objects.get().covered == "Harness fit"
    reply = client.post(
        f"/me/mentoring/{m.pk}/recommend/",
        {f"r{m.pk}-role": "rigger", f"r{m.pk}-text": "Keen and careful."},
    )
    assert reply.status_code == 302
    client.force_login(world["far"].worker.user)
    assert client.post(f"/me/mentoring/{m.pk}/answer/", {"answer": "accept"}).status_code == 403
    assert client.get("/mentors/").status_code == 200


def test_cli_suggest(world):
    out = io.StringIO()
    call_command("mentors", "suggest", "--worker", "rosa-rigger", "--target", "rigger",
                 "--mode", "in_person", stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "Mentors for Rosa Rigger" in text
    assert text.index("Dana Whitfield") < text.index("Hal Hand") < text.index("Sam Sound")
    assert "Fay Far" not in text
    with pytest.raises(CommandError, match="worker: no worker 'nobody'"):
        call_command("mentors", "suggest", "--worker", "nobody", "--target", "rigger")
    with pytest.raises(CommandError, match="target: unknown role 'nope'"):
        call_command("mentors", "suggest", "--worker", "rosa-rigger", "--target", "nope")


def test_the_page_says_whether_a_session_was_held_or_is_planned(world, client):
    m = ask_and_accept(world["rosa"], world["dana"])
    client.force_login(world["dana"].worker.user)
    today = timezone.localdate()
    ahead = today + dt.timedelta(days=9)

    def log(held_on, at=""):
        reply = client.post(
            f"/me/mentoring/{m.pk}/sessions/",
            {f"s{m.pk}-held_on": held_on.isoformat(), f"s{m.pk}-at": at,
             f"s{m.pk}-minutes": "45", f"s{m.pk}-covered": "Harness fit"},
            follow=True,
        )  # fmt: skip
        return [str(x) for x in reply.context["messages"]]

    assert log(today - dt.timedelta(days=2)) == ["Session logged."]
    assert log(today) == ["Session logged."]
    assert log(ahead, "18:00") == [f"Session planned for {day(ahead)}, 18:00."]
    assert log(ahead) == [f"Session planned for {day(ahead)}."]
