"""An independent check of a plan against the hard rules.

Written plainly and separately from the solver's model (no cliques, no shared helpers
beyond `StaffingProblem.conflicts`' definition, which it re-derives), so a modelling slip
in the solver shows up here.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .problem import StaffingProblem


def check_plan(problem: StaffingProblem, chosen) -> list[str]:
    """Every broken hard rule in the plan, as sentences; an empty list means valid."""
    chosen = [int(x) for x in np.asarray(chosen, dtype=np.int64).tolist()]
    problems: list[str] = []
    if len(set(chosen)) != len(chosen):
        problems.append("a pair is chosen twice")
    if any(x < 0 or x >= problem.n_pairs for x in chosen):
        return [*problems, "a chosen pair does not exist"]
    seats: dict[int, int] = defaultdict(int)
    calls: dict[int, list[int]] = defaultdict(list)
    for x in set(chosen):
        p, w = int(problem.pair_pos[x]), int(problem.pair_worker[x])
        seats[p] += 1
        calls[w].append(p)
    for p, n in sorted(seats.items()):
        if n > int(problem.headcount[p]):
            problems.append(f"position {p}: {n} workers on {int(problem.headcount[p])} seats")
    for w, ps in sorted(calls.items()):
        if len(set(ps)) != len(ps):
            problems.append(f"worker {w}: two seats of one call")
        for i, a in enumerate(ps):
            for b in ps[i + 1 :]:
                rest = max(int(problem.turnaround[a]), int(problem.turnaround[b]))
                a0, a1 = int(problem.start[a]), int(problem.end[a])
                b0, b1 = int(problem.start[b]), int(problem.end[b])
                if a0 < b1 + rest and b0 < a1 + rest:
                    problems.append(f"worker {w}: calls {a} and {b} clash")
        for cap, key, label in (
            (problem.max_minutes_day, problem.day, "day"),
            (problem.max_minutes_week, problem.week, "week"),
        ):
            if cap is None:
                continue
            minutes: dict[int, int] = defaultdict(int)
            for p in ps:
                minutes[int(key[p])] += -(-(int(problem.end[p]) - int(problem.start[p])) // 60)
            for k, m in sorted(minutes.items()):
                if m > cap:
                    problems.append(f"worker {w}: {m} minutes in {label} {k}, cap {cap}")
    return problems
