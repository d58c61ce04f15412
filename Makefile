# The two commands of the README, and a few more. Each installs what it needs
# by itself on a fresh machine: a virtual environment with copsite and its
# test tools in .venv/, and Debian's chromium for the browser tests.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test test-fast lint check bench chromium npm engines pango clean

serve: $(STAMP)                      ## build and serve the example handbook on http://127.0.0.1:8000/ (copsite's preview)
	$(BIN)/copsite serve

# The tests run on every core (pytest-xdist), a test file a worker: a file's tests share what its
# fixtures build once. --durations lists the slowest, to keep CI in its time.
PYTEST := $(BIN)/python -m pytest -n auto --dist loadfile --durations=15

test: lint chromium npm pango        ## the whole test suite: the checks below, then every tier (unit, build, browser, pipeline, engines, bench)
	$(PYTEST)

lint: $(STAMP)                       ## the layers (import-linter), lint and format (ruff), types (mypy)
	$(BIN)/lint-imports
	$(BIN)/ruff check copsite
	$(BIN)/ruff format --check copsite
	$(BIN)/mypy

test-fast: $(STAMP) pango            ## unit and build tiers only (no browser, no new environments, no benchmark)
	$(PYTEST) -m "not browser and not pipeline and not engines and not bench"

typecheck: $(STAMP)                  ## mypy on copsite/ (the settings are in pyproject.toml)
	$(BIN)/mypy

build: $(STAMP)                      ## build the example handbook into site/ (strict)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

check: $(STAMP)                      ## report every problem in the example handbook
	$(BIN)/copsite check

engines: $(STAMP)                    ## the engine environments of the export matrix (.venv-mkdocs, -properdocs, -zensical, -materialx)
	$(BIN)/python -m tests.engines

bench: $(STAMP)                      ## the benchmark of issue 6 (about 10 minutes)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

chromium:                            ## Debian's chromium, for the browser tier
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null; \
	}

pango:                               ## Debian's Pango, which WeasyPrint (the `pdf` extra) needs
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || { \
	  echo "Installing Debian's Pango for the PDF reports..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	}
NPM_DIR := tests/browser-npm

npm: $(NPM_DIR)/node_modules/.installed  ## Decap CMS and decap-server from npm, for the editor's browser test

$(NPM_DIR)/node_modules/.installed: $(NPM_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm (Node.js 20) is needed for the editor's browser test"; exit 1; }
	cd $(NPM_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .pytest_cache .hypothesis .mypy_cache bench/work
