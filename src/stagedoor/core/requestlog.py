"""One log line a request: who asked what, how it ended and how long it took.

Outermost but the health check (probes every few seconds would drown the log): the line
times the whole answer. It carries the request id (the proxy's `X-Request-ID` when it sends
a sane one, else a new one; sent back in the answer's header, and stamped on every other
line logged meanwhile), the method, the path without its query string (queries can carry
search words and tokens), the status, the duration in milliseconds and the signed-in user's
id. Nothing else about the person: no name, address or email.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.utils.functional import LazyObject, empty

from . import logs

log = logging.getLogger("stagedoor.request")

_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _request_id(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if _SANE_ID.match(given) else uuid.uuid4().hex


def _user_id(request) -> int | None:
    # Read only what authentication already loaded: a request that never looked at its
    # user (a static file, a refusal before sign-in) costs no session query here.
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, LazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = _request_id(request)
        token = logs.request_id.set(rid)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        duration = round((time.perf_counter() - start) * 1000, 1)
        response["X-Request-ID"] = rid
        status = response.status_code
        log.log(
            logging.ERROR if status >= 500 else logging.INFO,
            "%s %s %s %.1fms",
            request.method,
            request.path,
            status,
            duration,
            extra={
                "request_id": rid,
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration,
                "user_id": _user_id(request),
            },
        )
        return response
