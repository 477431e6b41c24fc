# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve worker test lint format messages demo migrate signing-key bench clean check backup restore spellcheck ralph

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(MANAGE) migrate --noinput

## make signing-key: the development keys certificates' PDFs (a self-signed chain) and their
## Open Badges credentials (an EC P-256 key) are signed with, made once under var/signing/
## (says so when it makes one). Production uses the issuer's own keys: README "Signing certificates".
signing-key: $(VENV)/.installed
	$(MANAGE) certificate_signing_dev_key

demo: migrate signing-key
	$(MANAGE) load_demo

## make run: install, migrate, load the demo, then serve on http://127.0.0.1:8000
## (a django-tasks worker runs beside the server; Ctrl-C stops both).
## The worker logs only warnings and failures (TASKS_LOG_LEVEL=INFO for every task); the
## demo accounts are printed again once it has started, just before the server.
run: demo
	@trap 'kill 0' INT TERM EXIT; \
	  $(MANAGE) db_worker --interval 1 & \
	  sleep 2; \
	  $(MANAGE) demo_accounts --url http://$(HOST):$(PORT)/; \
	  $(MANAGE) runserver $(HOST):$(PORT)

## make serve: production-like, gunicorn behind whitenoise (set SECRET_KEY etc. first)
serve: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/gunicorn config.wsgi \
	  --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

## make worker: a django-tasks worker (certificates, imports, reports)
worker: $(VENV)/.installed
	$(MANAGE) db_worker

## make ralph: Ralph, the learning record store the xAPI tests send to (tests/xapi), in a
## virtualenv of its own (.venv-ralph/): its dependencies are not the project's. (`cli` gives
## `ralph auth`; `backend-ldp` only brings `requests`, which Ralph 5.1.0's API imports always.)
RALPH_VENV := .venv-ralph
ralph: $(RALPH_VENV)/bin/ralph
$(RALPH_VENV)/bin/ralph:
	$(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/pip install --quiet --upgrade pip
	$(RALPH_VENV)/bin/pip install --quiet 'ralph-malph[cli,lrs,backend-ldp]==5.1.0'

## make test: the whole suite (SQLite unless DATABASE_URL says otherwise), Ralph's LRS
## included for the xAPI tests
test: $(VENV)/.installed $(RALPH_VENV)/bin/ralph
	$(BIN)/pytest -n auto

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## make spellcheck: every Serbian string (catalogues, allauth's, templates, demo content)
## against Debian's hunspell-sr and serbian/spelling/accepted.txt
spellcheck: $(VENV)/.installed
	$(MANAGE) spellcheck

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed
	$(MANAGE) makemigrations --check --dry-run

## make messages: refresh the .po files from the code, then compile them
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale sr_Latn --locale en --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'bench/*' --ignore 'tests/*' --ignore '.venv-ralph/*' --ignore 'var/*'
	$(MANAGE) cyrillic_messages
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore '.venv-ralph/*'

bench: $(VENV)/.installed
	@ls bench/[!_]*.py | while read f; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

## make backup: database, media and private files, gzipped and encrypted to BACKUP_GPG_RECIPIENT
## (GnuPG), into the backup storage (backups/ or BACKUP_BUCKET_NAME); the oldest beyond
## BACKUP_KEEP go. README "Operations".
backup: $(VENV)/.installed
	$(MANAGE) backup

## make restore BACKUP=<time stamp>|latest: replace the database and files with a backup
## (needs the backup key's private half in GNUPGHOME); `make restore` alone lists them.
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || ($(MANAGE) restore; echo "Usage: make restore BACKUP=<time stamp>|latest"; exit 2)
	$(MANAGE) restore $(BACKUP) $(if $(YES),--yes,)

clean:
	rm -rf $(VENV) $(RALPH_VENV) staticfiles .cache db.sqlite3*
