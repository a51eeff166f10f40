"""The hall's services against the database: a call request dispatched in list order, answers,
the log and what is replayed from it, rules and lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stagedoor.booking.models import Booking, Offer
from stagedoor.hall import selectors, services
from stagedoor.hall.models import AppendOnly, LogEntry, Registrant
from stagedoor.people.models import AvailabilityBlock
from tests.factories import UserFactory
from tests.hall.world import RULES_88, hall_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return hall_world()


def offered(run) -> list[str]:
    return [
        e.registrant.worker.display_name
        for e in run.log.filter(kind=LogEntry.Kind.OFFER).order_by("pk")
    ]


def skipped(run) -> list[tuple[str, str]]:
    return [
        (e.registrant.worker.display_name, e.reason)
        for e in run.log.filter(kind=LogEntry.Kind.SKIP).order_by("pk")
    ]


def test_request_by_name_then_list_order_with_skips_recorded(hall):
    regs = hall["registrants"]
    AvailabilityBlock.objects.create(
        worker=regs["bo"].worker,
        kind="unavailable",
        reason="Vacation",
        starts_at=hall["position"].call_start - dt.timedelta(days=1),
        ends_at=hall["position"].call_end + dt.timedelta(days=1),
    )
    services.registrant_set_status(
        actor=hall["dispatcher"],
        registrant=regs["cy"],
        status="suspended",
        appeal="pending",
        reason="Missed two calls without notice",
    )
    request = services.request_from_position(
        actor=hall["manager"], position=hall["position"], by_name=[regs["jo"]]
    )
    run = services.dispatch_run(actor=hall["dispatcher"], local=hall["local"])
    assert offered(run) == ["Jo", "Ana", "Di", "Ed", "Flo", "Gus"]
    assert skipped(run) == [
        ("Bo", "Skipped: marked unavailable at that time."),
        ("Cy", "Skipped: suspended."),
    ]
    assert run.rules.number == 1
    assert [
        o.worker.display_name
        for o in Offer.objects.filter(position=request.position).order_by("pk")
    ] == ["Jo", "Ana", "Di", "Ed", "Flo", "Gus"]
    # A second run has no open seat to offer: nothing more goes out.
    again = services.dispatch_run(actor=hall["dispatcher"], local=hall["local"])
    assert (again.offers, again.skips) == (0, 0)


def test_answers_pass_and_decline_then_the_next_in_line(hall):
    regs = hall["registrants"]
    services.request_from_position(actor=hall["manager"], position=hall["position"])
    services.dispatch_run(actor=hall["dispatcher"], local=hall["local"])

    def offer_of(name):
        return Offer.objects.get(worker=regs[name].worker, position=hall["position"])

    booking = services.offer_answer(
        actor=regs["ana"].worker.user, offer=offer_of("ana"), answer="accept"
    )
    assert isinstance(booking, Booking)
    services.offer_answer(actor=regs["bo"].worker.user, offer=offer_of("bo"), answer="pass")
    services.offer_answer(actor=regs["cy"].worker.user, offer=offer_of("cy"), answer="decline")
    with pytest.raises(ValidationError, match="already answered"):
        services.offer_answer(actor=regs["cy"].worker.user, offer=offer_of("cy"), answer="accept")
    with pytest.raises(PermissionDenied):
        services.offer_answer(actor=regs["di"].worker.user, offer=offer_of("ed"), answer="pass")
    run = services.dispatch_run(actor=hall["dispatcher"], local=hall["local"])
    assert offered(run) == ["Gus", "Hal"]  # Bo and Cy are not asked the same call twice
    states = selectors.standings(hall["local"])
    assert (states[regs["bo"].pk].strikes, states[regs["cy"].pk].strikes) == (0, 1)


def test_no_answer_by_the_deadline_is_a_strike_and_the_third_rolls_off(hall):
    regs = hall["registrants"]
    services.request_from_position(actor=hall["manager"], position=hall["position"])
    now = timezone.now()
    services.dispatch_run(actor=hall["dispatcher"], local=hall["local"], now=now)
    later = now + dt.timedelta(hours=3)
    assert services.answers_sync(local=hall["local"], now=later) == 6
    assert services.answers_sync(local=hall["local"], now=later) == 0
    states = selectors.standings(hall["local"])
    assert states[regs["ana"].pk].strikes == 1
    for n in range(2):
        LogEntry.objects.create(
            local=hall["local"],
            at=later + dt.timedelta(minutes=n + 1),
            kind=LogEntry.Kind.DECLINE,
            registrant=regs["ana"],
        )
    states = selectors.standings(hall["local"])
    assert (states[regs["ana"].pk].strikes, states[regs["ana"].pk].on_list) == (3, False)
    rows = selectors.list_rows(hall["local"], status="off")
    assert [r["entry"].registrant.worker.display_name for r in rows] == ["Ana"]


def test_the_log_is_append_only(hall):
    entry = LogEntry.objects.filter(local=hall["local"]).first()
    entry.reason = "Rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()


def test_employer_rejection_restores_the_place_a_long_call_took(hall):
    regs = hall["registrants"]
    position = hall["position"]
    position.call_end = position.call_start + dt.timedelta(hours=10)
    position.save()
    services.request_from_position(actor=hall["manager"], position=position)
    services.dispatch_run(actor=hall["dispatcher"], local=hall["local"])
    offer = Offer.objects.get(worker=regs["ana"].worker, position=position)
    booking = services.offer_answer(actor=regs["ana"].worker.user, offer=offer, answer="accept")

    def group_a():
        rows = selectors.list_rows(hall["local"], group=0)
        return [r["entry"].registrant.worker.display_name for r in rows]

    assert group_a()[-1] == "Ana"  # a 10 h call is past the 8 h short call: to the bottom
    services.employer_reject(actor=hall["manager"], booking=booking, reason="Wrong crew size")
    assert group_a()[0] == "Ana"


def test_rules_changes_are_announced_a_week_ahead(hall):
    now = timezone.now()
    with pytest.raises(ValidationError, match="at least 7 days"):
        services.rules_announce(
            actor=hall["dispatcher"],
            local=hall["local"],
            in_force_from=now + dt.timedelta(days=2),
            now=now,
            **RULES_88,
        )
    version = services.rules_announce(
        actor=hall["dispatcher"],
        local=hall["local"],
        in_force_from=now + dt.timedelta(days=8),
        now=now,
        **RULES_88,
    )
    assert version.number == 2
    assert selectors.rules_in_force(hall["local"], now).number == 1
    with pytest.raises(ValidationError) as exc:
        services.rules_announce(
            actor=hall["dispatcher"],
            local=hall["local"],
            placement=[],
            penalties={"x": 1},
            dispatch={"answer_minutes": 5},
            in_force_from=now + dt.timedelta(days=9),
            now=now,
        )
    assert sorted(exc.value.message_dict) == ["dispatch", "penalties", "placement"]


def test_recompute_places_by_the_rules_and_publishes(hall):
    regs = hall["registrants"]
    Registrant.objects.filter(pk=regs["ana"].pk).update(years=1)
    Registrant.objects.filter(pk=regs["jo"].pk).update(years=9)
    publication = services.lists_recompute(actor=hall["dispatcher"], local=hall["local"])
    assert publication.moved == 2
    groups = {e["name"]: e["group"] for e in publication.entries}
    assert (groups["Ana"], groups["Jo"], groups["Bo"], groups["Flo"]) == ("C", "A", "A", "B")


def test_only_the_locals_dispatchers_dispatch_and_only_union_calls_go_to_the_hall(hall):
    with pytest.raises(PermissionDenied):
        services.dispatch_run(actor=UserFactory(username="stranger"), local=hall["local"])
    position = hall["position"]
    position.union_required = False
    position.save()
    with pytest.raises(ValidationError, match="does not require the union"):
        services.request_from_position(actor=hall["manager"], position=position)


def test_signing_twice_is_refused_and_signing_again_after_rolling_off_goes_to_the_bottom(hall):
    reg = hall["registrants"]["ana"]
    with pytest.raises(ValidationError, match="on the list already"):
        services.list_sign(actor=reg.worker.user, registrant=reg)
    for n in range(3):
        LogEntry.objects.create(
            local=hall["local"],
            at=timezone.now() + dt.timedelta(seconds=n),
            kind=LogEntry.Kind.DECLINE,
            registrant=reg,
        )
    services.list_sign(
        actor=reg.worker.user, registrant=reg, now=timezone.now() + dt.timedelta(minutes=1)
    )
    rows = selectors.list_rows(hall["local"], group=0)
    assert [r["entry"].registrant.worker.display_name for r in rows] == [
        "Bo",
        "Cy",
        "Di",
        "Ed",
        "Ana",
    ]


def test_emergency_dispatch_needs_a_reason_and_logs_it(hall):
    regs = hall["registrants"]
    request = services.request_from_position(actor=hall["manager"], position=hall["position"])
    with pytest.raises(ValidationError, match="Say why the list order is set aside"):
        services.dispatch_emergency(
            actor=hall["dispatcher"], request=request, registrant=regs["jo"], reason="hurry"
        )
    offer = services.dispatch_emergency(
        actor=hall["dispatcher"],
        request=request,
        registrant=regs["jo"],
        reason="Only certified forklift driver free at two hours' notice",
    )
    entry = LogEntry.objects.get(offer=offer)
    assert (entry.kind, entry.reason, entry.actor) == (
        "emergency",
        "Outside list order: Only certified forklift driver free at two hours' notice",
        hall["dispatcher"],
    )


def test_a_runs_saved_snapshot_replans_to_the_same_offers_and_skips(hall):
    from stagedoor.engine.hall.dispatch import plan
    from stagedoor.hall.snapshot import from_json

    services.registrant_set_status(
        actor=hall["dispatcher"],
        registrant=hall["registrants"]["bo"],
        status="suspended",
        reason="Test",
    )
    services.request_from_position(actor=hall["manager"], position=hall["position"])
    run = services.dispatch_run(actor=hall["dispatcher"], local=hall["local"])
    again = plan(*from_json(run.snapshot))
    assert [o.registrant for o in again.offers] == [
        e.registrant_id for e in run.log.filter(kind="offer").order_by("pk")
    ]
    assert [(s.registrant, s.reason) for s in again.skips] == [
        (hall["registrants"]["bo"].pk, "suspended")
    ]
