# Two commands for a fresh machine:
#   make build   builds the sample profile in content/ into output/
#   make test    runs the whole test suite
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
COVERAGE_FLOOR := 96
# the share of profile_gen's lines the tests run: `make test` fails below it (measured
# figure minus a little; raise it when the tests cover more, never lower it to pass)

LIGHTHOUSE := tools/lighthouse/node_modules/.installed
# Lighthouse, pinned in tools/lighthouse/, for tests/test_lighthouse.py: installed when npm is
# found (CI installs it); without npm that test is skipped on a workstation

.PHONY: build test lint format clean gallery lighthouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# uv fetches and installs the dependencies in parallel (half pip's time on a fresh
	@# machine, docs/performance.md); pip when uv cannot be installed (no wheel for this
	@# machine). No bytecode compiled here (11 s of a fresh clone's `make test` for the
	@# 4,600 modules installed): Python writes it for the 2,100 a test run imports, on first use
	@# (see `test` for a machine where PYTHONDONTWRITEBYTECODE is set)
	$(BIN)/python -m pip install --quiet uv && \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]' || \
	  $(BIN)/python -m pip install --quiet --no-compile -e '.[dev]'
	touch $(STAMP)

$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tools/lighthouse && npm ci --no-audit --no-fund && touch node_modules/.installed; \
	else \
	  echo "npm not found: tests/test_lighthouse.py is skipped (apt-get install nodejs npm)"; \
	fi

build: $(STAMP)
	$(BIN)/profile-gen build

test:
	@# the environment and Lighthouse fetched side by side (a fresh clone waits for both)
	@$(MAKE) --no-print-directory -j2 $(STAMP) $(LIGHTHOUSE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# mypy works on one core; the other meanwhile writes the bytecode the suite's processes
	@# read (also under PYTHONDONTWRITEBYTECODE): the package's, which its hundreds of
	@# `profile-gen` processes and its workers would each compile, and the test modules' as
	@# pytest rewrites them (a collection writes them), which each worker would rewrite: a
	@# collection that fails here is reported by the run below. Under
	@# PYTHONDONTWRITEBYTECODE no process writes the libraries' bytecode on first use:
	@# it is written here, for every library (13 s of CPU, once; then only what changed)
	$(BIN)/mypy & mypy=$$!; \
	  PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q -j 0 profile_gen \
	    $${PYTHONDONTWRITEBYTECODE:+$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')}; \
	  PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider \
	    >/dev/null 2>&1; \
	  wait $$mypy
	@# coverage by slipcover, which instruments profile_gen's code alone (coverage.py's
	@# tracer on Python 3.11 slows every library the tests run: about a minute of the suite)
	$(BIN)/python -m slipcover --source "$(CURDIR)/profile_gen" --json --out .coverage.json \
	  -m pytest -n auto
	$(BIN)/python scripts/coverage_floor.py .coverage.json $(COVERAGE_FLOOR)

# docs/designs.md and its pictures: the sample in each design (needs Chromium, WeasyPrint)
gallery: $(STAMP)
	$(BIN)/python scripts/gallery.py

# Lighthouse on the Book's home page in each design, desktop and phone: 100 (tests/test_lighthouse.py)
lighthouse: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python -m pytest tests/test_lighthouse.py -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf output $(VENV) tools/lighthouse/node_modules
