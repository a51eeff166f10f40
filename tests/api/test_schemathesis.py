"""A bounded schemathesis run over the whole API (issue 18): every operation, called
anonymously, with a manager's token and with a worker's token, on fixed examples
(derandomized); any 5xx, or an answer the schema does not document, fails the suite.

In process through WSGI (no server to start), each operation one test in one transaction.
One check is left out: `positive_data_acceptance` expects every schema-valid request to
succeed, but the services refuse what the schema cannot say (an unknown slug, a date
outside the schedule window, a plan without a target) with a 422 naming the field, which is
the documented answer."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from stagedoor.api.models import ApiToken
from tests.factories import PositionFactory, WorkerFactory, give_role, show_world

EXAMPLES = 30
CALLERS = ("anonymous", "manager", "worker")

# Examples and fuzzing, seeded; the coverage phase (every boundary of every field, hundreds
# of cases an operation) would take the run past a few minutes on a small machine.
CONFIG = SchemathesisConfig.from_dict(
    {"seed": 18, "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=CONFIG)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Called through WSGI, each request's end would close "old" connections, and inside
    a test's transaction (autocommit off) PostgreSQL's counts as old: Django's test client
    disconnects that handler for the same reason, so this run does too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def callers(db, settings):
    # Three users an operation: a fast hash keeps the setup from outweighing the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = show_world()
    PositionFactory(show=world["show"])
    worker = WorkerFactory()
    give_role(worker, "stagehand")
    _, manager_key = ApiToken.issue(user=world["manager"])
    _, worker_key = ApiToken.issue(user=worker.user)
    return {
        "anonymous": {},
        "manager": {"Authorization": f"Bearer {manager_key}"},
        "worker": {"Authorization": f"Bearer {worker_key}"},
    }


@schema.parametrize()
@schema.given(who=st.sampled_from(CALLERS))
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_request_as_documented(case, who, callers):
    case.call_and_validate(headers=callers[who], excluded_checks=[positive_data_acceptance])
