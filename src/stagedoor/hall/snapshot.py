"""The frozen snapshot a dispatch run plans from: the lists with every registrant's place,
status, specialties, unavailability and busy time, and the open requests with their seats.
Saved with the run as JSON, so a grievance can see exactly what the dispatcher's screen saw."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.db.models import Q

from stagedoor.booking.models import BUSY_STATUSES, Booking, Offer
from stagedoor.engine.hall import dispatch as eng
from stagedoor.people.models import AvailabilityBlock

from . import selectors
from .models import CallRequest, ListEntry, LogEntry, Registrant


def _iv(start, end) -> tuple[dt.datetime, dt.datetime]:
    return (start, end)


def declined_today(local, now: dt.datetime) -> set[int]:
    """The registrants who answered a hall offer "not available today" earlier on `now`'s
    day in the hall's zone: every run for the rest of that day passes them over."""
    zone = zoneinfo.ZoneInfo(selectors.hall_zone(local))
    midnight = dt.datetime.combine(now.astimezone(zone).date(), dt.time(), tzinfo=zone)
    return set(
        LogEntry.objects.filter(
            local=local, kind=LogEntry.Kind.DECLINE, at__gte=midnight, at__lte=now
        ).values_list("registrant_id", flat=True)
    )


def build(local, requests: list[CallRequest], now: dt.datetime):
    """(entries, engine requests, rules) for `requests`, as the database stands now."""
    rules = selectors.rules_in_force(local, now)
    states = selectors.standings(local)
    entries_qs = ListEntry.objects.filter(
        classification__in={r.classification_id for r in requests}
    ).select_related("registrant")
    entries_db = list(entries_qs)
    workers = {e.registrant.worker_id for e in entries_db}
    if requests:
        first = min(r.position.call_start for r in requests) - dt.timedelta(days=2)
        last = max(r.position.call_end for r in requests) + dt.timedelta(days=2)
    else:
        first = last = now
    unavailable: dict[int, list] = {}
    for block in AvailabilityBlock.objects.filter(
        worker_id__in=workers,
        kind=AvailabilityBlock.Kind.UNAVAILABLE,
        starts_at__lt=last,
        ends_at__gt=first,
    ):
        unavailable.setdefault(block.worker_id, []).append(_iv(block.starts_at, block.ends_at))
    busy: dict[int, list] = {}
    window = Q(position__call_start__lt=last, position__call_end__gt=first)
    for b in Booking.objects.filter(
        window, worker_id__in=workers, status__in=BUSY_STATUSES
    ).select_related("position"):
        busy.setdefault(b.worker_id, []).append(_iv(b.position.call_start, b.position.call_end))
    for o in Offer.objects.filter(
        window, worker_id__in=workers, status=Offer.Status.PENDING
    ).select_related("position"):
        busy.setdefault(o.worker_id, []).append(_iv(o.position.call_start, o.position.call_end))
    declined = declined_today(local, now)
    entries = []
    for e in entries_db:
        reg = e.registrant
        state = states.get(reg.pk)
        on_list = state is not None and state.on_list
        status = "off" if not on_list else reg.status
        if reg.status == Registrant.Status.SUSPENDED:
            status = "suspended"
        entries.append(
            eng.Entry(
                registrant=reg.pk,
                classification=e.classification_id,
                group=e.group,
                place=tuple(selectors._sortable(p) for p in state.place) if state else (),
                status=status,
                specialties=frozenset(reg.specialties),
                unavailable=tuple(unavailable.get(reg.worker_id, ())),
                busy=tuple(busy.get(reg.worker_id, ())),
                declined_today=reg.pk in declined,
            )
        )
    registrant_of = {e.registrant.worker_id: e.registrant_id for e in entries_db}
    # Who was asked and the seats left, for every request at once: the desk previews this on
    # each visit, so its cost must not grow with the open requests.
    positions = [r.position for r in requests]
    asked_of: dict[int, set[int]] = {p.pk: set() for p in positions}
    for position_id, worker_id in Offer.objects.filter(position__in=positions).values_list(
        "position_id", "worker_id"
    ):
        if worker_id in registrant_of:
            asked_of[position_id].add(registrant_of[worker_id])
    seats = selectors.seat_counts(positions)
    eng_requests = []
    for r in requests:
        position = r.position
        asked = asked_of[position.pk]
        eng_requests.append(
            eng.Request(
                id=r.pk,
                classification=r.classification_id,
                seats=seats[position.pk][1],
                start=position.call_start,
                end=position.call_end,
                pay=pay_of(position),
                turnaround=dt.timedelta(hours=position.organisation.turnaround_hours),
                needs=frozenset(r.needs),
                by_name=tuple(sorted(reg.pk for reg in r.by_name.all())),
                asked=frozenset(asked),
            )
        )
    cap = int((rules.dispatch if rules else {}).get("by_name_cap", 1))
    return entries, eng_requests, eng.Rules(by_name_cap=cap)


def pay_of(position) -> Decimal:
    """What the whole call pays one person, to work the best-paying call first."""
    if position.pay_unit == "hour":
        return position.pay_amount * selectors.call_hours(position)
    return position.pay_amount


def as_json(entries, requests, rules) -> dict:
    def iv(rows):
        return [[a.isoformat(), b.isoformat()] for a, b in rows]

    return {
        "rules": {"by_name_cap": rules.by_name_cap},
        "entries": [
            {
                "registrant": e.registrant,
                "classification": e.classification,
                "group": e.group,
                "place": list(e.place),
                "status": e.status,
                "specialties": sorted(e.specialties),
                "unavailable": iv(e.unavailable),
                "busy": iv(e.busy),
                "declined_today": e.declined_today,
            }
            for e in entries
        ],
        "requests": [
            {
                "id": r.id,
                "classification": r.classification,
                "seats": r.seats,
                "start": r.start.isoformat(),
                "end": r.end.isoformat(),
                "pay": str(r.pay),
                "turnaround_hours": r.turnaround.total_seconds() / 3600,
                "needs": sorted(r.needs),
                "by_name": list(r.by_name),
                "asked": sorted(r.asked),
            }
            for r in requests
        ],
    }


def from_json(data: dict):
    """The engine's snapshot back from a run's record: replanning it gives the same plan."""

    def iv(rows):
        return tuple((dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)) for a, b in rows)

    entries = [
        eng.Entry(
            e["registrant"],
            e["classification"],
            e["group"],
            tuple(e["place"]),
            e["status"],
            frozenset(e["specialties"]),
            iv(e["unavailable"]),
            iv(e["busy"]),
            e.get("declined_today", False),
        )
        for e in data.get("entries", [])
    ]
    requests = [
        eng.Request(
            r["id"],
            r["classification"],
            r["seats"],
            dt.datetime.fromisoformat(r["start"]),
            dt.datetime.fromisoformat(r["end"]),
            Decimal(r["pay"]),
            dt.timedelta(hours=r["turnaround_hours"]),
            frozenset(r["needs"]),
            tuple(r["by_name"]),
            frozenset(r["asked"]),
        )
        for r in data.get("requests", [])
    ]
    return entries, requests, eng.Rules(**data.get("rules", {}))


def preview(local, now):
    """What a dispatch run would do now: {request id: [(registrant, why)]} and the skips."""
    requests = selectors.open_requests(local, now)
    entries, eng_requests, rules = build(local, requests, now)
    result = eng.plan(entries, eng_requests, rules)
    return requests, result
