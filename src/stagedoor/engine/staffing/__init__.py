"""Auto-staffing: many calls at once, optimally, with a bound on how far from best.

`solve(problem, objective=...)` returns a `Plan`; `check_plan` verifies any plan against
the hard rules independently of the solver. See `solve.py` for the method
and `parts.py` for the search of one part.
"""

from .checker import check_plan
from .greedy import greedy_baseline, greedy_fill, greedy_headcount, pair_values
from .mappers import process_pool_map, sequential_map
from .parts import PartTask, solve_part
from .problem import OBJECTIVES, REASON_TEXT, Plan, StaffingProblem, Unfilled
from .solve import solve, summary

__all__ = [
    "OBJECTIVES",
    "REASON_TEXT",
    "PartTask",
    "Plan",
    "StaffingProblem",
    "Unfilled",
    "check_plan",
    "greedy_baseline",
    "greedy_fill",
    "greedy_headcount",
    "pair_values",
    "process_pool_map",
    "sequential_map",
    "solve",
    "solve_part",
    "summary",
]
