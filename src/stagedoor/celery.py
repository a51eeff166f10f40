"""Celery wiring. Tasks wrap services; in tests and the demo they run eagerly."""

import os

from celery import Celery, signals

from stagedoor.core import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")

app = Celery("stagedoor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def _log_as_the_web_does(loglevel=None, **kwargs):
    """Workers and beat log through settings.LOGGING (JSON lines in production), not
    Celery's own format; `--loglevel` still sets the level."""
    import logging
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)


@signals.task_prerun.connect
def _task_context(task_id=None, task=None, **kwargs):
    logs.task_id.set(task_id or "")
    logs.task_name.set(getattr(task, "name", "") or "")


@signals.task_postrun.connect
def _task_context_done(**kwargs):
    logs.task_id.set("")
    logs.task_name.set("")
