"""Auto-staff never proposes a worker into a clash with one of her pending offers."""

import datetime as dt

import pytest
from django.utils import timezone

from stagedoor.booking.models import Offer
from stagedoor.gigs.labels import call_label
from stagedoor.staffing.problem import Scope, build_problem
from tests.factories import OrganisationFactory, PositionFactory, ShowFactory

from .world import build_world, day

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def pairs(world) -> list[tuple[str, str]]:
    built = build_problem(Scope(world["org"], show_id=world["show"].pk))
    p = built.problem
    names = {w.pk: w.display_name for w in (world["ana"], world["ben"], world["cleo"])}
    return [
        (built.positions[int(x)].title, names[built.worker_ids[int(w)]])
        for x, w in zip(p.pair_pos, p.pair_worker, strict=True)
    ]


def pending(position, worker, hours=24):
    return Offer.objects.create(
        position=position, worker=worker, expires_at=timezone.now() + dt.timedelta(hours=hours)
    )


def other_call(start, end, turnaround=8):
    other = ShowFactory(organisation=OrganisationFactory(turnaround_hours=turnaround))
    return PositionFactory(show=other, call_start=start, call_end=end)


def test_without_offers_every_eligible_pair_is_there(world):
    assert pairs(world) == [
        ("Day 0 rig", "Ana Ruiz"),
        ("Day 0 rig", "Ben Ode"),
        ("Day 1 rig", "Ana Ruiz"),
    ]


def test_a_pending_offer_on_an_overlapping_call_blocks_the_worker(world):
    pending(other_call(day(0, 16), day(0, 20)), world["ben"])
    assert pairs(world) == [("Day 0 rig", "Ana Ruiz"), ("Day 1 rig", "Ana Ruiz")]


def test_a_pending_offer_inside_the_turnaround_blocks_only_the_call_it_is_close_to(world):
    # 13:00-16:00 on day 1: an hour after Day 1 rig ends, far from Day 0 rig.
    pending(other_call(day(1, 13), day(1, 16)), world["ana"])
    assert pairs(world) == [("Day 0 rig", "Ana Ruiz"), ("Day 0 rig", "Ben Ode")]


def test_the_other_calls_turnaround_counts_too(world):
    # 09:00-12:00 on day 0 ends 2 h before Day 0 rig: inside the other promoter's 10 h.
    pending(other_call(day(0, 9), day(0, 12), turnaround=10), world["ben"])
    assert pairs(world) == [("Day 0 rig", "Ana Ruiz"), ("Day 1 rig", "Ana Ruiz")]


def test_a_clear_or_expired_offer_does_not_block(world):
    pending(other_call(day(3, 9), day(3, 12)), world["ben"])
    lapsed = pending(other_call(day(0, 16), day(0, 20)), world["ben"])
    Offer.objects.filter(pk=lapsed.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    assert pairs(world) == [
        ("Day 0 rig", "Ana Ruiz"),
        ("Day 0 rig", "Ben Ode"),
        ("Day 1 rig", "Ana Ruiz"),
    ]


def start(world):
    """A show run as the manager, its task run on commit."""
    from django.test import TestCase

    from stagedoor.staffing import services

    with TestCase.captureOnCommitCallbacks(execute=True):
        run = services.staffing_run_start(
            actor=world["manager"], organisation=world["org"], show=world["show"], time_limit=2
        )
    run.refresh_from_db()
    return run


def test_an_offer_sent_since_the_run_is_marked_and_its_row_refused(world, client):
    from stagedoor.staffing import services

    run = start(world)
    rigging = other_call(day(0, 16), day(0, 20))
    rigging.title = "Rigging"
    rigging.save()
    pending(rigging, world["ben"])
    client.force_login(world["manager"])
    page = client.get(f"/auto-staff/runs/{run.pk}/").content.decode()
    label = call_label(rigging)
    assert page.count("<mark>") == 1
    assert f"<mark>offered {label}, which clashes with this call</mark>" in page
    report = services.staffing_proposal_accept(actor=world["manager"], run=run)
    assert [(a.position.title, a.worker.display_name) for a in report.created] == [
        ("Day 1 rig", "Ana Ruiz")
    ]
    assert [(a.worker.display_name, a.refused_reason) for a in report.refused] == [
        ("Ben Ode", f"Ben Ode has a pending offer for {label}, which clashes with this call.")
    ]
    assert list(
        Offer.objects.filter(position__show=world["show"]).values_list("worker__slug", flat=True)
    ) == ["ana"]
