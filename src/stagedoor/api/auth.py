from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sd_...` with a token from `stagedoor api-token USER`."""

    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(token)).first()
        )
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


WRITE_AUTH = [TokenAuth(), SessionAuth()]
