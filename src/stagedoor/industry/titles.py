"""The title classifier over the catalog as it stands in the database.

``role_classifier()`` is built once per process and rebuilt only when the roles change
(the key is one cheap aggregate query). ``classify_title`` is the one service the API,
the CLI and the boards app call.

Building it loads the embedding model (~5 s on a busy two-core machine) and reads every
label and duty line's vector from ``VAR_DIR/cache`` (embedding them the first time, ~3 s).
A server or worker started with ``STAGEDOOR_WARM_TITLES=1`` builds
it in a background thread as the process starts (``start_warming``, called from
``IndustryConfig.ready``), so the first classification answers at once. A request that
arrives while the thread is still building waits for that build instead of starting a
second one (both take ``_lock``; the model itself loads once under its own lock).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from stagedoor.core import memory
from stagedoor.core.validation import Errors
from stagedoor.engine.titles import Classification, RoleLabel, TitleClassifier, seniority

from .models import Role

log = logging.getLogger(__name__)

_lock = threading.Lock()
_built: dict[str, object] = {"builds": 0}
_FIELDS = ("slug", "name", "department", "aliases", "level", "summary", "responsibilities")


def _rows() -> list[tuple]:
    return list(Role.objects.order_by("slug").values_list(*_FIELDS))


def _roles_key(rows: list[tuple]) -> str:
    """Changes whenever a role is added, removed, renamed, re-aliased or re-described."""
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def role_classifier() -> TitleClassifier:
    """The process's classifier over the Role table (built on first use, or by the warm-up)."""
    rows = _rows()
    key = _roles_key(rows)
    with _lock:
        if _built.get("key") != key:
            roles = [
                RoleLabel(
                    slug,
                    name,
                    tuple(aliases or ()),
                    department,
                    level,
                    summary or "",
                    tuple(responsibilities or ()),
                )
                for slug, name, department, aliases, level, summary, responsibilities in rows
            ]
            _built["classifier"] = TitleClassifier(roles, cache_dir=settings.VAR_DIR / "cache")
            _built["key"] = key
            _built["builds"] = int(_built["builds"]) + 1  # type: ignore[call-overload]
        return _built["classifier"]  # type: ignore[return-value]


def builds() -> int:
    """How many times this process built the classifier (one, unless the roles changed)."""
    return int(_built["builds"])  # type: ignore[call-overload]


# --- warm start --------------------------------------------------------------------------

_warm_lock = threading.Lock()
_warm: dict[str, object] = {}


def _warm_up() -> None:
    started = time.monotonic()
    try:
        classifier = role_classifier()
        # One title through each path, so the first real request pays for nothing.
        classifier.classify_many(["Stagehand", "sound crew for an arena show"])
        _warm["seconds"] = time.monotonic() - started
        log.info("title classifier warm in %.1f s", _warm["seconds"])
        memory.settled("title classifier")
    except Exception as exc:
        # the first request then builds the classifier itself and reports its own error.
        _warm["error"] = repr(exc)
        log.exception("title classifier warm-up failed")
    finally:
        connection.close()  # this thread's connection; the request threads have their own


def start_warming() -> threading.Thread:
    """Build the classifier in a background thread, once per process; returns the thread."""
    with _warm_lock:
        thread = _warm.get("thread")
        if thread is None:
            thread = threading.Thread(target=_warm_up, name="warm-title-classifier", daemon=True)
            _warm["thread"] = thread
            thread.start()
        return thread  # type: ignore[return-value]


@dataclass(frozen=True)
class TitleMatch:
    title: str
    role: Role | None
    level: str | None
    classification: Classification


def classify_title(*, title: str, description: str = "") -> TitleMatch:
    """The catalog role a job title names (or None), with confidence and alternatives."""
    errors = Errors()
    if not (title or "").strip():
        errors.add("title", "Give a job title to classify.")
    elif len(title) > 300:
        errors.add("title", "A job title is at most 300 characters.")
    errors.raise_if_any()
    result = role_classifier().classify(title, description or "")
    role = Role.objects.filter(slug=result.role).first() if result.role else None
    return TitleMatch(title=title, role=role, level=seniority(title), classification=result)


__all__ = ["TitleMatch", "builds", "classify_title", "role_classifier", "start_warming"]
