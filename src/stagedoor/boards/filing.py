"""Filing clean rows as postings, a batch at a time: new, updated, or a duplicate.

Two rows are the same job only when they really are: the same source and the same id
(an update), or the same normalised employer, title, place and start day (the
fingerprint). That is an exact key, so each batch asks the database three indexed
questions and the rows of the batch are checked against each other in a dictionary;
nothing grows with the number of postings already filed. (A fuzzy "similar title" test
here once merged 2,000 different calls, "Stagehand 1" to "Stagehand 2000", into one.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils import timezone

from stagedoor.industry.models import Role

from .classify import fold
from .clean import CleanRow
from .models import ExternalPosting, ImportRun

_COMPANY_WORDS = {"gmbh", "ltd", "llc", "inc", "co", "the", "plc", "ag", "limited"}
_FIELDS = [
    "source_url", "external_id", "employer_name", "employer_url", "title", "description",
    "role_id", "role_confidence", "street_address", "city", "region", "postal_code",
    "country", "latitude", "longitude", "remote", "starts_on", "starts_at", "pay_amount",
    "pay_unit", "currency", "employment_type", "date_posted", "valid_through", "fingerprint",
    "last_seen", "import_run",
]  # fmt: skip


def _employer_key(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w not in _COMPANY_WORDS)


def fingerprint(*, employer: str, title: str, city: str, remote: bool, day) -> str:
    """The normalised employer, title, place and start day, hashed."""
    place = fold(city) or ("remote" if remote else "")
    key = f"{_employer_key(employer)}|{fold(title)}|{place}|{day.isoformat() if day else ''}"
    return hashlib.sha1(key.encode()).hexdigest()


def row_fingerprint(row: CleanRow) -> str:
    return fingerprint(
        employer=row.employer, title=row.title, city=row.city, remote=row.remote, day=row.starts_on
    )


@dataclass
class Outcome:
    number: int
    kind: str  # new | updated | duplicate
    posting: ExternalPosting
    title: str


def role_ids() -> dict[str, int]:
    return dict(Role.objects.values_list("slug", "pk"))


def file_batch(
    run: ImportRun, rows: list[tuple[int, CleanRow]], classifier, roles: dict[str, int]
) -> list[Outcome]:
    """File one batch of (row number, clean row), in order; call inside a transaction."""
    prints = [row_fingerprint(row) for _, row in rows]
    ids = {row.external_id for _, row in rows if row.external_id}
    # Indexed look-ups only ((source, external_id) and fingerprint), and no ORDER BY:
    # asking by source alone scanned every posting of that source once per batch.
    by_id = (
        {
            p.external_id: p
            for p in ExternalPosting.objects.filter(
                source=run.source, external_id__in=ids
            ).order_by()
        }
        if ids
        else {}
    )
    by_print_mine: dict[str, ExternalPosting] = {}
    any_by_print: dict[str, list[ExternalPosting]] = {}
    for p in ExternalPosting.objects.filter(fingerprint__in=set(prints)).order_by("pk"):
        any_by_print.setdefault(p.fingerprint, []).append(p)
        if p.source == run.source and not p.external_id:
            by_print_mine.setdefault(p.fingerprint, p)
    guesses = classifier.classify_many(
        [row.title for _, row in rows], [row.description for _, row in rows]
    )
    now = timezone.now()
    created: list[ExternalPosting] = []
    changed: dict[int, ExternalPosting] = {}
    outcomes: list[Outcome] = []
    for (number, row), print_, guess in zip(rows, prints, guesses, strict=True):
        existing = by_id.get(row.external_id) if row.external_id else by_print_mine.get(print_)
        duplicate = next((p for p in any_by_print.get(print_, []) if p is not existing), None)
        if existing is None and duplicate is not None:
            outcomes.append(Outcome(number, "duplicate", duplicate, row.title))
            continue
        role_id = roles.get(guess.role) if guess.role else None
        values = _values(run, row, print_, role_id, guess, now)
        if existing is not None:
            for name, value in values.items():
                setattr(existing, name, value)
            if existing.pk is not None:
                changed[existing.pk] = existing
            outcomes.append(Outcome(number, "updated", existing, row.title))
            continue
        posting = ExternalPosting(source=run.source, **values)
        created.append(posting)
        if row.external_id:
            by_id[row.external_id] = posting
        else:
            by_print_mine[print_] = posting
        any_by_print.setdefault(print_, []).append(posting)
        outcomes.append(Outcome(number, "new", posting, row.title))
    ExternalPosting.objects.bulk_create(created)
    if changed:
        ExternalPosting.objects.bulk_update(list(changed.values()), _FIELDS)
    return outcomes


def _values(run, row: CleanRow, print_: str, role_id, guess, now) -> dict:
    return {
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
        "last_seen": now,
        "import_run": run,
    }
