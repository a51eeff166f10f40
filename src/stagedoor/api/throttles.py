"""The API's rate limits: per bearer token and per address (django-ninja's throttling).

The rates are read from the settings on every request, so a deployment tunes them and a
test can set them low without rebuilding the API."""

from __future__ import annotations

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class _RateFromSettings(SimpleRateThrottle):
    setting = ""

    def __init__(self) -> None:
        self.rate = None

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class PerToken(_RateFromSettings):
    """Requests made with one bearer token, wherever they come from."""

    scope = "token"
    setting = "STAGEDOOR_API_RATE_PER_TOKEN"

    def get_cache_key(self, request) -> str | None:
        token = getattr(request, "api_token", None)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class PerAddress(_RateFromSettings):
    """Requests from one address, signed in or not (NINJA_NUM_PROXIES says how to read it
    behind a proxy)."""

    scope = "address"
    setting = "STAGEDOOR_API_RATE_PER_ADDRESS"

    def get_cache_key(self, request) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
