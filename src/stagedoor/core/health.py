"""Is this process able to serve? The database, the broker and the cache, each asked once.

`GET /healthz` (HealthMiddleware: before the HTTPS redirect and the allowed-hosts check, so
a load balancer's plain-HTTP probe by address is answered), `GET /api/ops/health` and
`stagedoor health` read the same report. Each check is cheap (SELECT 1; one broker
connection with a short timeout; a cache write and read) and says only whether it worked,
how long it took and, when it failed, the kind of error: never an address, a user name or a
password from the settings.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from kombu import Connection

from stagedoor.celery import app as celery_app

HEALTH_PATH = "/healthz"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    ms: float
    detail: str


@dataclass(frozen=True)
class Report:
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[str]:
        return [c.name for c in self.checks if not c.ok]

    def as_dict(self) -> dict:
        return {
            "status": "ok" if self.ok else "failing",
            "failed": self.failed,
            "checks": {c.name: {"ok": c.ok, "ms": c.ms, "detail": c.detail} for c in self.checks},
        }


def _timed(name: str, probe: Callable[[], str]) -> Check:
    start = time.perf_counter()
    try:
        detail, ok = probe(), True
    except Exception as exc:  # any failure is the answer, named by its kind only
        detail, ok = f"failed: {type(exc).__name__}", False
    return Check(name, ok, round((time.perf_counter() - start) * 1000, 1), detail)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return f"answered ({connection.vendor})"


def _broker() -> str:
    if celery_app.conf.task_always_eager:
        return "none configured: background work runs in the web process"
    timeout = settings.STAGEDOOR_HEALTH_TIMEOUT
    conf = celery_app.conf
    with Connection(
        conf.broker_url,
        connect_timeout=timeout,
        transport_options=conf.broker_transport_options or {},
    ) as conn:
        conn.ensure_connection(max_retries=1, timeout=timeout)
        return f"connected ({conn.transport.driver_type})"


def _cache() -> str:
    key = f"stagedoor:health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise LookupError("the cache did not keep a value")
    cache.delete(key)
    return "wrote and read a value"


def report() -> Report:
    return Report(
        [_timed("database", _database), _timed("broker", _broker), _timed("cache", _cache)]
    )


class HealthMiddleware:
    """First of all: answers GET or HEAD /healthz with the report (200 or 503), unlogged,
    uncached, before any redirect or host check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
            return response
        result = report()
        response = HttpResponse(
            json.dumps(result.as_dict()),
            status=200 if result.ok else 503,
            content_type="application/json",
        )
        response["Cache-Control"] = "no-store"
        return response
