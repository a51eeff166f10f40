"""Writes for the job boards: start an import, run it row by row, file each posting once."""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from rapidfuzz import fuzz

from stagedoor.core.tasks import Progress, start_task
from stagedoor.core.validation import Errors, refuse
from stagedoor.industry.models import Role

from .classify import fold, role_classifier
from .clean import CleanRow, clean_row
from .models import ExternalPosting, ImportRun, SavedPosting
from .rules import may_import
from .sources import SourceError, detect_format, read_rows

MAX_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT = 20
# token_set_ratio of "employer title" at or above this, same city and same day: one posting.
DUPLICATE_SCORE = 90
USER_AGENT = "Stagedoor job import (+https://github.com/stagedoor)"
_COMPANY_WORDS = {"gmbh", "ltd", "llc", "inc", "co", "the", "plc", "ag", "limited"}


def _employer_key(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w not in _COMPANY_WORDS)


def fingerprint(*, employer: str, title: str, city: str, remote: bool, day) -> str:
    place = fold(city) or ("remote" if remote else "")
    key = f"{_employer_key(employer)}|{fold(title)}|{place}|{day.isoformat() if day else ''}"
    return hashlib.sha1(key.encode()).hexdigest()


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


def _check_public(url: str) -> None:
    """Refuse URLs whose host resolves to a private, loopback or link-local address.

    The server fetches what a manager types; without this it could be pointed at services
    inside its own network. (A host that changes its DNS answer between this check and the
    fetch can still slip through; a proxy that enforces egress rules closes that.)
    """
    if settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as exc:
        raise SourceError(f"Could not fetch {url}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise SourceError(f"Refusing to fetch {url}: {host} is a private or local address.")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_public(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(url: str) -> tuple[str, str]:
    """(text, content type) of a URL, at most MAX_BYTES."""
    _check_public(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(_CheckedRedirects)
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            ctype = response.headers.get("Content-Type", "")
            charset = response.headers.get_content_charset() or "utf-8"
    except (OSError, ValueError) as exc:
        raise SourceError(f"Could not fetch {url}: {exc}") from exc
    if len(body) > MAX_BYTES:
        raise SourceError(f"{url} is larger than {MAX_BYTES // 1024 // 1024} MB.")
    try:
        return body.decode(charset, errors="replace"), ctype
    except LookupError:  # a charset Python does not know: read it as UTF-8
        return body.decode("utf-8", errors="replace"), ctype


@dataclass
class _Outcome:
    kind: str  # new | updated | duplicate
    posting: ExternalPosting


def _find_duplicate(row: CleanRow, print_: str, exclude_pk: int | None) -> ExternalPosting | None:
    """An already filed posting for the same employer, title, place and day (fuzzy)."""
    same = ExternalPosting.objects.filter(fingerprint=print_)
    if exclude_pk:
        same = same.exclude(pk=exclude_pk)
    exact = same.first()
    if exact is not None:
        return exact
    nearby = ExternalPosting.objects.filter(starts_on=row.starts_on, remote=row.remote)
    nearby = nearby.filter(city__iexact=row.city) if row.city else nearby.filter(city="")
    if exclude_pk:
        nearby = nearby.exclude(pk=exclude_pk)
    wanted = f"{_employer_key(row.employer)} {fold(row.title)}"
    for other in nearby.only("pk", "employer_name", "title", "city"):
        if fold(other.city) != fold(row.city):
            continue
        text = f"{_employer_key(other.employer_name)} {fold(other.title)}"
        if fuzz.token_set_ratio(wanted, text) >= DUPLICATE_SCORE:
            return other
    return None


def _file_posting(run: ImportRun, row: CleanRow, classifier) -> _Outcome:
    """New, updated (same source and id, or same fingerprint), or a duplicate of another."""
    print_ = fingerprint(
        employer=row.employer, title=row.title, city=row.city, remote=row.remote, day=row.starts_on
    )
    mine = ExternalPosting.objects.filter(source=run.source)
    existing = (
        mine.filter(external_id=row.external_id).first()
        if row.external_id
        else mine.filter(external_id="", fingerprint=print_).first()
    )
    duplicate = _find_duplicate(row, print_, existing.pk if existing else None)
    if existing is None and duplicate is not None:
        return _Outcome("duplicate", duplicate)
    guess = classifier.classify(row.title, row.description)
    role_id = None
    if guess.role:
        role_id = Role.objects.filter(slug=guess.role).values_list("pk", flat=True).first()
    values = {
        "source_url": row.url,
        "external_id": row.external_id,
        "employer_name": row.employer,
        "employer_url": row.employer_url,
        "title": row.title,
        "description": row.description,
        "role_id": role_id,
        "role_confidence": float(guess.confidence) if role_id else 0.0,
        "street_address": row.street,
        "city": row.city,
        "region": row.region,
        "postal_code": row.postal_code,
        "country": row.country,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "remote": row.remote,
        "starts_on": row.starts_on,
        "starts_at": row.starts_at,
        "pay_amount": row.pay_amount,
        "pay_unit": row.pay_unit,
        "currency": row.currency,
        "employment_type": row.employment_type,
        "date_posted": row.date_posted,
        "valid_through": row.valid_through,
        "fingerprint": print_,
        "last_seen": timezone.now(),
        "import_run": run,
    }
    if existing is not None:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return _Outcome("updated", existing)
    return _Outcome("new", ExternalPosting.objects.create(source=run.source, **values))


def import_run_execute(progress: Progress | None = None, *, run_id: int) -> dict:
    """Read the run's source and file each row; a bad row is reported, the rest imported.

    The report lists every rejected row (row, field, reason) and every duplicate (row and
    the posting it repeats). Returns the counts, which the task record keeps.
    """
    progress = progress or Progress()
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    report: dict = {"rejected": [], "duplicates": [], "new": [], "updated": []}
    counts = {"rows": 0, "new": 0, "updated": 0, "duplicates": 0, "rejected": 0}
    try:
        text, ctype = (run.payload, "") if not run.url else _fetch(run.url)
        kind = run.format or detect_format(filename=run.url, content_type=ctype, text=text)
        rows = read_rows(kind, text, base_url=run.url)
    except SourceError as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            error=str(exc)[:500],
            finished_at=timezone.now(),
            report={**report, "error": str(exc)},
        )
        return {**counts, "error": str(exc)[:200]}
    classifier = role_classifier()
    progress.start(len(rows), f"Importing {len(rows)} rows from {run.source}")
    for row in rows:
        counts["rows"] += 1
        clean, problems = clean_row(row.fields)
        if clean is None:
            counts["rejected"] += 1
            report["rejected"] += [
                {"row": row.number, "field": f, "reason": reason} for f, reason in problems
            ]
        else:
            with transaction.atomic():
                outcome = _file_posting(run, clean, classifier)
            if outcome.kind == "duplicate":
                counts["duplicates"] += 1
                report["duplicates"].append(
                    {
                        "row": row.number,
                        "title": clean.title,
                        "duplicate_of": outcome.posting.pk,
                        "source": outcome.posting.source,
                    }
                )
            else:
                counts[outcome.kind] += 1
                report[outcome.kind].append(outcome.posting.pk)
        progress.advance(1, f"Row {row.number}: {row.fields.get('title', '')[:60]}")
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        format=kind,
        finished_at=timezone.now(),
        report=report,
        **counts,
    )
    return counts


def import_run_fail_unfinished(*, run_id: int, message: str) -> None:
    """Mark a run failed when its task died (e.g. a crash outside the row loop)."""
    ImportRun.objects.filter(pk=run_id).exclude(
        status__in=[ImportRun.Status.DONE, ImportRun.Status.FAILED]
    ).update(status=ImportRun.Status.FAILED, error=message[:500], finished_at=timezone.now())


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
