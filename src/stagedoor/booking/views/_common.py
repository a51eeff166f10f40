"""Small helpers shared by the booking views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from stagedoor.core.validation import messages_of


def error_text(exc: ValidationError) -> str:
    parts = []
    for field, texts in messages_of(exc).items():
        label = "" if field == "__all__" else f"{field.replace('_', ' ').capitalize()}: "
        parts.extend(f"{label}{t}" for t in texts)
    return " ".join(parts)


def on_call(model, pk: int):
    """A hold, offer or booking with its call and worker loaded, as every message about it
    names both; 404 when there is none."""
    return get_object_or_404(model.objects.select_related("position", "worker"), pk=pk)


def back(request, fallback: str):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def attempt(request, action, success, fallback: str):
    """Run a service; report success or its field-named refusal as a message, go back.
    `success` is the message, or a function of the service's result that words it."""
    try:
        result = action()
    except ValidationError as exc:
        messages.error(request, f"Nothing changed. {error_text(exc)}")
    else:
        messages.success(request, success(result) if callable(success) else success)
    return back(request, fallback)
