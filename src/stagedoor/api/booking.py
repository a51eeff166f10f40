"""Holds, offers, bookings, the staffing board and the inbox: every step of booking."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status as Reply

from stagedoor.booking import selectors, services
from stagedoor.booking.models import Booking, Hold, Offer
from stagedoor.booking.rules import worker_of
from stagedoor.gigs.models import Position, Show, StudioProject
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile

from .auth import WRITE_AUTH
from .errors import unknown

router = Router(tags=["booking"])


class HoldOut(Schema):
    id: int
    position: int
    worker: str
    status: str
    rank: int
    note: str
    created_at: dt.datetime


class OfferOut(Schema):
    id: int
    position: int
    worker: str
    status: str
    expires_at: dt.datetime
    message: str
    reason: str
    automatic: bool
    created_at: dt.datetime
    responded_at: dt.datetime | None


class BookingOut(Schema):
    id: int
    position: int
    worker: str
    status: str
    is_crew_chief: bool
    call_start: dt.datetime
    call_end: dt.datetime
    cancelled_at: dt.datetime | None
    cancel_reason: str
    late_cancellation: bool
    cancelled_by_worker: bool


class EventOut(Schema):
    at: dt.datetime
    kind: str
    worker: str | None
    message: str


class StaffingOut(Schema):
    position: int
    title: str
    headcount: int
    auto_backfill: bool
    open_seats: int
    bookings: list[BookingOut]
    offers: list[OfferOut]
    holds: list[HoldOut]
    history: list[EventOut]


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    url: str
    created_at: dt.datetime
    read: bool


class WorkerIn(Schema):
    worker: str
    note: str = ""


class OfferIn(Schema):
    worker: str
    expires_at: dt.datetime | None = None
    message: str = ""


class ReasonIn(Schema):
    reason: str = ""


class CrewChiefIn(Schema):
    crew_chief: bool = True


class BackfillIn(Schema):
    auto_backfill: bool


def hold_out(hold: Hold, rank: int | None = None) -> HoldOut:
    """`rank` when the caller has it already (the board ranks all holds in one go)."""
    return HoldOut(
        id=hold.pk,
        position=hold.position_id,
        worker=hold.worker.slug,
        status=hold.status,
        rank=services.hold_rank(hold) if rank is None else rank,
        note=hold.note,
        created_at=hold.created_at,
    )


def offer_out(offer: Offer) -> OfferOut:
    return OfferOut(
        id=offer.pk,
        position=offer.position_id,
        worker=offer.worker.slug,
        status=offer.status,
        expires_at=offer.expires_at,
        message=offer.message,
        reason=offer.reason,
        automatic=offer.automatic,
        created_at=offer.created_at,
        responded_at=offer.responded_at,
    )


def booking_out(booking: Booking) -> BookingOut:
    return BookingOut(
        id=booking.pk,
        position=booking.position_id,
        worker=booking.worker.slug,
        status=booking.status,
        is_crew_chief=booking.is_crew_chief,
        call_start=booking.position.call_start,
        call_end=booking.position.call_end,
        cancelled_at=booking.cancelled_at,
        cancel_reason=booking.cancel_reason,
        late_cancellation=booking.late_cancellation,
        cancelled_by_worker=booking.cancelled_by_worker,
    )


def event_out(event) -> EventOut:
    return EventOut(
        at=event.at,
        kind=event.kind,
        worker=event.worker.slug if event.worker_id else None,
        message=event.message,
    )


def staffing_out(position: Position, row, *, holds: bool = True) -> StaffingOut:
    """One position's row of the staffing board."""
    return StaffingOut(
        position=position.pk,
        title=position.display_title,
        headcount=position.headcount,
        auto_backfill=position.auto_backfill,
        open_seats=row.open_seats,
        bookings=[booking_out(b) for b in row.bookings],
        offers=[offer_out(o) for o in row.offers],
        holds=[hold_out(h, rank) for h, rank in row.holds] if holds else [],
        history=[event_out(e) for e in row.events],
    )


def _position(position_id: int) -> Position:
    return get_object_or_404(
        Position.objects.select_related(
            "role", "show__organisation", "show__venue", "project__organisation"
        ),
        pk=position_id,
    )


def _worker(slug: str) -> WorkerProfile:
    return unknown("worker", WorkerProfile, slug)


@router.get("/shows/{slug}/staffing", response=list[StaffingOut], auth=WRITE_AUTH)
def show_staffing(request, slug: str):
    """The staffing board of a show: every position with bookings, offers, holds, history."""
    show = get_object_or_404(Show.objects.select_related("organisation", "venue"), slug=slug)
    if not can_manage(request.auth, show.organisation):
        raise PermissionDenied("Only the organisation's managers can staff it.")
    return [staffing_out(row.position, row) for row in selectors.staffing_board(show).rows]


@router.post("/positions/{position_id}/holds", response={201: HoldOut}, auth=WRITE_AUTH)
def create_hold(request, position_id: int, payload: WorkerIn):
    position = _position(position_id)
    hold = services.hold_create(
        actor=request.auth, position=position, worker=_worker(payload.worker), note=payload.note
    )
    return Reply(201, hold_out(hold))


@router.post("/holds/{hold_id}/release", response=HoldOut, auth=WRITE_AUTH)
def release_hold(request, hold_id: int):
    hold = get_object_or_404(Hold.objects.select_related("position", "worker"), pk=hold_id)
    return hold_out(services.hold_release(actor=request.auth, hold=hold))


