# kyodo — two commands matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
STAMP := $(VENV)/.installed

.PHONY: run test install lint types check screenshots bench pg-test clean

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

## make test: the whole suite (SQLite unless DATABASE_URL is set).
test: $(STAMP)
	$(VENV)/bin/pytest -n 2 --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

types: $(STAMP)
	$(VENV)/bin/mypy src/kyodo/*/services.py src/kyodo/*/queries.py

check: lint types test

clean:
	rm -rf $(VENV) var
