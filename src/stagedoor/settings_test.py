"""The settings the test suite runs under (DJANGO_SETTINGS_MODULE in pyproject.toml).

The project settings are production-safe by default (DEBUG off, no start without a
SECRET_KEY). The suite runs the project as `make demo` does, with DEBUG=1 when the project
settings are read: the demo-only secret key, static files from the finders, no HTTPS
redirect. Django's test runner still turns DEBUG off while each test runs.

This module is what Django imports first, so setting DEBUG here (not in a conftest, which
pytest-django loads after the settings) always comes before the project settings read it,
whatever the shell says. The commands the tests start as child processes inherit it too;
the tests of the production settings name stagedoor.settings and pass their own DEBUG.
"""

import os

os.environ["DEBUG"] = "1"

from stagedoor.settings import *  # noqa: F403

# The tests stage their shows in tests.factories.YEAR, a year laid out like 2026, which can
# be up to eleven years ahead of the clock; the tests of the window itself set it back to 5.
STAGEDOOR_DATES_YEARS_AHEAD = 15

# Mail stays in django.core.mail.outbox, where the tests (browser tests too: the live server
# runs in the test's process) read the confirmation links.
# A real Celery worker started by a test names its own backend (the file backend) in its
# environment, and keeps it.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Django's test client logs in with authenticate() and no request, which django-axes
# refuses; the lockout tests turn it back on (tests/site/test_lockout.py).
AXES_ENABLED = False
# The suite (its schemathesis run above all) sends thousands of API requests from one
# address; the throttling tests set the limits low themselves (tests/api/test_throttling.py).
STAGEDOOR_API_RATE_PER_TOKEN = "1000000/m"
STAGEDOOR_API_RATE_PER_ADDRESS = "1000000/m"
