# WIR SIND HANNOVER: two commands set up a fresh machine.
#   make run   install, migrate an embedded SQLite database, load the content, serve on 127.0.0.1:8000
#   make test  install, start a throwaway PostgreSQL 15 and Redis, run ruff, the migration check
#              and all tests

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Local runs and tests may use the development secret key.
export DJANGO_LOCAL := 1

.PHONY: run serve bench resilience screenshots test install system-deps messages static lint clean

# Debian packages the portal needs: PostgreSQL 15 for the tests, gettext for the catalogues,
# Chromium for the browser tests (Playwright drives it; it never downloads a browser) and a
# Java runtime for the W3C Nu HTML checker, Redis for the page-cache tests on a shared cache,
# Debian's Ukrainian and Polish hunspell dictionaries for the search (postgresql-common's
# pg_updatedicts links them into PostgreSQL's tsearch_data; search/migrations/0003).
# WeasyPrint (the PDFs, downloads/) needs Pango and HarfBuzz's subsetter, and the Noto fonts
# (Latin, Cyrillic, Arabic script) that the PDFs embed, found by fontconfig, never downloaded;
# the tests read the PDFs' text also with poppler's pdftotext (poppler-utils). nginx,
# openssl and systemd-analyze check what deploy/ installs (tests/test_deploy.py).
TSEARCH_DATA := /usr/share/postgresql/15/tsearch_data
system-deps:
	@missing=""; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || missing="$$missing postgresql-15"; \
	[ -f /usr/share/hunspell/uk_UA.aff ] || missing="$$missing hunspell-uk"; \
	[ -f /usr/share/hunspell/pl_PL.aff ] || missing="$$missing hunspell-pl"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || missing="$$missing fonts-noto-core"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do \
	  dpkg-query -W -f='$${Status}' $$lib 2>/dev/null | grep -q "ok installed" || missing="$$missing $$lib"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Please install these Debian packages:$$missing (sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi; \
	if [ ! -e $(TSEARCH_DATA)/uk_ua.affix ] || [ ! -e $(TSEARCH_DATA)/pl_pl.affix ]; then \
	  if [ "$$(id -u)" = 0 ]; then pg_updatedicts; \
	  else echo "Please let PostgreSQL see the hunspell dictionaries: sudo pg_updatedicts"; exit 1; fi; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: system-deps $(VENV)/.installed

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v 0

static: install
	$(PY) manage.py collectstatic --noinput -v 0

run: messages static
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_strategy
	@echo ""
	@echo "The portal runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo "Create an admin user in a second terminal with:"
	@echo "    DJANGO_LOCAL=1 $(PY) manage.py createsuperuser"
	@echo "then sign in at http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production settings on loopback: gunicorn, compressed static files, no debug.
# Needs DJANGO_SECRET_KEY (a random one is made for this run when it is not set); plain
# HTTP here (DJANGO_HTTPS=0), behind a TLS reverse proxy in real use (README, Betrieb).
serve: messages static
	mkdir -p var
	@export DJANGO_LOCAL=0 DJANGO_HTTPS=$${DJANGO_HTTPS:-0} \
	  DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost} \
	  DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)}; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_strategy && \
	echo "The portal runs with production settings on http://$$GUNICORN_BIND/ (stop with Ctrl+C)" && \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py hannover_strategy.wsgi:application

# Load test against gunicorn, nginx and a minimal Django view; writes bench/results.md.
bench: messages static
	scripts/bench

# Real servers: PostgreSQL stopped and started under load, two gunicorn instances sharing
# Redis, a 60-second soak at 64 connections; writes resilience/results.md.
resilience: messages static
	scripts/resilience

# The README's screenshots, renewed from the current build (docs/screenshots/).
screenshots: messages static
	$(PY) -m scripts.screenshots

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint messages static
	WSH_REQUIRE_REDIS=1 WSH_REQUIRE_HUNSPELL=1 scripts/with-postgres scripts/with-redis bash -c \
	  '$(PY) manage.py makemigrations --check --dry-run && $(PY) -m pytest $(PYTEST_ARGS)'

clean:
	rm -rf $(VENV) var
