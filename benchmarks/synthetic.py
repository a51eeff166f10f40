"""Synthetic crew pools and positions with the catalog's real role/skill/cert spreads."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from stagedoor.engine.matching.build import PositionSpec, build_worker_index
from stagedoor.engine.matching.kernel import NO_DAY
from stagedoor.industry import catalog

LEVEL_RANK = {"entry": 0, "mid": 1, "senior": 2, "lead": 3}
# A national pool: city centres (lat, lon) weighted by how much work they have.
CITIES = [
    (41.88, -87.63, 9), (40.71, -74.01, 10), (34.05, -118.24, 9), (36.16, -86.78, 6),
    (30.27, -97.74, 5), (47.61, -122.33, 4), (39.74, -104.99, 3), (33.75, -84.39, 4),
    (29.76, -95.37, 4), (25.76, -80.19, 3), (42.36, -71.06, 4), (37.77, -122.42, 5),
    (45.52, -122.68, 2), (44.98, -93.27, 2), (39.95, -75.17, 3), (38.91, -77.04, 3),
    (35.23, -80.84, 2), (32.78, -96.80, 4), (33.45, -112.07, 3), (36.17, -115.14, 5),
]  # fmt: skip
ROLE_WEIGHT = {
    "stagehand": 30, "security-staff": 15, "audio-tech": 10, "lighting-tech": 9, "rigger": 7,
    "foh-engineer": 6, "door-staff": 6, "box-office-agent": 5, "merch-seller": 5, "runner": 5,
}  # fmt: skip
T0 = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())
DAY0 = dt.date(2026, 12, 1).toordinal()


def pool(n: int, seed: int = 7):
    """Columns for build_worker_index for `n` workers."""
    rng = np.random.default_rng(seed)
    roles = catalog.ROLES
    role_slugs = [r["slug"] for r in roles]
    skill_slugs = [s["slug"] for s in catalog.SKILLS]
    cert_slugs = [c["slug"] for c in catalog.CERTIFICATIONS]
    skill_pos = {s: i for i, s in enumerate(skill_slugs)}
    cert_pos = {c: i for i, c in enumerate(cert_slugs)}
    weights = np.array([ROLE_WEIGHT.get(s, 2) for s in role_slugs], float)
    weights /= weights.sum()
    city_w = np.array([c[2] for c in CITIES], float)
    city = rng.choice(len(CITIES), n, p=city_w / city_w.sum())
    lat = np.array([CITIES[c][0] for c in city]) + rng.normal(0, 0.15, n)
    lon = np.array([CITIES[c][1] for c in city]) + rng.normal(0, 0.15, n)
    ids = np.arange(1, n + 1) * 3
    primary = rng.choice(len(roles), n, p=weights)
    second = rng.random(n) < 0.4
    second_role = rng.choice(len(roles), n, p=weights)
    base_rank = np.array([LEVEL_RANK[r["level"]] for r in roles])
    rank = np.clip(base_rank[primary] + rng.choice([-1, 0, 0, 1], n), 0, 3)
    r_w = np.concatenate([ids, ids[second]])
    r_r = np.concatenate([primary, second_role[second]])
    r_l = np.concatenate([rank, np.clip(base_rank[second_role[second]], 0, 3)])

    def padded(lists):
        width = max(len(x) for x in lists)
        out = np.full((len(lists), width), -1)
        for i, x in enumerate(lists):
            out[i, : len(x)] = x
        return out

    role_skills = padded([[skill_pos[s] for s in r["skills"]] for r in roles])
    held = role_skills[primary]
    keep = (held >= 0) & (rng.random(held.shape) < 0.8)
    s_w = np.broadcast_to(ids[:, None], held.shape)[keep]
    s_s = held[keep]
    s_l = np.clip(rank[:, None] + rng.integers(1, 3, held.shape), 1, 5)[keep]
    role_certs = padded([[cert_pos[c] for c in r["certifications"]] or [-1] for r in roles])
    held = role_certs[primary]
    keep = (held >= 0) & (rng.random(held.shape) < 0.5)
    c_w = np.broadcast_to(ids[:, None], held.shape)[keep]
    c_c = held[keep]
    c_f = DAY0 - rng.integers(30, 2000, len(c_c))
    c_t = np.where(rng.random(len(c_c)) < 0.8, c_f + 1826, NO_DAY)
    union = ids[rng.random(n) < 0.2]
    busy_n = int(n * 0.3)
    b_w = rng.choice(ids, busy_n)
    b_s = T0 + rng.integers(0, 60 * 86400, busy_n)
    b_e = b_s + rng.integers(4, 72, busy_n) * 3600
    b_b = rng.random(busy_n) < 0.6
    rate = rng.integers(150, 700, n).astype(float)
    return dict(
        ids=ids,
        lat=lat,
        lon=lon,
        radius_km=rng.choice([25, 50, 80, 150, 300], n).astype(float),
        will_tour=rng.random(n) < 0.3,
        day_rate=rate,
        hour_rate=np.round(rate / 10, 2),
        currency=["USD"] * n,
        role_names=[r["name"] for r in roles],
        skill_names=[s["name"] for s in catalog.SKILLS],
        cert_names=[c["name"] for c in catalog.CERTIFICATIONS],
        roles=(r_w, r_r, r_l),
        skills=(s_w, s_s, s_l),
        certs=(c_w, c_c, c_f, c_t),
        union_good=union,
        busy=(b_w, b_s, b_e, b_b),
        ratings=(rng.choice(ids, n // 2), rng.integers(2, 6, n // 2)),
        outcomes=(rng.choice(ids, n), rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], n)),
        hours_30d=(ids, rng.choice([0, 0, 8, 24, 60, 120], n).astype(float)),
        worked_for=(
            rng.integers(1, 50, n // 5),
            rng.choice(ids, n // 5, replace=False),
            rng.integers(1, 8, n // 5),
        ),
        first_call=(
            rng.integers(1, 50, n // 50),
            rng.choice(ids, n // 50, replace=False),
            rng.integers(1, 20, n // 50),
        ),
        blocked=(rng.integers(1, 50, n // 500), rng.choice(ids, n // 500, replace=False)),
    )


def positions(count: int, seed: int = 11) -> list[PositionSpec]:
    rng = np.random.default_rng(seed)
    roles = catalog.ROLES
    skill_pos = {s["slug"]: i for i, s in enumerate(catalog.SKILLS)}
    cert_pos = {c["slug"]: i for i, c in enumerate(catalog.CERTIFICATIONS)}
    weights = np.array([ROLE_WEIGHT.get(r["slug"], 2) for r in roles], float)
    weights /= weights.sum()
    city_w = np.array([c[2] for c in CITIES], float)
    out = []
    for i in range(count):
        r = int(rng.choice(len(roles), p=weights))
        c = CITIES[int(rng.choice(len(CITIES), p=city_w / city_w.sum()))]
        start = T0 + int(rng.integers(0, 56)) * 86400 + int(rng.choice([8, 9, 14, 18])) * 3600
        keys = [skill_pos[s] for s in roles[r]["skills"]]
        required = tuple((k, int(rng.integers(2, 4))) for k in keys[: int(rng.integers(0, 2))])
        certs = tuple(cert_pos[x] for x in roles[r]["certifications"][: int(rng.random() < 0.3)])
        day = DAY0 + (start - T0) // 86400
        out.append(
            PositionSpec(
                id=i + 1,
                role=r,
                level=LEVEL_RANK[roles[r]["level"]] if rng.random() < 0.5 else 0,
                start=start,
                end=start + int(rng.integers(4, 10)) * 3600,
                start_day=day,
                end_day=day,
                lat=c[0] + float(rng.normal(0, 0.05)),
                lon=c[1] + float(rng.normal(0, 0.05)),
                org=int(rng.integers(1, 50)),
                pay=float(rng.integers(200, 600)),
                pay_unit=1,
                currency="USD",
                skills=required,
                key_skills=tuple(keys),
                certs=certs,
                union_required=bool(rng.random() < 0.2),
                touring=bool(rng.random() < 0.1),
            )
        )
    return out


def build(n: int):
    return build_worker_index(**pool(n))


def reference_workers(columns: dict, limit: int | None = None):
    """The same pool as the reference implementation's plain objects (the naive path)."""
    from tests.matching.reference import RefWorker

    ids = columns["ids"][:limit] if limit else columns["ids"]
    by_id = {
        int(i): RefWorker(
            id=int(i),
            lat=float(columns["lat"][k]),
            lon=float(columns["lon"][k]),
            radius_km=float(columns["radius_km"][k]),
            will_tour=bool(columns["will_tour"][k]),
            day_rate=float(columns["day_rate"][k]),
            hour_rate=float(columns["hour_rate"][k]),
            currency=columns["currency"][k],
        )
        for k, i in enumerate(ids)
    }

    def each(rows):
        return zip(*rows, strict=True) if len(rows[0]) else []

    for w, r, lv in each(columns["roles"]):
        if int(w) in by_id:
            ref = by_id[int(w)]
            ref.roles[int(r)] = max(ref.roles.get(int(r), -1), int(lv))
    for w, s, lv in each(columns["skills"]):
        if int(w) in by_id:
            ref = by_id[int(w)]
            ref.skills[int(s)] = max(ref.skills.get(int(s), 0), int(lv))
    for w, c, f, t in each(columns["certs"]):
        if int(w) in by_id:
            by_id[int(w)].certs[int(c)] = (int(f), int(t))
    for w in columns["union_good"]:
        if int(w) in by_id:
            by_id[int(w)].union_good = True
    for w, s, e, b in each(columns["busy"]):
        if int(w) in by_id:
            by_id[int(w)].busy.append((int(s), int(e), bool(b)))
    return list(by_id.values())


def percentile(values, q) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1)]
