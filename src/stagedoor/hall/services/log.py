"""The one writer of the hall's append-only log."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from stagedoor.booking.services import actor_user

from ..models import LogEntry

CHANNELS = ("web", "api", "cli", "phone", "system")


def write(
    local,
    kind: str,
    *,
    at=None,
    actor=None,
    channel: str = "web",
    reason: str = "",
    registrant=None,
    request=None,
    run=None,
    offer=None,
    deadline=None,
    hours: Decimal = Decimal("0"),
) -> LogEntry:
    return LogEntry.objects.create(
        local=local,
        kind=kind,
        at=at or timezone.now(),
        actor=actor_user(actor),
        channel=channel if channel in CHANNELS else "web",
        reason=reason[:300],
        registrant=registrant,
        request=request,
        run=run,
        offer=offer,
        deadline=deadline,
        hours=hours,
    )
