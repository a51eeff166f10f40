"""GET /healthz, GET /api/ops/health and `stagedoor health`: the database, the broker and
the cache, each asked; 200 when all answer, 503 naming those that did not."""

import json

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.brokers import answers, broker, dead_broker_url

pytestmark = pytest.mark.django_db

# A Redis cache on a port nothing listens on (bound, then let go).
DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": dead_broker_url().replace("amqp://guest:guest@", "redis://").rstrip("/"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_healthy_without_a_broker_says_work_runs_in_process(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert sorted(body["checks"]) == ["broker", "cache", "database"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["database"]["detail"].startswith("answered (")
    assert body["checks"]["broker"] == {
        "ok": True,
        "ms": body["checks"]["broker"]["ms"],
        "detail": "none configured: background work runs in the web process",
    }
    assert body["checks"]["cache"]["detail"] == "wrote and read a value"


def test_broker_down_is_503_naming_the_broker_and_not_its_address(client, settings):
    url = dead_broker_url()
    settings.STAGEDOOR_HEALTH_TIMEOUT = 1
    with broker(url, settings):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["failed"] == ["broker"]
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["detail"].startswith("failed: ")
    assert body["checks"]["database"]["ok"] is True
    port = url.rsplit(":", 1)[1].strip("/")
    assert port not in response.content.decode()
    assert "guest" not in response.content.decode()


@pytest.mark.skipif(not answers("127.0.0.1", 6379), reason="needs Redis on 127.0.0.1:6379")
def test_live_redis_broker_is_healthy(client, settings):
    with broker("redis://127.0.0.1:6379/15", settings):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["detail"] == "connected (redis)"


def test_cache_down_is_503_naming_the_cache(client):
    with override_settings(CACHES=DEAD_CACHE):
        caches["default"].close()
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"]["cache"]["detail"] == "failed: ConnectionError"


def test_a_probe_by_address_is_answered_before_the_host_check(client):
    assert client.get("/healthz", HTTP_HOST="10.1.2.3").status_code == 200
    # Any other path still refuses a host that is not allowed.
    assert client.get("/api/roles", HTTP_HOST="10.1.2.3").status_code == 400


def test_only_reads(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_api_health_both_outcomes(client, settings):
    ok = client.get("/api/ops/health")
    assert ok.status_code == 200
    assert ok.json()["status"] == "ok"
    settings.STAGEDOOR_HEALTH_TIMEOUT = 1
    with broker(dead_broker_url(), settings):
        down = client.get("/api/ops/health")
    assert down.status_code == 503
    assert down.json()["failed"] == ["broker"]
    assert down.json()["checks"]["broker"]["ok"] is False


def test_health_command(capsys, settings):
    call_command("health", "--json")
    assert json.loads(capsys.readouterr().out)["status"] == "ok"
    call_command("health")
    out = capsys.readouterr().out
    assert "database" in out and "wrote and read a value" in out
    settings.STAGEDOOR_HEALTH_TIMEOUT = 1
    with broker(dead_broker_url(), settings), pytest.raises(CommandError) as failed:
        call_command("health")
    assert str(failed.value) == "Not healthy: broker."
