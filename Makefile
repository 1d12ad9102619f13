# One command to set up and run each job on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint bench install browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m tabayyun.demo

# The browser tests drive Debian's Chromium (Playwright's wheel brings its driver, no browser).
# Installed once when missing; TABAYYUN_SKIP_BROWSER=1 skips both the install and the tests.
browser:
	@if [ "$$TABAYYUN_SKIP_BROWSER" = 1 ] || [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
		echo "browser tests need Chromium at $(CHROMIUM); install it, or set TABAYYUN_SKIP_BROWSER=1" >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null; then SUDO="sudo"; \
	else echo "installing chromium needs root: run 'apt-get install chromium fonts-noto-core' as root, or set TABAYYUN_SKIP_BROWSER=1" >&2; exit 1; fi; \
	echo "installing chromium and fonts-noto-core for the browser tests"; \
	$$SUDO apt-get update -q && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-core

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
