# The two commands: `make run` (set up, migrate, seed the demo, serve) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test setup setup-test messages check-deploy clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

setup: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

setup-test: $(VENV)/.test
	DJANGO_TESTING=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

run: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py createcachetable
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo "Portal berjalan di http://$(HOST)/  (Ctrl+C untuk berhenti)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST)

test: setup-test
	DJANGO_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

# Update the English catalogue after adding strings (needs gettext's xgettext).
messages: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --no-obsolete

check-deploy: $(VENV)/.runtime
	DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) DJANGO_ALLOWED_HOSTS=posyantek.example.id \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf var/staticfiles var/media
