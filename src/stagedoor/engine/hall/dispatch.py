"""The hiring hall's dispatch order over a frozen snapshot of its lists.

A dispatch run is a pure function: the snapshot (who stands where on each list, who is
unavailable or busy when) and the open call requests go in; the offers to send, and the
recorded reason for every registrant passed over ahead of them, come out. The hall app
builds the snapshot from the database and sends the offers through booking's services.

The order, as locals write it in their dispatch rules:

1. Requests are worked highest-paying first, then the longest call, then the oldest.
2. On each request, by-name requests come first, up to the local's cap.
3. Then the list: priority group (A before B before C), then place within the group.
4. A registrant ahead of the last one offered is skipped only for a reason: off the list,
   suspended, unavailable, booked on an overlapping call, inside the turnaround, or lacking
   a specialty the call needs. Someone already asked on this request is not asked twice.

`reference_plan` writes the same rules as plainly as possible, for the property tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# Skip reasons, in the order they are checked: the first that applies is the one recorded.
OFF_LIST = "off_list"
SUSPENDED = "suspended"
DECLINED_TODAY = "declined_today"  # answered "not available today" earlier the same day
UNAVAILABLE = "unavailable"
BOOKED = "booked"
TURNAROUND = "turnaround"
SPECIALTY = "specialty"
REASONS = (OFF_LIST, SUSPENDED, DECLINED_TODAY, UNAVAILABLE, BOOKED, TURNAROUND, SPECIALTY)

BY_NAME = "by_name"
LIST_ORDER = "list"

Interval = tuple[dt.datetime, dt.datetime]


@dataclass(frozen=True)
class Entry:
    """One registrant on one classification's list, as the snapshot froze it."""

    registrant: int
    classification: int
    group: int  # 0 is the first priority group (A, or book I)
    place: tuple  # sortable: the place within the group, derived from the log
    status: str = "active"  # active, probation, suspended, off (rolled off, not signed)
    specialties: frozenset[str] = frozenset()
    unavailable: tuple[Interval, ...] = ()
    busy: tuple[Interval, ...] = ()  # live bookings and offers out
    # Declined a hall offer ("not available today") earlier on the run's day, in the hall's
    # zone: out of every run for the rest of that day, whatever the call.
    declined_today: bool = False

    @property
    def order(self) -> tuple:
        return (self.group, self.place, self.registrant)


@dataclass(frozen=True)
class Request:
    id: int
    classification: int
    seats: int  # still open: headcount less bookings and offers out
    start: dt.datetime
    end: dt.datetime
    pay: Decimal  # what the whole call pays one person
    turnaround: dt.timedelta = dt.timedelta(hours=8)
    needs: frozenset[str] = frozenset()
    by_name: tuple[int, ...] = ()
    asked: frozenset[int] = frozenset()  # registrants already offered this call


@dataclass(frozen=True)
class Rules:
    by_name_cap: int = 1  # by-name requests honoured per call request


@dataclass(frozen=True)
class PlannedOffer:
    request: int
    registrant: int
    why: str  # BY_NAME or LIST_ORDER


@dataclass(frozen=True)
class Skip:
    request: int
    registrant: int
    reason: str


@dataclass(frozen=True)
class Plan:
    offers: tuple[PlannedOffer, ...] = ()
    skips: tuple[Skip, ...] = ()
    order: tuple[int, ...] = field(default=())  # request ids in the order worked


def request_order(requests) -> list[Request]:
    """Highest-paying first, then the longest call, then the request made first."""
    return sorted(requests, key=lambda r: (-r.pay, -(r.end - r.start), r.id))


def _touches(intervals, start, end, slack=dt.timedelta(0)) -> bool:
    return any(a - slack < end and start < b + slack for a, b in intervals)


def skip_reason(entry: Entry, request: Request, extra_busy=()) -> str | None:
    """Why `entry` cannot take `request`, or None when she can."""
    if entry.status == "off":
        return OFF_LIST
    if entry.status == "suspended":
        return SUSPENDED
    if entry.declined_today:
        return DECLINED_TODAY
    if _touches(entry.unavailable, request.start, request.end):
        return UNAVAILABLE
    busy = (*entry.busy, *extra_busy)
    if _touches(busy, request.start, request.end):
        return BOOKED
    if _touches(busy, request.start, request.end, request.turnaround):
        return TURNAROUND
    if not request.needs <= entry.specialties:
        return SPECIALTY
    return None


