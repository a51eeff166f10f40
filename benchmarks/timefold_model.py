"""Timefold's model of a crew week (imported only where Timefold is installed).

No `from __future__ import annotations` here: Timefold reads these annotations as types.
"""

from dataclasses import dataclass, field
from typing import Annotated

from timefold.solver.domain import (
    PlanningEntityCollectionProperty,
    PlanningId,
    PlanningScore,
    PlanningVariable,
    ProblemFactCollectionProperty,
    ValueRangeProvider,
    planning_entity,
    planning_solution,
)
from timefold.solver.score import ConstraintFactory, HardSoftScore, Joiners, constraint_provider


@dataclass
class Candidate:
    """One eligible (position, worker) pair: `id` is its index in our problem's pairs."""

    id: Annotated[int, PlanningId]
    worker: int
    value: int  # our pair value: priority x 1,000,000 + score x 100 - pennies


@planning_entity
@dataclass
class Seat:
    id: Annotated[int, PlanningId]
    start: int
    end: int
    turn: int
    reach: int  # end + the longest turnaround anywhere: a prefilter for clashes
    candidates: Annotated[list[Candidate], ValueRangeProvider(id="candidates")]
    pair: Annotated[
        Candidate | None,
        PlanningVariable(value_range_provider_refs=["candidates"], allows_unassigned=True),
    ] = field(default=None)


@planning_solution
@dataclass
class Roster:
    all_candidates: Annotated[list[Candidate], ProblemFactCollectionProperty]
    seats: Annotated[list[Seat], PlanningEntityCollectionProperty]
    score: Annotated[HardSoftScore | None, PlanningScore] = field(default=None)


@constraint_provider
def constraints(f: ConstraintFactory):
    return [
        f.for_each_unique_pair(
            Seat,
            Joiners.equal(lambda s: s.pair.worker),
            Joiners.overlapping(lambda s: s.start, lambda s: s.reach),
        )
        .filter(
            lambda a, b: (
                a.start < b.end + max(a.turn, b.turn) and b.start < a.end + max(a.turn, b.turn)
            )
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("One call at a time, with the turnaround's rest"),
        f.for_each(Seat)
        .reward(HardSoftScore.ONE_SOFT, lambda s: s.pair.value)
        .as_constraint("Pair value: priority-weighted seat, score, cost, travel, fairness"),
    ]
