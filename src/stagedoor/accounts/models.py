"""A worker's sign-up (the address they confirm) and their onboarding progress."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class SignUp(models.Model):
    """An account made at /join/: inactive until the link mailed to `email` is followed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signup"
    )
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Two sign-ups racing with one address: the second one fails here, not later.
            models.UniqueConstraint(Lower("email"), name="one_signup_per_email")
        ]

    def __str__(self) -> str:
        return self.email


class Onboarding(models.Model):
    """How far a worker got through /welcome/ and where to send them when done."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="onboarding"
    )
    furthest_step = models.PositiveSmallIntegerField(default=0)
    next_url = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} at step {self.furthest_step}"
