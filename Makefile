# The two commands that matter: `make demo` and `make test`. Both build .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint serve worker bench bench-delivery install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/microcoach demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

serve: $(STAMP)
	$(BIN)/microcoach serve

worker: $(STAMP)
	$(BIN)/microcoach worker

# BENCH_DATABASE_URL=postgresql+psycopg://... adds the PostgreSQL runs; QUICK=1 runs smaller delivery runs.
bench: $(STAMP)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks delivery $(if $(QUICK),--quick) $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

bench-delivery: $(STAMP)
	$(BIN)/python -m benchmarks delivery $(if $(QUICK),--quick) $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
