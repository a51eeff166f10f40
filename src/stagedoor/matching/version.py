"""The matching index's version: a token that changes whenever data matching reads changes.

The token is written after commit, never inside the writer's transaction. Written inside
it (as it once was, by `update_or_create` on every save), the writer held a lock on the one
IndexVersion row until its commit, and every booking write in every organisation queued
behind it. Now a change to what matching reads:

- outside any transaction, changes the token at once (a one-row UPDATE that commits
  straight away);
- inside a transaction, gives that transaction a private token of its own at once, renewed
  on every change, so the transaction's own reads rebuild the index from what it sees (kept
  apart from the shared cache: no other thread may read uncommitted changes), and changes
  the shared token once, on commit (`transaction.on_commit`), however many saves it made.

A rolled-back transaction changes nothing: Django drops the on-commit hooks of what rolls
back, and a private token counts only while its hook is still waiting to run.
"""

from __future__ import annotations

from django.db import transaction

from .models import IndexVersion, new_token

_HOOK = "_stagedoor_matching_hook"  # the connection attribute holding the waiting hook


def publish() -> None:
    """Give the index a new shared token now (its own short transaction in autocommit)."""
    if not IndexVersion.objects.filter(pk=1).update(token=new_token()):
        IndexVersion.objects.update_or_create(pk=1, defaults={"token": new_token()})


class Pending:
    """A transaction that changed what matching reads and has not committed yet: its
    on-commit hook, its private token and the index built for it (see `index.py`)."""

    def __init__(self, queue: list) -> None:
        self.token = new_token()
        self.queue = queue  # the connection's list of on-commit hooks when this joined it
        self.done = False
        self.indexes = None

    def __call__(self) -> None:
        self.done, self.indexes = True, None
        publish()


def pending() -> Pending | None:
    """The current transaction's waiting hook, if it changed what matching reads."""
    connection = transaction.get_connection()
    hook = getattr(connection, _HOOK, None)
    if hook is None:
        return None
    if hook.done or not connection.in_atomic_block:
        setattr(connection, _HOOK, None)  # its transaction is over: let its index go
        return None
    # Django only appends to its list of hooks; it replaces the list when it drops any
    # (commit, rollback, a savepoint's rollback). Same list: the hook is still there.
    if connection.run_on_commit is hook.queue:
        return hook
    if any(entry[1] is hook for entry in connection.run_on_commit):
        hook.queue = connection.run_on_commit
        return hook
    setattr(connection, _HOOK, None)  # rolled back with its transaction or savepoint
    return None


def changed() -> None:
    """Data matching reads has changed (called by the signal receivers in `receivers.py`)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        publish()
        return
    hook = pending()
    if hook is not None:
        hook.token = new_token()
        return
    hook = Pending(connection.run_on_commit)
    setattr(connection, _HOOK, hook)
    # Robust: the data is committed by then; a failed bump must not turn that into an error.
    transaction.on_commit(hook, robust=True)


def shared_token() -> str:
    found = IndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    return found or "initial"
