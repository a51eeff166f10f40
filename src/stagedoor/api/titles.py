"""Job-title classification: `/api/classify?title=` names the catalog role a title means."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from stagedoor.core.validation import messages_of
from stagedoor.industry.titles import classify_title

router = Router(tags=["job titles"])


class AlternativeOut(Schema):
    role: str
    confidence: float


class ClassificationOut(Schema):
    title: str
    role: str | None
    name: str | None
    level: str | None
    confidence: float
    method: str
    alternatives: list[AlternativeOut]


class ErrorOut(Schema):
    detail: list[dict]


@router.get("/classify", response={200: ClassificationOut, 422: ErrorOut})
def classify(request, title: str = "", description: str = ""):
    """The catalog role a free-text job title names, or null for "not a role we know"."""
    try:
        match = classify_title(title=title, description=description)
    except ValidationError as exc:
        return Status(
            422,
            {
                "detail": [
                    {"loc": ["query", field], "msg": message, "type": "value_error"}
                    for field, messages in messages_of(exc).items()
                    for message in messages
                ]
            },
        )
    result = match.classification
    return {
        "title": match.title,
        "role": result.role,
        "name": match.role.name if match.role else None,
        "level": match.level,
        "confidence": result.confidence,
        "method": result.method,
        "alternatives": [{"role": s, "confidence": c} for s, c in result.alternatives],
    }
