"""Fixtures the job-board tests share."""

import pytest

from stagedoor.boards import services
from stagedoor.boards.models import ImportRun


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    """Start an import the way the web page does (a task after commit) and run it."""

    def run(actor, **kwargs) -> ImportRun:
        with django_capture_on_commit_callbacks(execute=True):
            started = services.import_run_start(actor=actor, **kwargs)
        return ImportRun.objects.select_related("task").get(pk=started.pk)

    return run
