"""Mentor suggestions on hand-built cases, and the array version against the plain one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stagedoor.engine.mentoring import (
    CADENCES,
    MODES,
    Ask,
    MentorCard,
    suggest,
    suggest_reference,
    summary,
)

# Chicago's Loop; Evanston is about 19 km north; New York about 1,150 km east.
LOOP = (41.8781, -87.6298)
WEST_LOOP = (41.8827, -87.6440)  # 1.3 km
EVANSTON = (42.0451, -87.6877)
NEW_YORK = (40.7128, -74.0060)
NAMES = {"stagehand": "Stagehand", "rigger": "Rigger", "head-rigger": "Head Rigger",
         "audio-tech": "Audio Tech"}  # fmt: skip
ROUTE = ("stagehand", "rigger")


def ask(mode="in_person", cadence="monthly", reach=50):
    return Ask("rigger", ROUTE, *LOOP, reach_km=reach, mode=mode, cadence=cadence)


def mentor(id, name, roles, where, *, mode="either", cadence="monthly", capacity=2, taken=0,
           reach=80, city="Chicago", known_for=""):  # fmt: skip
    return MentorCard(id, name, tuple(roles), *where, reach_km=reach, mode=mode, cadence=cadence,
                      capacity=capacity, taken=taken, city=city, known_for=known_for)  # fmt: skip


def test_in_person_keeps_mentors_within_both_reaches_and_drops_full_ones():
    mentors = [
        mentor(
            1,
            "Dana",
            ["rigger", "head-rigger"],
            WEST_LOOP,
            capacity=3,
            taken=2,
            known_for="Rigs arenas",
        ),
        mentor(2, "Far", ["rigger"], NEW_YORK, city="New York City"),
        mentor(3, "Full", ["rigger"], LOOP, capacity=1, taken=1),
        mentor(4, "Online only", ["rigger"], LOOP, mode="remote"),
        mentor(5, "Short reach", ["rigger"], EVANSTON, reach=10, city="Evanston"),
    ]
    found = suggest(ask(), mentors, NAMES)
    assert [s.mentor_id for s in found] == [1]
    assert found[0].distance_km == 1.3
    assert found[0].in_person is True
    assert found[0].role == "rigger"
    assert summary(found[0].reasons) == (
        "Rigs arenas in Chicago, 1 km from you; mentors toward Rigger; has room for 1 more; "
        "meets monthly"
    )


def test_remote_ignores_distance_and_in_person_only_mentors_drop_out():
    mentors = [
        mentor(2, "Far", ["rigger"], NEW_YORK, city="New York City", known_for="Rigs theatre"),
        mentor(6, "Desk", ["rigger"], LOOP, mode="in_person"),
    ]
    found = suggest(ask(mode="remote"), mentors, NAMES)
    assert [(s.mentor_id, s.distance_km, s.in_person) for s in found] == [(2, None, False)]
    assert summary(found[0].reasons) == (
        "Rigs theatre in New York City, meets online; mentors toward Rigger; "
        "has room for 2 more; meets monthly"
    )


def test_on_path_role_beats_off_path_and_the_target_beats_both():
    mentors = [
        mentor(7, "Sound", ["audio-tech"], LOOP),
        mentor(8, "Hand", ["stagehand"], WEST_LOOP),
        mentor(9, "Rig", ["rigger"], EVANSTON, city="Evanston"),
    ]
    found = suggest(ask(), mentors, NAMES)
    assert [(s.mentor_id, s.distance_km) for s in found] == [(9, 19.2), (8, 1.3), (7, 0.0)]
    assert [s.score for s in found] == [
        round(4 * 1.0 + 2 * (1 - 19.2 / 50) + 1 + 0.5, 6),
        round(4 * 0.8 + 2 * (1 - 1.3 / 50) + 1 + 0.5, 6),
        round(4 * 0.1 + 2 * 1.0 + 1 + 0.5, 6),
    ]
    assert found[1].reasons[1] == "mentors toward Stagehand, on your way to Rigger"


def test_either_prefers_meeting_in_person_then_online_and_cadence_breaks_the_rest():
    mentors = [
        mentor(10, "Remote monthly", ["rigger"], NEW_YORK, mode="remote", city="New York City"),
        mentor(11, "Near weekly", ["rigger"], WEST_LOOP, cadence="weekly"),
        mentor(
            12, "Remote quarterly", ["rigger"], NEW_YORK, city="New York City", cadence="quarterly"
        ),
    ]
    found = suggest(ask(mode="either"), mentors, NAMES)
    assert [(s.mentor_id, s.in_person) for s in found] == [(11, True), (10, False), (12, False)]
    assert [s.score for s in found] == [
        round(4 + 2 * (1 - 1.3 / 50) + (1 - 2 / 3) + 0.5, 6),
        round(4 + 2 * 0.25 + 1 + 0.5, 6),
        round(4 + 2 * 0.25 + (1 - 1 / 3) + 0.5, 6),
    ]


def test_k_and_no_mentors():
    assert suggest(ask(), [], NAMES) == []
    mentors = [mentor(i, f"M{i}", ["rigger"], LOOP) for i in range(1, 8)]
    assert [s.mentor_id for s in suggest(ask(), mentors, NAMES, k=3)] == [1, 2, 3]


ROLES = ("stagehand", "rigger", "head-rigger", "audio-tech")
coords = st.tuples(st.floats(41.0, 43.0), st.floats(-89.0, -86.0))
cards = st.builds(
    lambda i, roles, where, reach, mode, cad, cap, taken, name: MentorCard(
        i, name, tuple(sorted(roles)), *where, reach_km=reach, mode=mode, cadence=cad,
        capacity=cap, taken=min(taken, cap), city="Chicago",
    ),
    st.integers(1, 10_000),
    st.sets(st.sampled_from(ROLES), max_size=3),
    coords,
    st.integers(1, 200),
    st.sampled_from(MODES),
    st.sampled_from(CADENCES),
    st.integers(1, 4),
    st.integers(0, 4),
    st.sampled_from(["Ana", "Ben", "Cy", "Dee"]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    mentors=st.lists(cards, max_size=25, unique_by=lambda m: m.id),
    where=coords,
    reach=st.integers(1, 200),
    mode=st.sampled_from(MODES),
    cadence=st.sampled_from(CADENCES),
    target=st.sampled_from(ROLES),
    k=st.integers(1, 30),
)
def test_array_version_equals_the_reference(mentors, where, reach, mode, cadence, target, k):
    route = {"rigger": ROUTE, "head-rigger": (*ROUTE, "head-rigger")}.get(target, (target,))
    request = Ask(target, route, *where, reach_km=reach, mode=mode, cadence=cadence)
    assert suggest(request, mentors, NAMES, k=k) == suggest_reference(request, mentors, NAMES, k=k)
