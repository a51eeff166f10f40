"""Reads of the hall: the rules in force, standings replayed from the log, the lists as they
stand, and a registrant's own record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES, Booking, Offer
from stagedoor.engine.hall import standing as eng
from stagedoor.gigs.models import Position
from stagedoor.industry.models import Organisation

from .models import (
    GROUP_NAMES,
    CallRequest,
    Classification,
    ListEntry,
    LogEntry,
    Registrant,
    RuleVersion,
)

# Log kinds that move a standing, and the engine's names for them.
REPLAYED = {
    LogEntry.Kind.SIGN: eng.SIGN,
    LogEntry.Kind.OFFER: eng.OFFER,
    LogEntry.Kind.EMERGENCY: eng.OFFER,
    LogEntry.Kind.ACCEPT: eng.ACCEPT,
    LogEntry.Kind.PASS: eng.PASS,
    LogEntry.Kind.DECLINE: eng.DECLINE,
    LogEntry.Kind.NO_ANSWER: eng.NO_ANSWER,
    LogEntry.Kind.REJECTED: eng.REJECTED,
}
DESK_KINDS = (
    LogEntry.Kind.OFFER,
    LogEntry.Kind.EMERGENCY,
    LogEntry.Kind.ACCEPT,
    LogEntry.Kind.PASS,
    LogEntry.Kind.DECLINE,
    LogEntry.Kind.NO_ANSWER,
    LogEntry.Kind.REJECTED,
    LogEntry.Kind.REQUEST,
)
ANSWERS = (
    LogEntry.Kind.ACCEPT,
    LogEntry.Kind.PASS,
    LogEntry.Kind.DECLINE,
    LogEntry.Kind.NO_ANSWER,
)


def locals_dispatched_by(user):
    from stagedoor.industry.rules import managed_organisations

    return managed_organisations(user).filter(kind="union_local")


def rules_in_force(local: Organisation, now: dt.datetime | None = None) -> RuleVersion | None:
    now = now or timezone.now()
    return (
        RuleVersion.objects.filter(local=local, in_force_from__lte=now).order_by("-number").first()
    )


def penalty_tables(local: Organisation) -> list[tuple[dt.datetime, eng.PenaltyTable]]:
    rows = RuleVersion.objects.filter(local=local).order_by("in_force_from")
    tables = [(r.in_force_from, eng.PenaltyTable.from_data(r.penalties)) for r in rows]
    return tables or [(dt.datetime.min.replace(tzinfo=dt.UTC), eng.PenaltyTable())]


def log_events(local: Organisation) -> list[eng.Event]:
    rows = LogEntry.objects.filter(
        local=local, kind__in=list(REPLAYED), registrant__isnull=False
    ).values_list("at", "registrant_id", "kind", "hours", "pk")
    return [eng.Event(at, r, REPLAYED[kind], hours, pk) for at, r, kind, hours, pk in rows]


def standings(local: Organisation) -> dict[int, eng.Standing]:
    """Every registrant's strikes, place and roll-off, replayed from the log."""
    return eng.replay(log_events(local), penalty_tables(local))


def call_hours(position: Position) -> Decimal:
    seconds = (position.call_end - position.call_start).total_seconds()
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


def list_rows(local: Organisation, *, classification=None, group=None, status=None, q=""):
    """The lists as they stand: each entry with its registrant's standing and place number
    (1 is next in line), in dispatch order."""
    states = standings(local)
    entries = ListEntry.objects.filter(classification__local=local).select_related(
        "registrant__worker", "classification"
    )
    if classification is not None:
        entries = entries.filter(classification=classification)
    rows = []
    for entry in entries:
        state = states.get(entry.registrant_id) or eng.Standing(entry.registrant_id)
        rows.append({"entry": entry, "standing": state, "key": _order_key(entry, state)})
    rows.sort(key=lambda r: (r["entry"].classification.name, *r["key"]))
    counters: dict[int, int] = {}
    for row in rows:
        if row_status(row) not in ("off", "suspended"):
            n = counters.get(row["entry"].classification_id, 0) + 1
            counters[row["entry"].classification_id] = n
            row["place"] = n
        else:
            row["place"] = None
    if group is not None:
        rows = [r for r in rows if r["entry"].group == group]
    if status:
        rows = [r for r in rows if row_status(r) == status]
    if q:
        rows = [r for r in rows if q.lower() in r["entry"].registrant.worker.display_name.lower()]
    return rows


def _order_key(entry: ListEntry, state: eng.Standing) -> tuple:
    off = not state.on_list
    place = tuple(_sortable(p) for p in state.place)
    return (off, entry.group, place, entry.registrant_id)


