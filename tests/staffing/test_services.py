"""Auto-staffing through the database: the problem, the run, the proposal, accepting it."""

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stagedoor.booking.models import Hold, Offer
from stagedoor.core.models import TaskRecord
from stagedoor.core.validation import messages_of
from stagedoor.engine.staffing import Plan, check_plan, solve
from stagedoor.engine.staffing.words import CAUSE_TEXT
from stagedoor.gigs.models import Position
from stagedoor.staffing import selectors, services
from stagedoor.staffing.models import ProposedAssignment, StaffingRun, UnfilledSeat
from stagedoor.staffing.problem import Scope, build_problem, local_day
from tests.factories import (
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    UserFactory,
    WorkerFactory,
    give_role,
)

from .world import build_world, day

pytestmark = pytest.mark.django_db

# Scores at the venue with no history (weights 3, 2, 2, 1.5, 1, 1, 0.5 out of 11): average
# reputation 0.625, reliability, distance, cost and fairness 1; fit is half the level
# above the call's, so a senior on a mid call adds 3 x 1/6.
SCORE_LEVEL_ABOVE = 100 * 6.25 / 11
SCORE_AT_LEVEL = 100 * 5.75 / 11


@pytest.fixture
def world():
    return build_world()


def start(world, run_now=True, **kwargs):
    """Start a show run as the manager and let its task run (it is queued on commit)."""
    from django.test import TestCase

    params = {"show": world["show"], "time_limit": 2, **kwargs}
    with TestCase.captureOnCommitCallbacks(execute=run_now):
        run = services.staffing_run_start(
            actor=world["manager"], organisation=world["org"], **params
        )
    run.refresh_from_db()
    return run


def proposal(run):
    return [
        (a.position.title, a.worker.display_name, round(a.score, 3))
        for a in run.assignments.order_by("position__call_start")
    ]


