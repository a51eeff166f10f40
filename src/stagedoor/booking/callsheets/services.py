"""Telling the booked crew that their call sheet changed."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from stagedoor.gigs.models import Show

from .. import messages
from ..models import BUSY_STATUSES, Notification
from ..services.notify import notify_many


def callsheet_changed(show: Show) -> list[Notification]:
    """Tell everyone booked on `show` (confirmed or worked) that its call sheet changed.

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
    return notify_many(users, **messages.callsheet_changed(show))
