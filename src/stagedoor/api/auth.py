from ninja.security import HttpBearer, SessionAuth

from .selectors import live_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sd_...` with a token from the account page, `POST /api/tokens`
    or `stagedoor api-token USER`. BearerTokenMiddleware has already checked it (expiry,
    scope) and set the user; this names the user to the operation."""

    def authenticate(self, request, token: str):
        found = getattr(request, "api_token", None) or live_token(token)
        if found is None or not found.user.is_active:
            return None
        if not found.writes and request.method not in ("GET", "HEAD", "OPTIONS"):
            return None
        request.user = found.user
        return found.user


WRITE_AUTH = [TokenAuth(), SessionAuth()]
