"""The matching index's change log: which workers and positions changed, and since when.

Every change to what matching reads INSERTs a line into `IndexChange` inside the writer's
transaction. An insert takes no lock another writer waits on (the old design updated one
`IndexVersion` row, and every booking write in every organisation queued behind it), and
the line commits or rolls back with the data it describes.

A process remembers a `Mark`: the last line it applied and, on PostgreSQL, the snapshot it
took just before reading. Line ids are handed out before commit, so a later id can commit
first; a reader that only asked for "ids above the last one" would skip the slower writer's
line for good. So each line carries its writer's transaction id, and the next read also
asks for every line whose transaction was still running at the previous snapshot (its
`xip` list, or at or after its `xmax`), except the reader's own transaction's lines:
PostgreSQL's `xmax` is one past the latest *completed* transaction, so the reader's own
transaction, when it is the newest still running, is at `xmax`, yet its lines before the
snapshot were visible to it and its lines after have higher ids. Counting them again
re-applied a whole test's (or request's) writes on every read, its organisation and venue
lines too, which build afresh: that made the patch's query count depend on what else the
server was doing. A line read twice is applied twice, which is
harmless: applying reloads the named worker or position from the database. SQLite admits
one writer at a time, so there ids commit in order and "above the last one" is enough.

Inside a transaction that changed such data, that transaction reads an index of its own,
patched with what it sees (its own uncommitted lines too) and never shared with other
threads, until it commits (`Pending` below); a rolled-back transaction changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from .models import IndexChange

_HOOK = "_stagedoor_matching_hook"  # the connection attribute holding the waiting hook
XID_SQL = "pg_current_xact_id()::text::bigint"


@dataclass(frozen=True)
class Mark:
    """How far a process has read the change log."""

    last_id: int = 0
    xmax: int | None = None  # PostgreSQL: the snapshot taken before the read
    xip: tuple[int, ...] = ()
    own: int | None = None  # PostgreSQL: the reader's transaction id then, if it had one


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def snapshot() -> tuple[int | None, tuple[int, ...], int | None]:
    """The current snapshot's xmax, the other running transactions' ids and this
    transaction's own id if it has one (PostgreSQL only)."""
    if not _postgres():
        return None, (), None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_snapshot_xmax(s)::text::bigint,"
            " ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(s) x),"
            " pg_current_xact_id_if_assigned()::text::bigint"
            " FROM pg_current_snapshot() s"
        )
        xmax, xip, own = cursor.fetchone()
    return xmax, tuple(xip), own


def last_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {IndexChange._meta.db_table}")
        return cursor.fetchone()[0]


def start() -> Mark:
    """A mark to build a full index from: nothing before it needs applying afterwards,
    except lines still uncommitted now, which the first read after it picks up."""
    xmax, xip, own = snapshot()
    return Mark(last_id(), xmax, xip, own)


def read(mark: Mark, limit: int) -> tuple[Mark, list[tuple[int, int, int]] | None]:
    """The lines not applied since `mark`, oldest first, and the mark after them; None
    for the lines when there are more than `limit` (rebuilding is then cheaper)."""
    xmax, xip, own = snapshot()
    table = IndexChange._meta.db_table
    sql = f"SELECT id, kind, object_id FROM {table} WHERE id > %s"
    params: list = [mark.last_id]
    if mark.xmax is not None:
        sql += " OR ((xid >= %s OR xid = ANY(%s)) AND xid <> %s)"
        params += [mark.xmax, list(mark.xip), -1 if mark.own is None else mark.own]
    sql += " ORDER BY id LIMIT %s"
    params.append(limit + 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    after = Mark(max([mark.last_id, *(r[0] for r in rows)]), xmax, xip, own)
    return after, (None if len(rows) > limit else rows)


def prune(older_than) -> int:
    """Drop lines written before `older_than` (every process has read them by then)."""
    return IndexChange.objects.filter(created__lt=older_than).delete()[0]


def _insert(lines) -> None:
    table = IndexChange._meta.db_table
    xid = XID_SQL if _postgres() else "0"
    now = timezone.now()
    values = ", ".join([f"(%s, %s, {xid}, %s)"] * len(lines))
    params = [v for kind, object_id in lines for v in (int(kind), int(object_id or 0), now)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, object_id, xid, created) VALUES {values}", params
        )


class Pending:
    """A transaction that changed what matching reads and has not committed yet: its
    on-commit hook, a token renewed on each change and the index patched for it."""

    def __init__(self, queue: list) -> None:
        self.changes = 0
        self.queue = queue  # the connection's list of on-commit hooks when this joined it
        self.done = False
        self.indexes = None

    def __call__(self) -> None:
        self.done, self.indexes = True, None


def pending() -> Pending | None:
    """The current transaction's waiting hook, if it changed what matching reads."""
    conn = transaction.get_connection()
    hook = getattr(conn, _HOOK, None)
    if hook is None:
        return None
    if hook.done or not conn.in_atomic_block:
        setattr(conn, _HOOK, None)  # its transaction is over: let its index go
        return None
    # Django only appends to its list of hooks; it replaces the list when it drops any
    # (commit, rollback, a savepoint's rollback). Same list: the hook is still there.
    if conn.run_on_commit is hook.queue:
        return hook
    if any(entry[1] is hook for entry in conn.run_on_commit):
        hook.queue = conn.run_on_commit
        return hook
    setattr(conn, _HOOK, None)  # rolled back with its transaction or savepoint
    return None


def changed(lines) -> None:
    """Workers or positions matching reads have changed (called by `receivers.py`)."""
    lines = list(lines)
    if not lines:
        return
    _insert(lines)
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        return
    hook = pending()
    if hook is not None:
        hook.changes += 1
        return
    hook = Pending(conn.run_on_commit)
    hook.changes = 1
    setattr(conn, _HOOK, hook)
    transaction.on_commit(hook, robust=True)
