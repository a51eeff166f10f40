"""The project's wiring: settings from the environment, deploy checks, migrations, layers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}} | env
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, cwd=ROOT
    )


# check --deploy with the documented production environment: tests/test_production.py.


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE']='stagedoor.settings'; django.setup()",
        DEBUG="0",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_settings_read_the_environment():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='stagedoor.settings';"
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'],"
        " settings.ALLOWED_HOSTS, settings.DEBUG)"
    )
    result = run_python(
        code,
        DATABASE_URL="postgres://u@db.example:5432/crew",
        ALLOWED_HOSTS="a.example,b.example",
        DEBUG="1",
    )
    assert result.stdout.split("\n")[0] == (
        "django.db.backends.postgresql crew ['a.example', 'b.example'] True"
    )


def test_debug_defaults_to_off_and_make_demo_turns_it_on():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='stagedoor.settings';"
        "from django.conf import settings; print(settings.DEBUG)"
    )
    result = run_python(code, SECRET_KEY="x" * 50)
    assert result.stdout.strip() == "False", result.stderr
    assert "demo: export DEBUG = 1" in (ROOT / "Makefile").read_text().splitlines()


def test_production_serves_static_files_through_whitenoise(tmp_path):
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='stagedoor.settings';"
        "django.setup();"
        "from django.core.management import call_command;"
        "call_command('collectstatic', '--noinput', verbosity=0);"
        "from django.test import Client;"
        "r = Client().get('/static/vendor/htmx/htmx.min.js', secure=True);"
        "print(r.status_code, r.headers.get('Content-Type'))"
    )
    result = run_python(
        code,
        SECRET_KEY="x" * 50,
        DEBUG="0",
        STAGEDOOR_VAR=str(tmp_path),
        ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "200"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_engine_never_imports_django():
    result = run_python(
        "import sys, pkgutil, importlib, stagedoor.engine as e\n"
        "for m in pkgutil.walk_packages(e.__path__, 'stagedoor.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n == 'django' or n.startswith('django.')))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_console_command_is_the_projects_manage_py():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "stagedoor"), "help", "demo-data"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Build the deterministic demo world" in result.stdout


def test_front_end_assets_are_found_by_staticfiles():
    from django.contrib.staticfiles import finders

    for path in ("stagedoor/site.css", "vendor/htmx/htmx.min.js", "vendor/pico/pico.min.css"):
        assert finders.find(path) is not None, path
