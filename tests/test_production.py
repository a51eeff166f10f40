"""A production way to run: the Procfile's processes, gunicorn's config serving /healthz,
the settings a deployment reads from its environment, and check --deploy's list."""

import json
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.db import connection
from honcho.environ import parse_procfile

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# What the README's "Running in production" table asks a deployment to set.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "stagedoor.settings",
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "crew.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://crew.example.org",
    "DATABASE_URL": "postgres://stagedoor:secret@db.internal:5432/stagedoor",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "CELERY_RESULT_BACKEND": "redis://redis.internal:6379/1",
    "CACHE_URL": "redis://redis.internal:6379/2",
    "STAGEDOOR_SITE_URL": "https://crew.example.org",
    "STAGEDOOR_NUM_PROXIES": "1",
    "STAGEDOOR_STAFFING_PARTS": "celery",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_USE_TLS": "1",
}


def environment(**env) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECRET_KEY"}
        and not k.startswith(("CELERY_", "CACHE_", "DATABASE_", "LOG_", "GUNICORN_"))
    }
    return keep | env


def stagedoor(*args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "stagedoor", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment(**env),
    )


def settings_of(names: str, **env) -> dict:
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE']='stagedoor.settings';"
        "from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {names.split()!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment(**env),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = stagedoor("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_names_what_a_deployment_forgot():
    names = ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    env = {k: PRODUCTION_ENV[k] for k in names} | {"STAGEDOOR_STAFFING_PARTS": "celery"}
    result = stagedoor("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 1
    found = sorted(
        word.strip("():") for word in result.stderr.split() if word.startswith("(stagedoor.")
    )
    assert found == [
        "stagedoor.E001", "stagedoor.W001", "stagedoor.W002", "stagedoor.W003", "stagedoor.W004",
    ]  # fmt: skip
    assert "Set CACHE_URL to a Redis address" in result.stderr


def test_production_settings_from_the_environment():
    got = settings_of(
        "DATABASES CACHES LOG_FORMAT LOGGING SESSION_COOKIE_SECURE SECURE_SSL_REDIRECT "
        "SECURE_HSTS_SECONDS STATIC_ROOT CELERY_BROKER_URL CELERY_TASK_ALWAYS_EAGER "
        "STAGEDOOR_SITE_URL MIDDLEWARE STORAGES",
        **PRODUCTION_ENV,
        STATIC_ROOT="/srv/stagedoor/static",
        LOG_LEVEL="WARNING",
    )
    db = got["DATABASES"]["default"]
    assert (db["ENGINE"], db["HOST"], db["NAME"]) == (
        "django.db.backends.postgresql", "db.internal", "stagedoor",
    )  # fmt: skip
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"], db["OPTIONS"]["connect_timeout"]) == (
        60, True, 5,
    )  # fmt: skip
    assert got["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert got["CACHES"]["default"]["LOCATION"] == "redis://redis.internal:6379/2"
    assert got["LOG_FORMAT"] == "json"
    assert got["LOGGING"]["root"]["level"] == "WARNING"
    assert got["SESSION_COOKIE_SECURE"] is True
    assert got["SECURE_SSL_REDIRECT"] is True
    assert got["SECURE_HSTS_SECONDS"] == 31536000
    assert got["STATIC_ROOT"] == "/srv/stagedoor/static"
    assert got["CELERY_BROKER_URL"] == "redis://redis.internal:6379/0"
    assert got["CELERY_TASK_ALWAYS_EAGER"] is False
    assert got["STAGEDOOR_SITE_URL"] == "https://crew.example.org"
    assert got["MIDDLEWARE"][:4] == [
        "stagedoor.core.health.HealthMiddleware",
        "stagedoor.core.requestlog.RequestLogMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert got["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_development_defaults_and_make_serve_overrides():
    dev = settings_of("LOG_FORMAT CACHES DATABASES", DEBUG="1")
    assert dev["LOG_FORMAT"] == "text"
    assert dev["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert dev["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    local = settings_of(
        "SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE",
        DEBUG="0", SECRET_KEY="y" * 50,
        SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="0",
    )  # fmt: skip
    assert local == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


def test_a_cache_url_that_is_not_redis_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import os;"
         "os.environ['DJANGO_SETTINGS_MODULE']='stagedoor.settings';"
         "from django.conf import settings; settings.CACHES"],
        capture_output=True, text=True, cwd=ROOT,
        env=environment(DEBUG="1", CACHE_URL="memcached://cache:11211"),
    )  # fmt: skip
    assert result.returncode == 1
    assert "CACHE_URL must be a redis:// or rediss:// address" in result.stderr


def test_procfile_runs_gunicorn_workers_for_both_queues_and_beat():
    procfile = parse_procfile((ROOT / "Procfile").read_text())
    commands = {name: shlex.split(cmd) for name, cmd in procfile.processes.items()}
    assert sorted(commands) == ["beat", "parts", "web", "worker"]
    for argv in commands.values():
        assert (BIN / argv[0]).is_file(), argv[0]
    web = commands["web"]
    assert web[1:3] == ["--config", "python:stagedoor.gunicorn_conf"]
    assert find_spec("stagedoor.gunicorn_conf") is not None
    assert find_spec(web[3]) is not None  # stagedoor.wsgi
    for name, queue in (("worker", "celery"), ("parts", "staffing")):
        argv = commands[name]
        # --quiet: no banner on stdout, only log lines (JSON in production).
        assert argv[1:5] == ["-A", "stagedoor", "--quiet", "worker"]
        assert argv[argv.index("--queues") + 1] == queue
    from stagedoor.staffing.parts import PARTS_QUEUE

    assert PARTS_QUEUE == "staffing"
    assert commands["beat"][1:5] == ["-A", "stagedoor", "--quiet", "beat"]


def test_make_serve_runs_the_procfile_against_postgresql_and_redis():
    makefile = (ROOT / "Makefile").read_text()
    assert "serve: export DATABASE_URL ?= postgres://" in makefile
    assert "serve: export CELERY_BROKER_URL ?= redis://" in makefile
    assert "exec honcho start --procfile Procfile" in makefile


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_the_config_serves_healthz(tmp_path):
    """The web line of the Procfile, on a free port, against the test database."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        database = f"postgres://{s['USER']}@{host}/{s['NAME']}"
    else:  # the suite's SQLite database lives in memory: an empty file answers SELECT 1
        database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    port = free_port()
    env = environment(
        DJANGO_SETTINGS_MODULE="stagedoor.settings",
        DEBUG="0",
        SECRET_KEY="z" * 50,
        DATABASE_URL=database,
        STAGEDOOR_VAR=str(tmp_path),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "python:stagedoor.gunicorn_conf", "stagedoor.wsgi"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as r:
                    status, body, headers = r.status, json.loads(r.read()), r.headers
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert status == 200, body
    assert headers["Server"] == "gunicorn"
    assert body["status"] == "ok"
    assert body["checks"]["database"]["detail"] == f"answered ({connection.vendor})"
    # gunicorn's own lines are JSON too.
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(
        line["logger"] == "gunicorn.error" and line["message"].startswith("Booting worker")
        for line in lines
    ), log.read_text()
    # The app logs each request itself; gunicorn's access lines are off by default.
    assert not any(line["logger"] == "gunicorn.access" for line in lines), log.read_text()


def test_gunicorn_config_reads_the_environment():
    code = (
        "import json, stagedoor.gunicorn_conf as c;"
        "print(json.dumps([c.bind, c.workers, c.threads, c.timeout, c.preload_app, c.accesslog,"
        " c.logconfig_dict['formatters']['main'].get('format'),"
        " c.logconfig_dict['loggers']['gunicorn.access']['level']]))"
    )
    defaults = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
        env=environment(PORT="5000"),
    )  # fmt: skip
    assert defaults.returncode == 0, defaults.stderr
    workers = 2 * (os.cpu_count() or 1)
    assert json.loads(defaults.stdout) == [
        ["0.0.0.0:5000"], workers, 1, 30, True, None, None, "WARNING"
    ]  # fmt: skip
    tuned = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
        env=environment(
            GUNICORN_BIND="127.0.0.1:9000", WEB_CONCURRENCY="3", GUNICORN_THREADS="2",
            GUNICORN_TIMEOUT="60", GUNICORN_PRELOAD="0", GUNICORN_ACCESS_LOG="1", LOG_FORMAT="text",
        ),
    )  # fmt: skip
    assert json.loads(tuned.stdout) == [
        ["127.0.0.1:9000"], 3, 2, 60, False, "-",
        "%(asctime)s %(levelname)s %(name)s: %(message)s", "INFO",
    ]  # fmt: skip
