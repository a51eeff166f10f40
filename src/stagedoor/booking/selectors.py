"""Reads for the booking rules, the staffing board, the worker's inbox and schedule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from stagedoor.gigs.models import Interest, Position, Show, StudioProject
from stagedoor.people.models import WorkerProfile

from .models import BUSY_STATUSES, Booking, Hold, Notification, Offer, PositionEvent, Timesheet


def live_bookings(position: Position) -> int:
    return position.bookings.filter(status__in=BUSY_STATUSES).count()


def clashes(worker: WorkerProfile, position: Position) -> list[Booking]:
    """The worker's live bookings that overlap the call or break the turnaround around it."""
    rest = dt.timedelta(hours=position.organisation.turnaround_hours)
    return list(
        Booking.objects.filter(
            worker=worker,
            status__in=BUSY_STATUSES,
            position__call_start__lt=position.call_end + rest,
            position__call_end__gt=position.call_start - rest,
        )
        .exclude(position=position)
        .select_related("position__role", "position__show__venue", "position__project")
    )


def overlaps(a: Position, b: Position, rest_hours: int) -> bool:
    """Whether two calls overlap or leave less than `rest_hours` between them."""
    rest = dt.timedelta(hours=rest_hours)
    return a.call_start < b.call_end + rest and a.call_end > b.call_start - rest


_CALL_RELATED = (
    "position__role",
    "position__show__venue",
    "position__show__organisation",
    "position__project__venue",
    "position__project__organisation",
)


def clashing_offers(worker: WorkerProfile, position: Position) -> list[Offer]:
    """The worker's pending offers on other calls that could no longer be accepted once she
    is booked on `position`: each is measured with its own call's turnaround, the rule its
    accept would be checked against."""
    pending = (
        Offer.objects.filter(worker=worker, status=Offer.Status.PENDING)
        .exclude(position=position)
        .select_related(*_CALL_RELATED)
        .order_by("position__call_start", "pk")
    )
    return [
        o
        for o in pending
        if overlaps(o.position, position, o.position.organisation.turnaround_hours)
    ]


def clashing_holds(worker: WorkerProfile, position: Position) -> list[Hold]:
    """The worker's active holds on other calls that she could no longer be booked on once
    she is booked on `position`, each measured with its own call's turnaround."""
    active = (
        Hold.objects.filter(worker=worker, status=Hold.Status.ACTIVE)
        .exclude(position=position)
        .select_related(*_CALL_RELATED)
        .order_by("position__call_start", "pk")
    )
    return [
        h
        for h in active
        if overlaps(h.position, position, h.position.organisation.turnaround_hours)
    ]


@dataclass
class BoardRow:
    position: Position
    bookings: list[Booking]
    offers: list[Offer]  # pending
    holds: list[tuple[Hold, int]]  # active, with the worker's hold rank
    closed_offers: list[Offer]
    events: list[PositionEvent]
    open_seats: int = 0
    uncovered: int = 0  # open seats without a pending offer
    cancelled_bookings: list[Booking] = field(default_factory=list)
    interested: list[WorkerProfile] = field(default_factory=list)  # said "I'm interested"

    @property
    def full(self) -> bool:
        return self.open_seats == 0


@dataclass
class Board:
    parent: Show | StudioProject
    rows: list[BoardRow]
    totals: dict[str, int] = field(default_factory=dict)


def _hold_ranks(holds: list[Hold]) -> dict[int, int]:
    """Rank of each hold among active holds on the same worker for overlapping calls."""
    if not holds:
        return {}
    workers = {h.worker_id for h in holds}
    others = list(
        Hold.objects.filter(worker_id__in=workers, status=Hold.Status.ACTIVE)
        .select_related("position")
        .order_by("created_at", "pk")
    )
    by_worker: dict[int, list[Hold]] = defaultdict(list)
    for h in others:
        by_worker[h.worker_id].append(h)
    ranks = {}
    for hold in holds:
        p = hold.position
        ahead = 0
        for other in by_worker[hold.worker_id]:
            if other.pk == hold.pk:
                break
            q = other.position
            if q.call_start < p.call_end and q.call_end > p.call_start:
                ahead += 1
        ranks[hold.pk] = ahead + 1
    return ranks


