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
from .fetch import MAX_BYTES, Fetched, fetch_page, next_link
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


# A paged feed is followed through its Link rel="next" headers, at most this many pages and
# this many bytes in all (each page is at most MAX_BYTES, as one file is).
IMPORT_PAGES_MOST = 50
IMPORT_BYTES_MOST = 10 * MAX_BYTES


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:  # not a port number: no site of ours
        port = -1
    return scheme, (parts.hostname or "").lower(), port


class _Feed:
    """The pages of a feed at a URL, each fetched only when asked for: the first, then the
    next named by each page's Link header, while it is on the site the manager gave (or the
    one its first page redirected to), not read already, and within the bounds. When it
    stops early, `notes` says why in a sentence for the run's page."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.origins = {_origin(url)}
        self.seen = {urllib.parse.urldefrag(url)[0]}
        self.pages = 0
        self.size = 0
        self.notes: list[str] = []
        self.last_url = ""
        self.last_links: tuple[str, ...] = ()

    def fetch(self, url: str) -> Fetched:
        page = fetch_page(url)
        if self.pages == 0:
            self.origins.add(_origin(page.url))
        self.seen.add(urllib.parse.urldefrag(page.url)[0])
        self.pages += 1
        self.size += page.size
        self.last_url, self.last_links = page.url, page.links
        return page

    def next_url(self) -> str | None:
        """Where the next page is, or None (with a note if the feed goes on)."""
        url = next_link(self.last_links, base=self.last_url) if self.last_url else None
        if url is None:
            return None
        after = f"page {self.pages}" if self.pages > 1 else "the first page"
        if _origin(url) not in self.origins:
            host = urllib.parse.urlsplit(url).hostname or url
            self.notes.append(
                f"The feed's next page is on another site ({host}). Stagedoor reads a feed's "
                f"pages only from the site you gave, so the import stopped after {after}."
            )
            return None
        if url in self.seen:
            self.notes.append(
                f"The next page after {after} points back to a page already read, "
                "so the import stopped there."
            )
            return None
        if self.pages >= IMPORT_PAGES_MOST:
            self.notes.append(
                f"The feed has more than {IMPORT_PAGES_MOST} pages; the first "
                f"{IMPORT_PAGES_MOST} were read. Import {url} to read on from there."
            )
            return None
        if self.size >= IMPORT_BYTES_MOST:
            self.notes.append(
                f"The feed's pages add up to more than {IMPORT_BYTES_MOST // 1024 // 1024} MB; "
                f"the first {self.pages} were read. Import {url} to read on from there."
            )
            return None
        return url


def _pages_word(pages: int) -> str:
    return "1 page" if pages == 1 else f"{pages} pages"


def import_run_execute(progress: Progress | None = None, *, run_id: int) -> dict:
    """Read the run's source and file each row; a bad row is reported, the rest imported.

    Rows are filed BATCH_ROWS at a time, each batch in its own transaction, so time grows
    with the rows and memory stays flat. A URL whose response names a next page in its Link
    header is read page after page (see `_Feed`), all in this one run, rows numbered on
    across pages; a later page that cannot be read ends the run with the pages before it
    filed and a note saying so. The report lists rejected rows (row, field, reason) and
    duplicates (row and the posting it repeats), the first REPORT_LIMIT of each, and for a
    URL the pages read and any note. Stopped from its page (core.tasks.Cancelled), during a
    page or between two, the run keeps the batches filed so far and says so. Returns the
    counts, which the task record keeps.
    """
    progress = progress or Progress()
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    report: dict = {"rejected": [], "duplicates": [], "new": [], "updated": []}
    counts = {"rows": 0, "new": 0, "updated": 0, "duplicates": 0, "rejected": 0}
    feed = _Feed(run.url) if run.url else None
    try:
        if feed is not None:
            page = feed.fetch(run.url)
            text, ctype, base = page.text, page.content_type, page.url
        else:
            text, ctype, base = run.payload, "", ""
        kind = run.format or detect_format(filename=run.url, content_type=ctype, text=text)
        total, rows = read_rows(kind, text, base_url=base)
    except SourceError as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            error=str(exc)[:500],
            finished_at=timezone.now(),
            report={**report, "error": str(exc)},
        )
        return {**counts, "error": str(exc)[:200]}
    del text
    if feed is not None:
        del page
    classifier, roles = role_classifier(), role_ids()
    progress.start(total, f"Importing {total} rows from {run.source}")
    paged = False
    try:
        while True:
            offset = counts["rows"]
            for batch in _batched(rows, BATCH_ROWS):
                _file_rows(run, batch, offset, classifier, roles, counts, report)
                last = batch[-1]
                where = f"Page {feed.pages}, row" if paged else "Row"
                title = last.fields.get("title", "")[:60]
                progress.advance(len(batch), f"{where} {last.number}: {title}")
            url = feed.next_url() if feed is not None else None
            if url is None:
                break
            paged = True
            progress.extend(0, f"Read {_pages_word(feed.pages)} of the feed; fetching the next")
            read = feed.pages
            try:
                page = feed.fetch(url)
                more, rows = read_rows(kind, page.text, base_url=page.url)
                del page
            except SourceError as exc:
                feed.pages = read  # a page we could not read is not one read
                feed.notes.append(
                    f"Page {read + 1} of the feed could not be read, so the import "
                    f"stopped after {_pages_word(read)}: {exc}"
                )
                break
            total += more
            progress.extend(more, f"Page {feed.pages}: importing {more} more rows")
    except Cancelled:
        if paged:
            stopped = (
                f"Stopped after {counts['rows']} rows from {_pages_word(feed.pages)} of the "
                "feed; those rows are filed."
            )
        else:
            stopped = f"Stopped after {counts['rows']} of {total} rows; those rows are filed."
        if feed is not None:
            report.update(pages=feed.pages, notes=feed.notes)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.CANCELLED,
            format=kind,
            finished_at=timezone.now(),
            error=stopped,
            report=report,
            **counts,
        )
        raise
    if feed is not None:
        report.update(pages=feed.pages, notes=feed.notes)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        format=kind,
        finished_at=timezone.now(),
        report=report,
        **counts,
    )
    return counts


def _file_rows(run, batch, offset: int, classifier, roles, counts: dict, report: dict) -> None:
    # `offset`: the rows of the feed's pages before this one, so row numbers run on.
    clean_rows = []
    for row in batch:
        row.number += offset
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
