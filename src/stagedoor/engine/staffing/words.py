"""A run in a coordinator's words: why each open seat is open, and how good the plan is.

No Django. The solver knows why the workers it was given could not take a seat (taken by
an overlapping call, the turnaround, the hours cap); matching knows why the others were
never given to it (too far, booked, away, blocked). `worker_causes` turns matching's
failure masks into one cause per candidate, `seat_cause` joins them with the solver's
reason into the cause of the seat, and `headline` and `gap_words` say the whole run.

A seat has the cause of its "nearest miss": the candidate who came closest to taking it.
If one qualified person is only kept off by the turnaround while the rest are booked, the
seat is open because of the turnaround; that is what a coordinator could change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .problem import HOURS_CAP, NO_ELIGIBLE, NOT_CHOSEN, TAKEN, TURNAROUND

# Causes of an open seat, nearest miss first (the order of `seat_cause`).
LEFT_OPEN = "left_open"
CAPPED = "hours_cap"
REST = "turnaround"
BOOKED = "booked"
AWAY = "unavailable"
BLOCKED = "blocked"
TOO_FAR = "too_far"
NOBODY = "no_qualified"
CAUSES = (LEFT_OPEN, CAPPED, REST, BOOKED, AWAY, BLOCKED, TOO_FAR, NOBODY)

# In the headline: "49 open: 30 nobody qualified nearby, 12 everyone qualified is booked".
CAUSE_SHORT = {
    LEFT_OPEN: "left open by this plan",
    CAPPED: "everyone qualified is at the hours cap",
    REST: "turnaround",
    BOOKED: "everyone qualified is booked",
    AWAY: "everyone qualified is away",
    BLOCKED: "everyone qualified is on your blocked list",
    TOO_FAR: "nobody qualified nearby",
    NOBODY: "nobody qualified",
}
# Beside one seat: the same cause said in full.
CAUSE_TEXT = {
    LEFT_OPEN: "Someone qualified is free, but this plan leaves the seat open; run again "
    "with more time.",
    CAPPED: "Everyone qualified would go over the hours cap you set for this run.",
    REST: "Everyone qualified who is free would get less rest than the turnaround between calls.",
    BOOKED: "Everyone qualified is booked, offered or planned on a call at the same time.",
    AWAY: "Everyone qualified has marked themselves unavailable then.",
    BLOCKED: "Everyone qualified is on your organisation's blocked list.",
    TOO_FAR: "Everyone qualified lives beyond the distance they will travel.",
    NOBODY: "Nobody on Stagedoor has the role, level, skills and certificates this call asks for.",
}

# The solver's reason for a seat it could not fill from the candidates it had.
_FROM_SOLVER = {NOT_CHOSEN: LEFT_OPEN, HOURS_CAP: CAPPED, TURNAROUND: REST, TAKEN: BOOKED}
# Matching's rules that say a person is not qualified for the call at all.
_QUALIFYING = ("role", "level", "skills", "certifications", "union")
UNQUALIFIED = ""


def worker_causes(
    failures: dict[str, np.ndarray], overlap: np.ndarray, committed: np.ndarray
) -> list[str]:
    """What kept each candidate of one call out of the solver's hands.

    `failures` are matching's rule masks (role, level, skills, certifications, union,
    unavailable, booked, radius, blocked), `overlap` says a booking overlaps the call
    itself (not only its turnaround), `committed` that a pending offer (on this call or
    one that clashes with it) already holds the person. A candidate the solver did get
    has no cause (`None`); one who is not qualified has `UNQUALIFIED`.
    """
    n = len(overlap)
    unqualified = np.zeros(n, dtype=bool)
    for rule in _QUALIFYING:
        if rule in failures:
            unqualified |= failures[rule]
    ordered = (
        (unqualified, UNQUALIFIED),
        (failures.get("radius", np.zeros(n, bool)), TOO_FAR),
        (failures.get("blocked", np.zeros(n, bool)), BLOCKED),
        (failures.get("unavailable", np.zeros(n, bool)), AWAY),
        (failures.get("booked", np.zeros(n, bool)) & overlap, BOOKED),
        (failures.get("booked", np.zeros(n, bool)), REST),
        (np.asarray(committed, dtype=bool), BOOKED),
    )
    out: list[str | None] = [None] * n
    for mask, cause in reversed(ordered):  # the first rule that holds wins
        for i in np.flatnonzero(mask).tolist():
            out[i] = cause
    return out


def seat_cause(solver_reason: str | None, causes: Iterable[str | None]) -> str:
    """The cause of a call's open seats: the nearest miss among the solver's reason (for
    the candidates it had) and the causes that kept the other qualified people out."""
    found = {c for c in causes if c}
    if solver_reason and solver_reason != NO_ELIGIBLE:
        found.add(_FROM_SOLVER.get(solver_reason, LEFT_OPEN))
    return min(found, key=CAUSES.index) if found else NOBODY


def open_by_cause(seats: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """(cause, open seats) of (cause, missing) rows: most seats first, then nearest miss."""
    counts: dict[str, int] = {}
    for cause, missing in seats:
        counts[cause] = counts.get(cause, 0) + int(missing)
    return sorted(counts.items(), key=lambda kv: (-kv[1], CAUSES.index(kv[0])))


def headline(filled: int, seats: int, by_cause: list[tuple[str, int]]) -> str:
    """ "223 of 272 seats filled; 49 open: 30 nobody qualified nearby, 12 ..."."""
    missing = sum(n for _, n in by_cause)
    text = f"{filled} of {seats} seat{'s' if seats != 1 else ''} filled"
    if missing:
        parts = ", ".join(f"{n} {CAUSE_SHORT[c]}" for c, n in by_cause)
        text += f"; {missing} open: {parts}"
    return text


def gap_words(gap: float | None, proven: bool = False) -> str:
    """How far the plan may be from the best one, from the solver's relative gap.

    Rounded up to a tenth of a percent, so a plan is only "the best possible" when it is
    proven so (solver status optimal, or no distance left to the bound)."""
    if proven or (gap is not None and 0 <= gap < 1e-6):
        return "This plan is the best possible."
    if gap is None or not math.isfinite(gap):
        return "No proof yet of how close this plan is to the best possible."
    tenths = max(1, math.ceil(round(gap * 1000, 6)))
    return f"This plan is within {tenths / 10:g}% of the best possible."
