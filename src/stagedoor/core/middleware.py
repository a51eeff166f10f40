"""Site-wide request handling."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .http import _request_base
from .locking import Busy


class SiteUrlMiddleware:
    """Remembers the address this request came to, so links built while answering it (an
    email sent on the spot, a calendar entry) point at the site the person is using, not
    at STAGEDOOR_SITE_URL. After CommonMiddleware, which refuses hosts not allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_base.set(request.build_absolute_uri("/").rstrip("/"))
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)


class BusyMiddleware:
    """A page write that met another write's locks goes back where it came from with
    "busy, try again" instead of hanging or failing; the API answers 409 itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Busy):
            return None
        back = request.headers.get("Referer", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
            messages.warning(request, str(exception))
            return redirect(back)
        return HttpResponse(str(exception), status=409, content_type="text/plain; charset=utf-8")


class PermissionsPolicyMiddleware:
    """Turns off the browser features Stagedoor never uses (camera, microphone, location,
    payment, ...), so a script smuggled into a page could not ask for them either. The list
    is the setting STAGEDOOR_PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.STAGEDOOR_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
