"""Log lines: JSON in production, readable in development, the same from web and Celery.

Every record carries the request it was written for (`request_id`) or the Celery task
(`task_id`, `task_name`), read from context variables the request middleware and Celery's
signals set. `logging_config` builds the dictConfig that settings.LOGGING, gunicorn's own
logs (gunicorn_conf) and Celery's processes share. No Django import here: gunicorn's master
reads this before Django is set up.
"""

from __future__ import annotations

import contextvars
import logging

from pythonjsonlogger.json import JsonFormatter

# What the current request or task is, for every line logged while it runs.
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
task_id: contextvars.ContextVar[str] = contextvars.ContextVar("task_id", default="")
task_name: contextvars.ContextVar[str] = contextvars.ContextVar("task_name", default="")

# The fields a JSON line carries besides the message, when a record has them.
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d"


class ContextFilter(logging.Filter):
    """Stamps the request id and the task onto every record (empty when there is none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        if not getattr(record, "task_id", ""):
            record.task_id = task_id.get()
            record.task_name = task_name.get()
        return True


class ReadableFormatter(logging.Formatter):
    """One line a person reads: time, level, logger, message, then the request's fields."""

    EXTRA = ("method", "path", "status", "duration_ms", "user_id", "request_id", "task_name")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = " ".join(
            f"{key}={getattr(record, key)}"
            for key in self.EXTRA
            if getattr(record, key, None) not in (None, "")
        )
        return f"{line} [{extra}]" if extra else line


class JsonLines(JsonFormatter):
    """A JSON object a line; the request and task fields a record has no value for are left
    out rather than written empty."""

    def process_log_record(self, log_data: dict) -> dict:
        return {k: v for k, v in log_data.items() if v not in ("", None)}


def json_formatter() -> dict:
    """python-json-logger's formatter: one object a line, UTC timestamps, extras kept."""
    return {
        "()": JsonLines,
        "fmt": JSON_FIELDS,
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        "datefmt": "%Y-%m-%dT%H:%M:%S%z",
    }


def logging_config(*, fmt: str = "json", level: str = "INFO") -> dict:
    """The dictConfig for `fmt` ("json" or "text"): everything to stderr through one handler
    that stamps the context, Django's and Celery's loggers included."""
    if fmt not in {"json", "text"}:
        raise ValueError(f"LOG_FORMAT must be json or text, not {fmt!r}")
    formatter = (
        json_formatter()
        if fmt == "json"
        else {"()": ReadableFormatter, "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFilter}},
        "formatters": {"main": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["context"],
            }
        },
        "root": {"handlers": ["console"], "level": level.upper()},
        "loggers": {
            # Django's request logger repeats each 4xx/5xx the request line already shows;
            # errors (with their traceback) still come through.
            "django.request": {"level": "ERROR"},
            # runserver's own access lines, when the demo runs it.
            "django.server": {"level": "WARNING"},
        },
    }
