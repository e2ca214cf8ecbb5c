# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint translations messages migrate seed clean browser

$(STAMP): setup.cfg
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d marketplace/translations

messages: $(STAMP)
	$(BIN)/pybabel extract -F marketplace/translations/babel.cfg -k _l -k lazy_gettext --ignore-dirs '.*' \
		--no-location --sort-output -o marketplace/translations/messages.pot .
	$(BIN)/pybabel update -i marketplace/translations/messages.pot -d marketplace/translations --ignore-obsolete

migrate: $(STAMP)
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

run: translations migrate
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/flake8 marketplace tests migrations bench wsgi.py setup.py
	$(BIN)/isort --check-only --quiet marketplace tests bench wsgi.py setup.py
	$(BIN)/mypy

# The browser tests (tests/e2e) drive Debian's headless Chromium through its chromedriver.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: translations lint browser
	$(BIN)/pytest -n $(shell nproc)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache
