"""The manager's staffing board: positions x holds, offers and bookings."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_POST

from stagedoor.core.http import is_htmx, or_404
from stagedoor.core.validation import hours_from_now
from stagedoor.gigs.models import Position, Show, StudioProject
from stagedoor.gigs.rules import hosts_show
from stagedoor.industry.rules import can_manage
from stagedoor.matching import selectors as matching
from stagedoor.matching.notes import with_notes
from stagedoor.people.models import WorkerProfile

from .. import selectors, services
from ..links import board_url
from ..models import Booking, Hold, Offer
from ._common import attempt, error_text, on_call


def _board(request, parent):
    # The venue's managers read the board of a show another company runs in their
    # building, on a page with no forms; every write still asks the services, which refuse.
    if can_manage(request.user, parent.organisation):
        template = "booking/board.html"
    elif hosts_show(request.user, parent):
        template = "booking/board_venue.html"
    else:
        raise PermissionDenied("Only the organisation's managers can staff it.")
    board = selectors.staffing_board(parent)
    return render(
        request, template, {"board": board, "parent": parent, "is_show": isinstance(parent, Show)}
    )


@login_required
def board(request, slug: str):
    show = get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)
    return _board(request, show)


@login_required
def project_board(request, slug: str):
    project = get_object_or_404(
        StudioProject.objects.select_related("venue", "organisation"), slug=slug
    )
    return _board(request, project)


def _position(pk: int) -> Position:
    positions = Position.objects.select_related(
        "role", "show__venue", "show__organisation", "project__organisation"
    )
    return or_404(Position, "No such position", positions.get, pk=pk)


@login_required
def candidates(request, pk: int):
    """The top matches for a position, one click from a hold or an offer (an htmx panel)."""
    position = _position(pk)
    found = matching.candidates(actor=request.user, position=position, k=5)
    # One line per person: the reason that adds the most to their score.
    rows = [(c, max(c.reasons, key=lambda r: r.points, default=None)) for c in found]
    return render(
        request,
        "booking/_board_candidates.html",
        {"position": position, "candidates": found, "rows": rows},
    )


def _worker(request) -> WorkerProfile:
    slug = request.POST.get("worker", "")
    worker = WorkerProfile.objects.select_related("user").filter(slug=slug).first()
    if worker is None:
        raise Http404(f"No worker '{slug}'")
    return worker


def _expiry(request) -> dt.datetime | None:
    return hours_from_now(request.POST.get("expires_in_hours"), "expires_in_hours")


def _candidate_row(request, position: Position, worker: WorkerProfile, action):
    """Find crew's Offer and Hold buttons under htmx: run the service and answer with just
    the candidate's row, marked ("Offer sent", "On hold #1"), or with the refusal in it."""
    error = ""
    try:
        action()
    except ValidationError as exc:
        error = f"Nothing changed. {error_text(exc)}"
    context = {
        "c": with_notes(
            position, [matching.candidate(actor=request.user, position=position, worker=worker)]
        )[0],
        "position": position,
        "rank": request.POST.get("rank", ""),
        "here": request.POST.get("next", ""),
        "row_error": error,
    }
    return render(request, "matching/_candidate_row.html", context)


def _from_find_crew(request) -> bool:
    """An htmx click on a Find crew row (which sends its rank); without JavaScript the same
    form posts and comes back to the list."""
    return is_htmx(request) and "rank" in request.POST


@login_required
@require_POST
def hold(request, pk: int):
    position, worker = _position(pk), _worker(request)

    def action():
        return services.hold_create(
            actor=request.user, position=position, worker=worker, note=request.POST.get("note", "")
        )

    if _from_find_crew(request):
        return _candidate_row(request, position, worker, action)
    done = f"{worker.display_name} held for {position.display_title}."
    return attempt(request, action, done, board_url(position))


@login_required
@require_POST
def offer(request, pk: int):
    position, worker = _position(pk), _worker(request)

    def action():
        return services.offer_send(
            actor=request.user,
            position=position,
            worker=worker,
            expires_at=_expiry(request),
            message=request.POST.get("message", ""),
        )

    if _from_find_crew(request):
        return _candidate_row(request, position, worker, action)
    return attempt(request, action, f"Offer sent to {worker.display_name}.", board_url(position))


@login_required
@require_POST
def hold_release(request, pk: int):
    found = on_call(Hold, pk)
    return attempt(
        request,
        lambda: services.hold_release(actor=request.user, hold=found),
        f"Hold on {found.worker.display_name} released.",
        board_url(found.position),
    )


@login_required
@require_POST
def offer_withdraw(request, pk: int):
    found = on_call(Offer, pk)
    return attempt(
        request,
        lambda: services.offer_withdraw(
            actor=request.user, offer=found, reason=request.POST.get("reason", "")
        ),
        f"Offer to {found.worker.display_name} withdrawn.",
        board_url(found.position),
    )


@login_required
@require_POST
def crew_chief(request, pk: int):
    found = on_call(Booking, pk)
    on = request.POST.get("crew_chief") == "1"
    return attempt(
        request,
        lambda: services.booking_set_crew_chief(actor=request.user, booking=found, crew_chief=on),
        f"{found.worker.display_name} {'leads' if on else 'no longer leads'} the crew.",
        board_url(found.position),
    )


@login_required
@require_POST
def backfill(request, pk: int):
    position = _position(pk)
    on = request.POST.get("auto_backfill") == "1"
    return attempt(
        request,
        lambda: services.position_set_backfill(actor=request.user, position=position, on=on),
        f"Auto-backfill {'on' if on else 'off'} for {position.display_title}.",
        board_url(position),
    )


urlpatterns = [
    path("shows/<slug:slug>/staffing/", board, name="board"),
    path("studio/<slug:slug>/staffing/", project_board, name="project-board"),
    path("manage/positions/<int:pk>/candidates/", candidates, name="board-candidates"),
    path("manage/positions/<int:pk>/hold/", hold, name="hold"),
    path("manage/positions/<int:pk>/offer/", offer, name="offer"),
    path("manage/positions/<int:pk>/backfill/", backfill, name="backfill"),
    path("manage/holds/<int:pk>/release/", hold_release, name="hold-release"),
    path("manage/offers/<int:pk>/withdraw/", offer_withdraw, name="offer-withdraw"),
    path("manage/bookings/<int:pk>/crew-chief/", crew_chief, name="crew-chief"),
]
