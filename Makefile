# Two commands do all set-up on a fresh machine:
#   make run   -- venv, locked install, ingest raw/, summary and an example query
#   make test  -- venv, locked install, the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 180

.PHONY: install run test check lint bench bench-1m lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	# The venv's own setuptools (65.x) cannot build an editable install without `wheel`;
	# 70.1+ can, and --no-build-isolation keeps the build offline-reproducible.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'setuptools==75.8.0'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(BIN)/dumpflow ingest raw
	$(BIN)/dumpflow query "select topic, count(*) as articles from article_topics group by 1 order by 2 desc, 1"

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint test

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# The locked working set for Python 3.11 (make lock regenerates it from pyproject.toml)."; \
	  .lock-venv/bin/python -m pip freeze --exclude dumpflow; } > requirements.lock
	rm -rf .lock-venv

# Repeat detection at 100k entries, dumpflow (default and Dask runners) against the
# datasketch baseline, side by side, three rounds (medians); prints the table the README quotes.
# One run: dumpflow (default and Dask runners) vs the datasketch baseline vs datatrove's MinHash
# pipeline at 100k entries, three rounds side by side, medians; then the 1M run (dumpflow only).
bench: install
	$(BIN)/python benchmarks/corpus.py bench-out/corpus-100k --entries 100000 --seed 2026 --force
	$(BIN)/python benchmarks/dedup_bench.py bench-out/corpus-100k --workdir bench-out/work-100k \
		--incremental --also-runner dask --repeat 3 --prefect-server
	$(BIN)/python benchmarks/floor.py bench-out/corpus-100k --repeat 3
	$(MAKE) bench-1m

# 1,430,000 entries make ~1M articles at the default repeat share (0.3), so the
# incremental dump is matched against a warehouse of ~1M articles.
bench-1m: install
	$(BIN)/python benchmarks/corpus.py bench-out/corpus-1m --entries 1430000 --seed 2026 --force
	$(BIN)/python benchmarks/dedup_bench.py bench-out/corpus-1m --workdir bench-out/work-1m \
		--skip-baseline --skip-datatrove --incremental --prefect-server

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/*.lock
