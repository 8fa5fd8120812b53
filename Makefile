# The two commands a newcomer needs: `make serve` (preview with the sample data) and `make test`.
#
# Installing happens once, and again only when requirements*.txt or pyproject.toml change:
# the stamp files in .venv/ are newer than what they were installed from. After that no target
# needs the network (the editable install builds with the pinned setuptools already in .venv,
# not in an isolated environment that pip would fill from the package index).
#
# Editors read what these targets print, so everything they print is German. A failing command
# has said what is wrong already; it then stops make with SIGINT instead of an exit status, because
# for a failed command make adds an English line of its own ("make: *** [...] Error 1") and for an
# interrupt it does not. The exit status is then 130: still a failure for CI and scripts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installiert
INSTALLED_DEV := $(VENV)/.installiert-dev
# The same site built with ProperDocs, the maintained fork of MkDocs 1.6 (README, "Platform").
VENV_PD := .venv-properdocs
INSTALLED_PD := $(VENV_PD)/.installiert
LOG_PD := $(VENV_PD)/installation.log
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# The pause keeps the recipe's shell alive until make has taken the signal (without it make may find no
# child left to wait for and say so, in English).
STOP := { kill -INT $$PPID; sleep 1; }
# pip speaks English; its output goes to a log, and editors get a German line.
LOG := $(VENV)/installation.log
export INSTALL_FAILED := Fehler: die Installation ist fehlgeschlagen – braucht sie das Internet und ist keins da? \
Einzelheiten (englisch) in $(LOG).
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := hilfe
.PHONY: hilfe serve site check test platform screenshots install install-dev install-properdocs clean \
	veroeffentlichen-rsync veroeffentlichen-s3

$(BIN)/python:
	@echo "Lege die Python-Umgebung in $(VENV)/ an …"
	@$(PYTHON) -m venv $(VENV) || { echo "Fehler: '$(PYTHON) -m venv' ging nicht; ist Python 3.11 mit venv installiert?" >&2; $(STOP); }

$(INSTALLED): requirements.txt pyproject.toml | $(BIN)/python
	@echo "Installiere die Pakete aus requirements.txt (nur nach einer Änderung daran) …"
	@{ $(PIP) install -r requirements.txt && PYTHONWARNINGS=ignore $(PIP) install --no-deps --no-build-isolation -e . ; } \
		>$(LOG) 2>&1 || { echo "$$INSTALL_FAILED" >&2; $(STOP); }
	@touch $@

$(INSTALLED_DEV): requirements-dev.txt $(INSTALLED)
	@echo "Installiere die Test-Werkzeuge aus requirements-dev.txt …"
	@$(PIP) install -r requirements-dev.txt >$(LOG) 2>&1 || { echo "$$INSTALL_FAILED" >&2; $(STOP); }
	@touch $@

# --no-deps: requirements-properdocs.txt pins everything, and Material's requirement of mkdocs must not
# bring MkDocs back into this environment.
$(INSTALLED_PD): requirements-properdocs.txt pyproject.toml
	@echo "Installiere ProperDocs in $(VENV_PD)/ (nur nach einer Änderung an requirements-properdocs.txt) …"
	@mkdir -p $(VENV_PD)
	@{ $(PYTHON) -m venv $(VENV_PD) && $(VENV_PD)/bin/python -m pip --quiet --disable-pip-version-check install --no-deps -r requirements-properdocs.txt \
		&& PYTHONWARNINGS=ignore $(VENV_PD)/bin/python -m pip --quiet --disable-pip-version-check install --no-deps --no-build-isolation -e . ; } \
		>$(LOG_PD) 2>&1 || { echo "Fehler: die Installation von ProperDocs ist fehlgeschlagen – Einzelheiten (englisch) in $(LOG_PD)." >&2; $(STOP); }
	@touch $@

# The empty recipes keep make from saying (in English) that there was nothing to do.
install: $(INSTALLED)
	@:

