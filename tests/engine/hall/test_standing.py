"""Standings replayed from the log under two locals' penalty tables, worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from stagedoor.engine.hall.standing import (
    ACCEPT,
    DECLINE,
    KINDS,
    NO_ANSWER,
    OFFER,
    PASS,
    REJECTED,
    SIGN,
    Event,
    Facts,
    PenaltyTable,
    acceptance_rate,
    placement,
    replay,
)

T0 = dt.datetime(2037, 1, 5, 9, 0, tzinfo=dt.UTC)
# Local 88: two free turndowns, the third rolls off; a pass is free; calls up to 8 h keep
# one's place.
LOCAL_88 = PenaltyTable(
    free_turndowns=2, roll_off_at=3, pass_counts=False, short_call_hours=Decimal("8")
)
# A stricter local: one free turndown, the second sends you to the bottom, the third rolls
# you off; a pass counts; calls up to three days (72 h) keep one's place.
LOCAL_2 = PenaltyTable(
    free_turndowns=1, roll_off_at=3, pass_counts=True, short_call_hours=Decimal("72")
)


def at(day: int, hour: int = 9) -> dt.datetime:
    return T0 + dt.timedelta(days=day, hours=hour - 9)


def log(*rows) -> list[Event]:
    return [Event(at(d), r, kind, Decimal(h), seq) for seq, (d, r, kind, h) in enumerate(rows)]


def test_third_turndown_rolls_off_under_local_88():
    events = log(
        (0, 1, SIGN, 0),
        (0, 2, SIGN, 0),
        (1, 1, DECLINE, 0),
        (2, 1, NO_ANSWER, 0),
        (3, 1, PASS, 0),
    )
    standing = replay(events, LOCAL_88)
    assert (standing[1].strikes, standing[1].rolled_off, standing[1].place) == (
        2,
        False,
        (at(0), 0),
    )
    standing = replay([*events, Event(at(4), 1, DECLINE, seq=9)], LOCAL_88)
    assert (standing[1].strikes, standing[1].rolled_off, standing[1].on_list) == (3, True, False)
    # Signing again puts her back, at the bottom, with a clean slate.
    standing = replay(
        [*events, Event(at(4), 1, DECLINE, seq=9), Event(at(5), 1, SIGN, seq=10)], LOCAL_88
    )
    assert (standing[1].strikes, standing[1].on_list, standing[1].place) == (0, True, (at(5), 10))


def test_local_2_sends_the_second_turndown_to_the_bottom_and_counts_a_pass():
    events = log((0, 1, SIGN, 0), (1, 1, PASS, 0), (2, 1, DECLINE, 0))
    standing = replay(events, LOCAL_2)[1]
    assert (standing.strikes, standing.rolled_off, standing.place) == (2, False, (at(2), 2))
    standing = replay([*events, Event(at(3), 1, NO_ANSWER, seq=3)], LOCAL_2)[1]
    assert (standing.strikes, standing.rolled_off) == (3, True)


def test_short_call_keeps_place_and_a_long_one_sends_to_the_bottom():
    events = log((0, 1, SIGN, 0), (1, 1, OFFER, 6), (1, 1, ACCEPT, 6))
    assert replay(events, LOCAL_88)[1].place == (at(0), 0)
    assert replay(events, LOCAL_88)[1].short_call_hours == Decimal("6")
    events = log((0, 1, SIGN, 0), (1, 1, OFFER, 10), (1, 1, ACCEPT, 10))
    assert replay(events, LOCAL_88)[1].place == (at(1), 2)  # 10 h is past Local 88's 8 h
    assert replay(events, LOCAL_2)[1].place == (at(0), 0)  # and a short call at Local 2


def test_employer_rejection_restores_the_place():
    events = log((0, 1, SIGN, 0), (1, 1, ACCEPT, 10), (1, 1, REJECTED, 10))
    assert replay(events, LOCAL_88)[1].place == (at(0), 0)
    no_restore = PenaltyTable(rejection_restores=False)
    assert replay(events, no_restore)[1].place == (at(1), 1)


def test_a_rule_change_applies_from_when_it_is_in_force():
    events = log((0, 1, SIGN, 0), (1, 1, PASS, 0), (5, 1, PASS, 0))
    tables = [(at(-10), LOCAL_88), (at(3), LOCAL_2)]
    assert replay(events, tables)[1].strikes == 1  # only the pass after the change counts


def test_acceptance_rate_and_placement():
    events = log((0, 1, OFFER, 8), (0, 1, ACCEPT, 8), (1, 1, OFFER, 8), (2, 1, OFFER, 8))
    assert acceptance_rate(events, 1, at(-1)) == 1 / 3
    groups = [
        {"name": "A", "min_years": 5, "min_hours": 800, "exam": True},
        {"name": "B", "min_years": 2, "min_hours": 300, "min_acceptance": 0.5},
        {"name": "C"},
    ]
    assert placement(Facts(1, 6, Decimal("900"), True, 0.9), groups) == 0
    assert placement(Facts(1, 6, Decimal("900"), False, 0.9), groups) == 1
    assert placement(Facts(1, 6, Decimal("900"), False, 0.3), groups) == 2
    assert placement(Facts(1, 1, Decimal("100"), True, None), groups) == 2


def slow_strikes(events, registrant, table) -> tuple[int, bool]:
    """Strikes and roll-off counted the long way: since her last signing, count turndowns."""
    mine = sorted((e for e in events if e.registrant == registrant), key=lambda e: (e.at, e.seq))
    last_sign = max((i for i, e in enumerate(mine) if e.kind == SIGN), default=-1)
    strikes = 0
    for event in mine[last_sign + 1 :]:
        if event.kind in (DECLINE, NO_ANSWER) or (event.kind == PASS and table.pass_counts):
            strikes += 1
    return strikes, strikes >= table.roll_off_at


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(1, 4),
            st.sampled_from(KINDS),
            st.sampled_from([4, 8, 12]),
        ),
        max_size=40,
    ),
    st.sampled_from([LOCAL_88, LOCAL_2]),
)
def test_replay_reconstructs_every_strike(rows, table):
    events = log(*rows)
    standing = replay(events, table)
    for registrant in {e.registrant for e in events}:
        assert (standing[registrant].strikes, standing[registrant].rolled_off) == slow_strikes(
            events, registrant, table
        )
