"""No row is saved with text longer than its column.

SQLite keeps any length and PostgreSQL refuses the row with a DataError (a 500): a show
title over 200 characters came in through the API, whose schemas do not all repeat the
models' lengths. One check before every save of a Stagedoor model refuses it with the
field's name, on every face (the API's 422, a page's form error or 400)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


def refuse_overlong_text(sender, instance, raw=False, **kwargs) -> None:
    if raw or not sender.__module__.startswith("stagedoor."):
        return
    errors: dict[str, list[str]] = {}
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.CharField) or not field.max_length:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and len(value) > field.max_length:
            errors[field.name] = [f"At most {field.max_length} characters (this has {len(value)})."]
    if errors:
        raise ValidationError(errors)
