# The two commands a newcomer needs: `make run` and `make test`. Only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# django-stubs loads the settings, which need a secret key unless debug is on.
MYPY := DJANGO_DEBUG=true $(BIN)/mypy

.PHONY: run test lint typecheck format bench bench-large clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## run: install, migrate, load the demo (printing its logins) and serve on http://$(HOST):$(PORT)
## (make run HOST=0.0.0.0 PORT=8080 to answer elsewhere)
run: $(STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py demo --url http://$(HOST):$(PORT)/
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run the whole suite (browser tests included when Chromium is installed)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint: ruff's checks and its formatter in check mode, mypy, and djLint's checks of the templates
# (lint only: templates are never reformatted, some hold whitespace-sensitive inline text)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MYPY)
	$(BIN)/djlint templates --lint
	@if grep -rnE '.{161,}' templates --include='*.html' --include='*.txt'; then \
		echo "Template lines over 160 characters (above): break them inside tags."; exit 1; fi

## typecheck: mypy with django-stubs on the domain modules that pyproject.toml lists
typecheck: $(STAMP)
	$(MYPY)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: run every benchmark in bench/ and print its figures, then the page bench at 1,000 and
## 10,000 claims (SQLite, and PostgreSQL when DATABASE_URL or 127.0.0.1:5432 answers)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	@for script in bench/*_bench.py bench/checkworthiness_eval.py bench/chinese_eval.py; do \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done
	@echo "== bench/pages.py"; $(BIN)/python bench/pages.py --sizes 1000,10000 --csv bench/out/pages.csv

## bench-large: the page bench at 100,000 and 1,000,000 claims (seeding them takes minutes;
## the seeded databases are kept in bench/out/ and on the PostgreSQL server for later runs)
bench-large: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/pages.py --sizes 100000,1000000 --csv bench/out/pages-large.csv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache staticfiles
