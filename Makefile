# The two commands: `make run` (set up, migrate, seed the demo, serve) and `make test` (every test).
# Operations: `make bench` (benchmark report, bench/run.py), `make audit` (bandit + pip-audit),
# `make backup` / `make restore` (pg_dump custom format of DATABASE_URL, see docs/deploy.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000
# Every test on as many workers as the machine has cores (pytest-xdist); give PYTEST_ARGS to run a part.
PYTEST_ARGS ?= -n auto

.PHONY: run test lint setup setup-test messages check-deploy clean bench audit backup restore

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

# Lint and layout first (seconds; config in pyproject.toml), then every test.
test: setup-test lint
	DJANGO_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Update the English catalogue after adding strings (needs gettext's xgettext).
messages: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --no-obsolete

check-deploy: $(VENV)/.runtime
	DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) DJANGO_ALLOWED_HOSTS=posyantek.example.id \
	  PORTAL_BASE_URL=https://posyantek.example.id $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf var/staticfiles var/media

$(VENV)/.audit: requirements-audit.txt $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-audit.txt
	touch $@

# Benchmark on PostgreSQL (BENCH_DATABASE_URL, default posyantek_bench on 127.0.0.1) with gunicorn and
# wrk; the report goes to bench/reports/. SCALE=national also times 1,000,000 UKM. BENCH_ARGS: see
# `$(PY) -m bench.run --help` (e.g. --allow-missing, --runs 1 --duration 3s for a quick look).
SCALE ?= base
bench: setup
	bash bench/prepare.sh
	$(PY) -m bench.run --scale $(SCALE) $(BENCH_ARGS)

# No high-severity, high-confidence bandit finding in our code; no known vulnerability in requirements.txt
# (with every pinned package and its dependencies resolved). --strict: a package the vulnerability
# service cannot look up fails the audit instead of passing unchecked.
AUDIT_PACKAGES := posyantek ukm teknologi pelatihan bench
audit: $(VENV)/.audit
	$(VENV)/bin/bandit -r $(AUDIT_PACKAGES) --severity-level high --confidence-level high -x ./.venv,./tests -q
	$(VENV)/bin/pip-audit -r requirements.txt --strict --progress-spinner off

# pg_dump (custom format) of DATABASE_URL into var/backups/<timestamp>.dump, plus the media folder.
BACKUP_DIR ?= var/backups
backup:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "make backup: DATABASE_URL must point at PostgreSQL" >&2; exit 2;; esac
	@mkdir -p $(BACKUP_DIR)
	@stamp=$$(date +%Y%m%d-%H%M%S); \
	  pg_dump --format=custom --no-owner --dbname="$$DATABASE_URL" --file="$(BACKUP_DIR)/$$stamp.dump" && \
	  media="$${DJANGO_MEDIA_ROOT:-var/media}"; \
	  if [ -d "$$media" ]; then tar -czf "$(BACKUP_DIR)/$$stamp.media.tar.gz" -C "$$media" .; fi; \
	  echo "backup: $(BACKUP_DIR)/$$stamp.dump ($$(du -h "$(BACKUP_DIR)/$$stamp.dump" | cut -f1))"

# pg_restore into DATABASE_URL (replacing what is there, in one transaction): DUMP=path, default the
# newest dump in var/backups. The media archive beside it is unpacked only with MEDIA=1.
restore:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "make restore: DATABASE_URL must point at PostgreSQL" >&2; exit 2;; esac
	@dump="$${DUMP:-$$(ls -1t $(BACKUP_DIR)/*.dump 2>/dev/null | head -n 1)}"; \
	  test -n "$$dump" && test -f "$$dump" || { echo "make restore: no dump (DUMP=path/to/file.dump)" >&2; exit 2; }; \
	  echo "restore: $$dump -> $${DATABASE_URL%%\?*}" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#'; \
	  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$$DATABASE_URL" "$$dump" && \
	  if [ "$${MEDIA:-0}" = 1 ] && [ -f "$${dump%.dump}.media.tar.gz" ]; then \
	    media="$${DJANGO_MEDIA_ROOT:-var/media}"; mkdir -p "$$media" && tar -xzf "$${dump%.dump}.media.tar.gz" -C "$$media"; \
	    echo "restore: media into $$media"; fi; \
	  echo "restore: done"
