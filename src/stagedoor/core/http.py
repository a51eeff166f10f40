"""Request helpers shared by every app's views."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render


def is_htmx(request) -> bool:
    """The request came from htmx, which wants a partial, not the whole page.

    htmx sends "true"; any non-empty value counts, as every view checked before this helper.
    """
    return bool(request.headers.get("HX-Request"))


def render_partial(request, partial: str, page: str, context: dict, **kwargs):
    """Render `partial` for htmx requests and `page` otherwise."""
    return render(request, partial if is_htmx(request) else page, context, **kwargs)


def or_404(model, message: str, read, /, *args, **kwargs):
    """What `read(*args, **kwargs)` returns; Http404(message) when it raises
    `model.DoesNotExist`. Selectors raise DoesNotExist; pages and the API answer 404."""
    try:
        return read(*args, **kwargs)
    except model.DoesNotExist as exc:
        raise Http404(message) from exc
