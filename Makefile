# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run   - create .venv if needed, install the locked runtime, process data/raw -> data/processed
#   make test  - the same set-up plus the locked test tools, then the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= data/processed
PYTEST_ARGS ?=

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

.PHONY: run test lock clean-venv

run: $(VENV)/.runtime-installed
	$(BIN)/newsprep run --raw $(RAW) --out $(OUT)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsprep needs Python >= 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.runtime-installed
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	touch $@

# Re-resolve the ranges in pyproject.toml and pin the result. Review the diff, run `make test`.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install -q --disable-pip-version-check .
	.lock-venv/bin/python -m pip freeze --exclude newsprep > requirements.lock
	.lock-venv/bin/python -m pip install -q --disable-pip-version-check ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude newsprep > requirements-dev.lock
	rm -rf .lock-venv

clean-venv:
	rm -rf $(VENV)
