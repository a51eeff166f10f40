"""Bearer tokens on every API request, reads included.

A request to /api/ that carries `Authorization: Bearer sd_...` is that token's holder for
the whole request, as a signed-in session would be: so a manager reads their own draft
show with a token. A token that is unknown, revoked or expired is refused (401) rather than
quietly read as anonymous, and a read-only token is refused on anything but a read (403)."""

from __future__ import annotations

from django.http import JsonResponse

from .selectors import live_token
from .services import token_touch

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _refuse(status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


class BearerTokenMiddleware:
    """After AuthenticationMiddleware: a valid token replaces the session's user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _, key = header.partition(" ")
        if not request.path_info.startswith("/api/") or scheme.lower() != "bearer":
            return self.get_response(request)
        token = live_token(key.strip())
        if token is None:
            return _refuse(401, "This API token is unknown, revoked or expired.")
        if not token.writes and request.method not in SAFE_METHODS:
            return _refuse(403, "This API token may only read. Make a read-and-write token.")
        token_touch(token)
        request.user = token.user
        request.api_token = token
        # A bearer token is not sent by a browser on its own, so it needs no CSRF check.
        request._dont_enforce_csrf_checks = True
        return self.get_response(request)
