# Agenda Stad. `make run` for a first look (SQLite), `make test` for the whole suite (PostgreSQL).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=agendastad.settings.test

.DEFAULT_GOAL := help
.PHONY: help run setup test lint format messages makemessages bench clean

help:
	@echo "make run    set up everything and serve the site on http://127.0.0.1:8000 (SQLite, demo data)"
	@echo "make test   lint and run the whole test suite against PostgreSQL (DATABASE_URL)"
	@echo "make bench  the performance benchmark on PostgreSQL (see docs/performance.md)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
		|| { echo "Agenda Stad needs Python 3.11 or newer: run 'make PYTHON=python3.11 ...'."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Agenda Stad needs Node.js 20 or newer (npm) to install the NL Design System files."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

static/vendor/.built: node_modules/.package-lock.json scripts/build-static.mjs
	npm run --silent build
	touch $@

# Compiled with Babel, so a fresh machine needs no system gettext.
messages: $(VENV)/.runtime-installed
	@$(BIN)/pybabel compile --domain django --directory locale --statistics 2>&1 | grep -v '^$$' || true

# Only for developers changing texts; needs system gettext (xgettext).
makemessages: $(VENV)/.runtime-installed
	$(MANAGE) makemessages --locale nl --no-obsolete --add-location file --ignore 'node_modules/*' --ignore '.venv/*'

setup: $(VENV)/.runtime-installed static/vendor/.built messages

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_regions
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat --quiet || true

test: $(VENV)/.dev-installed static/vendor/.built messages
	@$(BIN)/python scripts/check_postgres.py
	$(MAKE) --no-print-directory lint
	$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run
	$(TEST_SETTINGS) $(BIN)/pytest --numprocesses auto --dist load

# Seeds (or reuses) the database agendastad_bench on the DATABASE_URL server; needs wrk. E.g.
# make bench BENCH_ARGS="--reseed" or BENCH_ARGS="--markdown". Not part of `make test` or CI.
bench: setup
	@$(BIN)/python scripts/check_postgres.py
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3
