"""Strikes, places and roll-offs, derived by replaying the hall's append-only log.

Nothing here is a counter someone can edit: a registrant's standing is whatever the log of
signings, offers and answers adds up to under the penalty table in force at each event. A
local's table is data:

- `free_turndowns`: turndowns (declines, and no answer by the deadline) that cost nothing;
- past those, each turndown sends the registrant to the bottom of her group (`to_bottom`);
- `roll_off_at`: the turndown that takes her off the list until she signs again
  (3: the third turndown rolls her off);
- `pass_counts`: whether a pass ("not this call, still available today") is a turndown;
- `short_call_hours`: a call of at most this many hours keeps her place on the list; a
  longer one sends her to the bottom (she is working, and signs again when it ends);
- `rejection_restores`: an employer's rejection gives back the place the call took.

Places are sortable keys: the moment that put her where she stands (her signing, or the
event that sent her to the bottom). Lower is nearer the top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

SIGN = "sign"
OFFER = "offer"
ACCEPT = "accept"
PASS = "pass"
DECLINE = "decline"
NO_ANSWER = "no_answer"
REJECTED = "rejected"
KINDS = (SIGN, OFFER, ACCEPT, PASS, DECLINE, NO_ANSWER, REJECTED)


@dataclass(frozen=True)
class PenaltyTable:
    free_turndowns: int = 2
    roll_off_at: int = 3
    to_bottom: bool = True
    pass_counts: bool = False
    short_call_hours: Decimal = Decimal("8")
    rejection_restores: bool = True

    @classmethod
    def from_data(cls, data: dict) -> PenaltyTable:
        return cls(
            free_turndowns=int(data.get("free_turndowns", 2)),
            roll_off_at=int(data.get("roll_off_at", 3)),
            to_bottom=bool(data.get("to_bottom", True)),
            pass_counts=bool(data.get("pass_counts", False)),
            short_call_hours=Decimal(str(data.get("short_call_hours", "8"))),
            rejection_restores=bool(data.get("rejection_restores", True)),
        )


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    registrant: int
    kind: str
    hours: Decimal = Decimal("0")  # the call's length, on offers, accepts and rejections
    seq: int = 0  # the log's own order, for events at the same moment


@dataclass(frozen=True)
class Standing:
    registrant: int
    signed: bool = False
    place: tuple = ()
    strikes: int = 0
    rolled_off: bool = False
    short_call_hours: Decimal = Decimal("0")
    offers: int = 0
    accepts: int = 0
    before_call: tuple = field(default=())  # the place a long call took, for a rejection

    @property
    def on_list(self) -> bool:
        return self.signed and not self.rolled_off


def table_at(tables, at: dt.datetime) -> PenaltyTable:
    """The table in force at `at`: `tables` is [(in force from, table)], any order."""
    current = None
    for start, table in sorted(tables, key=lambda pair: pair[0]):
        if start <= at:
            current = table
    if current is None:
        return sorted(tables, key=lambda pair: pair[0])[0][1]
    return current


def _turndown(state: Standing, event: Event, table: PenaltyTable) -> Standing:
    strikes = state.strikes + 1
    if strikes >= table.roll_off_at:
        return replace(state, strikes=strikes, rolled_off=True)
    if strikes > table.free_turndowns and table.to_bottom:
        return replace(state, strikes=strikes, place=(event.at, event.seq))
    return replace(state, strikes=strikes)


def step(state: Standing, event: Event, table: PenaltyTable) -> Standing:
    """One event's effect on one registrant's standing."""
    if event.kind == SIGN:
        return replace(state, signed=True, rolled_off=False, strikes=0, place=(event.at, event.seq))
    if event.kind == OFFER:
        return replace(state, offers=state.offers + 1)
    if event.kind == ACCEPT:
        state = replace(state, accepts=state.accepts + 1)
        if event.hours <= table.short_call_hours:
            return replace(state, short_call_hours=state.short_call_hours + event.hours)
        return replace(state, before_call=state.place, place=(event.at, event.seq))
    if event.kind in (DECLINE, NO_ANSWER) or (event.kind == PASS and table.pass_counts):
        return _turndown(state, event, table)
    if event.kind == REJECTED and table.rejection_restores:
        if event.hours <= table.short_call_hours:
            return replace(state, short_call_hours=state.short_call_hours - event.hours)
        if state.before_call:
            return replace(state, place=state.before_call, before_call=())
    return state


def replay(events, tables) -> dict[int, Standing]:
    """Every registrant's standing after the log `events` (any order: sorted by time and
    the log's sequence), under the tables in force at each event."""
    if isinstance(tables, PenaltyTable):
        tables = [(dt.datetime.min.replace(tzinfo=dt.UTC), tables)]
    states: dict[int, Standing] = {}
    for event in sorted(events, key=lambda e: (e.at, e.seq)):
        state = states.get(event.registrant) or Standing(event.registrant)
        states[event.registrant] = step(state, event, table_at(tables, event.at))
    return states


def acceptance_rate(events, registrant: int, since: dt.datetime) -> float | None:
    """Accepted offers over offers made since `since`, or None with no offers."""
    offers = accepts = 0
    for event in events:
        if event.registrant != registrant or event.at < since:
            continue
        offers += event.kind == OFFER
        accepts += event.kind == ACCEPT
    return accepts / offers if offers else None


@dataclass(frozen=True)
class Facts:
    """What placement rules read about a registrant."""

    registrant: int
    years: int
    hours_last_year: Decimal
    exam: bool
    acceptance: float | None


def placement(facts: Facts, groups: list[dict]) -> int:
    """The first group (0 = A) whose conditions `facts` meet; the last group takes the rest.
    Each group is {"name", "min_years", "min_hours", "exam", "min_acceptance"}, any optional."""
    for index, group in enumerate(groups):
        if facts.years < int(group.get("min_years", 0)):
            continue
        if facts.hours_last_year < Decimal(str(group.get("min_hours", 0))):
            continue
        if group.get("exam") and not facts.exam:
            continue
        minimum = group.get("min_acceptance")
        if minimum is not None and facts.acceptance is not None and facts.acceptance < minimum:
            continue
        return index
    return max(len(groups) - 1, 0)
