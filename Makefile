# The two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: screenshots demo worker test install translations migrate lint audit check-deploy chromium servers bench-tools pdf-libraries messages clean

# Install the project and its tools into .venv (again whenever pyproject.toml changes).
install: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

# Compile locale/*/LC_MESSAGES/django.po with Babel: no GNU gettext needed.
translations: install
	$(BIN)/pybabel compile --statistics -d locale -D django

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input

# Install, migrate, compile translations, load the demo and serve it on SQLite, with
# the background worker (image renditions) beside the web server; Ctrl-C stops both.
demo: install translations migrate pdf-libraries
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py ensure_demo_editor
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/, users editor, author, translator; password ankasam-demo; second-factor code 123456)"
	# Server and worker are two processes: without Redis their caches are their own,
	# and the worker's invalidations (renditions made) would not reach the server's
	# stored pages, so the demo stores none then.
	if [ -z "$$REDIS_URL" ]; then export DJANGO_PAGE_CACHE_SECONDS=0; fi; \
	  DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The README's screenshots (docs/screenshots/): the demo in a scratch database,
# photographed in Chromium on a desktop and a phone.
screenshots: install translations chromium pdf-libraries
	$(BIN)/python docs/screenshots.py

# The background worker alone, for development (in production run
# `python manage.py db_worker` beside gunicorn, with the same environment).
worker: install pdf-libraries
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker

# Browser tests need Debian's chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# tests/ops/ runs servers of its own, which it stops and starts: Debian's nginx
# (in front, deploy/nginx/), redis-server and PostgreSQL's server programs.
servers:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || NEED="$$NEED nginx"; \
	  command -v redis-server >/dev/null 2>&1 || NEED="$$NEED redis-server"; \
	  test -x /usr/lib/postgresql/15/bin/initdb || NEED="$$NEED postgresql-15"; \
	  command -v openssl >/dev/null 2>&1 || NEED="$$NEED openssl"; \
	  if [ -n "$$NEED" ]; then \
	    echo "Installing Debian's$$NEED for tests/ops"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$NEED; fi

# bench/proxy.py loads the nginx front with Debian's wrk.
bench-tools: servers
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get install -y -qq wrk; }

# The worker makes PDFs with WeasyPrint, which needs Pango and HarfBuzz from Debian,
# and fonts that cover Turkish and Cyrillic (DejaVu); install them when missing.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libraries:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing Debian's $(PDF_PACKAGES) for the PDFs"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(PDF_PACKAGES); }

# The whole test suite (on PostgreSQL when DATABASE_URL says so).
test: install translations chromium servers pdf-libraries
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# The pins against their newest patch releases, and every installed package against
# an advisory database (pip-audit, .ci/audit.py): fails on a known vulnerability;
# when no database can be reached it says so, and does not fail.
audit: install
	$(BIN)/python .ci/audit.py

# Regenerate the .po files after changing strings (needs GNU gettext's xgettext).
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --no-obsolete -l tr -l en -l ru

clean:
	rm -rf $(VENV) staticfiles
