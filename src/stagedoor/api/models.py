import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the key is shown once. It ends at
    `expires_at`, and a read-only one is refused on every write."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80, default="default")
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def writes(self) -> bool:
        return self.scope == self.Scope.WRITE

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "sd_" + secrets.token_urlsafe(32)

    @classmethod
    def issue(
        cls, *, user, name: str = "default", scope: str = Scope.WRITE, days: float | None = None
    ) -> tuple["ApiToken", str]:
        """Make a token and return it with its key (the only time the key is known). The
        tests and older callers get a read-write token for the default life; people make
        theirs through `api.services.token_create`, which checks what they ask for."""
        if days is None:
            days = settings.STAGEDOOR_API_TOKEN_DEFAULT_DAYS
        key = cls.new_key()
        token = cls.objects.create(
            user=user,
            name=name,
            scope=scope,
            digest=cls.digest_of(key),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        return token, key
