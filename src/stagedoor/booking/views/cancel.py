"""Cancelling a crew call, a show or a studio project from the staffing board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from stagedoor.gigs.models import Show, StudioProject

from .. import services
from ..links import board_url
from ._common import attempt
from .board import _position


def _done(found: services.Cancellation, what: str) -> str:
    """'Load-in is cancelled: 2 bookings cancelled (1 late), 1 offer withdrawn, 1 hold
    released; the crew are told.'"""
    parts = []
    for count, noun, verb in (
        (len(found.bookings), "booking", "cancelled"),
        (len(found.offers), "offer", "withdrawn"),
        (len(found.holds), "hold", "released"),
    ):
        if count:
            late = f" ({len(found.late)} late)" if noun == "booking" and found.late else ""
            parts.append(f"{count} {noun}{'s' if count != 1 else ''} {verb}{late}")
    told = "; the crew are told." if found.bookings or found.offers else "."
    return f"{what} is cancelled" + (": " + ", ".join(parts) if parts else "") + told


@login_required
@require_POST
def position_cancel(request, pk: int):
    position = _position(pk)
    reason = request.POST.get("reason", "")
    return attempt(
        request,
        lambda: services.position_cancel(actor=request.user, position=position, reason=reason),
        lambda found: _done(found, position.display_title),
        board_url(position),
    )


@login_required
@require_POST
def show_cancel(request, slug: str):
    show = get_object_or_404(Show.objects.select_related("organisation", "venue"), slug=slug)
    reason = request.POST.get("reason", "")
    return attempt(
        request,
        lambda: services.show_cancel(actor=request.user, show=show, reason=reason),
        lambda found: _done(found, "The show"),
        reverse("booking:board", args=[show.slug]),
    )


@login_required
@require_POST
def project_cancel(request, slug: str):
    project = get_object_or_404(StudioProject.objects.select_related("organisation"), slug=slug)
    reason = request.POST.get("reason", "")
    return attempt(
        request,
        lambda: services.project_cancel(actor=request.user, project=project, reason=reason),
        lambda found: _done(found, "The project"),
        reverse("booking:project-board", args=[project.slug]),
    )


urlpatterns = [
    path("manage/positions/<int:pk>/cancel/", position_cancel, name="position-cancel"),
    path("shows/<slug:slug>/cancel/", show_cancel, name="show-cancel"),
    path("studio/<slug:slug>/cancel/", project_cancel, name="project-cancel"),
]
