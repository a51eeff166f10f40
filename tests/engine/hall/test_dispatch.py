"""The dispatch order: hand-worked cases, and the real order against the plain reference."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from stagedoor.engine.hall.dispatch import (
    BY_NAME,
    LIST_ORDER,
    Entry,
    PlannedOffer,
    Request,
    Rules,
    Skip,
    ahead_available,
    plan,
    reference_plan,
)

T0 = dt.datetime(2037, 12, 4, 8, 0, tzinfo=dt.UTC)


def hours(n: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=n)


def entry(registrant, group=0, place=0, **kw) -> Entry:
    return Entry(registrant=registrant, classification=1, group=group, place=(place,), **kw)


def test_list_order_with_every_skip_reason_recorded():
    entries = [
        entry(1, place=1, status="suspended"),
        entry(2, place=2, unavailable=((hours(0), hours(24)),)),
        entry(3, place=3, busy=((hours(2), hours(6)),)),
        entry(4, place=4, busy=((hours(-6), hours(-2)),)),  # ends 2 h before: turnaround
        entry(5, place=5),
        entry(6, group=1, place=0),
        entry(7, group=0, place=6, specialties=frozenset({"rigging"})),
        entry(8, group=2, place=0),
    ]
    request = Request(1, 1, seats=2, start=hours(0), end=hours(8), pay=Decimal("300"))
    result = plan(entries, [request])
    assert result.offers == (PlannedOffer(1, 5, LIST_ORDER), PlannedOffer(1, 7, LIST_ORDER))
    assert result.skips == (
        Skip(1, 1, "suspended"),
        Skip(1, 2, "unavailable"),
        Skip(1, 3, "booked"),
        Skip(1, 4, "turnaround"),
    )


def test_by_name_first_up_to_the_cap_and_specialty_filter():
    entries = [
        entry(n, place=n, specialties=frozenset({"rigging"}) if n > 2 else frozenset())
        for n in range(1, 7)
    ]
    request = Request(
        1,
        1,
        seats=3,
        start=hours(0),
        end=hours(8),
        pay=Decimal("300"),
        needs=frozenset({"rigging"}),
        by_name=(6, 5),
    )
    result = plan(entries, [request], Rules(by_name_cap=1))
    assert result.offers == (
        PlannedOffer(1, 6, BY_NAME),
        PlannedOffer(1, 3, LIST_ORDER),
        PlannedOffer(1, 4, LIST_ORDER),
    )
    assert result.skips == (Skip(1, 1, "specialty"), Skip(1, 2, "specialty"))


def test_best_paying_longest_call_first_and_nobody_offered_two_clashing_calls():
    entries = [entry(1, place=1), entry(2, place=2)]
    cheap = Request(1, 1, seats=1, start=hours(0), end=hours(8), pay=Decimal("200"))
    rich = Request(2, 1, seats=1, start=hours(2), end=hours(6), pay=Decimal("400"))
    result = plan(entries, [cheap, rich])
    assert result.order == (2, 1)
    assert result.offers == (PlannedOffer(2, 1, LIST_ORDER), PlannedOffer(1, 2, LIST_ORDER))
    assert result.skips == (Skip(1, 1, "booked"),)


def test_passed_over_counts_the_people_ahead_who_were_offered():
    entries = [entry(n, place=n) for n in range(1, 20)]
    request = Request(1, 1, seats=14, start=hours(0), end=hours(8), pay=Decimal("300"))
    offered = [o.registrant for o in plan(entries, [request]).offers]
    assert ahead_available(entries, 1, 17, offered) == 14


intervals = st.lists(
    st.tuples(st.integers(-12, 40), st.integers(1, 12)).map(
        lambda p: (hours(p[0]), hours(p[0] + p[1]))
    ),
    max_size=2,
).map(tuple)

entries_strategy = st.lists(
    st.builds(
        lambda r, c, g, p, s, sp, un, bu, de: Entry(r, c, g, (p,), s, frozenset(sp), un, bu, de),
        st.integers(1, 25),
        st.integers(1, 2),
        st.integers(0, 2),
        st.integers(0, 6),  # places tie on purpose: the registrant id breaks the tie
        st.sampled_from(["active", "active", "probation", "suspended", "off"]),
        st.sets(st.sampled_from(["rig", "fly", "cert"]), max_size=2),
        intervals,
        intervals,
        st.booleans(),
    ),
    max_size=25,
    unique_by=lambda e: (e.registrant, e.classification),
)

requests_strategy = st.lists(
    st.builds(
        lambda i, c, s, start, length, pay, turn, needs, named, asked: Request(
            i,
            c,
            s,
            hours(start),
            hours(start + length),
            Decimal(pay),
            dt.timedelta(hours=turn),
            frozenset(needs),
            tuple(named),
            frozenset(asked),
        ),
        st.integers(1, 50),
        st.integers(1, 2),
        st.integers(0, 6),
        st.integers(0, 30),
        st.integers(1, 14),
        st.sampled_from([200, 300, 300, 450]),
        st.integers(0, 10),
        st.sets(st.sampled_from(["rig", "fly", "cert"]), max_size=1),
        st.lists(st.integers(1, 25), max_size=3),
        st.sets(st.integers(1, 25), max_size=3),
    ),
    max_size=5,
    unique_by=lambda r: r.id,
)


@settings(max_examples=300, deadline=None)
@given(entries_strategy, requests_strategy, st.integers(0, 3))
def test_real_order_matches_the_plain_reference(entries, requests, cap):
    rules = Rules(by_name_cap=cap)
    assert plan(entries, requests, rules) == reference_plan(entries, requests, rules)