@router.post("/positions/{position_id}/offers", response={201: OfferOut}, auth=WRITE_AUTH)
def create_offer(request, position_id: int, payload: OfferIn):
    position = _position(position_id)
    offer = services.offer_send(
        actor=request.auth,
        position=position,
        worker=_worker(payload.worker),
        expires_at=payload.expires_at,
        message=payload.message,
    )
    return Reply(201, offer_out(offer))


def _offer(offer_id: int) -> Offer:
    return get_object_or_404(
        Offer.objects.select_related("position__show__organisation", "worker"), pk=offer_id
    )


@router.post("/offers/{offer_id}/accept", response={201: BookingOut}, auth=WRITE_AUTH)
def accept_offer(request, offer_id: int):
    booking = services.offer_accept(actor=request.auth, offer=_offer(offer_id))
    return Reply(201, booking_out(booking))


@router.post("/offers/{offer_id}/decline", response=OfferOut, auth=WRITE_AUTH)
def decline_offer(request, offer_id: int, payload: ReasonIn):
    return offer_out(
        services.offer_decline(actor=request.auth, offer=_offer(offer_id), reason=payload.reason)
    )


@router.post("/offers/{offer_id}/withdraw", response=OfferOut, auth=WRITE_AUTH)
def withdraw_offer(request, offer_id: int, payload: ReasonIn):
    return offer_out(
        services.offer_withdraw(actor=request.auth, offer=_offer(offer_id), reason=payload.reason)
    )


def _booking(booking_id: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("position__show__organisation", "worker"), pk=booking_id
    )


@router.post("/bookings/{booking_id}/cancel", response=BookingOut, auth=WRITE_AUTH)
def cancel_booking(request, booking_id: int, payload: ReasonIn):
    booking = services.booking_cancel(
        actor=request.auth, booking=_booking(booking_id), reason=payload.reason
    )
    return booking_out(booking)


class CancelIn(Schema):
    reason: str = ""


class CancellationOut(Schema):
    reason: str
    cancelled_at: dt.datetime
    positions: list[int]
    bookings: list[BookingOut]
    offers_withdrawn: list[OfferOut]
    holds_released: int


def cancellation_out(found: services.Cancellation) -> CancellationOut:
    return CancellationOut(
        reason=found.reason,
        cancelled_at=found.at,
        positions=[p.pk for p in found.positions],
        bookings=[booking_out(b) for b in found.bookings],
        offers_withdrawn=[offer_out(o) for o in found.offers],
        holds_released=len(found.holds),
    )


@router.post("/positions/{position_id}/cancel", response=CancellationOut, auth=WRITE_AUTH)
def cancel_position(request, position_id: int, payload: CancelIn):
    """Cancel a crew call: its bookings are cancelled with the reason (late ones keep the
    late-cancellation minimum), offers withdrawn, holds released, the crew told."""
    found = services.position_cancel(
        actor=request.auth, position=_position(position_id), reason=payload.reason
    )
    return cancellation_out(found)


@router.post("/shows/{slug}/cancel", response=CancellationOut, auth=WRITE_AUTH)
def cancel_show(request, slug: str, payload: CancelIn):
    """Cancel a whole show: every call not yet over, as cancelling a call does."""
    show = get_object_or_404(Show.objects.select_related("organisation", "venue"), slug=slug)
    return cancellation_out(
        services.show_cancel(actor=request.auth, show=show, reason=payload.reason)
    )


@router.post("/projects/{slug}/cancel", response=CancellationOut, auth=WRITE_AUTH)
def cancel_project(request, slug: str, payload: CancelIn):
    """Cancel a studio project, as cancelling a show does."""
    project = get_object_or_404(StudioProject.objects.select_related("organisation"), slug=slug)
    return cancellation_out(
        services.project_cancel(actor=request.auth, project=project, reason=payload.reason)
    )


@router.post("/bookings/{booking_id}/crew-chief", response=BookingOut, auth=WRITE_AUTH)
def set_crew_chief(request, booking_id: int, payload: CrewChiefIn):
    booking = services.booking_set_crew_chief(
        actor=request.auth, booking=_booking(booking_id), crew_chief=payload.crew_chief
    )
    return booking_out(booking)


@router.put("/positions/{position_id}/auto-backfill", response=StaffingOut, auth=WRITE_AUTH)
def set_backfill(request, position_id: int, payload: BackfillIn):
    position = services.position_set_backfill(
        actor=request.auth, position=_position(position_id), on=payload.auto_backfill
    )
    rows = selectors.staffing_board(position.show or position.project).rows
    row = next(r for r in rows if r.position.pk == position.pk)
    return staffing_out(position, row, holds=False)


def _me(request) -> WorkerProfile:
    worker = worker_of(request.auth)
    if worker is None:
        raise PermissionDenied("Only crew with a worker profile have offers and bookings.")
    return worker


@router.get("/me/offers", response=list[OfferOut], auth=WRITE_AUTH)
def my_offers(request):
    """Offers waiting for my answer, soonest expiry first."""
    return [offer_out(item.offer) for item in selectors.pending_offers(_me(request))]


@router.get("/me/bookings", response=list[BookingOut], auth=WRITE_AUTH)
def my_bookings(request):
    """My upcoming bookings, soonest first."""
    upcoming, _ = selectors.schedule(_me(request))
    return [booking_out(b) for b in upcoming]


@router.get("/me/notifications", response=list[NotificationOut], auth=WRITE_AUTH)
def my_notifications(request):
    return [
        NotificationOut(
            id=n.pk,
            kind=n.kind,
            subject=n.subject,
            body=n.body,
            url=n.url,
            created_at=n.created_at,
            read=n.read_at is not None,
        )
        for n in selectors.notifications(request.auth)[:30]
    ]
