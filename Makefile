# Stagedoor: `make demo` to run it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo serve test test-suite lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs are reproducible: every version comes from constraints.txt.
$(VENV)/.app: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@ $(VENV)/.app

# Benchmarks also run Timefold Solver beside ours (an optional extra, never a product dependency).
$(VENV)/.bench: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $@ $(VENV)/.dev $(VENV)/.app

# Front-end packages (htmx, Pico CSS) come from the npm registry, pinned by the lock file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The demo runs with DEBUG on (the settings default to off, as production wants).
demo: export DEBUG = 1
# Links in emails and calendars sent outside a request point at where the demo is served.
demo: export STAGEDOOR_SITE_URL ?= http://$(HOST):$(PORT)
demo: $(VENV)/.app node_modules/.installed
	mkdir -p var
	$(BIN)/stagedoor migrate --noinput
	$(BIN)/stagedoor demo-data
	@echo "Stagedoor is serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/stagedoor runserver $(HOST):$(PORT)

# The production processes on this machine (the Procfile, through honcho): gunicorn, a
# Celery worker, the staffing-part worker and beat, against PostgreSQL and Redis. Point
# DATABASE_URL, CELERY_BROKER_URL, CELERY_RESULT_BACKEND and CACHE_URL elsewhere to use other
# servers. DEBUG stays off; plain HTTP on this machine needs the HTTPS redirect, HSTS and
# secure cookies off, which a deployment behind TLS leaves on. A secret key is made once
# under var/ unless SECRET_KEY is set.
serve: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/stagedoor
serve: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
serve: export CELERY_RESULT_BACKEND ?= redis://127.0.0.1:6379/1
serve: export CACHE_URL ?= redis://127.0.0.1:6379/2
serve: export STAGEDOOR_STAFFING_PARTS ?= celery
serve: export STAGEDOOR_WARM_TITLES ?= 1
serve: export STAGEDOOR_SITE_URL ?= http://$(HOST):$(PORT)
serve: export GUNICORN_BIND ?= $(HOST):$(PORT)
serve: export SECURE_SSL_REDIRECT ?= 0
serve: export SECURE_HSTS_SECONDS ?= 0
serve: export SECURE_COOKIES ?= 0
serve: export LOG_FORMAT ?= text
serve: $(VENV)/.serve node_modules/.installed
	mkdir -p var
	test -s var/secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret-key
	export SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}" PATH="$(CURDIR)/$(BIN):$$PATH" && \
	stagedoor migrate --noinput && \
	stagedoor collectstatic --noinput --verbosity 0 && \
	stagedoor health && \
	echo "Stagedoor is serving on http://$(HOST):$(PORT)/ (Ctrl-C stops every process)" && \
	exec honcho start --procfile Procfile

$(VENV)/.serve: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[serve]'
	touch $@ $(VENV)/.app

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

test-suite: $(VENV)/.dev node_modules/.installed
	$(BIN)/pytest

test: lint test-suite

# Performance, printed as tables with the machine and the sizes (BENCH_SIZES to change;
# BENCH_ONLY=matching,ptask,crew,timefold to pick).
bench: $(VENV)/.bench
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache
