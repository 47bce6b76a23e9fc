# Ressourcebanken: `make run` to start the portal, `make test` to run every test.
# Without DATABASE_URL both start an embedded PostgreSQL under .data/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WITH_DB := $(PY) -m ressourcebank.devdb
PORT ?= 8000

export DJANGO_DEBUG ?= true

.PHONY: run test serve lint setup clean-data bench

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || \
		{ echo "Ressourcebanken needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup
	$(WITH_DB) sh -c '$(PY) manage.py migrate --no-input -v 0 && \
		$(PY) manage.py seed_demo && \
		exec $(PY) manage.py runserver 127.0.0.1:$(PORT)'

test: setup
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium is missing, so the browser tests (tests/browser) are SKIPPED. Install it: apt-get install chromium"
	$(WITH_DB) $(PY) -m pytest $(PYTEST_ARGS)

# National-scale data set (BENCH_SCALE=1), production served by gunicorn, loaded with wrk.
bench: setup
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(WITH_DB) $(PY) -m bench.run

serve: setup
	DJANGO_DEBUG=false $(PY) manage.py collectstatic --no-input -v 0
	DJANGO_DEBUG=false $(VENV)/bin/gunicorn ressourcebank.wsgi -c python:ressourcebank.gunicorn --bind 127.0.0.1:$(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(WITH_DB) $(PY) manage.py makemigrations --check --dry-run

clean-data:
	rm -rf .data
