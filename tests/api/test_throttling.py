"""The API answers 429 past its limits: per token, and per address whoever asks."""

import pytest
from django.core.cache import cache

from stagedoor.api.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_per_address_limit_answers_429_with_retry_after(client, settings):
    settings.STAGEDOOR_API_RATE_PER_ADDRESS = "3/m"
    assert [client.get("/api/roles").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/roles")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Another address is counted on its own.
    assert client.get("/api/roles", REMOTE_ADDR="10.9.8.7").status_code == 200


def test_per_token_limit_follows_the_token_across_addresses(client, settings):
    settings.STAGEDOOR_API_RATE_PER_TOKEN = "2/m"
    _, key = ApiToken.issue(user=UserFactory(username="script"), scope="read")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    codes = [
        client.get("/api/roles", REMOTE_ADDR=f"10.0.0.{n}", **headers).status_code
        for n in range(1, 4)
    ]
    assert codes == [200, 200, 429]
    # Without the token the same addresses are not held back.
    assert client.get("/api/roles", REMOTE_ADDR="10.0.0.3").status_code == 200
