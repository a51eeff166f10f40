"""Row locks for the writes that keep a promise (no double booking, no lost timesheet).

One helper, in the manner of pretix's `lock_objects`: every caller locks its rows through
`lock_rows`, which takes them in one fixed order (model label, then primary key) so two
writers can never deadlock, refuses to run outside a transaction (a lock released at once
protects nothing), and waits at most `STAGEDOOR_LOCK_TIMEOUT_MS` before answering `Busy`,
which the API turns into a 409 and the pages into "busy, try again".

SQLite has no row locks: it serialises writers on the whole database, and its own busy
timeout (settings `DATABASES["default"]["OPTIONS"]["timeout"]`) plays the same part there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import OperationalError, connections, router, transaction

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout


class Busy(Exception):
    """Somebody else is changing the same rows right now; the caller should try again."""

    def __init__(self, message: str = "Someone else is changing this right now. Try again."):
        super().__init__(message)


def lock_rows(*groups: tuple[type, Iterable[int | None]]) -> None:
    """Lock the rows `(Model, ids)` for the rest of the current transaction.

    Rows are taken in a fixed order (model label, then id), whatever order the caller
    names them in. Raises RuntimeError outside `transaction.atomic()` and `Busy` when a row
    stays locked by another transaction for longer than the lock timeout.
    """
    if not settings.STAGEDOOR_BOOKING_LOCKS:
        return  # only the race tests switch this off, to show the race is real
    wanted: dict[type, set[int]] = {}
    for model, ids in groups:
        wanted.setdefault(model, set()).update(i for i in ids if i is not None)
    if not wanted:
        return
    alias = router.db_for_write(next(iter(wanted)))
    connection = connections[alias]
    if not connection.in_atomic_block:
        raise RuntimeError("lock_rows() must run inside transaction.atomic().")
    timeout_ms = int(settings.STAGEDOOR_LOCK_TIMEOUT_MS)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                [f"{timeout_ms}ms"],
            )
            previous = cursor.fetchone()[0]
        try:
            for model in sorted(wanted, key=lambda m: m._meta.label):
                list(
                    model.objects.using(alias)
                    .select_for_update()
                    .filter(pk__in=sorted(wanted[model]))
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
        except OperationalError as exc:
            if _lock_timed_out(exc):
                raise Busy() from exc
            raise
        if postgres:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def _lock_timed_out(exc: OperationalError) -> bool:
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == LOCK_NOT_AVAILABLE:
        return True
    return "database is locked" in str(exc)


def in_transaction(using: str = "default") -> bool:
    return transaction.get_connection(using).in_atomic_block