install-dev: $(INSTALLED_DEV)
	@:

install-properdocs: $(INSTALLED_PD)
	@:

hilfe:
	@echo "make serve    Vorschau der Website auf http://127.0.0.1:8000/ (zeigt Änderungen sofort)"
	@echo "make check    alle Datendateien prüfen"
	@echo "make site     die Website nach site/ bauen, wie sie veröffentlicht wird"
	@echo "make test     alle Tests"
	@echo "make platform die Website mit MkDocs und mit ProperDocs bauen und vergleichen"
	@echo "make screenshots  Bildschirmfotos jeder Seitenart nach screenshots/"
	@echo "make veroeffentlichen-rsync ZIEL=web@server:/var/www/buergerinfo  bauen und auf den eigenen Webserver hochladen"
	@echo "make veroeffentlichen-s3 ZIEL=remote:bucket  bauen und in einen S3-Objektspeicher hochladen (rclone)"
	@echo "make install  einmal einrichten (danach geht alles ohne Netz)"
	@echo "./bi …        Befehle für die Redaktion: ./bi check, ./bi neu, ./bi ergebnis, ./bi umbenennen, ./bi anlage"

## Preview on http://127.0.0.1:8000/: every page rendered on request, edits visible at once, errors in the browser
serve: install
	@$(BIN)/python hooks/site_preview.py || $(STOP)

## Build the site into site/ exactly as the deploy workflow does (mkdocs build --strict, hooks/site_build.py)
site: install
	@$(BIN)/python hooks/site_build.py || $(STOP)

## Check every data file and list all problems, without building; and that schemas/ matches the model
check: install
	@./bi check --schemas || $(STOP)

## Run all tests (browser tests need Debian's chromium at /usr/bin/chromium)
# pytest talks to developers and CI, in English; its own exit status (1 for a failed test, 5 for none run) is kept.
# Two worker processes, one per core of the project's machines (TEST_WORKERS=0 runs them in one process).
# Each worker takes whole test files (--dist loadfile), so a file's module fixtures (synthetic sites, the
# benchmark, the offline install) are built once; session fixtures (the sample site, Chromium) once per worker.
TEST_WORKERS ?= 2
test: install-dev install-properdocs
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

## Build the sample site with MkDocs and with ProperDocs and compare them byte for byte (also part of make test)
platform: install-dev install-properdocs
	@$(BIN)/python -m pytest tests/test_platform.py

## Build, then upload only what changed to the Körperschaft's own web server (rsync over SSH; README, "Publishing"):
##   make veroeffentlichen-rsync ZIEL=web@server.example.de:/var/www/buergerinfo [SSH="ssh -p 2222 -i ~/.ssh/buergerinfo"]
veroeffentlichen-rsync: site
	@test -n "$(ZIEL)" || { echo "Fehler: ZIEL fehlt, z. B. make veroeffentlichen-rsync ZIEL=web@server.example.de:/var/www/buergerinfo" >&2; $(STOP); }
	@./bi veroeffentlichen rsync '$(ZIEL)' $(if $(SSH),--ssh '$(SSH)') || $(STOP)

## Build, then upload only what changed to S3-compatible object storage (rclone; the remote is rclone's configuration):
##   make veroeffentlichen-s3 ZIEL=buergerinfo:mein-bucket
veroeffentlichen-s3: site
	@test -n "$(ZIEL)" || { echo "Fehler: ZIEL fehlt, z. B. make veroeffentlichen-s3 ZIEL=buergerinfo:mein-bucket" >&2; $(STOP); }
	@./bi veroeffentlichen s3 '$(ZIEL)' || $(STOP)

## PNG screenshots of every page kind at 360 and 1280 px and a print PDF of a Vorlage, into screenshots/
screenshots: install-dev
	@$(BIN)/python tools/screenshots.py || $(STOP)

clean:
	rm -rf site .pytest_cache screenshots