def plan(entries, requests, rules: Rules = Rules()) -> Plan:
    """The offers a dispatch run sends, and why each registrant ahead of them was skipped."""
    lists: dict[int, list[Entry]] = {}
    by_id: dict[tuple[int, int], Entry] = {}
    for entry in entries:
        lists.setdefault(entry.classification, []).append(entry)
        by_id[entry.registrant, entry.classification] = entry
    for rows in lists.values():
        rows.sort(key=lambda e: e.order)
    planned: dict[int, list[Interval]] = {}  # offers made in this run, per registrant
    offers: list[PlannedOffer] = []
    skips: list[Skip] = []
    worked = request_order(requests)
    for request in worked:
        seats = request.seats
        taken: set[int] = set(request.asked)
        named = [r for r in dict.fromkeys(request.by_name) if r not in taken][: rules.by_name_cap]
        for registrant in named:
            if seats <= 0:
                break
            entry = by_id.get((registrant, request.classification))
            if entry is None:
                continue
            taken.add(registrant)
            reason = skip_reason(entry, request, planned.get(registrant, ()))
            if reason:
                skips.append(Skip(request.id, registrant, reason))
                continue
            offers.append(PlannedOffer(request.id, registrant, BY_NAME))
            planned.setdefault(registrant, []).append((request.start, request.end))
            seats -= 1
        for entry in lists.get(request.classification, ()):
            if seats <= 0:
                break
            if entry.registrant in taken:
                continue
            taken.add(entry.registrant)
            reason = skip_reason(entry, request, planned.get(entry.registrant, ()))
            if reason:
                skips.append(Skip(request.id, entry.registrant, reason))
                continue
            offers.append(PlannedOffer(request.id, entry.registrant, LIST_ORDER))
            planned.setdefault(entry.registrant, []).append((request.start, request.end))
            seats -= 1
    return Plan(tuple(offers), tuple(skips), tuple(r.id for r in worked))


def reference_plan(entries, requests, rules: Rules = Rules()) -> Plan:
    """The same rules written as plainly as possible: no sorting of lists, no indexes. For
    each request (picked by scanning for the best-paying remaining one) and each seat, look
    through the whole list for the first person not yet considered."""
    entries = list(entries)
    remaining = list(requests)
    offers: list[PlannedOffer] = []
    skips: list[Skip] = []
    order: list[int] = []

    def better(a: Request, b: Request) -> bool:
        if a.pay != b.pay:
            return a.pay > b.pay
        if (a.end - a.start) != (b.end - b.start):
            return (a.end - a.start) > (b.end - b.start)
        return a.id < b.id

    def ahead(a: Entry, b: Entry) -> bool:
        if a.group != b.group:
            return a.group < b.group
        if a.place != b.place:
            return a.place < b.place
        return a.registrant < b.registrant

    def calls_offered(registrant: int) -> list[Request]:
        ids = [o.request for o in offers if o.registrant == registrant]
        return [r for r in requests if r.id in ids]

    def why_not(entry: Entry, request: Request) -> str | None:
        if entry.status == "off":
            return OFF_LIST
        if entry.status == "suspended":
            return SUSPENDED
        if entry.declined_today:
            return DECLINED_TODAY
        for a, b in entry.unavailable:
            if a < request.end and request.start < b:
                return UNAVAILABLE
        busy = list(entry.busy) + [(r.start, r.end) for r in calls_offered(entry.registrant)]
        for a, b in busy:
            if a < request.end and request.start < b:
                return BOOKED
        gap = request.turnaround
        for a, b in busy:
            if a - gap < request.end and request.start < b + gap:
                return TURNAROUND
        for need in request.needs:
            if need not in entry.specialties:
                return SPECIALTY
        return None

    while remaining:
        request = remaining[0]
        for other in remaining:
            if better(other, request):
                request = other
        remaining.remove(request)
        order.append(request.id)
        considered = set(request.asked)
        filled = 0
        named_used = 0
        seen_names: list[int] = []
        for registrant in request.by_name:
            if registrant in seen_names or registrant in request.asked:
                continue
            seen_names.append(registrant)
            if named_used == rules.by_name_cap or filled == request.seats:
                break
            named_used += 1
            mine = [
                e
                for e in entries
                if e.registrant == registrant and e.classification == request.classification
            ]
            if not mine:
                continue
            considered.add(registrant)
            reason = why_not(mine[0], request)
            if reason is None:
                offers.append(PlannedOffer(request.id, registrant, BY_NAME))
                filled += 1
            else:
                skips.append(Skip(request.id, registrant, reason))
        while filled < request.seats:
            best = None
            for entry in entries:
                if entry.classification != request.classification:
                    continue
                if entry.registrant in considered:
                    continue
                if best is None or ahead(entry, best):
                    best = entry
            if best is None:
                break
            considered.add(best.registrant)
            reason = why_not(best, request)
            if reason is None:
                offers.append(PlannedOffer(request.id, best.registrant, LIST_ORDER))
                filled += 1
            else:
                skips.append(Skip(request.id, best.registrant, reason))
    return Plan(tuple(offers), tuple(skips), tuple(order))


def ahead_available(entries, request_classification: int, registrant: int, offered) -> int:
    """How many people ahead of `registrant` on the list were offered the call: the
    "list order: 14 people ahead of you were available" a registrant reads."""
    rows = [e for e in entries if e.classification == request_classification]
    mine = next((e for e in rows if e.registrant == registrant), None)
    if mine is None:
        return 0
    offered = set(offered)
    return sum(1 for e in rows if e.order < mine.order and e.registrant in offered)
