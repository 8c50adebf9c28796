# Two commands do all the set-up: `make report` and `make test` each create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NLTK_STAMP := $(VENV)/share/nltk_data/.built
JOBS ?=
REPORT_ARGS ?=

.PHONY: setup report test lab clean-cache benchmark help

help:
	@echo "make report   run every notebook on the embedded corpus, HTML into reports/latest/"
	@echo "make test     lint (ruff) and run the test suite"
	@echo "make lab      open JupyterLab on the project (127.0.0.1, token kept)"
	@echo "make setup    only create .venv and build the offline NLTK data"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[lab,dask,test]'
	touch $(STAMP)

$(NLTK_STAMP): $(STAMP) analysis/nltkdata.py
	$(PY) -m analysis setup
	touch $(NLTK_STAMP)

setup: $(NLTK_STAMP)


report: setup
	$(PY) -m analysis report $(if $(JOBS),--jobs $(JOBS)) $(REPORT_ARGS)

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

benchmark: setup
	$(PY) benchmarks/run.py

clean-cache:
	rm -rf .cache
