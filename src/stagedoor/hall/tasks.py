"""Celery entry points of the hall: each wraps a service."""

from __future__ import annotations

from celery import shared_task


@shared_task
def recompute_lists() -> int:
    """Beat's scheduled list recompute for every local (settings CELERY_BEAT_SCHEDULE).
    Returns how many locals' lists were published."""
    from .services import lists_recompute_all

    return len(lists_recompute_all())
