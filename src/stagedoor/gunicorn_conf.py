"""gunicorn's settings for Stagedoor's web processes, read from the environment.

    gunicorn --config python:stagedoor.gunicorn_conf stagedoor.wsgi

(the Procfile's `web` line). Every value below has an environment variable; the README's
"Running in production" lists them. No Django import: gunicorn's master reads this first.
"""

from __future__ import annotations

import gc
import os

from stagedoor.core.logs import logging_config


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


# Where to listen: GUNICORN_BIND, else all addresses on PORT (what platforms set). Behind a
# proxy on the same machine, bind 127.0.0.1:PORT or a unix socket instead.
bind = [os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"]

# Processes (WEB_CONCURRENCY, the platforms' name) and threads in each. Requests are short
# and CPU-bound (ranking, rendering): about two processes a core, one thread each.
workers = _env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1))
threads = _env_int("GUNICORN_THREADS", 1)

# A request still running after GUNICORN_TIMEOUT seconds has its process restarted; long
# work (imports, auto-staffing) goes to Celery, never the request. On a restart or deploy,
# requests in flight get graceful_timeout to finish.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# The proxy keeps connections to gunicorn open between requests.
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycling processes after N requests is off by default: each new process loads its
# matching index again. Set it if memory grows.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10

# Load Django (and numpy, numba, OR-Tools) once in the master, then fork: faster starts
# and memory shared between the processes. Safe because nothing connects at import: the
# database connection is opened per process on first use (the master closes any it made
# before each fork), and per-process state such as the matching index is built lazily.
# GUNICORN_PRELOAD=0 loads in each process instead (and lets HUP reload the code).
preload_app = _env_bool("GUNICORN_PRELOAD", True)

# The heartbeat files on tmpfs, not a disk that may stall.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# gunicorn's own lines (starts, restarts, timeouts) in the same format as the app's. The
# app already logs every request with its user and request id (core.requestlog); gunicorn's
# access log repeats it from outside Django, so it is off unless GUNICORN_ACCESS_LOG=1.
_debug = _env_bool("DEBUG", False)
_access = _env_bool("GUNICORN_ACCESS_LOG", False)
logconfig_dict = logging_config(
    fmt=os.environ.get("LOG_FORMAT", "text" if _debug else "json"),
    level=os.environ.get("LOG_LEVEL", "INFO"),
)
# gunicorn's loggers keep handlers of their own unless told: send them through ours. (With
# a logging config gunicorn writes access lines whatever `accesslog` says: the level decides.)
logconfig_dict["loggers"]["gunicorn.error"] = {"handlers": ["console"], "propagate": False}
logconfig_dict["loggers"]["gunicorn.access"] = {
    "handlers": ["console"],
    "propagate": False,
    "level": "INFO" if _access else "WARNING",
}
accesslog = "-" if _access else None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'


def when_ready(server):
    """Preloaded: import every page's code (the URLconf) in the master too, so no process
    spends its first request on it (seconds: numba, OR-Tools, SciPy), and read the cities'
    gazetteer once for every process: a job search near a city otherwise spends a second or
    more in each new process reading it (issue 22's load run saw them as the slowest)."""
    from django.conf import settings

    if settings.configured:
        from django.urls import get_resolver

        from stagedoor.core.places import find_place

        get_resolver().url_patterns  # noqa: B018  (the attribute imports the pages)
        find_place("London")
    # Everything loaded so far lives as long as the server: keep the cycle collector off it
    # in the master, so no process walks it again (see stagedoor.core.memory).
    if _env_bool("GUNICORN_GC_FREEZE", True):
        gc.freeze()


def pre_fork(server, worker):
    """The master holds no database connection a child would inherit and share."""
    from django.conf import settings

    if settings.configured:  # only when preloaded; otherwise Django is in the children only
        from django.db import connections

        connections.close_all()


def post_worker_init(worker):
    """Each web process builds the title classifier in the background as it starts
    (STAGEDOOR_WARM_TITLES=1), so the first classification needs no model load. After the
    fork, never in the master: a loading thread does not survive a fork. From here on,
    what the process builds to keep (that classifier, a whole matching index) is frozen
    out of the cycle collector's full collections once built (stagedoor.core.memory)."""
    if _env_bool("GUNICORN_GC_FREEZE", True):
        from stagedoor.core.memory import freeze_after_builds

        freeze_after_builds()
    if os.environ.get("STAGEDOOR_WARM_TITLES") == "1":
        from stagedoor.industry.titles import start_warming

        start_warming()
