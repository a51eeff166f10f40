"""A bounded schemathesis run over the whole API: every operation, three callers, fixed
examples; any 5xx or a response that does not match the schema fails the suite."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings

from stagedoor.api.models import ApiToken
from tests.factories import PositionFactory, WorkerFactory, give_role, show_world

EXAMPLES = 25


@pytest.fixture
def callers(db):
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


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.mark.parametrize("who", ["anonymous", "manager", "worker"])
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_5xx(case, callers, who):
    case.call_and_validate(headers=callers[who])
