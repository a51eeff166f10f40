"""Run a write as a request would: its transaction commits, so the mail it saved in the
outbox goes out (the tests' own transaction otherwise holds every after-commit step)."""

from django.test import TestCase


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def call(fn, /, *args, **kwargs):
    with committed():
        return fn(*args, **kwargs)
