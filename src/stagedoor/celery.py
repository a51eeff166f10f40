"""Celery wiring. Tasks wrap services; in tests and the demo they run eagerly."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")

app = Celery("stagedoor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
