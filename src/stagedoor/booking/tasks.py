"""Celery entry points for booking; each wraps a service and is safe to run twice.

Each task imports its service inside the function, and the services queue the tasks they
need through `services.queue` (registered below), so services never import this module.
"""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from stagedoor.core.http import absolute_url

from .models import Notification
from .services import queue


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    """Email one inbox entry, once: the entry is marked emailed before the mail goes out
    (one UPDATE, so two runs cannot both send) and unmarked if sending fails."""
    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None or note.emailed_at is not None or not note.user.email:
        return False
    claimed = Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    link = f"\n\n{absolute_url(note.url)}" if note.url else ""
    try:
        send_mail(note.subject, note.body + link, None, [note.user.email])
    except Exception:
        Notification.objects.filter(pk=note.pk).update(emailed_at=None)
        raise
    return True


@shared_task
def expire_offers() -> dict[str, int]:
    from .services.expiry import offers_expire

    return offers_expire().as_dict()


@shared_task
def backfill_positions() -> dict[str, int]:
    from .services.backfill import backfill_all

    return backfill_all()


@shared_task
def backfill_position_task(position_id: int) -> int:
    from stagedoor.gigs.models import Position

    from .services.backfill import backfill_position

    position = Position.objects.filter(pk=position_id).first()
    return backfill_position(position) if position else 0


@shared_task
def issue_credits() -> int:
    from .timesheets.services import credits_issue

    return credits_issue()


queue.register(queue.Job.EMAIL, send_notification_email)
queue.register(queue.Job.BACKFILL, backfill_position_task)
