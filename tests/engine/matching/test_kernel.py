"""The fast kernel against the slow reference, on random pools (Hypothesis)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stagedoor.engine.matching.build import PositionSpec, build_position_index, build_worker_index
from stagedoor.engine.matching.kernel import (
    NO_DAY,
    candidates_for,
    evaluate,
    gigs_for,
)

from .reference import RefOrgLists, RefWorker, failures, rank_positions, rank_workers, score

ROLES, SKILLS, CERTS, ORGS = ["r0", "r1", "r2"], ["s0", "s1", "s2", "s3"], ["c0", "c1"], [1, 2]
DAY0 = 740000  # a proleptic ordinal
HOUR = 3600
T0 = 1_800_000_000


def index_from(workers: list[RefWorker], lists: RefOrgLists):
    def rows(fn):
        out = [r for w in workers for r in fn(w)]
        return tuple(zip(*out, strict=True)) if out else ()

    def cols(fn, n):
        got = rows(fn)
        return got if got else ((),) * n

    return build_worker_index(
        ids=[w.id for w in workers],
        lat=[w.lat for w in workers],
        lon=[w.lon for w in workers],
        radius_km=[w.radius_km for w in workers],
        will_tour=[w.will_tour for w in workers],
        day_rate=[w.day_rate for w in workers],
        hour_rate=[w.hour_rate for w in workers],
        currency=[w.currency for w in workers],
        role_names=ROLES,
        skill_names=SKILLS,
        cert_names=CERTS,
        roles=cols(lambda w: [(w.id, r, lv) for r, lv in w.roles.items()], 3),
        skills=cols(lambda w: [(w.id, s, lv) for s, lv in w.skills.items()], 3),
        certs=cols(lambda w: [(w.id, c, f, t) for c, (f, t) in w.certs.items()], 4),
        union_good=[w.id for w in workers if w.union_good],
        busy=cols(lambda w: [(w.id, *b) for b in w.busy], 4),
        ratings=cols(lambda w: [(w.id, r) for r in w.ratings], 2),
        outcomes=cols(lambda w: [(w.id, o) for o in w.outcomes], 2),
        hours_30d=cols(lambda w: [(w.id, w.hours_30d)], 2),
        worked_for=tuple(zip(*[(o, i, n) for (o, i), n in lists.worked.items()], strict=True))
        or ((), (), ()),
        first_call=tuple(zip(*[(o, i, n) for (o, i), n in lists.first_call.items()], strict=True))
        or ((), (), ()),
        blocked=tuple(zip(*sorted(lists.blocked), strict=True)) or ((), ()),
    )


coords = st.tuples(st.sampled_from([52.5, 52.6, 53.5, 48.1]), st.sampled_from([13.4, 13.5, 10.0]))
rates = st.sampled_from([math.nan, 20.0, 35.0, 250.0, 300.0, 450.0])


@st.composite
def workers(draw, n_max=30):
    n = draw(st.integers(1, n_max))
    out = []
    for i in range(n):
        lat, lon = draw(coords)
        w = RefWorker(
            id=draw(st.integers(1, 10**6)) * 64 + i,  # unique, unordered
            lat=lat,
            lon=lon,
            radius_km=float(draw(st.sampled_from([0, 10, 25, 50, 400]))),
            will_tour=draw(st.booleans()),
            day_rate=draw(rates),
            hour_rate=draw(rates),
            currency=draw(st.sampled_from(["EUR", "USD"])),
            roles=draw(st.dictionaries(st.integers(0, 2), st.integers(0, 3), max_size=3)),
            skills=draw(st.dictionaries(st.integers(0, 3), st.integers(1, 5), max_size=4)),
            certs=draw(
                st.dictionaries(
                    st.integers(0, 1),
                    st.tuples(
                        st.integers(DAY0 - 5, DAY0 + 1),
                        st.sampled_from([DAY0 - 1, DAY0, DAY0 + 1, NO_DAY]),
                    ),
                    max_size=2,
                )
            ),
            union_good=draw(st.booleans()),
            busy=draw(
                st.lists(
                    st.tuples(
                        st.integers(-30, 30).map(lambda h: T0 + h * HOUR),
                        st.integers(1, 10).map(lambda h: h * HOUR),
                        st.booleans(),
                    ).map(lambda t: (t[0], t[0] + t[1], t[2])),
                    max_size=3,
                )
            ),
            ratings=draw(st.lists(st.integers(1, 5), max_size=4)),
            outcomes=draw(st.lists(st.integers(0, 2), max_size=5)),
            hours_30d=float(draw(st.sampled_from([0, 12, 40, 200]))),
        )
        out.append(w)
    return out


@st.composite
def specs(draw, n_max=5):
    out = []
    for i in range(draw(st.integers(1, n_max))):
        lat, lon = draw(coords)
        start = T0 + draw(st.integers(-12, 12)) * HOUR
        out.append(
            PositionSpec(
                id=100 + i,
                role=draw(st.integers(0, 2)),
                level=draw(st.integers(0, 3)),
                start=start,
                end=start + draw(st.integers(1, 12)) * HOUR,
                start_day=DAY0,
                end_day=DAY0 + draw(st.integers(0, 1)),
                lat=math.nan if draw(st.integers(0, 9)) == 0 else lat,
                lon=lon,
                org=draw(st.sampled_from(ORGS)),
                pay=draw(st.sampled_from([25.0, 300.0, 1000.0])),
                pay_unit=draw(st.integers(0, 2)),
                currency=draw(st.sampled_from(["EUR", "USD"])),
                skills=tuple(
                    draw(st.dictionaries(st.integers(0, 3), st.integers(1, 5), max_size=2)).items()
                ),
                key_skills=tuple(draw(st.sets(st.integers(0, 3), max_size=2))),
                certs=tuple(draw(st.sets(st.integers(0, 1), max_size=2))),
                union_required=draw(st.booleans()),
                remote=draw(st.booleans()),
                touring=draw(st.booleans()),
                turnaround_hours=draw(st.sampled_from([0, 8, 10])),
            )
        )
    return out


@st.composite
def org_lists(draw, ids):
    pairs = st.tuples(st.sampled_from(ORGS), st.sampled_from(ids))
    return RefOrgLists(
        worked=draw(st.dictionaries(pairs, st.integers(1, 9), max_size=6)),
        first_call=draw(st.dictionaries(pairs, st.integers(1, 5), max_size=4)),
        blocked=draw(st.sets(pairs, max_size=3)),
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_kernel_matches_reference(data):
    pool = data.draw(workers())
    positions = data.draw(specs())
    lists = data.draw(org_lists([w.id for w in pool]))
    w_index = index_from(pool, lists)
    p_index = build_position_index(positions, w_index)
    by_id = {w.id: w for w in pool}
    for pos, spec in enumerate(positions):
        # Every pair: the same broken rules and the same score.
        wi = np.arange(w_index.size)
        ev = evaluate(w_index, p_index, wi, np.full(len(wi), pos))
        for row in range(len(wi)):
            ref = by_id[int(w_index.ids[row])]
            broken = {name for name, mask in ev.failures.items() if mask[row]}
            assert broken == failures(ref, spec, lists)
            assert math.isclose(ev.score[row], score(ref, spec, lists), abs_tol=1e-9)
        top, ev = candidates_for(w_index, p_index, pos, k=7)
        assert [int(x) for x in w_index.ids[ev.wi[top]]] == rank_workers(pool, spec, lists, 7)
    for worker in pool:
        top, ev = gigs_for(w_index, p_index, w_index.position_of(worker.id), k=3)
        got = [int(x) for x in p_index.ids[ev.pi[top]]]
        assert got == rank_positions(worker, positions, lists, 3)
