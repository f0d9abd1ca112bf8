# Set-up and everyday commands. Only Python 3.11+ is needed; everything else comes from PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

# Debian's Chromium, for the browser test (tests/test_serve_page.py).
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo serve test chromium screenshot eval bench clean

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
	@echo
	@echo "To see these events on a map and a timeline, with the evidence behind each one:"
	@echo "    make serve        (or: $(BIN)/eventlens serve --db eventlens.db)"
	@echo "then open http://127.0.0.1:8000/ in a browser. No internet connection is needed."

## serve: the web page and JSON API on the demo database, at http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(BIN)/eventlens serve --db eventlens.db

## test: install with test extras (and Chromium, see below), run the test suite
test: $(VENV)/.installed-test chromium
	EVENTLENS_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

## chromium: Debian's Chromium for the browser test: installed with apt-get when missing and
## running as root (as CI does); otherwise the browser test is skipped, saying why.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "no Chromium at $(CHROMIUM) and not root: the browser test will be skipped (apt-get install chromium)"; \
	fi

## screenshot: docs/screenshot.png, the page on the demo database, taken in headless Chromium
screenshot: $(VENV)/.installed-test chromium
	$(BIN)/python docs/screenshot.py --output docs/screenshot.png

## eval: score the development sets and fail below the floors in eval/floors.toml
eval: $(VENV)/.installed
	$(BIN)/python eval/gate.py --shared $(SHARED)

## bench: throughput against bare spaCy, cold start, peak memory; store and web API at 100,000 events
bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py --shared $(SHARED)
	$(BIN)/python bench/bench_store.py --shared $(SHARED)
	$(BIN)/python bench/bench_web.py

clean:
	rm -rf $(VENV) build src/*.egg-info
