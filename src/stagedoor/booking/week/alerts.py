"""The week's alerts: offers about to expire, unanswered offers, clashes and lapsing
certifications, over the calls of some organisations that have not started yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from stagedoor.core.text import in_zone
from stagedoor.gigs.labels import call_label
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.models import Certification
from stagedoor.people.models import WorkerCertification, WorkerProfile

from ..models import Booking, Offer

EXPIRING_WITHIN = dt.timedelta(hours=24)

_RELATED = (
    "position__role",
    "position__show__venue",
    "position__show__organisation",
    "position__project__venue",
    "position__project__organisation",
)


def upcoming_calls(org_ids: set[int], now: dt.datetime) -> QuerySet[Position]:
    """The organisations' calls that have not started and are not cancelled."""
    return (
        Position.objects.filter(
            Q(show__organisation_id__in=org_ids) | Q(project__organisation_id__in=org_ids),
            call_start__gt=now,
            cancelled_at__isnull=True,
        )
        .exclude(show__status=Status.CANCELLED)
        .exclude(project__status=Status.CANCELLED)
    )


def pending_offers(calls: QuerySet[Position], now: dt.datetime) -> tuple[list[Offer], list[Offer]]:
    """(about to expire, other unanswered): the pending offers on `calls`, soonest first.
    An offer is about to expire when it lapses within 24 hours."""
    offers = list(
        Offer.objects.filter(status=Offer.Status.PENDING, position__in=calls)
        .select_related("worker", *_RELATED)
        .order_by("expires_at", "pk")
    )
    soon = now + EXPIRING_WITHIN
    return [o for o in offers if o.expires_at <= soon], [o for o in offers if o.expires_at > soon]


@dataclass(frozen=True)
class Commitment:
    """A worker's live booking or pending offer, as a clash names it."""

    worker: WorkerProfile
    position: Position
    booked: bool
    ours: bool  # on a call of the organisations asked about

    def words(self) -> str:
        if not self.ours:
            return f"{'booked on' if self.booked else 'offered'} another company's call"
        return f"{'booked on' if self.booked else 'offered'} {call_label(self.position)}"


@dataclass(frozen=True)
class Clash:
    """Two of a worker's commitments that overlap or leave less than the turnaround."""

    worker: WorkerProfile
    first: Commitment
    second: Commitment

    @property
    def kind(self) -> str:
        booked = self.first.booked + self.second.booked
        return ("Two offers clash", "An offer clashes with a booking", "Booked twice")[booked]

    @property
    def words(self) -> str:
        return f"{self.worker.display_name}: {self.first.words()}, and {self.second.words()}"

    @property
    def show(self):
        """The show to open to settle it: the first of ours with one."""
        for side in (self.first, self.second):
            if side.ours and side.position.show_id:
                return side.position.show
        return None


def _commitments(worker_ids: set[int], org_ids: set[int], now: dt.datetime) -> list[Commitment]:
    window = {"worker_id__in": worker_ids, "position__call_end__gt": now}
    live = {"position__cancelled_at__isnull": True}
    rows: list[tuple[object, bool]] = [
        (b, True)
        for b in Booking.objects.filter(
            status=Booking.Status.CONFIRMED, **window, **live
        ).select_related("worker", *_RELATED)
    ] + [
        (o, False)
        for o in Offer.objects.filter(status=Offer.Status.PENDING, **window, **live).select_related(
            "worker", *_RELATED
        )
    ]
    return [
        Commitment(
            worker=row.worker,
            position=row.position,
            booked=booked,
            ours=row.position.organisation.pk in org_ids,
        )
        for row, booked in rows
    ]


def clashes(calls: QuerySet[Position], org_ids: set[int], now: dt.datetime) -> list[Clash]:
    """Workers booked or offered on `calls` who are committed twice at once: two bookings,
    an offer and a booking, or two offers whose calls overlap or leave less than the
    turnaround (the larger of the two employers' rules) between them."""
    workers = set(
        Booking.objects.filter(status=Booking.Status.CONFIRMED, position__in=calls).values_list(
            "worker_id", flat=True
        )
    ) | set(
        Offer.objects.filter(status=Offer.Status.PENDING, position__in=calls).values_list(
            "worker_id", flat=True
        )
    )
    if not workers:
        return []
    by_worker: dict[int, list[Commitment]] = {}
    for c in _commitments(workers, org_ids, now):
        by_worker.setdefault(c.worker.pk, []).append(c)
    found = []
    for items in by_worker.values():
        items.sort(key=lambda c: (c.position.call_start, not c.booked, c.position.pk))
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a.position.pk == b.position.pk or not (a.ours or b.ours):
                    continue
                rest = dt.timedelta(
                    hours=max(
                        a.position.organisation.turnaround_hours,
                        b.position.organisation.turnaround_hours,
                    )
                )
                if b.position.call_start < a.position.call_end + rest:
                    found.append(Clash(worker=a.worker, first=a, second=b))
    found.sort(key=lambda c: (c.first.position.call_start, c.worker.display_name))
    return found


@dataclass(frozen=True)
class Lapse:
    """A booked worker whose certification the call requires runs out before its day."""

    booking: Booking
    certification: Certification
    expires_on: dt.date

    @property
    def call_day(self) -> dt.date:
        position = self.booking.position
        return in_zone(position.call_start, position.timezone_name).date()


def lapses(calls: QuerySet[Position]) -> list[Lapse]:
    """Booked crew on `calls` whose every record of a certification the call requires
    expires before the call's day (venue time). A certificate is good through its expiry
    day; one with no expiry never lapses."""
    bookings = list(
        Booking.objects.filter(status=Booking.Status.CONFIRMED, position__in=calls)
        .filter(position__required_certifications__isnull=False)
        .distinct()
        .select_related("worker", *_RELATED)
        .prefetch_related("position__required_certifications")
        .order_by("position__call_start", "pk")
    )
    held: dict[tuple[int, int], list[dt.date | None]] = {}
    for row in WorkerCertification.objects.filter(
        worker_id__in={b.worker_id for b in bookings}
    ).values("worker_id", "certification_id", "expires_on"):
        held.setdefault((row["worker_id"], row["certification_id"]), []).append(row["expires_on"])
    found = []
    for booking in bookings:
        for cert in booking.position.required_certifications.all():
            expiries = held.get((booking.worker_id, cert.pk))
            if not expiries or None in expiries:
                continue
            lapse = Lapse(booking=booking, certification=cert, expires_on=max(expiries))
            if lapse.expires_on < lapse.call_day:
                found.append(lapse)
    return found
