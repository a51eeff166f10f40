"""Who may see a background task's progress (`/tasks/<id>/`), and who may stop it.

A task's page names what it works on (an organisation's shows, imported postings), so it
is for the person who started it, site staff, and whoever an app says may see its kind:
the app registers a predicate from its AppConfig.ready(), e.g. staffing lets the managers
of the run's organisation watch an auto-staffing run. Core names no app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import TaskRecord

# (actor, organisation id) -> may they manage it; set by the app that owns organisations.
_manages: Callable[[Any, int], bool] = lambda actor, organisation_id: False  # noqa: E731


def register_manager_check(fn: Callable[[Any, int], bool]) -> None:
    """Tell the kernel who manages an organisation (industry does, from its ready())."""
    global _manages
    _manages = fn


def may_cancel(actor, record: TaskRecord) -> bool:
    """Whoever started the task, a manager of its organisation, or an admin."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    if record.created_by_id is not None and record.created_by_id == actor.pk:
        return True
    return record.organisation_id is not None and _manages(actor, record.organisation_id)


_AUDIENCES: dict[str, Callable[[object, TaskRecord], bool]] = {}


def register_task_audience(kind: str, may_see: Callable[[object, TaskRecord], bool]) -> None:
    """Besides its starter and staff, who may see a task of `kind`: `may_see(user, task)`."""
    _AUDIENCES[kind] = may_see


def can_see_task(user, task: TaskRecord) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if task.created_by_id is not None and task.created_by_id == user.pk:
        return True
    if may_cancel(user, task):  # whoever may stop it may watch it
        return True
    may_see = _AUDIENCES.get(task.kind)
    return bool(may_see and may_see(user, task))
