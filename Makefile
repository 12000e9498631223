# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt bench/requirements.txt | sha256sum | cut -c1-12)
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test setup clean

setup: $(STAMP)

$(STAMP): requirements.txt bench/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r bench/requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/flask --app wsgi chibo init-db
	$(BIN)/flask --app wsgi chibo demo
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache

# Benchmarks beside their anchors (bench/run.py); BENCH_EVENTS=100000 for a quicker run.
BENCH_EVENTS ?= 1000000
.PHONY: bench
bench: $(STAMP)
	BENCH_EVENTS=$(BENCH_EVENTS) $(BIN)/python -m bench.run
