"""Realistic "crew weeks": a seeded generator of staffing problems. No Django.

Five music cities, venues from clubs to arenas, each show with a load-in (08:00-13:00), a
show call (17:00-23:30) and a load-out (23:00-02:00), crewed with the role mix of real
calls: stagehands by the dozen, riggers under a head rigger, FOH and monitor engineers, an
LD with spot ops, security under a manager, door staff, ushers, box office, merch, runners.
Workers live in one city, hold one to three roles at a level, are away on some days, and
a few tour. A pair (position, worker) is eligible when the worker holds the role at the
level asked, lives within their radius of the venue or tours, and is free that day; its
score, cost and travel follow from the worker and the trip.

Everything derives from one `numpy.random.default_rng(seed)`: the same size and seed give
identical arrays. `CrewWeeks` keeps the generator's own columns so tests can re-derive
every pair's eligibility from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..geo import haversine_km_pairs
from ..levels import LEVELS
from .problem import StaffingProblem

HOUR = 3600
DAY = 86400
T0 = int(dt.datetime(2027, 3, 1, tzinfo=dt.UTC).timestamp())  # a Monday

# (name, lat, lon, share of the work and of the crew)
CITIES = (
    ("Nashville", 36.16, -86.78, 0.22),
    ("Austin", 30.27, -97.74, 0.20),
    ("Chicago", 41.88, -87.63, 0.24),
    ("Atlanta", 33.75, -84.39, 0.18),
    ("New Orleans", 29.95, -90.07, 0.16),
)
# (kind, capacity range, venues per city, chance of a show on a given day)
VENUE_KINDS = (
    ("club", (300, 1200), 5, 0.55),
    ("theatre", (1500, 3500), 3, 0.35),
    ("amphitheatre", (5000, 12000), 1, 0.20),
    ("arena", (12000, 20000), 1, 0.15),
)
# Calls of a show: (name, start hour, end hour from the show day's midnight).
CALLS = (("load-in", 8.0, 13.0), ("show", 17.0, 23.5), ("load-out", 23.0, 26.0))
# Crew per call for a 2,500-seat theatre: (role, level asked, base count, head of dept).
# Counts scale with (capacity / 2500) ** 0.6; heads and single seats stay at one.
CREW = {
    "load-in": (
        ("stagehand", "entry", 10, False),
        ("rigger", "mid", 4, False),
        ("head-rigger", "lead", 1, True),
        ("carpenter", "mid", 2, False),
        ("lighting-tech", "mid", 3, False),
        ("audio-tech", "mid", 3, False),
        ("fly-operator", "mid", 1, False),
        ("production-assistant", "entry", 1, False),
        ("runner", "entry", 1, False),
        ("stage-manager", "senior", 1, True),
    ),
    "show": (
        ("foh-engineer", "senior", 1, True),
        ("monitor-engineer", "mid", 1, False),
        ("audio-tech", "mid", 1, False),
        ("lighting-director", "senior", 1, True),
        ("spot-operator", "entry", 2, False),
        ("stage-manager", "senior", 1, True),
        ("security-manager", "senior", 1, True),
        ("security-staff", "entry", 8, False),
        ("door-staff", "entry", 3, False),
        ("usher", "entry", 4, False),
        ("house-manager", "senior", 1, True),
        ("box-office-manager", "senior", 1, False),
        ("box-office-agent", "entry", 2, False),
        ("merch-manager", "mid", 1, False),
        ("merch-seller", "entry", 2, False),
        ("runner", "entry", 1, False),
    ),
    "load-out": (
        ("stagehand", "entry", 10, False),
        ("rigger", "mid", 3, False),
        ("head-rigger", "lead", 1, True),
        ("carpenter", "mid", 1, False),
        ("lighting-tech", "mid", 2, False),
        ("audio-tech", "mid", 2, False),
        ("runner", "entry", 1, False),
    ),
}
SINGLE = {"fly-operator", "production-assistant", "merch-manager", "box-office-manager"}
# Clubs have no load-in or load-out calls of their own and a house crew of a few.
CLUB_ROLES = {"foh-engineer", "lighting-director", "security-staff", "door-staff",
              "box-office-agent", "merch-seller", "stage-manager"}  # fmt: skip
# Related roles a worker may also hold (second and third roles come from here).
RELATED = {
    "stagehand": ("carpenter", "rigger", "runner", "spot-operator", "fly-operator"),
    "rigger": ("stagehand", "head-rigger", "fly-operator"),
    "head-rigger": ("rigger",),
    "carpenter": ("stagehand", "fly-operator"),
    "fly-operator": ("stagehand", "carpenter", "rigger"),
    "lighting-tech": ("spot-operator", "lighting-director", "stagehand"),
    "spot-operator": ("lighting-tech", "stagehand"),
    "lighting-director": ("lighting-tech",),
    "audio-tech": ("monitor-engineer", "foh-engineer", "stagehand"),
    "monitor-engineer": ("audio-tech", "foh-engineer"),
    "foh-engineer": ("monitor-engineer", "audio-tech"),
    "stage-manager": ("production-assistant", "house-manager"),
    "production-assistant": ("runner", "stage-manager"),
    "runner": ("production-assistant", "stagehand", "merch-seller"),
    "security-staff": ("door-staff", "usher", "security-manager"),
    "security-manager": ("security-staff",),
    "door-staff": ("security-staff", "usher", "box-office-agent"),
    "usher": ("door-staff", "box-office-agent", "merch-seller"),
    "house-manager": ("box-office-manager", "stage-manager"),
    "box-office-manager": ("box-office-agent", "house-manager"),
    "box-office-agent": ("usher", "door-staff", "box-office-manager"),
    "merch-manager": ("merch-seller",),
    "merch-seller": ("merch-manager", "usher", "runner"),
}
ROLES = tuple(sorted(RELATED))
ROLE_INDEX = {r: i for i, r in enumerate(ROLES)}
BASE_LEVEL = {r: LEVELS.index(lv) for call in CREW.values() for r, lv, _n, _h in call}
BASE_LEVEL.update({"spot-operator": 0, "runner": 0})
HOURLY = np.array([24.0, 34.0, 48.0, 62.0])  # asking rate by level held
PER_DIEM, KM_RATE = 120.0, 0.55  # for trips beyond a day's drive home
# Employers (promoters and production companies): rest they ask between calls, hours.
ORG_TURNAROUND = (8, 10, 9, 8, 10, 9, 8, 10)

SIZES = {
    # seats asked, workers, days
    "tiny": (250, 200, 3),
    "small": (600, 450, 4),
    "medium": (2000, 1500, 7),
    "large": (20000, 10000, 28),
}


@dataclass
class CrewWeeks:
    """A generated instance: the problem plus the columns it was derived from."""

    problem: StaffingProblem
    size: str
    seed: int
    days: int
    # positions
    pos_role: np.ndarray  # int16 index into ROLES
    pos_level: np.ndarray  # int8 level asked
    pos_city: np.ndarray
    pos_venue: np.ndarray
    pos_call: np.ndarray  # int8 index into CALLS
    pos_day: np.ndarray
    pos_lat: np.ndarray
    pos_lon: np.ndarray
    # workers
    role_level: np.ndarray  # int8[R, W]: level held in each role, -1 if none
    home_city: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    radius_km: np.ndarray
    will_tour: np.ndarray
    away: np.ndarray  # bool[W, days]: not available that day
    venues: list[dict]

    def eligible(self, pos: np.ndarray, worker: np.ndarray) -> np.ndarray:
        """The generator's eligibility rules, re-derived for arbitrary pairs."""
        km = haversine_km_pairs(self.lat[worker], self.lon[worker], self.pos_lat[pos],
                                self.pos_lon[pos])  # fmt: skip
        return (
            (self.role_level[self.pos_role[pos], worker] >= self.pos_level[pos])
            & ((km <= self.radius_km[worker]) | self.will_tour[worker])
            & ~self.away[worker, self.pos_day[pos]]
        )


