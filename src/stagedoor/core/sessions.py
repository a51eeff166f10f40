"""Ending a person's sessions: "sign out everywhere"."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

DB_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


def end_sessions(user, *, keep: str | None = None) -> int:
    """Delete every live session of `user` in the session store except the one whose key is
    `keep`, and return how many ended. Those browsers are logged out on their next request.

    Sessions are signed blobs, so each live one is decoded to see whose it is; the store
    only holds sessions that have not expired (`clearsessions` removes the rest).
    """
    if settings.SESSION_ENGINE not in DB_ENGINES:
        raise RuntimeError("Signing out everywhere needs the database session store.")
    from django.contrib.sessions.backends.db import SessionStore

    ended: list[str] = []
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep)
    for session in live.iterator(chunk_size=500):
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            ended.append(session.session_key)
    for key in ended:
        SessionStore(session_key=key).delete()  # also drops the cached copy (cached_db)
    return len(ended)
