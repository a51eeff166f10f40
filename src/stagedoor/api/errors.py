"""Service errors in the shape django-ninja uses for its own validation errors (422)."""

from django.core.exceptions import ValidationError
from ninja.errors import HttpError

from stagedoor.core.validation import messages_of, refuse


def field_errors(error: ValidationError) -> list[dict]:
    return [
        {"loc": ["body", field], "msg": message, "type": "value_error"}
        for field, messages in messages_of(error).items()
        for message in messages
    ]


def unknown(field: str, model, slug: str | None):
    """Resolve a slug named in a request body, or refuse it as a 422 on that field."""
    if slug is None:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        refuse(field, f"'{slug}' does not exist.")
    return found


__all__ = ["HttpError", "field_errors", "unknown"]
