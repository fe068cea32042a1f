# greencustoms — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PYTEST_ARGS ?=

.PHONY: run test test-browser bench lint check typecheck typecheck-sync demo clean translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $(STAMP) $@

translations: $(STAMP)
	$(BIN)/python -c "from greencustoms.bootstrap import compile_translations; compile_translations()"

## make run: install, migrate SQLite under var/, load reference and demo data, serve on 127.0.0.1:8000
run: $(STAMP) translations
	$(BIN)/greencustoms demo
	$(BIN)/greencustoms run --host 127.0.0.1 --port 8000

## make test: install dev dependencies and run the whole suite (unit, view, API and browser tests)
test: $(DEV_STAMP) translations
	$(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-browser

## browser tests: Playwright driving Debian's chromium (/usr/bin/chromium); skipped with a notice if absent
test-browser: $(DEV_STAMP) translations
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
		$(BIN)/python -m pytest -q -m browser -p no:randomly $(PYTEST_ARGS); \
	else \
		echo "chromium not found at $${CHROMIUM:-/usr/bin/chromium}: browser tests not run (apt-get install chromium)"; \
		if [ -n "$$CI" ]; then exit 1; fi; \
	fi

## make bench: benchmarks against naive baselines; figures written to bench/RESULTS.md
bench: $(DEV_STAMP) translations
	$(BIN)/python -m bench

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check greencustoms bench
	$(BIN)/ruff check greencustoms bench
	$(BIN)/lint-imports

## make typecheck: mypy with django-stubs and pydantic's plugin; strict for the engine and the access policy, elsewhere
## the committed baseline (mypy-baseline.txt) may only shrink: a new error fails, and so does a fixed one until
## `make typecheck-sync` removes it from the baseline
typecheck: $(DEV_STAMP)
	$(BIN)/mypy | $(BIN)/mypy-baseline filter --no-colors --hide-stats

typecheck-sync: $(DEV_STAMP)
	$(BIN)/mypy | $(BIN)/mypy-baseline sync

## make check: the static checks CI runs before the suites (format, lint, import contracts, types, system check, migrations)
check: lint typecheck translations
	DJANGO_SETTINGS_MODULE=greencustoms.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=greencustoms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

demo: $(STAMP) translations
	$(BIN)/greencustoms demo

clean:
	rm -rf $(VENV) var build *.egg-info

## make data: rebuild every file under data/ from the shared public copies (SHARED=DIR) and data/build/lists/
SHARED ?= ../shared/data
.PHONY: data data-check
data:
	$(PYTHON) data/build/build.py --shared $(SHARED)

## make data-check: fail when the committed files under data/ differ from a fresh build
data-check:
	$(PYTHON) data/build/build.py --shared $(SHARED) --check

## make drill: reliability drills (killed worker, PostgreSQL restart, full disk, backup/restore) → bench/RESULTS.md
.PHONY: drill
drill: $(DEV_STAMP) translations
	$(BIN)/python -m bench.drill
