"""Work handed to Celery once the transaction commits, through the outbox (`core.outbox`):
recorded with the write, so a broker outage delays it and loses nothing.

`booking.tasks` wraps services (and imports them inside each task); if services imported
the tasks back, the two would import each other in a circle. So the tasks register
themselves here when the app loads (`BookingConfig.ready` imports `booking.tasks`), and
services ask for a job by its kind. The kinds are this module's names, not strings.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from stagedoor.core import outbox


class Job(StrEnum):
    EMAIL = "email"  # email one inbox entry
    BACKFILL = "backfill"  # offer a position's open seats to the next candidates


_tasks: dict[Job, Callable] = {}


def register(job: Job, task) -> None:
    """Called by `booking.tasks` for each task a service may queue."""
    _tasks[job] = task


def after_commit(job: Job, *args, key: str = "") -> None:
    """Run `job` with `args` once the current transaction commits (at once outside one),
    retried until it has run; `key` names it so that asking twice queues it once."""
    outbox.later(_tasks[job].name, *args, key=key)


def backfill_later(position) -> None:
    """Backfill after this transaction commits, in its own: the seat is free by then, and
    the locks of the change that freed it are not held while new offers go out."""
    if position.auto_backfill:
        after_commit(Job.BACKFILL, position.pk)