def staffing_board(parent: Show | StudioProject) -> Board:
    """Every position of a show or project with its bookings, offers, holds and history."""
    worker_qs = WorkerProfile.objects.only("pk", "slug", "display_name", "phone", "user_id")
    positions = list(
        parent.positions.select_related("role")
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=Booking.objects.select_related("worker").order_by("created_at", "pk"),
            ),
            Prefetch(
                "offers",
                queryset=Offer.objects.select_related("worker").order_by("created_at", "pk"),
            ),
            Prefetch(
                "holds",
                queryset=Hold.objects.filter(status=Hold.Status.ACTIVE)
                .select_related("position")
                .prefetch_related(Prefetch("worker", queryset=worker_qs))
                .order_by("created_at", "pk"),
            ),
            Prefetch(
                "interests",
                queryset=Interest.objects.prefetch_related(Prefetch("worker", queryset=worker_qs)),
            ),
            Prefetch(
                "events",
                queryset=PositionEvent.objects.select_related("actor", "worker").order_by(
                    "-at", "-pk"
                ),
            ),
        )
        .order_by("call_start", "role__name", "pk")
    )
    all_holds = [h for p in positions for h in p.holds.all()]
    ranks = _hold_ranks(all_holds)
    rows, totals = [], {"seats": 0, "booked": 0, "offers": 0, "holds": 0}
    for p in positions:
        live = [b for b in p.bookings.all() if b.status in BUSY_STATUSES]
        pending = [o for o in p.offers.all() if o.status == Offer.Status.PENDING]
        closed = [o for o in p.offers.all() if o.status != Offer.Status.PENDING]
        holds = [(h, ranks[h.pk]) for h in p.holds.all()]
        # A cancelled call has no seats to fill; its cancelled bookings stay in view.
        open_seats = 0 if p.is_cancelled else max(0, p.headcount - len(live))
        rows.append(
            BoardRow(
                position=p,
                bookings=live,
                offers=pending,
                holds=holds,
                closed_offers=closed,
                events=list(p.events.all())[:12],
                open_seats=open_seats,
                uncovered=max(0, open_seats - len(pending)),
                cancelled_bookings=[
                    b for b in p.bookings.all() if b.status == Booking.Status.CANCELLED
                ],
                interested=[i.worker for i in p.interests.all()],
            )
        )
        totals["seats"] += 0 if p.is_cancelled else p.headcount
        totals["booked"] += len(live)
        totals["offers"] += len(pending)
        totals["holds"] += len(holds)
    return Board(parent, rows, totals)


POSITION_RELATED = (
    "position__role",
    "position__show__venue",
    "position__show__organisation",
    "position__project__organisation",
    "position__project__venue",
)


@dataclass
class InboxOffer:
    offer: Offer
    clashes: list[Booking]
    full: bool


def pending_offers(worker: WorkerProfile, now: dt.datetime | None = None) -> list[InboxOffer]:
    """Offers waiting for the worker's answer, soonest expiry first, with clashes named."""
    now = now or timezone.now()
    offers = list(
        Offer.objects.filter(worker=worker, status=Offer.Status.PENDING, expires_at__gt=now)
        .select_related(*POSITION_RELATED)
        .order_by("expires_at", "pk")
    )
    if not offers:
        return []
    booked = list(
        Booking.objects.filter(worker=worker, status__in=BUSY_STATUSES).select_related(
            *POSITION_RELATED
        )
    )
    live_by_position: dict[int, int] = defaultdict(int)
    for pid in Booking.objects.filter(
        position__in=[o.position_id for o in offers], status__in=BUSY_STATUSES
    ).values_list("position_id", flat=True):
        live_by_position[pid] += 1
    out = []
    for offer in offers:
        p = offer.position
        rest = dt.timedelta(hours=p.organisation.turnaround_hours)
        clashes = [
            b
            for b in booked
            if b.position_id != p.pk
            and b.position.call_start < p.call_end + rest
            and b.position.call_end > p.call_start - rest
        ]
        out.append(InboxOffer(offer, clashes, live_by_position[p.pk] >= p.headcount))
    return out


def past_offers(worker: WorkerProfile, now: dt.datetime | None = None) -> QuerySet[Offer]:
    """Offers answered, withdrawn or expired, latest first (a page shows some of them)."""
    now = now or timezone.now()
    return (
        Offer.objects.filter(worker=worker)
        .filter(~Q(status=Offer.Status.PENDING) | Q(expires_at__lte=now))
        .select_related(*POSITION_RELATED)
        .order_by("-created_at", "-pk")
    )


def notifications(user) -> QuerySet[Notification]:
    """The user's notifications, latest first (a page or the API shows some of them)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def schedule(
    worker: WorkerProfile, now: dt.datetime | None = None
) -> tuple[QuerySet[Booking], QuerySet[Booking]]:
    """(upcoming, past) live bookings of a worker; upcoming soonest first, past latest
    first. Querysets, so a page loads only the rows it shows."""
    now = now or timezone.now()
    qs = (
        Booking.objects.filter(worker=worker)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related(*POSITION_RELATED)
    )
    upcoming = qs.filter(position__call_end__gt=now).order_by("position__call_start", "pk")
    past = qs.filter(position__call_end__lte=now).order_by("-position__call_start", "-pk")
    return upcoming, past


def cancelled_bookings(worker: WorkerProfile) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(worker=worker, status=Booking.Status.CANCELLED)
        .select_related(*POSITION_RELATED)
        .order_by("-cancelled_at", "-pk")
    )


def sheet_of(booking: Booking) -> Timesheet | None:
    return Timesheet.objects.filter(booking=booking).select_related("approved_by").first()
