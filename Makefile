# Two commands for a fresh machine: `make run` and `make test`.
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
PYTHON ?= python3
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
BUN := $(ROOT)/.tools/node_modules/.bin/bun
BUN_VERSION := 1.4.4
# axe-core runs inside the browser tests (accessibility, WCAG 2.2 AA).
AXE := $(ROOT)/.tools/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1

# Keep Reflex from phoning home and from downloading its own runtimes.
export PATH := $(ROOT)/.tools/node_modules/.bin:$(BIN):$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export REFLEX_HTTP_CLIENT_BIND_ADDRESS := 0.0.0.0
export BUN_INSTALL_CACHE_DIR := $(ROOT)/.cache/bun
export REFLEX_DIR := $(ROOT)/.cache/reflex
export NPM_CONFIG_REGISTRY := $(shell npm config get registry 2>/dev/null)

# Lighthouse for bench/lighthouse.py only (not needed to run or test the app).
LIGHTHOUSE := $(ROOT)/.tools/node_modules/.bin/lighthouse
LIGHTHOUSE_VERSION := 12.8.2

.PHONY: run serve test lint migrate migration clean-web help chromium private-check-bundle lighthouse
help:
	@echo "make run   - install, migrate and serve on http://127.0.0.1:3000"
	@echo "make test  - install test tools and run ruff, mypy and the whole test suite"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-app
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

$(BUN):
	npm install --silent --no-audit --no-fund --prefix $(ROOT)/.tools bun@$(BUN_VERSION)

$(AXE):
	npm install --silent --no-audit --no-fund --prefix $(ROOT)/.tools axe-core@$(AXE_VERSION)

lighthouse: $(LIGHTHOUSE)
$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --prefix $(ROOT)/.tools lighthouse@$(LIGHTHOUSE_VERSION)

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

run: $(VENV)/.installed-app $(BUN)
	$(BIN)/uglymugs prepare
	$(MAKE) --no-print-directory serve

# Serve only (production units call this after `uglymugs migrate`). The
# backend runs under gunicorn with uvicorn workers on uvloop rather than
# granian: a third of the memory per connected member and more checks per
# second (README, "Measured"). UGLYMUGS_WORKERS: more than one needs REDIS_URL.
UGLYMUGS_WORKERS ?= 1
serve:
	cd $(ROOT) && REFLEX_USE_GRANIAN=0 \
		GUNICORN_CMD_ARGS="--workers $(UGLYMUGS_WORKERS) --worker-class uvicorn.workers.UvicornWorker" \
		$(BIN)/reflex run --env prod --backend-host 127.0.0.1 \
		--frontend-port 3000 --backend-port 3000

test: $(VENV)/.installed-test $(BUN) $(AXE) chromium lint
	cd $(ROOT) && $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	cd $(ROOT) && $(BIN)/ruff check .
	cd $(ROOT) && $(BIN)/ruff format --check .
	cd $(ROOT) && $(BIN)/mypy

migrate: $(VENV)/.installed-app
	$(BIN)/uglymugs migrate

# Until the first release the schema is one generated migration: regenerate it
# from the models against an empty database.
migration: $(VENV)/.installed-app
	rm -f $(ROOT)/alembic/versions/0001_initial.py
	rm -rf $(ROOT)/.cache/migration && mkdir -p $(ROOT)/.cache/migration
	cd $(ROOT) && DATABASE_URL=sqlite:///$(ROOT)/.cache/migration/empty.db \
		$(BIN)/alembic revision --autogenerate --rev-id 0001 -m initial
	$(BIN)/ruff format --quiet $(ROOT)/alembic/versions/

# The private check's browser bundle (RFC 9497 VOPRF with @noble/curves, phone
# parsing with libphonenumber-js) is committed as assets/private_check.js;
# this rebuilds it from frontend/private_check/ and its pinned packages.
PRIVATE_CHECK := $(ROOT)/frontend/private_check
private-check-bundle: $(BUN)
	cd $(PRIVATE_CHECK) && npm ci --silent --no-audit --no-fund
	$(BUN) build $(PRIVATE_CHECK)/entry.js --outfile $(ROOT)/assets/private_check.js \
		--minify --format iife --target browser

clean-web:
	rm -rf $(ROOT)/.web
