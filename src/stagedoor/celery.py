"""Celery wiring. Tasks wrap services; in tests and the demo they run eagerly."""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")

app = Celery("stagedoor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def warm_title_classifier(**kwargs) -> None:
    """Each pool process builds the title classifier as it starts (STAGEDOOR_WARM_TITLES=1),
    so the first import task does not wait for the model."""
    if os.environ.get("STAGEDOOR_WARM_TITLES") == "1":
        from stagedoor.industry.titles import start_warming

        start_warming()
