"""Operations: how much work the outbox still holds (staff only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from stagedoor.core import health, outbox

from .auth import WRITE_AUTH

router = Router(tags=["operations"])


class OutboxOut(Schema):
    waiting: int
    failing: int
    running: int
    failed: int
    oldest_seconds: int | None
    summary: str
    last_error: str


@router.get("/ops/outbox", response=OutboxOut, auth=WRITE_AUTH)
def outbox_backlog(request):
    """Messages (emails, background work) saved by writes and not yet delivered: `waiting`
    (of which `failing` failed at least once and wait a growing pause), `running` in a
    worker, `failed` for good; the oldest waiting one's age and a sentence for people."""
    if not request.auth.is_staff:
        raise PermissionDenied("Only staff can read the outbox.")
    backlog = outbox.backlog()
    return OutboxOut(
        waiting=backlog.waiting,
        failing=backlog.failing,
        running=backlog.running,
        failed=backlog.failed,
        oldest_seconds=int(backlog.oldest.total_seconds()) if backlog.oldest else None,
        summary=backlog.words(),
        last_error=backlog.last_error,
    )


class CheckOut(Schema):
    ok: bool
    ms: float
    detail: str


class HealthOut(Schema):
    status: str
    failed: list[str]
    checks: dict[str, CheckOut]


@router.get("/ops/health", response={200: HealthOut, 503: HealthOut}, auth=None)
def health_report(request):
    """Whether the database, the Celery broker and the cache answer (what `/healthz` says):
    200 when all do, 503 naming those that did not in `failed`. No sign-in; the answer
    holds no address or credential."""
    report = health.report()
    return Status(200 if report.ok else 503, report.as_dict())
