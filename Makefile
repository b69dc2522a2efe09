# meritsim: `make run` runs the default scenario, `make test` lints, type-checks and runs the whole
# test suite. Both create the virtual environment .venv/ when needed. `make run` installs meritsim
# alone (the core dependencies); every other target installs the dev extras (`.[dev]`: all extras,
# docs and test tools) once, upgrading a .venv made by `make run`. Each install is redone when
# pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORE_STAMP := $(VENV)/.stamp-core
DEV_STAMP := $(VENV)/.stamp-dev
LINTED := src tests benchmarks conftest.py

.PHONY: run test test-fast lint typecheck docs bench notebooks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(CORE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# .[dev] includes the core, so it also counts as the core install.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(CORE_STAMP)

run: $(CORE_STAMP)
	$(BIN)/meritsim run default

lint: $(DEV_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/codespell

# The whole suite in 2 processes (pytest-xdist; -n 2 --dist loadfile is in pyproject.toml).
test: lint typecheck
	$(BIN)/python -m pytest

# Without the slow, notebook and real-browser tests; no lint.
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -m "not slow and not notebooks and not browser"

# mypy over src/meritsim, part of `make test` (configuration in pyproject.toml, which for now
# exempts workbench/ and cli/reports.py while they are rewritten, issue #13).
typecheck: $(DEV_STAMP)
	$(BIN)/mypy

docs: $(DEV_STAMP)
	$(BIN)/mkdocs build --strict

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py

# Re-execute the notebooks in place with their default (small) parameters, as they are committed.
notebooks: $(DEV_STAMP)
	JUPYTER_RUNTIME_DIR=$$(mktemp -d) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 notebooks/*.ipynb

clean:
	rm -rf $(VENV) runs build dist .pytest_cache .hypothesis .mypy_cache .ruff_cache
