# kyodo — two commands matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-browser test-fuzz install lint types check screenshots bench pg-test clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## make run: set up (first time) and serve kyodo with Ichinoseki's plan and demo data.
run: $(STAMP)
	KYODO_DEMO=1 $(PY) manage.py setup_demo
	KYODO_DEMO=1 $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "kyodo: http://127.0.0.1:$(PORT)/"
	KYODO_DEMO=1 $(VENV)/bin/gunicorn kyodo.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - --pythonpath src

CHROMIUM ?= /usr/bin/chromium
# MARK selects a part of the suite by marker (pytest -m), e.g. MARK="not browser and not fuzz".
MARK ?=
PYTEST := $(VENV)/bin/pytest -n 2 --dist loadfile -rs

define chromium_note
	@test -x $(CHROMIUM) || echo "NOTE: Chromium not found at $(CHROMIUM): the browser and accessibility tests \
	(tests/e2e) are SKIPPED. Install it with: apt-get install -y chromium chromium-driver"
endef

## make test: the whole suite (SQLite unless DATABASE_URL is set): unit, quality, browser, API fuzzing.
test: $(STAMP)
	$(chromium_note)
	$(PYTEST) $(if $(MARK),-m "$(MARK)")
	$(chromium_note)

## make test-fast: everything except the browser tests and the API fuzzing (what CI runs per database).
test-fast: $(STAMP)
	$(PYTEST) -m "not browser and not fuzz"

## make test-browser: journeys, keyboard and axe-core accessibility in Chromium (tests/e2e).
test-browser: $(STAMP)
	$(chromium_note)
	$(VENV)/bin/pytest -n 2 --dist load -rs -m browser tests/e2e

## make test-fuzz: schemathesis against /api/v1/openapi.json (tests/api_fuzz).
test-fuzz: $(STAMP)
	$(VENV)/bin/pytest -p no:xdist -m fuzz tests/api_fuzz

## make screenshots: docs/screenshots/<role>-<page>.png of the key pages for each role.
screenshots: $(STAMP)
	$(chromium_note)
	KYODO_SCREENSHOTS=$(CURDIR)/docs/screenshots $(VENV)/bin/pytest -p no:xdist -rs tests/e2e/test_screenshots.py
	@ls docs/screenshots/*.png | wc -l | xargs echo "screenshots in docs/screenshots:"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

types: $(STAMP)
	$(VENV)/bin/mypy src/

check: lint types test

clean:
	rm -rf $(VENV) var
