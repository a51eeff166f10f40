"""Job boards: start an import of a file or URL, watch it, and read every opening as JobPosting.

Refusals come back as 422 naming the field, permission problems as 403.
"""

from __future__ import annotations

import datetime as dt

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from stagedoor.boards import selectors, services
from stagedoor.boards.jsonld import external_jobposting, position_jobposting
from stagedoor.boards.models import ImportRun
from stagedoor.core.http import or_404

from .auth import WRITE_AUTH

router = Router(tags=["job boards"])


class RejectionOut(Schema):
    row: int
    field: str
    reason: str


class DuplicateOut(Schema):
    row: int
    title: str
    duplicate_of: int
    source: str


class ImportOut(Schema):
    id: int
    source: str
    url: str
    filename: str
    format: str
    status: str
    done: int
    total: int
    percent: int
    rows: int
    new: int
    updated: int
    duplicates: int
    rejected: int
    rejections: list[RejectionOut]
    duplicate_rows: list[DuplicateOut]
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


def _out(run: ImportRun) -> dict:
    task = run.task
    return {
        "id": run.pk,
        "source": run.source,
        "url": run.url,
        "filename": run.filename,
        "format": run.format,
        "status": run.status,
        "done": task.done if task else 0,
        "total": task.total if task else 0,
        "percent": 100 if run.finished else (task.percent if task else 0),
        "rows": run.rows,
        "new": run.new,
        "updated": run.updated,
        "duplicates": run.duplicates,
        "rejected": run.rejected,
        "rejections": run.report.get("rejected", []),
        "duplicate_rows": run.report.get("duplicates", []),
        "error": run.error,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
    }


@router.post("/imports", response={202: ImportOut}, auth=WRITE_AUTH)
def start_import(
    request,
    file: UploadedFile | None = File(None),  # noqa: B008
    url: str = Form(""),
    source: str = Form(""),
):
    """Import a CSV, JSON feed or Atom/RSS file (multipart `file`) or a `url`, in the
    background. Poll GET /api/imports/{id} for progress and the report."""
    run = services.import_run_start(
        actor=request.user,
        url=url,
        filename=file.name if file else "",
        content=file.read() if file else None,
        source=source,
    )
    run.refresh_from_db()
    return Reply(202, _out(run))


@router.get("/imports/{run_id}", response=ImportOut, auth=WRITE_AUTH)
def get_import(request, run_id: int):
    """Status, progress and report (new, updated, duplicates, rejected rows) of an import."""
    run = or_404(
        ImportRun, "No such import", selectors.import_run_get, actor=request.user, run_id=run_id
    )
    return _out(run)


@router.get("/postings", response=list[dict])
def list_postings(request, q: str = "", external: bool = True, limit: int = 100):
    """Every open call, then imported postings, as schema.org JobPosting objects."""
    limit = max(1, min(limit, 500))
    native = [
        position_jobposting(p, request.build_absolute_uri)
        for p in selectors.open_positions(q=q)[:limit]
    ]
    imported = (
        [external_jobposting(p) for p in selectors.external_open(q=q)[:limit]] if external else []
    )
    return native + imported
