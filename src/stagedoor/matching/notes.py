"""Notes other apps add beside a candidate on Find crew (a mentor's recommendation, say).

Matching sits below those apps, so it names none of them: each registers
`fn(position, worker_ids) -> {worker_id: [text]}` from its `AppConfig.ready()`. A source
that fails is logged and left out; Find crew never breaks for a note."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

log = logging.getLogger(__name__)

NoteSource = Callable[[object, list[int]], dict[int, list[str]]]
_SOURCES: dict[str, NoteSource] = {}


def register_candidate_notes(name: str, fn: NoteSource) -> None:
    _SOURCES[name] = fn


def candidate_notes(position, worker_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = sorted(set(worker_ids))
    merged: dict[int, list[str]] = {}
    if not ids:
        return merged
    for name in sorted(_SOURCES):
        try:
            found = _SOURCES[name](position, ids) or {}
        except Exception:
            log.exception("candidate notes source %s failed", name)
            continue
        for worker_id, texts in found.items():
            merged.setdefault(worker_id, []).extend(texts)
    return merged


def with_notes(position, candidates) -> list:
    """Set `notes` on each candidate (the rows Find crew shows) and return them."""
    notes = candidate_notes(position, [c.worker.pk for c in candidates])
    for c in candidates:
        c.notes = notes.get(c.worker.pk, [])
    return candidates
