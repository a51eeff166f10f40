"""Telling the booked crew that their call sheet changed."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from stagedoor.gigs.models import Show

from .. import messages
from ..models import BUSY_STATUSES, Booking, Notification
from ..services.notify import notify_many


def callsheet_changed(show: Show, *, except_position=None) -> list[Notification]:
    """Tell everyone booked on `show` (confirmed or worked) that its call sheet changed,
    but the crew of `except_position`, whose new call time is told them on its own.

    Runs after the change has committed, so it reads the show afresh."""
    show = Show.objects.select_related("venue").filter(pk=show.pk).first()
    if show is None:
        return []
    users = (
        get_user_model()
        .objects.filter(
            worker__bookings__position__show=show, worker__bookings__status__in=BUSY_STATUSES
        )
        .distinct()
        .order_by("pk")
    )
    if except_position is not None:
        moved_crew = Booking.objects.filter(position=except_position, status__in=BUSY_STATUSES)
        users = users.exclude(worker__in=moved_crew.values("worker"))
    return notify_many(users, **messages.callsheet_changed(show))