def test_the_problem_has_every_open_call_and_exactly_the_eligible_pairs(world):
    built = build_problem(Scope(world["org"], show_id=world["show"].pk))
    p = built.problem
    ana, ben = world["ana"], world["ben"]
    assert [x.title for x in built.positions] == ["Day 0 rig", "Day 1 rig"]
    assert built.worker_ids == [ana.pk, ben.pk]
    pairs = [
        (built.positions[int(pos)].title, built.worker_ids[int(w)], round(float(s), 6))
        for pos, w, s in zip(p.pair_pos, p.pair_worker, p.pair_score, strict=True)
    ]
    assert pairs == [
        ("Day 0 rig", ana.pk, round(SCORE_LEVEL_ABOVE, 6)),
        ("Day 0 rig", ben.pk, round(SCORE_AT_LEVEL, 6)),
        ("Day 1 rig", ana.pk, round(SCORE_AT_LEVEL, 6)),
    ]
    # A 300 EUR/day call; both ask 250 EUR a day; everyone lives at the venue.
    assert p.pair_cost.tolist() == [250.0, 250.0, 250.0]
    assert p.pair_km.tolist() == [0.0, 0.0, 0.0]
    assert p.headcount.tolist() == [1, 1]
    assert p.start.tolist() == [int(day(0, 14).timestamp()), int(day(1, 6).timestamp())]
    assert p.end.tolist() == [int(day(0, 23, 30).timestamp()), int(day(1, 12).timestamp())]
    assert p.priority.tolist() == [1, 2]  # a mid call, a senior call
    assert p.turnaround.tolist() == [8 * 3600, 8 * 3600]
    first = day(0, 0).date().toordinal()
    assert p.day.tolist() == [first, first + 1]
    assert p.week.tolist() == [(first - 1) // 7, first // 7]
    assert (p.max_minutes_day, p.max_minutes_week) == (None, None)
    assert [r.component for r in built.reasons_of(0)][:1] == ["reliability"]


def test_seats_count_live_bookings_and_pending_offers(world):
    day0 = world["day0"]
    Position.objects.filter(pk=day0.pk).update(headcount=3)
    dan = WorkerFactory(display_name="Dan Aho", latitude=52.5106, longitude=13.4224)
    give_role(dan, "rigger", "mid")
    BookingFactory(position=day0, worker=dan)
    Offer.objects.create(
        position=day0, worker=world["ben"], expires_at=timezone.now() + dt.timedelta(days=1)
    )
    built = build_problem(Scope(world["org"], show_id=world["show"].pk), max_hours_day=10)
    p = built.problem
    assert p.headcount.tolist() == [1, 1]
    # Ben has an offer out for day 0 already; Dan is booked on it.
    pairs = zip(p.pair_pos, p.pair_worker, strict=True)
    assert [(int(x), built.worker_ids[int(w)]) for x, w in pairs] == [
        (0, world["ana"].pk),
        (1, world["ana"].pk),
    ]
    assert p.max_minutes_day == 600


def test_a_date_range_takes_the_organisations_published_calls_on_those_local_days(world):
    other_org = OrganisationFactory()
    PositionFactory(
        show=ShowFactory(organisation=other_org), call_start=day(1, 8), call_end=day(1, 12)
    )
    draft = ShowFactory(organisation=world["org"], status="draft")
    PositionFactory(show=draft, call_start=day(1, 8), call_end=day(1, 12))
    # 00:30 on day 2 in Berlin is still day 1 in UTC: the venue's day counts.
    PositionFactory(show=world["show"], title="Late", call_start=day(2, 0, 30), call_end=day(2, 3))
    one_day = day(1, 0).date()
    built = build_problem(Scope(world["org"], date_from=one_day, date_to=one_day))
    assert [x.title for x in built.positions] == ["Day 1 rig"]
    assert local_day(day(2, 0, 30), "Europe/Berlin") == one_day.toordinal() + 1


def test_the_run_fills_the_seat_that_staffing_call_by_call_leaves_open(world):
    run = start(world)
    assert (run.status, run.solver_status, run.error) == ("done", "optimal", "")
    assert proposal(run) == [
        ("Day 0 rig", "Ben Ode", round(SCORE_AT_LEVEL, 3)),
        ("Day 1 rig", "Ana Ruiz", round(SCORE_AT_LEVEL, 3)),
    ]
    assert (run.filled, run.seats, run.workers_used) == (2, 2, 2)
    # Proven optimal; the LP bound is the interior-point value, equal up to its tolerance.
    assert run.bound >= run.objective_value
    assert run.gap == pytest.approx(0.0, abs=1e-4)
    # Call by call, Ana goes to day 0 (best match) and nobody is left for day 1.
    assert (run.stats["baseline"]["filled"], run.stats["baseline"]["workers"]) == (1, 1)
    assert list(UnfilledSeat.objects.all()) == []
    task = TaskRecord.objects.get()
    assert (task.kind, task.status, task.percent, run.task_id) == (
        "auto-staff",
        "done",
        100,
        task.pk,
    )
    assert task.result == {"run": run.pk, "filled": 2, "seats": 2}
    first = run.assignments.get(worker=world["ben"])
    assert first.reason_lines()[-1] == "familiarity +0.0: has not worked for you yet"
    # Running the task again (a retry) changes nothing.
    again = services.staffing_run_execute(run_id=run.pk)
    assert (again, run.assignments.count()) == ({"run": run.pk, "filled": 2, "seats": 2}, 2)


@pytest.mark.parametrize("objective", ["fill", "headcount"])
def test_every_plan_passes_the_independent_check(world, objective):
    built = build_problem(Scope(world["org"], show_id=world["show"].pk), max_hours_week=40)
    plan = solve(built.problem, objective=objective, time_limit=2, with_bound=False)
    assert check_plan(built.problem, plan.chosen) == []
    assert (plan.filled, plan.seats) == (2, 2)


def test_unfilled_seats_are_saved_with_the_reason(world):
    Position.objects.filter(pk=world["day1"].pk).update(headcount=2)
    run = start(world, objective="headcount")
    assert proposal(run) == [
        ("Day 0 rig", "Ben Ode", round(SCORE_AT_LEVEL, 3)),
        ("Day 1 rig", "Ana Ruiz", round(SCORE_AT_LEVEL, 3)),
    ]
    assert [(u.position.title, u.missing, u.reason, u.text) for u in run.unfilled.all()] == [
        # The one senior rigger is on its other seat already: everyone qualified is booked.
        ("Day 1 rig", 1, "booked", CAUSE_TEXT["booked"])
    ]


def test_a_plan_that_breaks_a_rule_is_never_saved(world):
    run = start(world, run_now=False)
    built = build_problem(Scope(world["org"], show_id=world["show"].pk))
    # Every pair at once: Ana on both calls inside the turnaround.
    bad = Plan("fill", np.arange(3), 0.0, None, "feasible", 3, 2, 2)
    with pytest.raises(services.InvalidPlan) as caught:
        services.proposal_save(run, built, bad)
    assert str(caught.value) == (
        "The plan breaks hard rules: position 0: 2 workers on 1 seats; "
        "worker 0: calls 0 and 1 clash"
    )
    run.refresh_from_db()
    assert (run.status, run.assignments.count()) == ("queued", 0)


def test_accepting_sends_exactly_the_offers(world):
    run = start(world)
    report = services.staffing_proposal_accept(actor=world["manager"], run=run)
    offers = Offer.objects.order_by("position__call_start")
    assert [(o.position.title, o.worker.display_name, o.status) for o in offers] == [
        ("Day 0 rig", "Ben Ode", "pending"),
        ("Day 1 rig", "Ana Ruiz", "pending"),
    ]
    assert [(a.outcome, a.offer_id) for a in report.created] == [
        ("offered", offers[0].pk),
        ("offered", offers[1].pk),
    ]
    assert report.refused == []
    run.refresh_from_db()
    assert run.accepted_at is not None
    # A second accept finds nothing left to send.
    again = services.staffing_proposal_accept(actor=world["manager"], run=run)
    assert (again.created, again.refused, Offer.objects.count()) == ([], [], 2)


def test_accepting_as_holds_pencils_exactly_the_holds(world):
    run = start(world)
    report = services.staffing_proposal_accept(actor=world["manager"], run=run, action="hold")
    holds = Hold.objects.order_by("position__call_start")
    assert [(h.position.title, h.worker.display_name, h.status, h.note) for h in holds] == [
        ("Day 0 rig", "Ben Ode", "active", f"Auto-staff run {run.pk}"),
        ("Day 1 rig", "Ana Ruiz", "active", f"Auto-staff run {run.pk}"),
    ]
    assert [a.outcome for a in report.created] == ["held", "held"]
    assert Offer.objects.count() == 0


def test_deselected_rows_stay_unsent(world):
    run = start(world)
    ana_row = run.assignments.get(worker=world["ana"])
    report = services.staffing_proposal_accept(
        actor=world["manager"], run=run, assignment_ids=[ana_row.pk]
    )
    assert [a.worker.display_name for a in report.created] == ["Ana Ruiz"]
    assert list(Offer.objects.values_list("worker__display_name", flat=True)) == ["Ana Ruiz"]
    ben_row = run.assignments.get(worker=world["ben"])
    assert (ben_row.selected, ben_row.outcome) == (False, "proposed")


def _book_ben_elsewhere(world):
    elsewhere = ShowFactory(organisation=OrganisationFactory(), artist="Mara Vey")
    clash = PositionFactory(
        show=elsewhere, title="Load-in", call_start=day(0, 12), call_end=day(0, 18)
    )
    BookingFactory(position=clash, worker=world["ben"])
    return clash


def test_accept_skips_and_reports_a_worker_booked_meanwhile(world):
    run = start(world)
    clash = _book_ben_elsewhere(world)
    report = services.staffing_proposal_accept(actor=world["manager"], run=run)
    at = day(0, 12)
    when = f"{at:%a} {at.day} {at:%b %H:%M %Z}"
    assert [(a.worker.display_name, a.refused_reason) for a in report.refused] == [
        (
            "Ben Ode",
            f"Ben Ode is booked on Load-in, Mara Vey at {clash.show.venue.name}, {when}, "
            "which overlaps this call or leaves less than the 8 h turnaround.",
        )
    ]
    assert [a.worker.display_name for a in report.created] == ["Ana Ruiz"]
    assert list(Offer.objects.values_list("worker__display_name", flat=True)) == ["Ana Ruiz"]
    assert run.assignments.get(worker=world["ben"]).outcome == "refused"


def test_holds_also_skip_a_worker_booked_meanwhile(world):
    run = start(world)
    _book_ben_elsewhere(world)
    report = services.staffing_proposal_accept(actor=world["manager"], run=run, action="hold")
    assert [(a.worker.display_name, a.refused_reason) for a in report.refused] == [
        ("Ben Ode", "Ben Ode was booked on another call meanwhile.")
    ]
    assert list(Hold.objects.values_list("worker__display_name", flat=True)) == ["Ana Ruiz"]


def test_only_managers_may_run_see_or_accept(world):
    chief = UserFactory(username="chief")
    world["org"].membership_set.create(user=chief, role="crew_chief")
    for who in (chief, UserFactory(username="stranger")):
        with pytest.raises(PermissionDenied) as caught:
            services.staffing_run_start(actor=who, organisation=world["org"], show=world["show"])
        assert str(caught.value) == "Only the organisation's managers can auto-staff its calls."
    assert (StaffingRun.objects.count(), TaskRecord.objects.count()) == (0, 0)
    run = start(world)
    with pytest.raises(PermissionDenied):
        selectors.staffing_run_get(actor=chief, run_id=run.pk)
    with pytest.raises(PermissionDenied):
        services.staffing_proposal_accept(actor=chief, run=run)
    assert Offer.objects.count() == 0


def test_bad_input_is_refused_by_field_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as caught:
        services.staffing_run_start(
            actor=world["manager"], organisation=world["org"],
            date_from=day(5, 0).date(), date_to=day(1, 0).date(),
            objective="cheapest", time_limit=0, seed=-1, max_hours_day=30,
        )  # fmt: skip
    assert messages_of(caught.value) == {
        "date_to": ["The last day comes before the first."],
        "objective": ["'cheapest' is not one of: fill, headcount."],
        "time_limit": ["Give more than 0 and at most 600 seconds."],
        "seed": ["Give a whole number from 0 to 2147483647."],
        "max_hours_day": ["Give whole hours from 1 to 24, or leave it empty."],
    }
    other_show = ShowFactory(organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as caught:
        services.staffing_run_start(
            actor=world["manager"], organisation=world["org"], show=other_show
        )
    assert messages_of(caught.value) == {"show": ["This show belongs to another organisation."]}
    with pytest.raises(ValidationError) as caught:
        services.staffing_run_start(actor=world["manager"], organisation=world["org"])
    assert messages_of(caught.value) == {
        "date_from": ["Give the first day, or a show, tour or project."],
        "date_to": ["Give the last day, or a show, tour or project."],
    }
    assert (StaffingRun.objects.count(), TaskRecord.objects.count()) == (0, 0)


def test_accept_refuses_bad_input_and_sends_nothing(world):
    queued = start(world, run_now=False)
    with pytest.raises(ValidationError) as caught:
        services.staffing_proposal_accept(
            actor=world["manager"], run=queued, action="email", assignment_ids=[999]
        )
    assert messages_of(caught.value) == {
        "action": ["'email' is not one of: offer, hold."],
        "run": ["The run has no proposal yet."],
        "assignment_ids": ["Not rows of this run: [999]."],
    }
    run = start(world)
    with pytest.raises(ValidationError) as caught:
        services.staffing_proposal_accept(
            actor=world["manager"], run=run, expires_at=timezone.now() + dt.timedelta(minutes=1)
        )
    assert messages_of(caught.value) == {
        "expires_at": ["Give the crew at least 15 minutes to answer."]
    }
    assert Offer.objects.count() == 0
    assert ProposedAssignment.objects.filter(outcome="proposed").count() == 2


def test_a_remote_studio_project_is_staffed_from_afar_with_lead_calls_first(world):
    from stagedoor.industry.models import Role
    from tests.factories import ProjectFactory

    project = ProjectFactory(organisation=world["org"], title="Static Sessions", venue=None)
    for role, title, hour in (("mixing-engineer", "Mix", 10), ("music-producer", "Produce", 9)):
        PositionFactory(
            show=None, project=project, role=Role.objects.get(slug=role), title=title,
            level="senior" if role == "mixing-engineer" else "lead", headcount=1,
            call_start=day(3, hour), call_end=day(3, 18),
            pay_amount="600.00", pay_unit="flat", currency="EUR",
        )  # fmt: skip
    far = WorkerFactory(display_name="Uma Lagos", latitude=6.45, longitude=3.39, currency="NGN")
    give_role(far, "mixing-engineer", "senior")
    give_role(far, "music-producer", "lead")
    built = build_problem(Scope(world["org"], project_id=project.pk))
    p = built.problem
    assert [x.title for x in built.positions] == ["Produce", "Mix"]
    assert p.priority.tolist() == [3, 2]  # a lead call, then a senior role
    # Remote: no travel; a flat fee is not comparable with a day rate, so the fee counts.
    assert (p.pair_km.tolist(), p.pair_cost.tolist()) == ([0.0, 0.0], [600.0, 600.0])
    run = start(world, show=None, project=project)
    assert [(a.position.title, a.worker.display_name) for a in run.assignments.all()] == [
        ("Produce", "Uma Lagos")
    ]
    assert [(u.position.title, u.reason) for u in run.unfilled.all()] == [("Mix", "booked")]


def test_a_scope_with_no_open_calls_gives_an_empty_proposal(world):
    run = start(world, show=None, date_from=day(20, 0).date(), date_to=day(21, 0).date())
    assert (run.status, run.filled, run.seats, run.assignments.count()) == ("done", 0, 0, 0)
