# Two commands for a new machine: `make up` runs Conductor, `make test` runs the suite.
# Both create .venv, install what they need, and build the dashboard first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DASHBOARD := services/dashboard
DASHBOARD_DEPS := $(DASHBOARD)/node_modules/.package-lock.json
E2E_DEPS := tests/e2e/node_modules/.package-lock.json
DASHBOARD_BUILT := $(DASHBOARD)/dist/index.html
DASHBOARD_SOURCES := $(shell find $(DASHBOARD)/src $(DASHBOARD)/index.html \
	$(DASHBOARD)/vite.config.ts $(DASHBOARD)/tsconfig.json -type f 2>/dev/null)

.PHONY: up test install dashboard dashboard-test e2e-browser lint bench clean

# options for `conductor up`, e.g. make up ARGS="--port 8010"
up: install dashboard
	$(VENV)/bin/conductor up $(ARGS)

test: install dashboard dashboard-test e2e-browser lint
	$(PY) -m pytest

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Conductor needs Python 3.11 or newer (PYTHON=$(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(DASHBOARD_DEPS): $(DASHBOARD)/package.json $(DASHBOARD)/package-lock.json
	npm --prefix $(DASHBOARD) ci --no-audit --no-fund

dashboard: $(DASHBOARD_BUILT)

$(DASHBOARD_BUILT): $(DASHBOARD_DEPS) $(DASHBOARD_SOURCES)
	npm --prefix $(DASHBOARD) run build

dashboard-test: $(DASHBOARD_DEPS)
	npm --prefix $(DASHBOARD) test

# browser tests drive Debian's chromium with playwright-core; no browser is downloaded
e2e-browser: $(E2E_DEPS)
	@command -v chromium >/dev/null || \
		{ apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

$(E2E_DEPS): tests/e2e/package.json tests/e2e/package-lock.json
	npm --prefix tests/e2e ci --no-audit --no-fund

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/scaling_bench.py

clean:
	rm -rf $(VENV) $(DASHBOARD)/node_modules $(DASHBOARD)/dist .conductor
