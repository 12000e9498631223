# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per set of pins: `make run` installs the runtime alone, `make test` and `make lint` the tools too.
RUNTIME := $(VENV)/.runtime-$(shell sha256sum requirements.txt | cut -c1-12)
DEV     := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
PIP     := $(BIN)/python -m pip install --quiet --disable-pip-version-check
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint setup clean bench

setup: $(DEV)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	rm -f $(VENV)/.runtime-* && touch $@

$(DEV): requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	rm -f $(VENV)/.dev-* $(VENV)/.runtime-* && touch $@ $(RUNTIME)

run: $(RUNTIME)
	$(BIN)/flask --app wsgi chibo init-db
	$(BIN)/flask --app wsgi chibo demo
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

test: $(DEV)
	$(BIN)/python -m pytest

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Benchmarks beside their anchors (bench/run.py); BENCH_EVENTS=100000 for a quicker run.
BENCH_EVENTS ?= 1000000
bench: $(DEV)
	BENCH_EVENTS=$(BENCH_EVENTS) $(BIN)/python -m bench.run
