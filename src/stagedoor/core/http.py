"""Request helpers shared by every app's views."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

# The scheme and host of the request being answered, set by core.middleware.SiteUrlMiddleware.
_request_base: ContextVar[str | None] = ContextVar("stagedoor_request_base", default=None)


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


def site_url(request=None) -> str:
    """The address the site is served on, without a trailing slash, for links in emails and
    calendars: the request's scheme and host when there is a request (given, or being
    answered by this thread), else STAGEDOOR_SITE_URL (Celery workers, commands)."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return _request_base.get() or settings.STAGEDOOR_SITE_URL


def absolute_url(path: str, request=None) -> str:
    """`path` ("/me/inbox/") on the address the site is served on."""
    return f"{site_url(request)}{path}"
