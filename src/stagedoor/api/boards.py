"""Job boards: start an import of a file or URL, watch it, and read every opening as JobPosting.

Refusals come back as 422 naming the field, permission problems as 403.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from stagedoor.boards import selectors, services
from stagedoor.boards.forms import JobSearchForm
from stagedoor.boards.jsonld import external_jobposting, position_jobposting
from stagedoor.boards.models import ExternalPosting, ImportRun
from stagedoor.core.http import or_404
from stagedoor.core.paging import KeyedPaginator
from stagedoor.core.validation import refuse

from .auth import WRITE_AUTH

router = Router(tags=["job boards"])
PAGE_SIZE = 25


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


class JobOut(Schema):
    id: int
    title: str
    role: str
    role_name: str
    organisation: str
    where: str
    call_start: dt.datetime
    call_end: dt.datetime
    timezone: str
    pay_amount: Decimal
    currency: str
    pay_unit: str
    headcount: int
    url: str


class JobPageOut(Schema):
    count: int = Field(..., description="Every open call matching the filters, up to 1,000")
    more: bool = Field(False, description="More calls match than the count (search narrower)")
    page: int
    pages: int
    page_size: int
    results: list[JobOut]


def _job(p, absolute) -> dict:
    if p.show_id:
        where = f"{p.show.venue.name}, {p.show.venue.city}"
    else:
        venue = p.project.venue
        where = ("Remote" if p.project.remote_allowed else "") + (
            f"{' or ' if p.project.remote_allowed else ''}{venue.city}" if venue else ""
        )
    return {
        "id": p.pk,
        "title": p.display_title,
        "role": p.role.slug,
        "role_name": p.role.name,
        "organisation": p.organisation.name,
        "where": where,
        "call_start": p.call_start,
        "call_end": p.call_end,
        "timezone": p.timezone_name,
        "pay_amount": p.pay_amount,
        "currency": p.currency,
        "pay_unit": p.pay_unit,
        "headcount": p.headcount,
        "url": absolute(reverse("boards:posting", args=[p.pk])),
    }


@router.get("/jobs", response=JobPageOut)
def search_jobs(
    request,
    q: str = "",
    role: str = Query("", description="A role's slug, as GET /api/roles lists them"),
    city: str = Query("", description="e.g. Chicago, or Leeds, GB"),
    km: str = Query("", description="Distance from the city (default 50)"),
    start: str = Query("", alias="from", description="YYYY-MM-DD, first day (venue's calendar)"),
    end: str = Query("", alias="to", description="YYYY-MM-DD, last day (venue's calendar)"),
    min_pay: str = Query("", description="Pay at least this, in the call's currency and unit"),
    page: int = 1,
):
    """Open calls matching every filter (the /jobs/ page's search), soonest first, 25 a page,
    with the count of all matches. A bad filter is a 422 naming it."""
    params = {"q": q, "role": role, "city": city, "km": km, "from": start, "to": end}
    form = JobSearchForm({**params, "min_pay": min_pay})
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    paginator = KeyedPaginator(selectors.job_search(form.filters()), PAGE_SIZE, most=selectors.MOST)
    if page < 1 or (page > paginator.num_pages):
        refuse("page", f"There are {paginator.num_pages} pages.")
    found = paginator.page(page)
    return {
        "count": paginator.count,
        "more": paginator.more,
        "page": found.number,
        "pages": paginator.num_pages,
        "page_size": PAGE_SIZE,
        "results": [_job(p, request.build_absolute_uri) for p in found],
    }


class SavedOut(Schema):
    posting: int
    saved: bool


def _imported(posting_id: int) -> ExternalPosting:
    return or_404(ExternalPosting, "No such posting", ExternalPosting.objects.get, pk=posting_id)


@router.post("/postings/{posting_id}/save", response=SavedOut, auth=WRITE_AUTH)
def save_posting(request, posting_id: int):
    """Keep an imported posting on your saved list (saving twice keeps it once)."""
    posting = _imported(posting_id)
    services.posting_save(actor=request.auth, posting=posting, saved=True)
    return {"posting": posting.pk, "saved": True}


@router.delete("/postings/{posting_id}/save", response=SavedOut, auth=WRITE_AUTH)
def unsave_posting(request, posting_id: int):
    """Drop an imported posting from your saved list."""
    posting = _imported(posting_id)
    services.posting_save(actor=request.auth, posting=posting, saved=False)
    return {"posting": posting.pk, "saved": False}


@router.get("/me/saved-postings", response=list[dict], auth=WRITE_AUTH)
def my_saved_postings(request):
    """Your saved imported postings as schema.org JobPosting objects, last saved first; each
    one's `url` is where to apply."""
    return [external_jobposting(p) for p in selectors.saved_postings(user=request.auth)]
