"""Score mentors for one request.

A mentor fits when they can meet the way the newcomer asked (in person needs each of them
within the other's reach; remote ignores distance) and has room for one more mentee. Among
those, the score weighs, in this order of weight:

- role path: a mentor of the target role itself is best; one who mentors toward a role on
  the newcomer's route to it comes next (the nearer the target, the better); any other role
  counts for little;
- place: for meeting in person, the nearer the better (as a share of the shorter reach);
- cadence: how close the mentor's rhythm (weekly ... quarterly) is to the one asked for;
- room: the share of the mentor's places still free.

`suggest` works on arrays; `suggest_reference` is the same rule written plainly, one mentor
at a time, and a property test keeps the two equal.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..geo import haversine_km, haversine_km_pairs

MODES = ("in_person", "remote", "either")
CADENCES = ("weekly", "fortnightly", "monthly", "quarterly")
CADENCE_WORDS = {
    "weekly": "meets weekly",
    "fortnightly": "meets every two weeks",
    "monthly": "meets monthly",
    "quarterly": "meets every three months",
}

W_ROLE, W_PLACE, W_CADENCE, W_ROOM = 4.0, 2.0, 1.0, 0.5
TARGET_FIT, OFF_PATH_FIT = 1.0, 0.1
REMOTE_PLACE = 0.25  # an "either" request met remotely: better than nothing, worse than near


@dataclass(frozen=True)
class MentorCard:
    """One open mentor offer, as plain data. `roles` are the role slugs they mentor toward;
    `taken` is how many mentees they have now; `reach_km` how far they travel to meet."""

    id: int
    name: str
    roles: tuple[str, ...]
    latitude: float
    longitude: float
    reach_km: float
    mode: str
    cadence: str
    capacity: int
    taken: int
    city: str = ""
    known_for: str = ""  # "Rigs arenas": their trade in a few words, from their credits


@dataclass(frozen=True)
class Ask:
    """A newcomer's request: the target role, the route to it (role slugs, first to target),
    where they are and how far they travel, how they want to meet and how often."""

    target: str
    route: tuple[str, ...]
    latitude: float
    longitude: float
    reach_km: float
    mode: str
    cadence: str


@dataclass(frozen=True)
class Suggestion:
    mentor_id: int
    score: float
    distance_km: float | None  # None when they would meet remotely
    in_person: bool
    role: str  # the role of theirs that fits best
    reasons: tuple[str, ...]


def _role_fit(slug: str, ask: Ask) -> float:
    if slug == ask.target:
        return TARGET_FIT
    before = [r for r in ask.route if r != ask.target]
    if slug in before:
        # 0.5 for the first role of the route, rising to 0.8 just before the target
        return 0.5 + 0.3 * (before.index(slug) + 1) / len(before)
    return OFF_PATH_FIT


def _cadence_fit(a: str, b: str) -> float:
    return 1.0 - abs(CADENCES.index(a) - CADENCES.index(b)) / (len(CADENCES) - 1)


def _meets(ask_mode: str, mentor_mode: str, distance: float, reach: float) -> bool | None:
    """True to meet in person, False to meet remotely, None when they cannot meet."""
    can_in_person = mentor_mode in ("in_person", "either") and distance <= reach
    can_remote = mentor_mode in ("remote", "either")
    if ask_mode == "in_person":
        return True if can_in_person else None
    if ask_mode == "remote":
        return False if can_remote else None
    if can_in_person:
        return True
    return False if can_remote else None


def _km(value: float) -> float:
    return round(float(value), 1)


def _reasons(card: MentorCard, ask: Ask, role: str, in_person: bool, km: float, names) -> tuple:
    """The suggestion in plain words, one phrase per reason."""
    where = f"{card.known_for} in {card.city}" if card.known_for else f"Based in {card.city}"
    if in_person:
        where += ", under 1 km from you" if km < 1 else f", {km:.0f} km from you"
    else:
        where += ", meets online"
    role_name = names.get(role, role)
    if role != ask.target and role in ask.route:
        path = f"mentors toward {role_name}, on your way to {names.get(ask.target, ask.target)}"
    else:
        path = f"mentors toward {role_name}"
    left = card.capacity - card.taken
    return (where, path, f"has room for {left} more", CADENCE_WORDS[card.cadence])


def summary(reasons: Sequence[str]) -> str:
    """The reasons as one line: "Rigs arenas in Chicago, 4 km from you; mentors toward ..."."""
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:]


def suggest(
    ask: Ask, mentors: Sequence[MentorCard], names: Mapping[str, str] | None = None, k: int = 5
) -> list[Suggestion]:
    """The best `k` mentors for `ask`, best first; ties by distance, then name, then id.
    `names` turns role slugs into the words the reasons use."""
    names = names or {}
    n = len(mentors)
    if n == 0 or k <= 0:
        return []
    lats = np.fromiter((m.latitude for m in mentors), float, n)
    lons = np.fromiter((m.longitude for m in mentors), float, n)
    raw = haversine_km_pairs(np.full(n, ask.latitude), np.full(n, ask.longitude), lats, lons)
    km = np.array([_km(x) for x in raw])
    reach = np.minimum(np.fromiter((m.reach_km for m in mentors), float, n), ask.reach_km)
    capacity = np.fromiter((m.capacity for m in mentors), float, n)
    taken = np.fromiter((m.taken for m in mentors), float, n)
    mode = np.array([MODES.index(m.mode) for m in mentors])
    mentor_in_person = mode != MODES.index("remote")
    mentor_remote = mode != MODES.index("in_person")
    near = mentor_in_person & (km <= reach)
    if ask.mode == "in_person":
        in_person, can = near, near
    elif ask.mode == "remote":
        in_person, can = np.zeros(n, bool), mentor_remote
    else:
        in_person, can = near, near | mentor_remote
    can &= taken < capacity
    fits = {slug: _role_fit(slug, ask) for slug in {r for m in mentors for r in m.roles}}
    best_of: dict[tuple[str, ...], str] = {}
    for roles in {m.roles for m in mentors}:
        best_of[roles] = min(roles, key=lambda r: (-fits[r], r)) if roles else ""
    best_role = [best_of[m.roles] for m in mentors]
    role_fit = np.array([fits.get(r, 0.0) for r in best_role])
    can &= role_fit > 0
    ask_c = CADENCES.index(ask.cadence)
    cad = np.array([CADENCES.index(m.cadence) for m in mentors])
    cadence_fit = 1.0 - np.abs(cad - ask_c) / (len(CADENCES) - 1)
    place = np.where(in_person, 1.0 - km / np.maximum(reach, 1.0), 0.0)
    if ask.mode == "either":
        place = np.where(in_person, place, REMOTE_PLACE)
    room = (capacity - taken) / np.maximum(capacity, 1.0)
    # The same operations in the same order as the reference, so the floats are identical
    # and the order (which compares them) is too; only the shown score is rounded.
    score = (W_ROLE * role_fit + W_PLACE * place + W_CADENCE * cadence_fit + W_ROOM * room).tolist()
    idx = np.flatnonzero(can)
    shown_km = np.where(in_person, km, np.inf)
    order = heapq.nsmallest(
        k, idx.tolist(), key=lambda i: (-score[i], shown_km[i], mentors[i].name, mentors[i].id)
    )
    return [
        Suggestion(
            mentor_id=mentors[i].id,
            score=round(score[i], 6),
            distance_km=float(km[i]) if in_person[i] else None,
            in_person=bool(in_person[i]),
            role=best_role[i],
            reasons=_reasons(mentors[i], ask, best_role[i], bool(in_person[i]), km[i], names),
        )
        for i in order
    ]


def suggest_reference(
    ask: Ask, mentors: Sequence[MentorCard], names: Mapping[str, str] | None = None, k: int = 5
) -> list[Suggestion]:
    """`suggest`, one mentor at a time with no arrays: the rule as written above."""
    names = names or {}
    name_of = {m.id: m.name for m in mentors}
    found = []
    for m in mentors:
        if m.taken >= m.capacity or not m.roles:
            continue
        km = _km(haversine_km(ask.latitude, ask.longitude, m.latitude, m.longitude))
        reach = min(m.reach_km, ask.reach_km)
        meet = _meets(ask.mode, m.mode, km, reach)
        if meet is None:
            continue
        fit, role = -1.0, ""
        for r in sorted(m.roles):
            if _role_fit(r, ask) > fit:
                fit, role = _role_fit(r, ask), r
        if meet:
            place = 1.0 - km / max(reach, 1.0)
        elif ask.mode == "either":
            place = REMOTE_PLACE
        else:
            place = 0.0
        score = (
            W_ROLE * fit
            + W_PLACE * place
            + W_CADENCE * _cadence_fit(m.cadence, ask.cadence)
            + W_ROOM * (m.capacity - m.taken) / max(m.capacity, 1)
        )
        found.append(
            Suggestion(
                mentor_id=m.id,
                score=score,
                distance_km=km if meet else None,
                in_person=meet,
                role=role,
                reasons=_reasons(m, ask, role, meet, km, names),
            )
        )
    found.sort(
        key=lambda s: (
            -s.score,
            s.distance_km if s.distance_km is not None else float("inf"),
            name_of[s.mentor_id],
            s.mentor_id,
        )
    )
    return [replace(s, score=round(s.score, 6)) for s in found[:k]]
