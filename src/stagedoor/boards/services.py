"""Writes for the job boards: start an import, run it row by row, file each posting once."""

from __future__ import annotations

import itertools
import urllib.parse

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from stagedoor.core.tasks import Cancelled, Progress, start_task
from stagedoor.core.validation import Errors, refuse

from .classify import role_classifier
from .clean import clean_row
from .fetch import MAX_BYTES, fetch
from .filing import file_batch, role_ids
from .models import ExternalPosting, ImportRun, SavedPosting
from .rules import may_import
from .sources import SourceError, detect_format, read_rows

# Rows filed per transaction, and entries per list in a run's report.
BATCH_ROWS = 1000
REPORT_LIMIT = 500


def import_run_start(
    *,
    actor,
    url: str = "",
    filename: str = "",
    content: str | bytes | None = None,
    source: str = "",
    background: bool = True,
) -> ImportRun:
    """Record an import of a URL or an uploaded file and queue the task that runs it.

    Exactly one of `url` and `content`. `source` names where the postings come from
    (default: the URL's host, or the file name). With `background=False` nothing is
    queued; the caller runs `import_run_execute` itself (the CLI does, with its own bar).
    """
    if not may_import(actor):
        raise PermissionDenied("Only managers of an organisation can import postings.")
    errors = Errors()
    url = (url or "").strip()
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            errors.add("file", "The file is not UTF-8 text.")
            content = None
    if bool(url) == bool(content):
        errors.add("__all__", "Give either a file or a URL.")
    if url:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            errors.add("url", f"'{url}' is not an http(s) address.")
    if content and len(content) > MAX_BYTES:
        errors.add("file", f"At most {MAX_BYTES // 1024 // 1024} MB.")
    source = (source or "").strip()
    if len(source) > 120:
        errors.add("source", "At most 120 characters.")
    errors.raise_if_any()
    if not source:
        source = urllib.parse.urlsplit(url).hostname if url else (filename or "upload")
    with transaction.atomic():
        run = ImportRun.objects.create(
            source=source[:120],
            url=url,
            filename=filename[:255],
            payload=content or "",
            format=detect_format(filename=filename, text=content) if content else "",
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if background:
            run.task = start_task("board-import", user=run.created_by, run_id=run.pk)
            run.save(update_fields=["task"])
    return run


def _batched(rows, size: int):
    while batch := list(itertools.islice(rows, size)):
        yield batch


def _add(report: dict, key: str, entry) -> None:
    # Counts are always whole; the lists a page shows stop at REPORT_LIMIT entries.
    if len(report[key]) < REPORT_LIMIT:
        report[key].append(entry)


def import_run_execute(progress: Progress | None = None, *, run_id: int) -> dict:
    """Read the run's source and file each row; a bad row is reported, the rest imported.

    Rows are filed BATCH_ROWS at a time, each batch in its own transaction, so time grows
    with the rows and memory stays flat. The report lists rejected rows (row, field,
    reason) and duplicates (row and the posting it repeats), the first REPORT_LIMIT of
    each. Stopped from its page (core.tasks.Cancelled), the run keeps the batches filed so
    far and says so. Returns the counts, which the task record keeps.
    """
    progress = progress or Progress()
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    report: dict = {"rejected": [], "duplicates": [], "new": [], "updated": []}
    counts = {"rows": 0, "new": 0, "updated": 0, "duplicates": 0, "rejected": 0}
    try:
        text, ctype = (run.payload, "") if not run.url else fetch(run.url)
        kind = run.format or detect_format(filename=run.url, content_type=ctype, text=text)
        total, rows = read_rows(kind, text, base_url=run.url)
    except SourceError as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            error=str(exc)[:500],
            finished_at=timezone.now(),
            report={**report, "error": str(exc)},
        )
        return {**counts, "error": str(exc)[:200]}
    del text
    classifier, roles = role_classifier(), role_ids()
    progress.start(total, f"Importing {total} rows from {run.source}")
    try:
        for batch in _batched(rows, BATCH_ROWS):
            _file_rows(run, batch, classifier, roles, counts, report)
            last = batch[-1]
            progress.advance(len(batch), f"Row {last.number}: {last.fields.get('title', '')[:60]}")
    except Cancelled:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.CANCELLED,
            format=kind,
            finished_at=timezone.now(),
            error=f"Stopped after {counts['rows']} of {total} rows; those rows are filed.",
            report=report,
            **counts,
        )
        raise
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        format=kind,
        finished_at=timezone.now(),
        report=report,
        **counts,
    )
    return counts


def _file_rows(run, batch, classifier, roles, counts: dict, report: dict) -> None:
    clean_rows = []
    for row in batch:
        counts["rows"] += 1
        clean, problems = clean_row(row.fields)
        if clean is None:
            counts["rejected"] += 1
            for f, reason in problems:
                _add(report, "rejected", {"row": row.number, "field": f, "reason": reason})
        else:
            clean_rows.append((row.number, clean))
    with transaction.atomic():
        outcomes = file_batch(run, clean_rows, classifier, roles)
    for outcome in outcomes:
        if outcome.kind == "duplicate":
            counts["duplicates"] += 1
            entry = {
                "row": outcome.number,
                "title": outcome.title,
                "duplicate_of": outcome.posting.pk,
                "source": outcome.posting.source,
            }
            _add(report, "duplicates", entry)
        else:
            counts[outcome.kind] += 1
            _add(report, outcome.kind, outcome.posting.pk)


def import_run_fail_unfinished(*, run_id: int, message: str, cancelled: bool = False) -> None:
    """Close a run whose task ended without it: failed (the task died, e.g. its worker
    stopped answering) or stopped (cancelled before it began)."""
    status = ImportRun.Status.CANCELLED if cancelled else ImportRun.Status.FAILED
    ImportRun.objects.filter(pk=run_id).exclude(
        status__in=[ImportRun.Status.DONE, ImportRun.Status.FAILED, ImportRun.Status.CANCELLED]
    ).update(status=status, error=message[:500], finished_at=timezone.now())


def posting_save(*, actor, posting: ExternalPosting, saved: bool) -> bool:
    """Keep (or drop) an imported posting on the actor's saved list; saving twice keeps it
    once. Returns whether it is saved now."""
    if not getattr(actor, "is_authenticated", False):
        refuse("user", "Log in to save postings.")
    with transaction.atomic():
        if saved:
            SavedPosting.objects.get_or_create(user=actor, posting=posting)
        else:
            SavedPosting.objects.filter(user=actor, posting=posting).delete()
    return saved
