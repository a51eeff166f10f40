"""Warm start of the title classifier: when a process builds it, and one build only."""

import threading

import pytest

from stagedoor.industry import titles
from stagedoor.industry.apps import should_warm_titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        # gunicorn's master (preloaded) never warms: each web process does after the fork.
        (["gunicorn", "stagedoor.wsgi"], {"STAGEDOOR_WARM_TITLES": "1"}, False),
        (["gunicorn", "stagedoor.wsgi"], {}, False),
        (["manage.py", "runserver"], {"STAGEDOOR_WARM_TITLES": "1"}, False),  # the watcher
        (["manage.py", "runserver"], {"STAGEDOOR_WARM_TITLES": "1", "RUN_MAIN": "true"}, True),
        (["stagedoor", "runserver", "--noreload"], {"STAGEDOOR_WARM_TITLES": "1"}, True),
        (["/venv/bin/celery", "-A", "stagedoor", "worker"], {"STAGEDOOR_WARM_TITLES": "1"}, False),
        (["pytest"], {}, False),
    ],
)
def test_which_processes_warm(argv, environ, expected):
    assert should_warm_titles(argv, environ) is expected


def test_a_request_during_the_warm_up_waits_for_it_and_the_classifier_is_built_once(
    monkeypatch,
):
    monkeypatch.setitem(titles._built, "key", None)  # as if the process had just started
    monkeypatch.setattr(titles, "_warm", {})
    before = titles.builds()
    got = {}

    def request():
        got["request"] = titles.role_classifier()

    thread = titles.start_warming()
    asker = threading.Thread(target=request)
    asker.start()
    assert titles.start_warming() is thread  # asking again starts nothing new
    thread.join(120)
    asker.join(120)
    assert titles.builds() == before + 1
    assert got["request"] is titles.role_classifier()
    assert titles._warm.get("error") is None
    assert (
        titles.classify_title(title="Box Office Agent, Jazz Club").role.slug == "box-office-agent"
    )
