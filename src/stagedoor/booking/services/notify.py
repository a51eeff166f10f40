"""Tell people what changed: an inbox entry now, an email from a Celery task after commit
(through the outbox: sent once, even when the broker was down at the time).
The texts themselves are in `booking.messages`."""

from __future__ import annotations

from ..models import Notification
from .queue import Job, after_commit


def notify(user, *, kind: str, subject: str, body: str, url: str = "") -> Notification | None:
    """Put a message in `user`'s inbox and queue its email once the transaction commits."""
    if user is None:
        return None
    note = Notification.objects.create(
        user=user, kind=kind, subject=subject[:200], body=body, url=url[:300]
    )
    if user.email:
        after_commit(Job.EMAIL, note.pk, key=f"notification-email:{note.pk}")
    return note


def notify_many(users, **message) -> list[Notification]:
    seen, out = set(), []
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            out.append(notify(user, **message))
    return out
