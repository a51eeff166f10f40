"""A run in a coordinator's words: causes of open seats, the headline, the gap. No Django."""

import numpy as np

from stagedoor.engine.staffing.problem import HOURS_CAP, NO_ELIGIBLE, NOT_CHOSEN, TAKEN, TURNAROUND
from stagedoor.engine.staffing.words import (
    UNQUALIFIED,
    gap_words,
    headline,
    open_by_cause,
    seat_cause,
    worker_causes,
)


def masks(n, **rules):
    return {rule: np.array(rules.get(rule, [False] * n)) for rule in
            ("role", "level", "skills", "certifications", "union", "unavailable", "booked",
             "radius", "blocked")}  # fmt: skip


def test_each_candidate_gets_the_first_rule_that_keeps_them_out():
    failures = masks(
        7,
        skills=[True, False, False, False, False, False, False],
        radius=[True, True, False, False, False, False, False],
        blocked=[False, False, True, False, False, False, False],
        unavailable=[False, False, False, True, False, False, False],
        booked=[False, True, False, False, True, True, False],
    )
    overlap = np.array([False, True, False, False, True, False, False])
    committed = np.array([False, False, False, False, False, False, False])
    assert worker_causes(failures, overlap, committed) == [
        UNQUALIFIED,  # no skill: not qualified, whatever else
        "too_far",  # too far and booked: too far says it
        "blocked",
        "unavailable",
        "booked",  # a booking overlaps the call
        "turnaround",  # a booking only inside the rest around the call
        None,  # free: the solver had her
    ]
    committed[6] = True  # a pending offer on a clashing call
    assert worker_causes(failures, overlap, committed)[6] == "booked"


def test_a_seat_has_the_cause_of_its_nearest_miss():
    assert seat_cause(NO_ELIGIBLE, []) == "no_qualified"
    assert seat_cause(NO_ELIGIBLE, [UNQUALIFIED, UNQUALIFIED]) == "no_qualified"
    assert seat_cause(NO_ELIGIBLE, ["too_far", UNQUALIFIED]) == "too_far"
    assert seat_cause(NO_ELIGIBLE, ["too_far", "booked"]) == "booked"
    assert seat_cause(NO_ELIGIBLE, ["booked", "turnaround", "too_far"]) == "turnaround"
    # The solver's reason for the people it had joins the others'.
    assert seat_cause(TAKEN, ["too_far", None]) == "booked"
    assert seat_cause(TAKEN, ["turnaround"]) == "turnaround"
    assert seat_cause(TURNAROUND, []) == "turnaround"
    assert seat_cause(HOURS_CAP, ["booked"]) == "hours_cap"
    assert seat_cause(NOT_CHOSEN, []) == "left_open"


def test_the_headline_counts_open_seats_by_cause_most_first():
    counts = open_by_cause(
        [("too_far", 20), ("booked", 12), ("turnaround", 4), ("too_far", 10), ("turnaround", 3)]
    )
    assert counts == [("too_far", 30), ("booked", 12), ("turnaround", 7)]
    assert headline(223, 272, counts) == (
        "223 of 272 seats filled; 49 open: 30 nobody qualified nearby, "
        "12 everyone qualified is booked, 7 turnaround"
    )
    assert headline(2, 2, []) == "2 of 2 seats filled"
    assert headline(0, 1, [("no_qualified", 1)]) == "0 of 1 seat filled; 1 open: 1 nobody qualified"
    # Equal counts: the nearest miss first.
    assert open_by_cause([("too_far", 1), ("booked", 1), ("turnaround", 1)]) == [
        ("turnaround", 1), ("booked", 1), ("too_far", 1),
    ]  # fmt: skip


def test_the_gap_in_words():
    assert gap_words(0.0) == "This plan is the best possible."
    assert gap_words(0.00001, proven=True) == "This plan is the best possible."
    assert gap_words(0.0037) == "This plan is within 0.4% of the best possible."
    assert gap_words(0.004) == "This plan is within 0.4% of the best possible."
    # Rounded up, so a plan not proven best never reads "within 0%".
    assert gap_words(0.0001) == "This plan is within 0.1% of the best possible."
    assert gap_words(0.125) == "This plan is within 12.5% of the best possible."
    assert gap_words(None) == "No proof yet of how close this plan is to the best possible."
