"""The title classifier over the catalog as it stands in the database.

``role_classifier()`` is built once per process and rebuilt only when the roles change
(the key is one cheap aggregate query). ``classify_title`` is the one service the API,
the CLI and the boards app call.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from stagedoor.core.validation import Errors
from stagedoor.engine.titles import Classification, RoleLabel, TitleClassifier, seniority

from .models import Role

_lock = threading.Lock()
_built: dict[str, object] = {}


def _roles_key() -> str:
    """Changes whenever a role is added, removed, renamed or re-aliased."""
    rows = Role.objects.order_by("slug").values_list("slug", "name", "department", "aliases")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def role_classifier() -> TitleClassifier:
    """The process's classifier over the Role table (built on first use, ~10 s with the model)."""
    key = _roles_key()
    with _lock:
        if _built.get("key") != key:
            roles = [
                RoleLabel(slug, name, tuple(aliases or ()), department)
                for slug, name, department, aliases in Role.objects.order_by("slug").values_list(
                    "slug", "name", "department", "aliases"
                )
            ]
            _built["classifier"] = TitleClassifier(roles)
            _built["key"] = key
        return _built["classifier"]  # type: ignore[return-value]


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


__all__ = ["TitleMatch", "classify_title", "role_classifier"]
