"""Reader for the public SMPTSP ("ptask") benchmark instances.

Format: comment lines starting with '#', then `Type = 1`, `Jobs = J` followed by J lines
`start end` (minutes, half-open), then `Qualifications = W` followed by W lines
`n: j1 j2 ... jn` listing the 0-based jobs each worker may take.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .problem import StaffingProblem


@dataclass
class PtaskInstance:
    name: str
    start: np.ndarray
    end: np.ndarray
    qualified: list[np.ndarray]

    def problem(self) -> StaffingProblem:
        """Headcount form: every job one seat, every qualification an eligible pair."""
        pos = np.concatenate(self.qualified) if self.qualified else np.zeros(0)
        worker = np.repeat(np.arange(len(self.qualified)), [len(q) for q in self.qualified])
        return StaffingProblem(
            start=self.start * 60,
            end=self.end * 60,
            headcount=np.ones(len(self.start), dtype=np.int32),
            n_workers=len(self.qualified),
            pair_pos=pos,
            pair_worker=worker,
        )


def parse_ptask(text: str, name: str = "") -> PtaskInstance:
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    it = iter(enumerate(lines, 1))

    def header(expected: str) -> int:
        number, line = next(it)
        key, _, value = line.partition("=")
        if key.strip().lower() != expected.lower() or not value.strip().isdigit():
            raise ValueError(f"{name} line {number}: expected '{expected} = N', got {line!r}")
        return int(value)

    header("Type")
    jobs = header("Jobs")
    times = np.zeros((jobs, 2), dtype=np.int64)
    for j in range(jobs):
        number, line = next(it)
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"{name} line {number}: expected 'start end', got {line!r}")
        times[j] = [int(parts[0]), int(parts[1])]
        if times[j, 1] <= times[j, 0]:
            raise ValueError(f"{name} line {number}: job {j} ends before it starts")
    workers = header("Qualifications")
    qualified = []
    for w in range(workers):
        number, line = next(it)
        count, _, rest = line.partition(":")
        ids = np.array([int(x) for x in rest.split()], dtype=np.int64)
        if int(count) != len(ids):
            raise ValueError(
                f"{name} line {number}: worker {w} says {count} jobs, lists {len(ids)}"
            )
        if len(ids) and (ids.min() < 0 or ids.max() >= jobs):
            raise ValueError(f"{name} line {number}: worker {w} names a job that does not exist")
        qualified.append(np.unique(ids))
    return PtaskInstance(name, times[:, 0], times[:, 1], qualified)


def load_ptask(path: str | Path) -> PtaskInstance:
    path = Path(path)
    return parse_ptask(path.read_text(), path.stem)
