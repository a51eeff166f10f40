"""The slow, obviously-correct reference for matching: one worker, one position, plain Python.

The fast kernel (stagedoor.engine.matching) must agree with it exactly: same eligible set,
same order. Benchmarks use it as the naive path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

NO_DAY = 2**31 - 1
WEIGHTS = (3.0, 2.0, 2.0, 1.5, 1.0, 1.0, 0.5)


@dataclass
class RefWorker:
    id: int
    lat: float
    lon: float
    radius_km: float
    will_tour: bool
    day_rate: float  # NaN if none
    hour_rate: float
    currency: str
    roles: dict[int, int] = field(default_factory=dict)  # role -> level rank
    skills: dict[int, int] = field(default_factory=dict)
    certs: dict[int, tuple[int, int]] = field(default_factory=dict)  # cert -> (from, to)
    union_good: bool = False
    busy: list[tuple[int, int, bool]] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)
    outcomes: list[int] = field(default_factory=list)  # 0 worked, 1 no-show, 2 late cancel
    hours_30d: float = 0.0


@dataclass
class RefOrgLists:
    worked: dict[tuple[int, int], int] = field(default_factory=dict)  # (org, worker) -> n
    first_call: dict[tuple[int, int], int] = field(default_factory=dict)
    blocked: set[tuple[int, int]] = field(default_factory=set)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    if any(math.isnan(v) for v in (lat1, lon1, lat2, lon2)):
        return math.nan
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def failures(w: RefWorker, p, lists: RefOrgLists) -> set[str]:
    """The names of the hard rules worker `w` breaks for position spec `p`."""
    out = set()
    rank = w.roles.get(p.role, -1)
    if rank < 0:
        out.add("role")
    elif rank < p.level:
        out.add("level")
    for skill, minimum in p.skills:
        if w.skills.get(skill, 0) < minimum:
            out.add("skills")
    for cert in p.certs:
        frm, to = w.certs.get(cert, (NO_DAY, -1))
        if not (frm <= p.start_day and to >= p.end_day):
            out.add("certifications")
    if p.union_required and not w.union_good:
        out.add("union")
    turnaround = int(p.turnaround_hours * 3600)
    for start, end, is_booking in w.busy:
        pad = turnaround if is_booking else 0
        if start < p.end + pad and end > p.start - pad:
            out.add("booked" if is_booking else "unavailable")
    d = distance_km(w.lat, w.lon, p.lat, p.lon)
    # Touring calls lift the radius for workers willing to tour; local calls never do.
    travels = p.remote or (p.touring and w.will_tour)
    if not travels and not math.isnan(d) and d > w.radius_km + 1e-6:
        out.add("radius")
    if (p.org, w.id) in lists.blocked:
        out.add("blocked")
    return out


def score(w: RefWorker, p, lists: RefOrgLists) -> float:
    rank = w.roles.get(p.role, -1)
    level_part = min(max(rank - p.level, 0), 3) / 3.0
    required = dict(p.skills)
    fit = required | {k: 0 for k in p.key_skills if k not in required}
    parts = [
        min(max((w.skills.get(s, 0) - m) / max(5.0 - m, 1.0), 0.0), 1.0) for s, m in fit.items()
    ]
    skill_part = sum(parts) / len(parts) if parts else 0.0
    fit_c = 0.5 * level_part + 0.5 * skill_part
    mean = (sum(w.ratings) + 3.5 * 3.0) / (len(w.ratings) + 3.0)
    reputation = (mean - 1.0) / 4.0
    done, ns, late = (w.outcomes.count(k) for k in (0, 1, 2))
    reliability = (done + 2.0) / (done + 2.0 + 2.0 * ns + late)
    worked = lists.worked.get((p.org, w.id), 0)
    on_list = (p.org, w.id) in lists.first_call
    familiarity = 0.6 * min(worked, 5) / 5.0 + 0.4 * on_list
    d = distance_km(w.lat, w.lon, p.lat, p.lon)
    distance = 1.0 if p.remote else 1.0 - min(0.0 if math.isnan(d) else d, 200.0) / 200.0
    ask = {0: w.hour_rate, 1: w.day_rate}.get(p.pay_unit, math.nan)
    if w.currency != p.currency:
        ask = math.nan
    if math.isnan(ask):
        cost = 0.5
    elif ask <= p.pay:
        cost = 1.0
    else:
        cost = min(max(1.0 - (ask - p.pay) / max(p.pay, 1e-9), 0.0), 1.0)
    fairness = 1.0 - min(w.hours_30d, 160.0) / 160.0
    comps = (fit_c, reputation, reliability, familiarity, distance, cost, fairness)
    weights = p.weights
    return 100.0 * sum(c * wt for c, wt in zip(comps, weights, strict=True)) / sum(weights)


def rank_workers(workers: list[RefWorker], p, lists: RefOrgLists, k: int) -> list[int]:
    eligible = [w for w in workers if not failures(w, p, lists)]
    scored = sorted(eligible, key=lambda w: (-round(score(w, p, lists) * 1e6), w.id))
    return [w.id for w in scored[:k]]


def rank_positions(w: RefWorker, specs, lists: RefOrgLists, k: int) -> list[int]:
    eligible = [p for p in specs if not failures(w, p, lists)]
    scored = sorted(eligible, key=lambda p: (-round(score(w, p, lists) * 1e6), p.id))
    return [p.id for p in scored[:k]]
