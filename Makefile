# Stagedoor: `make demo` to run it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-suite lint bench clean

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
