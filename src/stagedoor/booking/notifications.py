"""Tell people what changed: an inbox entry now, an email from a Celery task after commit."""

from __future__ import annotations

from django.db import transaction

from .models import Notification


def notify(user, *, kind: str, subject: str, body: str, url: str = "") -> Notification | None:
    """Put a message in `user`'s inbox and queue its email once the transaction commits."""
    if user is None:
        return None
    note = Notification.objects.create(
        user=user, kind=kind, subject=subject[:200], body=body, url=url[:300]
    )
    if user.email:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(note.pk))
    return note


def notify_many(users, **message) -> list[Notification]:
    seen, out = set(), []
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            out.append(notify(user, **message))
    return out
