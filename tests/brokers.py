"""Point the test process's Celery at a broker: one that does not answer, or a live one."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from stagedoor.celery import app


def dead_broker_url() -> str:
    """An AMQP address on a local port nothing listens on (bound, then let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"amqp://guest:guest@127.0.0.1:{port}//"


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def reset_pools() -> None:
    # Connection pools are cached on first use, keyed by the broker of that moment.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker(url: str, settings=None) -> Iterator[None]:
    """Celery in this process talks to `url`, not eagerly; `settings` (pytest-django's
    fixture) follows, for the code that reads CELERY_TASK_ALWAYS_EAGER from it."""
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.broker_url = False, url
    if settings is not None:
        settings.CELERY_TASK_ALWAYS_EAGER = False
    reset_pools()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        if settings is not None:
            settings.CELERY_TASK_ALWAYS_EAGER = saved[0]
        reset_pools()
