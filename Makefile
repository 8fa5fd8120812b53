# The two commands a newcomer needs: `make serve` (site with the sample data) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site check test screenshots install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .

install-dev: install
	$(BIN)/pip install --quiet -r requirements-dev.txt

## Build the site with the sample data and serve it on http://127.0.0.1:8000/
serve: install
	$(BIN)/mkdocs serve

## Build the site into site/ exactly as the deploy workflow does
site: install
	$(BIN)/mkdocs build --strict

## Check every data file and list all problems, without building; and that schemas/ matches the model
check: install
	$(BIN)/buergerinfo check
	$(BIN)/buergerinfo schema --check

## Run all tests (browser tests need Debian's chromium at /usr/bin/chromium)
test: install-dev
	$(BIN)/python -m pytest

## PNG screenshots of every page kind at 360 and 1280 px and a print PDF of a Vorlage, into screenshots/
screenshots: install-dev
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf site .pytest_cache screenshots
