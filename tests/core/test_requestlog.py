"""Log lines: one JSON object a request with its fields, the request id on every line
logged meanwhile, readable lines in development, Celery tasks stamped the same way."""

import io
import json
import logging

import pytest

from stagedoor.core import logs
from tests.factories import UserFactory, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """What the loggers write, through the production formatter, one dict a line."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    options = {k: v for k, v in logs.json_formatter().items() if k != "()"}
    handler.setFormatter(logs.JsonLines(**options))
    handler.addFilter(logs.ContextFilter())
    root = logging.getLogger()
    saved = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(saved)


def test_a_request_logs_one_json_line_with_its_fields(client, json_lines):
    user = UserFactory()
    response = client.get(
        "/api/roles?q=secret-words", HTTP_X_REQUEST_ID="proxy-id-0001", **bearer(user)
    )
    assert response.status_code == 200
    assert response["X-Request-ID"] == "proxy-id-0001"
    [line] = [r for r in json_lines() if r["logger"] == "stagedoor.request"]
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/api/roles"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == user.pk
    assert line["request_id"] == "proxy-id-0001"
    assert line["message"].startswith("GET /api/roles 200 ")
    assert set(line) == {
        "time", "level", "logger", "message", "process",
        "request_id", "method", "path", "status", "duration_ms", "user_id",
    }  # fmt: skip
    text = json.dumps(line)
    assert "secret-words" not in text and user.email not in text and user.username not in text


def test_anonymous_requests_get_a_new_id_and_no_user(client, json_lines):
    response = client.get("/api/roles", HTTP_X_REQUEST_ID="not a sane id!")
    rid = response["X-Request-ID"]
    assert len(rid) == 32 and rid != "not a sane id!"
    [line] = [r for r in json_lines() if r["logger"] == "stagedoor.request"]
    assert line["request_id"] == rid
    assert "user_id" not in line


def test_refusals_log_at_info_with_their_status(client, json_lines):
    client.raise_request_exception = False
    response = client.get("/login/", HTTP_HOST="bad host")
    assert response.status_code == 400
    [line] = [r for r in json_lines() if r["logger"] == "stagedoor.request"]
    assert (line["level"], line["status"]) == ("INFO", 400)


def test_lines_logged_during_a_request_carry_its_id(json_lines):
    token = logs.request_id.set("abc123def456")
    try:
        logging.getLogger("stagedoor.somewhere").warning("inside")
    finally:
        logs.request_id.reset(token)
    logging.getLogger("stagedoor.somewhere").warning("outside")
    inside, outside = json_lines()
    assert inside["request_id"] == "abc123def456"
    assert "request_id" not in outside


def test_celery_tasks_log_their_name_and_id(json_lines):
    from stagedoor.celery import app

    @app.task(name="tests.log_something")
    def log_something():
        logging.getLogger("stagedoor.tests").warning("from a task")

    result = log_something.apply()
    [line] = [r for r in json_lines() if r["message"] == "from a task"]
    assert line["task_name"] == "tests.log_something"
    assert line["task_id"] == result.id


def test_development_lines_are_readable():
    record = logging.LogRecord("stagedoor.request", logging.INFO, "", 0, "GET / 200", (), None)
    record.method, record.path, record.status, record.user_id = "GET", "/", 200, 7
    logs.ContextFilter().filter(record)
    formatter = logs.ReadableFormatter("%(levelname)s %(name)s: %(message)s")
    assert formatter.format(record) == (
        "INFO stagedoor.request: GET / 200 [method=GET path=/ status=200 user_id=7]"
    )


def test_log_format_must_be_json_or_text():
    with pytest.raises(ValueError, match="LOG_FORMAT must be json or text"):
        logs.logging_config(fmt="xml")
