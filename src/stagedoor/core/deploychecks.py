"""`stagedoor check --deploy`: what a production deployment of Stagedoor must set, beyond
Django's own list. Each warning says what goes wrong without it and which variable to set
(README, "Running in production")."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

_LOCAL_MAIL = ("console", "locmem", "filebased", "dummy")


@register(Tags.security, deploy=True)
def stagedoor_deploy(app_configs=None, **kwargs):
    found = []
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        found.append(
            Warning(
                "The cache lives in each process, so every web process counts the API's "
                "rate limits alone.",
                hint="Set CACHE_URL to a Redis address shared by the web processes.",
                id="stagedoor.W001",
            )
        )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        found.append(
            Warning(
                "No Celery broker: emails and background work run inside web requests, and "
                "nothing runs beat's periodic work (offers never expire, the outbox is never "
                "retried).",
                hint="Set CELERY_BROKER_URL and run the Procfile's worker, parts and beat.",
                id="stagedoor.W002",
            )
        )
    site = urlsplit(settings.STAGEDOOR_SITE_URL)
    if site.scheme != "https" or site.hostname in {"127.0.0.1", "localhost", None}:
        found.append(
            Warning(
                "Links in emails and calendar feeds sent by workers point at "
                f"{settings.STAGEDOOR_SITE_URL}.",
                hint="Set STAGEDOOR_SITE_URL to the site's public https:// address.",
                id="stagedoor.W003",
            )
        )
    if settings.EMAIL_BACKEND.rsplit(".", 2)[-2] in _LOCAL_MAIL:
        found.append(
            Warning(
                "Emails (offers, confirmations, password resets) never leave this machine.",
                hint="Set EMAIL_BACKEND (django.core.mail.backends.smtp.EmailBackend) "
                "and EMAIL_HOST.",
                id="stagedoor.W004",
            )
        )
    if settings.STAGEDOOR_STAFFING_PARTS == "celery" and not settings.CELERY_RESULT_BACKEND:
        found.append(
            Error(
                "Auto-staffing sends its parts to Celery but cannot collect their results.",
                hint="Set CELERY_RESULT_BACKEND (e.g. a Redis address).",
                id="stagedoor.E001",
            )
        )
    return found
