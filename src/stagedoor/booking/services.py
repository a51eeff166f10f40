"""Holds, offers and bookings: the writes that must never double-book anyone.

Every write that can create a booking runs in one transaction that first locks the rows
it depends on, always in the same order (positions by id, then workers by id, as pretix
sorts its quota locks), then checks the rules against the locked state:

- a position never has more live bookings than its headcount;
- a worker never holds two live bookings that overlap or leave less rest between them
  than the organisation's turnaround;
- an offer is accepted at most once (also a one-to-one key in the database).

When a position loses someone (a decline, an expiry, a cancellation) and the manager has
switched auto-backfill on, the seat is offered to the next eligible candidate from the
matching ranking, and every step lands in the position's history.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from stagedoor.core.permissions import OPERATOR
from stagedoor.core.validation import Errors, check_aware
from stagedoor.gigs.models import Position, Status
from stagedoor.industry.enums import MANAGING_ROLES
from stagedoor.industry.rules import can_manage, require_manager
from stagedoor.people.models import WorkerProfile

from .access import require_worker
from .models import BUSY_STATUSES, Booking, Hold, Notification, Offer, PositionEvent
from .notifications import notify, notify_many

DEFAULT_OFFER_HOURS = 48
MIN_OFFER_MINUTES = 15
REMIND_BEFORE = dt.timedelta(hours=6)


# --- locking and the rules ---------------------------------------------------------------


def _lock(*, positions: list[int], workers: list[int]) -> None:
    """Row locks in a fixed order: positions by id, then workers by id."""
    if not settings.STAGEDOOR_BOOKING_LOCKS:
        return
    list(
        Position.objects.select_for_update()
        .filter(pk__in=sorted(set(positions)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    list(
        WorkerProfile.objects.select_for_update()
        .filter(pk__in=sorted(set(workers)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _when(position: Position) -> str:
    return _local(position.call_start, position)


def _parent_name(position: Position) -> str:
    if position.show_id:
        show = position.show
        return f"{show.artist} at {show.venue.name}"
    return position.project.title


def _label(position: Position) -> str:
    return f"{position.display_title}, {_parent_name(position)}, {_when(position)}"


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


def _check_open(errors: Errors, position: Position, now: dt.datetime) -> None:
    parent = position.show or position.project
    if parent.status == Status.CANCELLED:
        errors.add("position", "The show was cancelled.")
    elif position.call_start <= now:
        errors.add("position", "The call has already started.")


def _check_bookable(errors: Errors, position: Position, worker: WorkerProfile, now) -> None:
    """The rules a new booking must pass; call with the position and worker locked."""
    _check_open(errors, position, now)
    booked = live_bookings(position)
    if booked >= position.headcount:
        errors.add(
            "position",
            "The only seat of this call is already booked."
            if position.headcount == 1
            else f"All {position.headcount} seats of this call are already booked.",
        )
    if position.bookings.filter(worker=worker, status__in=BUSY_STATUSES).exists():
        errors.add("worker", f"{worker.display_name} is already booked on this call.")
    for other in clashes(worker, position):
        errors.add(
            "worker",
            f"{worker.display_name} is booked on {_label(other.position)}, which overlaps "
            f"this call or leaves less than the {position.organisation.turnaround_hours} h "
            "turnaround.",
        )


def _event(position, kind, message, *, actor=None, worker=None) -> PositionEvent:
    user = actor if getattr(actor, "pk", None) else None
    return PositionEvent.objects.create(
        position=position, kind=kind, message=message[:500], actor=user, worker=worker
    )


def _managers(position: Position):
    org = position.organisation

    return [
        m.user for m in org.membership_set.filter(role__in=MANAGING_ROLES).select_related("user")
    ]


def _board_url(position: Position) -> str:
    if position.show_id:
        return reverse("booking:board", args=[position.show.slug])
    return reverse("booking:project-board", args=[position.project.slug])


# --- holds --------------------------------------------------------------------------------


@transaction.atomic
def hold_create(*, actor, position: Position, worker: WorkerProfile, note: str = "") -> Hold:
    """Pencil a worker in for a position. Its rank (1st, 2nd, 3rd hold) follows the trade:
    holds by others on overlapping calls that came first rank ahead of it."""
    require_manager(actor, position.organisation, "hold crew for its positions")
    _lock(positions=[position.pk], workers=[worker.pk])
    errors = Errors()
    _check_open(errors, position, timezone.now())
    if position.holds.filter(worker=worker, status=Hold.Status.ACTIVE).exists():
        errors.add("worker", f"{worker.display_name} is already held for this call.")
    if position.bookings.filter(worker=worker, status__in=BUSY_STATUSES).exists():
        errors.add("worker", f"{worker.display_name} is already booked on this call.")
    if len(note) > 300:
        errors.add("note", "At most 300 characters.")
    errors.raise_if_any()
    hold = Hold.objects.create(
        position=position, worker=worker, note=note, created_by=actor_user(actor)
    )
    rank = hold_rank(hold)
    _event(
        position,
        PositionEvent.Kind.HELD,
        f"{worker.display_name} held ({ordinal(rank)} hold).",
        actor=actor,
        worker=worker,
    )
    return hold


@transaction.atomic
def hold_release(*, actor, hold: Hold) -> Hold:
    require_manager(actor, hold.position.organisation, "release holds on its positions")
    if hold.status != Hold.Status.ACTIVE:
        errors = Errors()
        errors.add("hold", "This hold is no longer active.")
        errors.raise_if_any()
    hold.status, hold.closed_at = Hold.Status.RELEASED, timezone.now()
    hold.save(update_fields=["status", "closed_at"])
    _event(
        hold.position,
        PositionEvent.Kind.RELEASED,
        f"Hold on {hold.worker.display_name} released.",
        actor=actor,
        worker=hold.worker,
    )
    return hold


def hold_rank(hold: Hold) -> int:
    """1 + the active holds on the same worker, for overlapping calls, made before this one."""
    p = hold.position
    earlier = Hold.objects.filter(
        worker_id=hold.worker_id,
        status=Hold.Status.ACTIVE,
        position__call_start__lt=p.call_end,
        position__call_end__gt=p.call_start,
    ).filter(Q(created_at__lt=hold.created_at) | Q(created_at=hold.created_at, pk__lt=hold.pk))
    return 1 + earlier.exclude(pk=hold.pk).count()


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def actor_user(actor):
    return actor if getattr(actor, "pk", None) else None


# --- offers -------------------------------------------------------------------------------


def _offer_expiry(errors: Errors, position, expires_at, now) -> dt.datetime | None:
    if expires_at is None:
        expires_at = min(now + dt.timedelta(hours=DEFAULT_OFFER_HOURS), position.call_start)
        if expires_at - now < dt.timedelta(minutes=MIN_OFFER_MINUTES):
            errors.add("position", "The call starts too soon to send an offer.")
        return expires_at
    check_aware(errors, "expires_at", expires_at)
    if "expires_at" in errors.by_field:
        return None
    if expires_at <= now + dt.timedelta(minutes=MIN_OFFER_MINUTES - 1):
        errors.add("expires_at", f"Give the worker at least {MIN_OFFER_MINUTES} minutes to answer.")
    elif expires_at > position.call_start:
        errors.add("expires_at", "The offer must expire before the call starts.")
    return expires_at


@transaction.atomic
def offer_send(
    *,
    actor,
    position: Position,
    worker: WorkerProfile,
    expires_at: dt.datetime | None = None,
    message: str = "",
    now: dt.datetime | None = None,
) -> Offer:
    """Offer a seat to a worker. More offers than open seats may be out at once: the first
    to accept gets the seat (the rest see the call is full)."""
    require_manager(actor, position.organisation, "send offers for its positions")
    return _send_offer(
        actor=actor, position=position, worker=worker, expires_at=expires_at, message=message,
        now=now or timezone.now(),
    )  # fmt: skip


def _send_offer(*, actor, position, worker, expires_at, message, now) -> Offer:
    _lock(positions=[position.pk], workers=[worker.pk])
    errors = Errors()
    _check_bookable(errors, position, worker, now)
    if Offer.objects.filter(position=position, worker=worker, status=Offer.Status.PENDING).exists():
        errors.add("worker", f"{worker.display_name} already has an offer for this call.")
    if len(message) > 500:
        errors.add("message", "At most 500 characters.")
    expires_at = _offer_expiry(errors, position, expires_at, now)
    errors.raise_if_any()
    offer = Offer.objects.create(
        position=position,
        worker=worker,
        expires_at=expires_at,
        message=message,
        sent_by=actor_user(actor),
    )
    Hold.objects.filter(position=position, worker=worker, status=Hold.Status.ACTIVE).update(
        status=Hold.Status.OFFERED, closed_at=now
    )
    by = "Auto-backfill" if offer.automatic else _name(actor)
    _event(
        position,
        PositionEvent.Kind.OFFERED,
        f"{by} offered the call to {worker.display_name}; "
        f"answer by {_local(expires_at, position)}.",
        actor=actor,
        worker=worker,
    )
    notify(
        worker.user,
        kind=Notification.Kind.OFFER,
        subject=f"Offer: {_label(position)}",
        body=(
            f"{position.organisation.name} offers you {position.display_title} for "
            f"{_parent_name(position)}, call {_when(position)}, "
            f"{position.pay_amount} {position.currency} {position.get_pay_unit_display()}. "
            f"Answer by {_local(expires_at, position)}." + (f"\n\n{message}" if message else "")
        ),
        url=reverse("booking:inbox"),
    )
    return offer


def _name(actor) -> str:
    if actor is None or getattr(actor, "pk", None) is None:
        return "Stagedoor"
    return actor.get_full_name() or actor.username


def _local(moment: dt.datetime, position: Position) -> str:
    tz = zoneinfo.ZoneInfo(position.timezone_name)
    local = moment.astimezone(tz)
    return f"{local:%a %d %b %H:%M} ({local.tzname()})"


def _refuse_offer_state(errors: Errors, offer: Offer, now: dt.datetime) -> None:
    if offer.status == Offer.Status.WITHDRAWN:
        errors.add("offer", f"This offer was withdrawn: {offer.reason or 'by the manager.'}")
    elif offer.status == Offer.Status.EXPIRED or (
        offer.status == Offer.Status.PENDING and offer.expires_at <= now
    ):
        errors.add("offer", f"This offer expired at {_local(offer.expires_at, offer.position)}.")
    elif offer.status == Offer.Status.ACCEPTED:
        errors.add("offer", "This offer was already accepted.")
    elif offer.status == Offer.Status.DECLINED:
        errors.add("offer", "This offer was declined.")


@transaction.atomic
def offer_accept(*, actor, offer: Offer, now: dt.datetime | None = None) -> Booking:
    """The worker says yes: the offer becomes a booking, if the seat and the time are free."""
    require_worker(actor, offer.worker, "accept this offer")
    now = now or timezone.now()
    _lock(positions=[offer.position_id], workers=[offer.worker_id])
    offer = Offer.objects.select_related("position", "worker").get(pk=offer.pk)
    position, worker = offer.position, offer.worker
    errors = Errors()
    _refuse_offer_state(errors, offer, now)
    errors.raise_if_any()
    _check_bookable(errors, position, worker, now)
    errors.raise_if_any()
    booking = Booking.objects.create(position=position, worker=worker, offer=offer)
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.ACCEPTED, responded_at=now)
    offer.status = Offer.Status.ACCEPTED
    _event(
        position,
        PositionEvent.Kind.ACCEPTED,
        f"{worker.display_name} accepted; booked.",
        actor=actor,
        worker=worker,
    )
    notify(
        worker.user,
        kind=Notification.Kind.CONFIRMED,
        subject=f"Booked: {_label(position)}",
        body=f"You are booked as {position.display_title} for {_parent_name(position)}, "
        f"call {_when(position)}.",
        url=reverse("booking:schedule"),
    )
    notify_many(
        _managers(position),
        kind=Notification.Kind.CONFIRMED,
        subject=f"{worker.display_name} accepted {position.display_title}",
        body=f"{worker.display_name} is booked on {_label(position)}.",
        url=_board_url(position),
    )
    if live_bookings(position) >= position.headcount:
        _close_pending(position, now, "Every seat of the call was filled.")
    return booking


def _close_pending(position: Position, now: dt.datetime, reason: str) -> None:
    """When the call fills, the offers still out are withdrawn, and their workers told."""
    for other in position.offers.filter(status=Offer.Status.PENDING).select_related("worker__user"):
        Offer.objects.filter(pk=other.pk).update(
            status=Offer.Status.WITHDRAWN, responded_at=now, reason=reason
        )
        _event(
            position,
            PositionEvent.Kind.WITHDRAWN,
            f"Offer to {other.worker.display_name} withdrawn: {reason}",
            worker=other.worker,
        )
        notify(
            other.worker.user,
            kind=Notification.Kind.OFFER,
            subject=f"Offer filled: {_label(position)}",
            body=f"The offer for {_label(position)} is closed: {reason}",
            url=reverse("booking:inbox"),
        )


@transaction.atomic
def offer_decline(*, actor, offer: Offer, reason: str = "", now=None) -> Offer:
    require_worker(actor, offer.worker, "decline this offer")
    now = now or timezone.now()
    _lock(positions=[offer.position_id], workers=[offer.worker_id])
    offer = Offer.objects.select_related("position", "worker").get(pk=offer.pk)
    errors = Errors()
    _refuse_offer_state(errors, offer, now)
    if len(reason) > 300:
        errors.add("reason", "At most 300 characters.")
    errors.raise_if_any()
    offer.status, offer.responded_at, offer.reason = Offer.Status.DECLINED, now, reason
    offer.save(update_fields=["status", "responded_at", "reason"])
    position = offer.position
    _event(
        position,
        PositionEvent.Kind.DECLINED,
        f"{offer.worker.display_name} declined" + (f": {reason}" if reason else "."),
        actor=actor,
        worker=offer.worker,
    )
    notify_many(
        _managers(position),
        kind=Notification.Kind.STAFFING,
        subject=f"{offer.worker.display_name} declined {position.display_title}",
        body=f"{offer.worker.display_name} declined {_label(position)}."
        + (f" Reason: {reason}" if reason else ""),
        url=_board_url(position),
    )
    _queue_backfill(position)
    return offer


@transaction.atomic
def offer_withdraw(*, actor, offer: Offer, reason: str = "", now=None) -> Offer:
    """Take back an offer the worker has not accepted yet."""
    require_manager(actor, offer.position.organisation, "withdraw its offers")
    now = now or timezone.now()
    _lock(positions=[offer.position_id], workers=[offer.worker_id])
    offer = Offer.objects.select_related("position", "worker__user").get(pk=offer.pk)
    errors = Errors()
    if offer.status == Offer.Status.ACCEPTED:
        errors.add("offer", "This offer was already accepted; cancel the booking instead.")
    elif offer.status != Offer.Status.PENDING:
        errors.add("offer", f"Only a pending offer can be withdrawn; this one is {offer.status}.")
    errors.raise_if_any()
    offer.status, offer.responded_at, offer.reason = Offer.Status.WITHDRAWN, now, reason[:300]
    offer.save(update_fields=["status", "responded_at", "reason"])
    _event(
        offer.position,
        PositionEvent.Kind.WITHDRAWN,
        f"{_name(actor)} withdrew the offer to {offer.worker.display_name}"
        + (f": {reason}" if reason else "."),
        actor=actor,
        worker=offer.worker,
    )
    notify(
        offer.worker.user,
        kind=Notification.Kind.OFFER,
        subject=f"Offer withdrawn: {_label(offer.position)}",
        body=f"{offer.position.organisation.name} withdrew the offer for "
        f"{_label(offer.position)}." + (f" {reason}" if reason else ""),
        url=reverse("booking:inbox"),
    )
    return offer


@dataclass
class ExpiryReport:
    expired: int = 0
    reminded: int = 0
    backfilled: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def offers_expire(*, now: dt.datetime | None = None) -> ExpiryReport:
    """Expire pending offers past their time, remind those about to expire, and backfill.
    Each offer is handled in its own transaction; running it twice changes nothing more."""
    now = now or timezone.now()
    report = ExpiryReport()
    due = list(
        Offer.objects.filter(status=Offer.Status.PENDING, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    freed: dict[int, Position] = {}
    for pk in due:
        with transaction.atomic():
            offer = Offer.objects.select_related("position", "worker__user").get(pk=pk)
            _lock(positions=[offer.position_id], workers=[offer.worker_id])
            changed = Offer.objects.filter(pk=pk, status=Offer.Status.PENDING).update(
                status=Offer.Status.EXPIRED, responded_at=now
            )
            if not changed:
                continue
            report.expired += 1
            position = offer.position
            _event(
                position,
                PositionEvent.Kind.EXPIRED,
                f"Offer to {offer.worker.display_name} expired unanswered.",
                worker=offer.worker,
            )
            notify(
                offer.worker.user,
                kind=Notification.Kind.OFFER,
                subject=f"Offer expired: {_label(position)}",
                body=f"The offer for {_label(position)} expired before you answered.",
                url=reverse("booking:inbox"),
            )
            freed[position.pk] = position
    for position in freed.values():
        with transaction.atomic():
            report.backfilled += backfill_position(position, now=now)
    soon = Offer.objects.filter(
        status=Offer.Status.PENDING, reminded=False, expires_at__lte=now + REMIND_BEFORE
    ).select_related("position", "worker__user")
    for offer in soon:
        with transaction.atomic():
            if not Offer.objects.filter(pk=offer.pk, reminded=False).update(reminded=True):
                continue
            report.reminded += 1
            notify(
                offer.worker.user,
                kind=Notification.Kind.EXPIRING,
                subject=f"Offer expiring: {_label(offer.position)}",
                body=f"Answer the offer for {_label(offer.position)} by "
                f"{_local(offer.expires_at, offer.position)}, or it goes to someone else.",
                url=reverse("booking:inbox"),
            )
    return report


# --- bookings -----------------------------------------------------------------------------


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, reason: str, now=None) -> Booking:
    """Either side cancels a confirmed booking, with a reason. Under the organisation's
    late-cancellation window the cancellation is recorded as late."""
    position = booking.position
    worker = booking.worker
    by_worker = getattr(actor, "pk", None) == worker.user_id
    if not by_worker and not can_manage(actor, position.organisation):
        raise PermissionDenied("Only the booked worker or a manager can cancel this booking.")
    now = now or timezone.now()
    _lock(positions=[position.pk], workers=[worker.pk])
    booking = Booking.objects.get(pk=booking.pk)
    errors = Errors()
    if booking.status != Booking.Status.CONFIRMED:
        state = booking.get_status_display().lower()
        errors.add("booking", f"Only a confirmed booking can be cancelled; this one is {state}.")
    if not reason.strip():
        errors.add("reason", "Say why the booking is cancelled.")
    elif len(reason) > 300:
        errors.add("reason", "At most 300 characters.")
    if position.call_end <= now:
        errors.add("booking", "The call is over; record a no-show or fix the timesheet instead.")
    errors.raise_if_any()
    window = dt.timedelta(hours=position.organisation.late_cancel_hours)
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = actor_user(actor)
    booking.cancelled_by_worker = by_worker
    booking.cancel_reason = reason.strip()
    booking.late_cancellation = position.call_start - now < window
    booking.is_crew_chief = False
    booking.save()
    late = " (late cancellation)" if booking.late_cancellation else ""
    who = worker.display_name if by_worker else _name(actor)
    _event(
        position,
        PositionEvent.Kind.CANCELLED,
        f"{who} cancelled {worker.display_name}'s booking{late}: {booking.cancel_reason}",
        actor=actor,
        worker=worker,
    )
    message = {
        "kind": Notification.Kind.CANCELLED,
        "subject": f"Booking cancelled: {_label(position)}",
        "body": f"{who} cancelled {worker.display_name} on {_label(position)}{late}. "
        f"Reason: {booking.cancel_reason}",
    }
    if by_worker:
        notify_many(_managers(position), url=_board_url(position), **message)
    else:
        notify(worker.user, url=reverse("booking:schedule"), **message)
    _queue_backfill(position)
    return booking


@transaction.atomic
def booking_set_crew_chief(*, actor, booking: Booking, crew_chief: bool = True) -> Booking:
    require_manager(actor, booking.position.organisation, "name crew chiefs")
    errors = Errors()
    if booking.status not in BUSY_STATUSES:
        errors.add("booking", "Only a live booking can lead the crew.")
    if booking.position.show_id is None:
        errors.add("booking", "Crew chiefs lead show crews, not studio projects.")
    errors.raise_if_any()
    booking.is_crew_chief = crew_chief
    booking.save(update_fields=["is_crew_chief"])
    state = "is now" if crew_chief else "is no longer"
    _event(
        booking.position,
        PositionEvent.Kind.CREW_CHIEF,
        f"{booking.worker.display_name} {state} crew chief.",
        actor=actor,
        worker=booking.worker,
    )
    return booking


@transaction.atomic
def position_set_backfill(*, actor, position: Position, on: bool, now=None) -> Position:
    require_manager(actor, position.organisation, "change auto-backfill")
    position.auto_backfill = on
    position.save(update_fields=["auto_backfill"])
    _event(
        position,
        PositionEvent.Kind.BACKFILL,
        f"{_name(actor)} switched auto-backfill {'on' if on else 'off'}.",
        actor=actor,
    )
    if on:
        _queue_backfill(position)
    return position


# --- auto-backfill ------------------------------------------------------------------------


def _queue_backfill(position: Position) -> None:
    """Backfill after this transaction commits, in its own: the seat is free by then, and
    the locks of the change that freed it are not held while new offers go out."""
    if position.auto_backfill:
        from .tasks import backfill_position_task

        transaction.on_commit(lambda: backfill_position_task.delay(position.pk))


def _tried(position: Position) -> set[int]:
    """Workers who already had their chance at this call: offered, booked or cancelled."""
    offered = position.offers.values_list("worker_id", flat=True)
    booked = position.bookings.values_list("worker_id", flat=True)
    return set(offered) | set(booked)


def backfill_position(position: Position, *, now: dt.datetime | None = None) -> int:
    """Offer open seats of an auto-backfill position to the next ranked candidates.
    Seats already covered by pending offers are not offered twice. Returns offers sent."""
    now = now or timezone.now()
    position = Position.objects.select_related(
        "show__organisation", "show__venue", "project__organisation", "role"
    ).get(pk=position.pk)
    if not position.auto_backfill or position.call_start <= now:
        return 0
    parent = position.show or position.project
    if parent.status != Status.PUBLISHED:
        return 0
    pending = position.offers.filter(status=Offer.Status.PENDING).count()
    open_seats = position.headcount - live_bookings(position) - pending
    if open_seats <= 0:
        return 0
    from stagedoor.matching.selectors import candidates

    tried = _tried(position)
    ranked = candidates(actor=OPERATOR, position=position, k=open_seats + len(tried) + 20)
    sent = 0
    for candidate in ranked:
        if sent >= open_seats:
            break
        if candidate.worker.pk in tried:
            continue
        try:
            with transaction.atomic():
                _send_offer(
                    actor=None, position=position, worker=candidate.worker,
                    expires_at=None, message="", now=now,
                )  # fmt: skip
        except ValidationError:  # turned ineligible between ranking and sending
            continue
        sent += 1
    if sent == 0:
        already = position.events.filter(
            kind=PositionEvent.Kind.BACKFILL, message__startswith="No eligible"
        ).filter(at__gte=now - dt.timedelta(hours=1))
        if not already.exists():
            _event(
                position,
                PositionEvent.Kind.BACKFILL,
                "No eligible candidate left to offer the open seat to.",
            )
    return sent


def backfill_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic sweep: every upcoming auto-backfill position with uncovered seats."""
    now = now or timezone.now()
    positions = (
        Position.objects.filter(auto_backfill=True, call_start__gt=now)
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status__in=BUSY_STATUSES), distinct=True),
            pending=Count("offers", filter=Q(offers__status=Offer.Status.PENDING), distinct=True),
        )
        .order_by("call_start", "pk")
    )
    sent = checked = 0
    for position in positions:
        if position.booked + position.pending >= position.headcount:
            continue
        checked += 1
        with transaction.atomic():
            sent += backfill_position(position, now=now)
    return {"positions": checked, "offers": sent}
