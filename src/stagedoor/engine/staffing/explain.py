"""Why seats stay open: for each call short of people, what kept every eligible worker off."""

from __future__ import annotations

import numpy as np

from .greedy import Ledger
from .problem import (
    HOURS_CAP,
    NO_ELIGIBLE,
    NOT_CHOSEN,
    TAKEN,
    TURNAROUND,
    StaffingProblem,
    Unfilled,
)


def unfilled_seats(problem: StaffingProblem, chosen: np.ndarray) -> list[Unfilled]:
    """Each position with open seats left, and why nobody could take them."""
    ledger = Ledger(problem)
    for x in chosen.tolist():
        ledger.add(int(problem.pair_worker[x]), int(problem.pair_pos[x]))
    on_call = {(int(problem.pair_worker[x]), int(problem.pair_pos[x])) for x in chosen.tolist()}
    order = np.argsort(problem.pair_pos, kind="stable")
    bounds = np.searchsorted(problem.pair_pos[order], np.arange(problem.n_positions + 1))
    out = []
    for pos in range(problem.n_positions):
        missing = int(problem.headcount[pos] - ledger.taken[pos])
        if missing <= 0:
            continue
        pairs = order[bounds[pos] : bounds[pos + 1]]
        if len(pairs) == 0:
            out.append(Unfilled(pos, missing, NO_ELIGIBLE))
            continue
        reasons = set()
        for x in pairs.tolist():
            w = int(problem.pair_worker[x])
            if (w, pos) in on_call:
                continue
            reasons.add(_why_busy(problem, ledger, w, pos))
        for reason in (NOT_CHOSEN, HOURS_CAP, TURNAROUND, TAKEN):
            if reason in reasons or reason == TAKEN:
                out.append(Unfilled(pos, missing, reason))
                break
    return out


def _why_busy(problem: StaffingProblem, ledger: Ledger, w: int, pos: int) -> str:
    calls = ledger.calls.get(w, [])
    s, e = problem.start[pos], problem.end[pos]
    if any(problem.start[c] < e and s < problem.end[c] for c in calls):
        return TAKEN
    if ledger.clash(w, pos):
        return TURNAROUND
    if ledger.over_cap(w, pos):
        return HOURS_CAP
    return NOT_CHOSEN
