# The one entry point: make run, make test, make lint, make translations.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?=
export FLASK_APP := wsgi
NOT_WALKS := --ignore=accessibility_tests/screen_reader

.PHONY: run install database demo-data translations compile-translations test test-quick \
	test-unit test-accessibility test-screen-reader lint browser screen-reader clean place-names audit \
	bench bench-statistics bench-payments bench-outreach loadtest

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/activate

install: $(BIN)/activate

# The demo accounts, the outbox page (/dev/messages) and the stand-in sign-in provider exist
# only when PORTAL_ENV names development (app/config.py); make run and its demo data ask for it.
run demo-data: export PORTAL_ENV ?= development
# make run: the provincial sign-in goes to the development stand-in served by the portal itself.
run: export PROVINCIAL_OIDC_ISSUER ?= http://$(HOST):$(PORT)/dev/provincial-sign-in
run: export PROVINCIAL_OIDC_CLIENT_ID ?= portal-development
run: export PROVINCIAL_OIDC_CLIENT_SECRET ?= development-only-client-secret

compile-translations: install
	$(BIN)/pybabel compile --statistics -d translations

database: install
	$(BIN)/flask upgrade-database

demo-data: database
	$(BIN)/flask load-demo-data

run: install compile-translations demo-data
	@echo
	@echo "The portal is at http://$(HOST):$(PORT)/  (press Ctrl+C to stop)"
	@echo
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# Extract message ids, update every catalogue, compile. Then translate the new entries.
translations: install
	$(BIN)/pybabel extract --no-location --sort-output --omit-header -F babel.cfg \
		-k _l -k N_ -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations
	$(BIN)/pybabel compile -d translations

# The English place names, made once from the division list (pypinyin is a test dependency).
place-names: install
	$(BIN)/python scripts/make_place_names.py

# ruff, then mypy on app/ (configured in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

browser:
	bash scripts/install-browser.sh

# Orca, Xvfb, xdotool and the AT-SPI stack for the screen reader walks (accessibility_tests/
# screen_reader/), from Debian's packages.
screen-reader:
	bash scripts/install-screen-reader.sh

# The inner loop: unit and page tests on SQLite, no browser (under a minute on two cores).
test-quick: install compile-translations
	$(BIN)/pytest tests -q -n 2 -k "not postgresql"

test-unit: install compile-translations
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest tests -q -n 2

test-accessibility: install compile-translations browser
	$(BIN)/pytest accessibility_tests -q -n 2 --dist worksteal $(NOT_WALKS)

# The screen reader walks (issue 27): Orca in Chinese walks each service to its receipt.
test-screen-reader: install compile-translations browser screen-reader
	$(BIN)/pytest accessibility_tests/screen_reader -q

# The whole accessibility audit (axe, accessible names, reflow, valid HTML, keyboard-only
# journeys), written up for everyone in reports/accessibility.html, even when a check fails.
audit: install compile-translations browser
	$(BIN)/pytest accessibility_tests -q -n 2 --dist worksteal $(NOT_WALKS) \
		--audit-report=reports/accessibility.html

# Everything CI runs. TEST_DATABASE_URL adds the PostgreSQL runs of the engine-dependent tests
# (.ci/run sets it). Two workers, each with its own server, browser and HTML checker; beside them
# the screen reader walks, one at a time (one Orca per user): they mostly wait for Orca to speak,
# so they share the two cores without lengthening the run much. Their output is printed after
# the rest; make fails if either part fails.
SCREEN_READER_LOG := reports/screen-reader/last-run.log
test: install compile-translations browser screen-reader lint
	@mkdir -p $(dir $(SCREEN_READER_LOG))
	@$(BIN)/pytest accessibility_tests/screen_reader -q -p no:cacheprovider --durations=0 \
		> $(SCREEN_READER_LOG) 2>&1 & walks=$$!; \
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest tests accessibility_tests -q -n 2 \
		--dist worksteal $(NOT_WALKS); checks=$$?; \
	wait $$walks; heard=$$?; \
	echo; echo "--- screen reader walks (accessibility_tests/screen_reader) ---"; \
	tail -n 40 $(SCREEN_READER_LOG); \
	test $$checks -eq 0 && test $$heard -eq 0

# Benchmarks on PostgreSQL (not part of make test): gunicorn beside a minimal Flask route, driven
# by wrk; province-scale data seeded once into BENCH_DATABASE_URL (default portal_bench) and kept.
# Writes bench/results/results.json and summary.md.
bench: install compile-translations
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python -m bench.run

# The statistics job and pages (issue 24) on PostgreSQL, at a scale chosen with ARGS (default
# 100,000 applications; province scale: ARGS="--people 2000000 --applications 5000000").
# Writes bench/results/statistics.json and statistics.md.
bench-statistics: install compile-translations
	$(BIN)/python -m bench.statistics $(ARGS)

# A county's monthly payment run of the two subsidies (issue 22) on PostgreSQL: 100,000
# recipients by default (ARGS="--recipients N"). Writes bench/results/payments.json.
bench-payments: install compile-translations
	$(BIN)/python -m bench.payments $(ARGS)

# Nobody missed (issue 23) on PostgreSQL: a month's 低保 roster imported and matched with every
# card holder and recipient. Modest by default (200,000 people, a roster of 30,000 lines);
# province scale: ARGS="--people 2000000 --roster 300000" (seeding takes a while, once).
# Writes bench/results/outreach.json.
bench-outreach: install compile-translations
	$(BIN)/python -m bench.outreach $(ARGS)

# Load and fault tests against a served portal: 100 applicants sending for 60 s (stored equals
# confirmed, no 5xx), a worker killed mid-request, files at and over the size limit (worker memory
# watched). RESTART_POSTGRESQL=1 also restarts this machine's PostgreSQL 15 cluster under load.
loadtest: install compile-translations
	$(BIN)/python -m bench.loadtest --faults --uploads $(if $(RESTART_POSTGRESQL),--restart-postgresql)

clean:
	rm -rf $(VENV) instance node_modules .pytest_cache .ruff_cache