def _sortable(value):
    return value.astimezone(dt.UTC).isoformat() if isinstance(value, dt.datetime) else value


def row_status(row) -> str:
    """'active', 'probation', 'suspended' or 'off' (rolled off, or not signed)."""
    registrant, state = row["entry"].registrant, row["standing"]
    if registrant.status == Registrant.Status.SUSPENDED:
        return "suspended"
    if not state.on_list:
        return "off"
    return registrant.status


STATUS_WORDS = {
    "active": "Available",
    "probation": "On probation",
    "suspended": "Suspended",
    "off": "Off the list",
}


def open_requests(local: Organisation, now: dt.datetime | None = None):
    now = now or timezone.now()
    return list(
        CallRequest.objects.filter(
            local=local,
            status=CallRequest.Status.OPEN,
            position__call_start__gt=now,
            position__cancelled_at__isnull=True,
        )
        .select_related(
            "position__show__venue",
            "position__show__organisation",
            "position__role",
            "classification",
            "position__project__organisation",
        )
        .prefetch_related(Prefetch("by_name", queryset=Registrant.objects.select_related("worker")))
    )


def seats_left(position: Position) -> int:
    booked = position.bookings.filter(status__in=BUSY_STATUSES).count()
    out = position.offers.filter(status=Offer.Status.PENDING).count()
    return max(position.headcount - booked - out, 0)


def booked_count(position: Position) -> int:
    return position.bookings.filter(status__in=BUSY_STATUSES).count()


def seat_counts(positions) -> dict[int, tuple[int, int]]:
    """(booked, seats left) of each call, as `booked_count` and `seats_left` count them, in
    two queries for any number of calls (the desk lists every open request)."""
    ids = [p.pk for p in positions]
    booked = dict(
        Booking.objects.filter(position__in=ids, status__in=BUSY_STATUSES)
        .order_by()
        .values_list("position")
        .annotate(n=Count("pk"))
    )
    out = dict(
        Offer.objects.filter(position__in=ids, status=Offer.Status.PENDING)
        .order_by()
        .values_list("position")
        .annotate(n=Count("pk"))
    )
    return {
        p.pk: (
            booked.get(p.pk, 0),
            max(p.headcount - booked.get(p.pk, 0) - out.get(p.pk, 0), 0),
        )
        for p in positions
    }


def log_of(local: Organisation, kinds=None) -> QuerySet[LogEntry]:
    """The hall's record, latest first (a page shows some of it)."""
    rows = LogEntry.objects.filter(local=local)
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    return rows.select_related("registrant__worker", "request__position__role", "actor").order_by(
        "-at", "-pk"
    )


def recent_log(local: Organisation, limit: int = 30, kinds=None):
    return list(log_of(local, kinds)[:limit])


def request_log(request: CallRequest):
    return list(request.log.select_related("registrant__worker", "actor").order_by("at", "pk"))


def classifications(local: Organisation):
    return list(Classification.objects.filter(local=local).select_related("role"))


def registrations_of(worker) -> list[Registrant]:
    return list(
        Registrant.objects.filter(worker=worker)
        .select_related("local")
        .prefetch_related(
            Prefetch("entries", queryset=ListEntry.objects.select_related("classification"))
        )
    )


def pending_offers(registrant: Registrant):
    """The hall offers waiting for her answer, with their log entries."""
    answered = LogEntry.objects.filter(registrant=registrant, kind__in=ANSWERS).values("offer_id")
    return list(
        LogEntry.objects.filter(
            registrant=registrant,
            kind__in=[LogEntry.Kind.OFFER, LogEntry.Kind.EMERGENCY],
            offer__status=Offer.Status.PENDING,
        )
        .exclude(offer_id__in=answered)
        .select_related("offer__position__show__venue", "offer__position__role", "request")
    )


def history(registrant: Registrant):
    """Her whole record at the hall, oldest first: what she is entitled to see and export."""
    return list(
        LogEntry.objects.filter(registrant=registrant)
        .select_related("request__position__role", "request__position__show__venue", "actor")
        .order_by("at", "pk")
    )


def hall_zone(local: Organisation) -> str:
    """The time zone the hall's pages read in: its jurisdiction's venues'."""
    venue = local.venues_in_jurisdiction.order_by("pk").first()
    return venue.timezone if venue is not None else "UTC"


def group_name(index: int) -> str:
    return GROUP_NAMES[index] if 0 <= index < len(GROUP_NAMES) else str(index + 1)
