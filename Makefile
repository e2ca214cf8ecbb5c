# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint translations migrate seed clean bench

$(STAMP): setup.cfg
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d marketplace/translations

migrate: $(STAMP)
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

run: translations migrate
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/flake8 marketplace tests bench migrations wsgi.py

test: translations lint
	$(BIN)/pytest

bench: translations
	$(BIN)/python bench/catalogue.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
