# Wegwijzer Inburgering. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 2
LANGS := nl en ar ti
APT_PACKAGES := chromium chromium-driver fonts-noto-core fonts-sil-abyssinica
# What the tests of deploy/ run: Debian's nginx (started by the tests with their own config,
# never as the system service), sqlite3 for the backup scripts, openssl for a test certificate.
DEPLOY_PACKAGES := nginx sqlite3 openssl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# apt-get without questions. `env` sets the variable after sudo, which would drop it if it
# came before (sudo keeps only a few variables of the caller's environment).
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt translations compile-translations browser-deps deploy-deps init-db purge bench bench-deps clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-22s %s\n", $$1, $$2}'

# Debian's python3 makes no venv without python3-venv (it holds ensurepip): install it first.
$(BIN)/activate:
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "installing python3-venv"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q -e ".[test,dev]"
	@touch $@ $(VENV)/.installed-run

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q -e ".[test,dev,bench]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-run

compile-translations: $(VENV)/.installed-run ## Compile the gettext catalogues (.po -> .mo)
	$(BIN)/pybabel compile -d translations -D messages

# The catalogues are written 100 wide, as `portal translations import` writes them.
translations: $(VENV)/.installed-run ## Extract messages, update catalogues, review files and glossary, compile, report
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l --no-location --sort-output \
		--project "Wegwijzer Inburgering" --copyright-holder "Wegwijzer Inburgering" \
		-o translations/messages.pot .
	for lang in $(LANGS); do \
		if [ -f translations/$$lang/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 100 -i translations/messages.pot -d translations -l $$lang; \
		else \
			$(BIN)/pybabel init --width 100 -i translations/messages.pot -d translations -l $$lang; \
		fi; \
	done
	$(BIN)/portal translations sync --root .
	$(MAKE) compile-translations
	$(BIN)/portal translations report --root .

init-db: compile-translations ## Create or migrate the SQLite database under instance/
	$(BIN)/portal init-db

run: init-db ## Serve the portal with gunicorn at http://127.0.0.1:$(PORT)
	PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/gunicorn -c python:portal.gunicorn_config 'portal:create_app()'

purge: $(VENV)/.installed-run ## Delete expired answers and codes now
	$(BIN)/portal purge

browser-deps: ## Install Debian's Chromium, ChromeDriver and fonts when missing
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
		|| ! fc-list 2>/dev/null | grep -qi abyssinica || ! fc-list 2>/dev/null | grep -qi "Noto Sans Arabic"; then \
		echo "installing $(APT_PACKAGES)"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

deploy-deps: ## Install Debian's nginx, sqlite3 and openssl when missing (tests of deploy/)
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] || ! command -v sqlite3 >/dev/null \
		|| ! command -v openssl >/dev/null; then \
		echo "installing $(DEPLOY_PACKAGES)"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq $(DEPLOY_PACKAGES) >/dev/null; \
	fi

lint: $(VENV)/.installed-test ## ruff, ruff format --check, mypy, yamllint
	$(BIN)/ruff check portal tests benchmarks
	$(BIN)/ruff format --check portal tests benchmarks
	$(BIN)/mypy
	$(BIN)/yamllint -s -c .yamllint questionnaires portal/rules/parameters tests/rules/cases \
		translations/terms.yaml translations/exceptions.yaml

fmt: $(VENV)/.installed-test ## Format the code
	$(BIN)/ruff check --fix portal tests benchmarks
	$(BIN)/ruff format portal tests benchmarks

test: lint browser-deps deploy-deps compile-translations ## Install what the tests need and run them all
	$(BIN)/pytest

bench-deps: ## Install the load tool wrk (Debian package) when missing
	@command -v wrk >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq wrk >/dev/null; }

bench: $(VENV)/.installed-bench compile-translations bench-deps ## Run the benchmarks and print their figures (about 6 min)
	$(BIN)/python benchmarks/rules.py
	$(BIN)/python benchmarks/cost.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/breakdown.py
	$(BIN)/python benchmarks/pages.py

clean: ## Remove the virtualenv, compiled catalogues and test output
	rm -rf $(VENV) test-output .pytest_cache .mypy_cache .ruff_cache
	find translations -name '*.mo' -delete
