"""Refusing input no field can hold, before any view sees it.

A NUL byte or a lone surrogate is text that PostgreSQL will not store and UTF-8 cannot
encode: a view that saved or filtered on it failed with a 500 (`/api/roles?level=%00`,
`/crew/?role=a%00`, a JSON string "\\ud800"). One middleware checks the query, the form
body and the JSON body of every request, so no view needs to; the JSON API gets a 422 in its
own error shape naming the field, a page a plain 400. The API also takes only a JSON object
as a body: a bare number or list is refused rather than read as "no fields given".
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from .validation import messages_of

# The JSON API's address; core names no app, so the prefix is the one thing it knows.
API_PREFIX = "/api/"
JSON_TYPES = ("application/json", "application/merge-patch+json")


def unstorable(text: str) -> str | None:
    """Why `text` cannot be stored, or None when it can."""
    if "\x00" in text:
        return "Contains a NUL character, which text fields cannot hold."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "Contains a lone surrogate, which is not a character."
    return None


def _walk(value, loc: tuple) -> tuple[tuple, str] | None:
    if isinstance(value, str):
        reason = unstorable(value)
        return (loc, reason) if reason else None
    if isinstance(value, dict):
        for key, item in value.items():
            reason = unstorable(key)
            if reason:
                return (*loc, key), f"A field name: {reason[0].lower()}{reason[1:]}"
            found = _walk(item, (*loc, key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _walk(item, (*loc, index))
            if found:
                return found
    return None


def _query_and_form(request) -> tuple[tuple, str] | None:
    reason = unstorable(request.path)
    if reason:
        return ("path",), reason
    sources = [("query", request.GET)]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(("form", request.POST))
    for where, data in sources:
        for key, values in data.lists():
            reason = unstorable(key)
            if reason:
                return (where, key), reason
            for value in values:
                reason = unstorable(value)
                if reason:
                    return (where, key), reason
    return None


def _json_body(request, api: bool) -> tuple[tuple, str] | None:
    if request.content_type not in JSON_TYPES or not request.body:
        return None
    try:
        body = json.loads(request.body)
    except ValueError:
        return None  # the API words malformed JSON itself
    if api and not isinstance(body, dict):
        return ("body",), "The body must be a JSON object of named fields."
    return _walk(body, ("body",))


class CleanInputMiddleware:
    """Answers a request carrying text no field can hold before a view runs (see module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith(API_PREFIX)
        try:
            found = _query_and_form(request) or _json_body(request, api)
        except RequestDataTooBig:
            message = "The request body is too large."
            if api:
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        if found is None:
            return self.get_response(request)
        loc, reason = found
        if api:
            error = {"loc": list(loc), "msg": reason, "type": "value_error"}
            return JsonResponse({"detail": [error]}, status=422)
        field = loc[-1] if len(loc) > 1 else loc[0]
        return render(request, "400.html", {"field": field, "reason": reason}, status=400)

    def process_exception(self, request, exception):
        """A page whose form let through what a model refuses (text longer than its
        column) answers 400 naming the field, not 500; the API words these itself."""
        if not isinstance(exception, ValidationError) or request.path.startswith(API_PREFIX):
            return None
        field, messages = next(iter(messages_of(exception).items()))
        context = {"field": "" if field == "__all__" else field, "reason": " ".join(messages)}
        return render(request, "400.html", context, status=400)


class ApiJsonErrorsMiddleware:
    """Every error the JSON API answers is JSON: Django's own 404 for an unknown address,
    405 for a method the address does not take and the 500 page become {"detail": ...}
    with the same status (and Allow header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
            and not request.path.startswith(f"{API_PREFIX}docs")
        ):
            replaced = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response