def crew_weeks(size: str = "medium", seed: int = 2027) -> CrewWeeks:
    """A crew-weeks instance of one of SIZES ("tiny", "small", "medium", "large")."""
    if size not in SIZES:
        raise ValueError(f"size: must be one of {', '.join(SIZES)}")
    seats_target, n_workers, days = SIZES[size]
    rng = np.random.default_rng([seed, list(SIZES).index(size)])
    venues = _venues(rng)
    positions = _shows(rng, venues, days, seats_target)
    workers = _workers(rng, n_workers, days, positions)
    return _pairs(rng, size, seed, days, venues, positions, workers)


def _venues(rng) -> list[dict]:
    out = []
    for c, (city, lat, lon, _share) in enumerate(CITIES):
        for kind, (lo, hi), count, chance in VENUE_KINDS:
            for i in range(count):
                out.append({
                    "name": f"{city} {kind} {i + 1}", "city": c, "kind": kind,
                    "capacity": int(rng.integers(lo, hi + 1)), "chance": chance,
                    "lat": lat + rng.normal(0, 0.05), "lon": lon + rng.normal(0, 0.05),
                    "org": int(rng.integers(len(ORG_TURNAROUND))),
                })  # fmt: skip
    return out


def _show_crew(rng, venue: dict) -> list[tuple[int, str, str, int, bool]]:
    """(call index, role, level, headcount, head) for one show at the venue."""
    scale = (venue["capacity"] / 2500.0) ** 0.6
    club = venue["kind"] == "club"
    out = []
    for ci, (call, _s, _e) in enumerate(CALLS):
        if club and call != "show":
            continue
        for role, level, base, head in CREW[call]:
            if club and role not in CLUB_ROLES:
                continue
            if head or role in SINGLE or base == 1:
                n = 1
            else:
                n = max(1, round(base * scale * rng.uniform(0.8, 1.25)))
                if club:
                    n = max(1, n // 2)
            if role == "fly-operator" and venue["kind"] != "theatre":
                continue
            # Arenas ask senior hands for some technical seats.
            if venue["kind"] == "arena" and level == "mid" and rng.random() < 0.3:
                level = "senior"
            out.append((ci, role, level, n, head))
    return out


def _shows(rng, venues: list[dict], days: int, seats_target: int) -> dict:
    slots = [(v, d) for v in range(len(venues)) for d in range(days)]
    weight = np.array([venues[v]["chance"] * CITIES[venues[v]["city"]][3] for v, _ in slots])
    weight *= 1.0 + 0.6 * np.isin(np.array([d % 7 for _, d in slots]), (3, 4, 5))  # Thu-Sat
    order = rng.choice(len(slots), len(slots), replace=False, p=weight / weight.sum())
    cols = {k: [] for k in ("venue", "day", "call", "role", "level", "n", "head")}
    seats = 0
    for i in order.tolist():
        if seats >= seats_target:
            break
        v, d = slots[i]
        for ci, role, level, n, head in _show_crew(rng, venues[v]):
            for key, val in zip(cols, (v, d, ci, role, level, n, head), strict=True):
                cols[key].append(val)
            seats += n
    return cols


def _workers(rng, n: int, days: int, positions: dict) -> dict:
    # The crew's role mix follows the seats asked, with some noise.
    demand = np.zeros(len(ROLES))
    for role, n_seats in zip(positions["role"], positions["n"], strict=True):
        demand[ROLE_INDEX[role]] += n_seats
    demand = (demand + demand.sum() * 0.003) * rng.uniform(0.8, 1.2, len(ROLES))
    primary = rng.choice(len(ROLES), n, p=demand / demand.sum())
    shares = np.array([c[3] for c in CITIES])
    home = rng.choice(len(CITIES), n, p=shares / shares.sum())
    role_level = np.full((len(ROLES), n), -1, dtype=np.int8)
    base = np.array([BASE_LEVEL[r] for r in ROLES])
    role_level[primary, np.arange(n)] = np.clip(base[primary] + rng.choice([-1, 0, 0, 1], n), 0, 3)
    for extra_p in (0.45, 0.15):
        who = np.flatnonzero(rng.random(n) < extra_p)
        for w in who.tolist():
            related = RELATED[ROLES[primary[w]]]
            r = ROLE_INDEX[related[int(rng.integers(len(related)))]]
            if role_level[r, w] < 0:
                role_level[r, w] = np.clip(base[r] + rng.choice([-1, 0, 0]), 0, 3)
    lat = np.array([CITIES[c][1] for c in home]) + rng.normal(0, 0.12, n)
    lon = np.array([CITIES[c][2] for c in home]) + rng.normal(0, 0.12, n)
    # Freelancers: each is away on a share of the days (other work, family), some on a
    # block of days in a row (a tour of their own, a holiday).
    away_rate = rng.beta(2.0, 4.0, n)
    away = rng.random((n, days)) < away_rate[:, None]
    block = np.flatnonzero(rng.random(n) < 0.12)
    for w in block.tolist():
        first = int(rng.integers(days))
        away[w, first : first + int(rng.integers(3, 10))] = True
    return {
        "role_level": role_level,
        "home": home,
        "lat": lat,
        "lon": lon,
        "radius": rng.uniform(40.0, 120.0, n),
        "tour": rng.random(n) < 0.08,
        "away": away,
        "quality": rng.beta(5.0, 2.5, n) * 100.0,
        "rate": np.exp(rng.normal(0.0, 0.15, n)),
        "hours": rng.gamma(2.0, 35.0, n),  # hours worked in the last 30 days
    }


def _pairs(rng, size, seed, days, venues, cols, wk) -> CrewWeeks:
    venue = np.array(cols["venue"], dtype=np.int64)
    n_pos = len(venue)
    day = np.array(cols["day"], dtype=np.int64)
    call = np.array(cols["call"], dtype=np.int64)
    role = np.array([ROLE_INDEX[r] for r in cols["role"]], dtype=np.int64)
    level = np.array([LEVELS.index(lv) for lv in cols["level"]], dtype=np.int64)
    head = np.array(cols["head"], dtype=bool)
    v_city = np.array([v["city"] for v in venues])
    v_lat = np.array([v["lat"] for v in venues])
    v_lon = np.array([v["lon"] for v in venues])
    v_org = np.array([v["org"] for v in venues])
    starts = np.array([c[1] for c in CALLS])
    ends = np.array([c[2] for c in CALLS])
    start = T0 + day * DAY + (starts[call] * HOUR).astype(np.int64)
    end = T0 + day * DAY + (ends[call] * HOUR).astype(np.int64)
    priority = np.where(head | (level == 3), 3, np.where(level == 2, 2, 1)).astype(np.int32)
    turnaround = np.array(ORG_TURNAROUND)[v_org[venue]].astype(np.int64) * HOUR
    pos_lat, pos_lon = v_lat[venue], v_lon[venue]

    n_w = len(wk["home"])
    holders = [np.flatnonzero(wk["role_level"][r] >= 0) for r in range(len(ROLES))]
    pp, pw = [], []
    for p in range(n_pos):
        cand = holders[role[p]]
        cand = cand[wk["role_level"][role[p], cand] >= level[p]]
        cand = cand[~wk["away"][cand, day[p]]]
        here = np.ones(len(cand))
        lat_c, lon_c = wk["lat"][cand], wk["lon"][cand]
        km = haversine_km_pairs(lat_c, lon_c, here * pos_lat[p], here * pos_lon[p])
        cand = cand[(km <= wk["radius"][cand]) | wk["tour"][cand]]
        pp.append(np.full(len(cand), p, dtype=np.int64))
        pw.append(cand)
    pair_pos = np.concatenate(pp) if pp else np.zeros(0, dtype=np.int64)
    pair_worker = np.concatenate(pw) if pw else np.zeros(0, dtype=np.int64)
    km = haversine_km_pairs(wk["lat"][pair_worker], wk["lon"][pair_worker],
                            pos_lat[pair_pos], pos_lon[pair_pos])  # fmt: skip
    held = wk["role_level"][role[pair_pos], pair_worker].astype(np.float64)
    over = np.minimum(held - level[pair_pos], 2.0)
    familiar = rng.random(len(pair_pos)) < 0.25  # has worked for this venue before
    score = (
        0.65 * wk["quality"][pair_worker]
        + 9.0 * over
        + 10.0 * familiar
        + 12.0
        - np.minimum(km / 40.0, 15.0)
        + rng.normal(0.0, 6.0, len(pair_pos))
    )
    hours = (end - start)[pair_pos] / HOUR
    trip = km > 150.0
    cost = HOURLY[held.astype(np.int64)] * wk["rate"][pair_worker] * hours + np.where(
        trip, PER_DIEM + KM_RATE * km, KM_RATE * km * 0.2
    )
    problem = StaffingProblem(
        start=start,
        end=end,
        headcount=np.array(cols["n"], dtype=np.int32),
        n_workers=n_w,
        pair_pos=pair_pos,
        pair_worker=pair_worker,
        pair_score=np.round(np.clip(score, 0.0, 100.0), 2),
        pair_cost=np.round(cost, 2),
        pair_km=np.round(km, 1),
        priority=priority,
        turnaround=turnaround,
        day=day.astype(np.int32),
        week=(day // 7).astype(np.int32),
        worker_hours=np.round(wk["hours"], 1),
    )
    return CrewWeeks(
        problem=problem, size=size, seed=seed, days=days, pos_role=role.astype(np.int16),
        pos_level=level.astype(np.int8), pos_city=v_city[venue], pos_venue=venue,
        pos_call=call.astype(np.int8), pos_day=day, pos_lat=pos_lat, pos_lon=pos_lon,
        role_level=wk["role_level"], home_city=wk["home"], lat=wk["lat"], lon=wk["lon"],
        radius_km=wk["radius"], will_tour=wk["tour"], away=wk["away"], venues=venues,
    )  # fmt: skip


def describe(instance: CrewWeeks) -> dict:
    """Sizes for tables: seats, positions, workers, pairs, and the seat mix by priority."""
    p = instance.problem
    return {
        "size": instance.size,
        "seed": instance.seed,
        "days": instance.days,
        "cities": len(CITIES),
        "venues": len(instance.venues),
        "shows": len(set(zip(instance.pos_venue.tolist(), instance.pos_day.tolist(), strict=True))),
        "positions": p.n_positions,
        "seats": p.seats,
        "workers": p.n_workers,
        "pairs": p.n_pairs,
        "seats_by_priority": {
            int(k): int(p.headcount[p.priority == k].sum()) for k in np.unique(p.priority)
        },
    }
