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


# What every operation may answer besides its own result, in the shape it answers it: the
# schema says so, so a client (and schemathesis) can rely on it.
FIELD_ERROR = {
    "title": "FieldError",
    "type": "object",
    "required": ["loc", "msg", "type"],
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
}
ERROR = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}},
            ]
        }
    },
}
ERROR_WORDS = {
    "400": "The request could not be read",
    "401": "No valid session or bearer token",
    "403": "Not yours",
    "404": "Nothing at this address",
    "405": "This address does not take that method",
    "409": "Busy or already changed: try again",
    "413": "The request body is too large",
    "422": "A field is missing or wrong; `detail` names each field and why",
    "429": "Too many requests: slow down",
}


def document_errors(schema: dict) -> dict:
    """Add the error answers to every operation of an OpenAPI `schema` (in place)."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("FieldError", FIELD_ERROR)
    schemas.setdefault("Error", ERROR)
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            responses = {str(code): answer for code, answer in operation["responses"].items()}
            operation["responses"] = responses
            for code, words in ERROR_WORDS.items():
                responses.setdefault(code, {"description": words, "content": body})
    return schema
