# Set-up and everyday commands. Only Python 3.11+ is needed; everything else comes from PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test eval bench clean

# The virtualenv with eventlens installed (editable), remade when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

## demo: install, extract events from the sample articles into eventlens.db, show them
demo: $(VENV)/.installed
	$(BIN)/eventlens ingest samples/ --db eventlens.db
	$(BIN)/eventlens export --db eventlens.db --format table

## test: install with test extras, run the test suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## eval: score the development sets and fail below the floors in eval/floors.toml
eval: $(VENV)/.installed
	$(BIN)/python eval/gate.py --shared $(SHARED)

## bench: throughput against bare spaCy, cold start, peak memory
bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py --shared $(SHARED)
	$(BIN)/python bench/bench_store.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build src/*.egg-info
