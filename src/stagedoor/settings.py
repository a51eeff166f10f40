"""Project settings, read from the environment.

The defaults are production-safe: DEBUG off, and no start without a SECRET_KEY. Production
sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. `make demo` runs with DEBUG=1, which also
brings a demo-only secret key, SQLite under var/ and runserver's static files; the tests run
under stagedoor.settings_test, which does the same.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("STAGEDOOR_HOME", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("STAGEDOOR_VAR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
_DEMO_SECRET = "stagedoor-demo-only-secret-key-never-use-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEMO_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "stagedoor.core",
    "stagedoor.industry",
    "stagedoor.people",
    "stagedoor.gigs",
    "stagedoor.booking",
    "stagedoor.matching",
    "stagedoor.staffing",
    "stagedoor.hall",
    "stagedoor.careers",
    "stagedoor.studio",
    "stagedoor.touring",
    "stagedoor.mentoring",
    "stagedoor.training",
    "stagedoor.boards",
    "stagedoor.openings",
    "stagedoor.events",
    "stagedoor.accounts",
    "stagedoor.api",
    "stagedoor.demo",
    "stagedoor.site",
]

MIDDLEWARE = [
    # A load balancer's probe of /healthz is answered before any redirect or host check.
    "stagedoor.core.health.HealthMiddleware",
    # One log line a request (method, path, status, duration, user id, request id).
    "stagedoor.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outermost but security: every error under /api/ leaves as JSON, Django's own included.
    "stagedoor.core.input.ApiJsonErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "stagedoor.core.middleware.SiteUrlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stagedoor.api.middleware.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Text no field can hold (a NUL byte, a lone surrogate) never reaches a view.
    "stagedoor.core.input.CleanInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "stagedoor.core.middleware.PermissionsPolicyMiddleware",
    "stagedoor.core.middleware.BusyMiddleware",
    "stagedoor.accounts.middleware.ProfileFirstMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # In production whitenoise serves the collected static files; the demo uses runserver's.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "stagedoor.urls"
WSGI_APPLICATION = "stagedoor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stagedoor.booking.context.inbox",
            ],
        },
    }
]

# Production keeps each process's connection for a minute (DB_CONN_MAX_AGE seconds; 0 opens
# one a request) and checks a kept one still answers before a request uses it.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'stagedoor.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer fails the request (and /healthz) instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for a writer instead of failing at once when the demo server and a
    # background task write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where `stagedoor collectstatic` gathers the files whitenoise serves (hashed, compressed).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# Front-end packages come from the npm registry at setup (make), never from a CDN.
NODE_MODULES = PROJECT_DIR / "node_modules"
# Only the files the pages load are served (core.staticfinders.VendorFinder), with their
# source maps: the packages hold a thousand more.
STAGEDOOR_VENDOR = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist", ["htmx.min.js"]),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css", ["pico.min.css"]),
    (
        "vendor/swagger-ui",
        NODE_MODULES / "swagger-ui-dist",
        ["swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"],
    ),
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "stagedoor.core.staticfinders.VendorFinder",
]
# Source maps are for developer tools only: served as they are, not compressed.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# django-axes first: it refuses a locked-out username and address before any password is
# checked. API tokens and the tests' force_login do not go through authenticate().
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force: five wrong passwords for one username from one address lock that pair out
# for the cool-off; the right password is refused until it ends.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "stagedoor.site.account.locked_out"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site
# only; no inline script or style, no eval, no framing, no plugins. Pages keep their
# behaviour in static/stagedoor/*.js and ask for it with data attributes.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page uses, switched off for every page (Permissions-Policy).
STAGEDOOR_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
    )
}

# The API's limits (django-ninja throttling, counted in the cache): requests per bearer
# token, and per address whoever asks. Generous for people and scripts; a runaway loop or a
# scraper meets 429 with Retry-After. Rates read "count/period" (s, m, h, d).
STAGEDOOR_API_RATE_PER_TOKEN = os.environ.get("STAGEDOOR_API_RATE_PER_TOKEN", "600/m")
STAGEDOOR_API_RATE_PER_ADDRESS = os.environ.get("STAGEDOOR_API_RATE_PER_ADDRESS", "1200/m")
# How many proxies stand in front of the site: the address is then read from the right of
# X-Forwarded-For, so a client cannot name its own. 0 trusts only the connection's address.
NINJA_NUM_PROXIES = int(os.environ.get("STAGEDOOR_NUM_PROXIES", "0"))
# API tokens: the longest life a token may be given, and the life when none is asked for.
STAGEDOOR_API_TOKEN_MAX_DAYS = int(os.environ.get("STAGEDOOR_API_TOKEN_MAX_DAYS", "365"))
STAGEDOOR_API_TOKEN_DEFAULT_DAYS = int(os.environ.get("STAGEDOOR_API_TOKEN_DEFAULT_DAYS", "90"))

# The cache: the API's rate limits count in it, and /healthz writes to it. One per process
# by default; with several web processes or machines set CACHE_URL (redis://host:6379/2) so
# they all count together.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "stagedoor",
            # A cache that does not answer fails fast instead of hanging a request.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long /healthz waits for the broker before calling it down (seconds).
STAGEDOOR_HEALTH_TIMEOUT = float(os.environ.get("STAGEDOOR_HEALTH_TIMEOUT", "2"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# A password-reset link works for this long (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that stops answering holds a Celery worker this long at most.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Stagedoor <crew@stagedoor.localhost>")
# How long the link that confirms a new worker's email address works.
STAGEDOOR_JOIN_LINK_HOURS = float(os.environ.get("STAGEDOOR_JOIN_LINK_HOURS", "48"))

# Celery: no broker configured means tasks run eagerly in the calling process.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
# Eager mode never talks to a broker; "memory://" keeps Celery from dialling a default one.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TIMEZONE = "UTC"
# Celery's processes log through LOGGING below (stagedoor.celery), not its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic work (run `celery -A stagedoor beat`); every task is idempotent when run twice.
CELERY_BEAT_SCHEDULE = {
    "expire-offers": {"task": "stagedoor.booking.tasks.expire_offers", "schedule": 60.0},
    "backfill-positions": {
        "task": "stagedoor.booking.tasks.backfill_positions",
        "schedule": 300.0,
    },
    "issue-credits": {"task": "stagedoor.booking.tasks.issue_credits", "schedule": 3600.0},
    # Side effects of writes (emails, tasks) the broker missed: see core.outbox.
    "deliver-outbox": {"task": "stagedoor.outbox.deliver", "schedule": 30.0},
    # Background work whose worker died is marked failed (core.tasks.task_sweep).
    "sweep-tasks": {"task": "stagedoor.core.tasks.sweep_tasks", "schedule": 60.0},
    # The hiring halls' out-of-work lists, recomputed and published once a day for every
    # local with placement rules in force (hall.services.lists_recompute_all), before the
    # morning's dispatch: 10:00 UTC is 04:00-05:00 in Chicago.
    "recompute-hall-lists": {
        "task": "stagedoor.hall.tasks.recompute_lists",
        "schedule": crontab(
            minute=0, hour=int(os.environ.get("STAGEDOOR_HALL_RECOMPUTE_HOUR_UTC", "10"))
        ),
    },
}

# Background work started from a page (demo data, later imports and staffing) runs in a
# thread when there is no broker, so the page can poll its progress.
STAGEDOOR_TASKS_INLINE = env_bool("STAGEDOOR_TASKS_INLINE", False)
# A running background task (an import, auto-staffing, sending offers) that has not said it
# is alive for this long has lost its worker: the "sweep-tasks" beat job marks it failed
# (a "Send offers" page does so when it is next read, with how many offers went out).
STAGEDOOR_TASK_STALE_SECONDS = int(os.environ.get("STAGEDOOR_TASK_STALE_SECONDS", "120"))
# A queued task no worker has taken for this long is marked failed the same way. Longer:
# a broker outage holds work back (the outbox delivers it later) without it being lost.
STAGEDOOR_TASK_QUEUED_SECONDS = int(os.environ.get("STAGEDOOR_TASK_QUEUED_SECONDS", "3600"))
# Absolute links in emails and calendar feeds made outside a request (Celery workers,
# commands); a page or API call uses the address it was asked on. `make demo` sets it from
# HOST and PORT.
STAGEDOOR_SITE_URL = os.environ.get("STAGEDOOR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Invitations to join an organisation stay open this many days.
STAGEDOOR_INVITATION_DAYS = int(os.environ.get("STAGEDOOR_INVITATION_DAYS", "7"))
# Job-board imports fetch managers' URLs from the server; private and local addresses are
# refused unless this is on (the tests serve their pages from localhost).
STAGEDOOR_IMPORT_ALLOW_PRIVATE = env_bool("STAGEDOOR_IMPORT_ALLOW_PRIVATE", False)
# Row locks that keep bookings consistent. Only the concurrency test turns them off, to
# show that the race is real without them.
STAGEDOOR_BOOKING_LOCKS = True
# Dates of calls, shows and projects are refused outside this window around today
# (core.validation.check_in_window): a year back, five years ahead.
STAGEDOOR_DATES_YEARS_BACK = 1
STAGEDOOR_DATES_YEARS_AHEAD = 5
# How long a write waits for another one's row locks before answering "busy, try again".
STAGEDOOR_LOCK_TIMEOUT_MS = int(os.environ.get("STAGEDOOR_LOCK_TIMEOUT_MS", "5000"))
# Timesheets open this many minutes before a call starts (crew arrive early to check in);
# before that, times cannot be recorded or submitted. One setting for every employer: pay
# rules hold what a worked minute costs, not when the door opens.
STAGEDOOR_CHECKIN_EARLY_MINUTES = int(os.environ.get("STAGEDOOR_CHECKIN_EARLY_MINUTES", "60"))
# Auto-staffing parts: "local" (a process pool of STAGEDOOR_STAFFING_PROCESSES; 1 runs them
# in the calling process) or "celery" (workers on the "staffing" queue; needs a broker and
# CELERY_RESULT_BACKEND).
STAGEDOOR_STAFFING_PARTS = os.environ.get("STAGEDOOR_STAFFING_PARTS", "local")
STAGEDOOR_STAFFING_PROCESSES = int(os.environ.get("STAGEDOOR_STAFFING_PROCESSES", "1"))

if not DEBUG:
    # TLS ends at the proxy, which says so in X-Forwarded-Proto (and must overwrite a
    # client's own). `make serve` turns the redirect, HSTS and secure cookies off for plain
    # HTTP on this machine; a deployment leaves them on (`stagedoor check --deploy`).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True
# The proxy's Host header names the site (when it passes the original one as
# X-Forwarded-Host instead).
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)

# Logs go to stderr, one line a record: JSON objects in production (LOG_FORMAT=json, the
# default with DEBUG off), readable lines in development (text). Web requests, Celery
# tasks and gunicorn write the same way (core.logs).
from stagedoor.core.logs import logging_config  # noqa: E402

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = logging_config(fmt=LOG_FORMAT, level=LOG_LEVEL)
