"""Paths, environment variables and defaults: the one place they are worked out.

The *project folder* holds ``data/`` (the embedded corpus and its reference files),
``notebooks/`` and the default cache. It is, in order:

1. ``$NEWSCOV_HOME`` when set;
2. the folder above this package when it holds ``data/corpus`` (a source checkout, an
   editable install);
3. the current folder (a non-editable install run from the project folder).

Environment variables read by the toolkit:

* ``NEWSCOV_HOME``: the project folder (above).
* ``NEWSCOV_CACHE``: the annotation cache folder (default ``<project>/.cache/annotations``).
* ``NEWSCOV_NOTEBOOKS``: the notebooks a report runs (default ``<project>/notebooks``).
* ``NEWSCOV_OUTPUT_DIR`` / ``NEWSCOV_NOTEBOOK``: set by the report runner for each notebook
  (the run folder and the notebook's name), read by :mod:`analysis.display`.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

HOME_ENV = "NEWSCOV_HOME"
CACHE_ENV = "NEWSCOV_CACHE"
NOTEBOOKS_ENV = "NEWSCOV_NOTEBOOKS"
OUTPUT_ENV = "NEWSCOV_OUTPUT_DIR"
NOTEBOOK_ENV = "NEWSCOV_NOTEBOOK"

UNDATED = "(undated)"  # how an unknown publication date is shown in tables and charts


def project_dir() -> Path:
    """The project folder (see the module docstring)."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).resolve()
    checkout = PACKAGE_DIR.parent
    if (checkout / "data" / "corpus").is_dir():
        return checkout
    return Path.cwd()


def data_dir() -> Path:
    """``<project>/data``: the embedded corpus and the reference files."""
    return project_dir() / "data"


def default_corpus() -> Path:
    """``<project>/data/corpus``: the embedded seed corpus."""
    return data_dir() / "corpus"


def default_reference() -> dict[str, Path]:
    """The default reference file of each key the stages ask for."""
    return {"actors": data_dir() / "actors.yml", "sentiment_overrides": data_dir() / "sentiment_overrides.yml"}


def cache_dir() -> Path:
    """``$NEWSCOV_CACHE`` if set, else ``<project>/.cache/annotations``."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else project_dir() / ".cache" / "annotations"


def notebooks_dir() -> Path:
    """``$NEWSCOV_NOTEBOOKS`` if set, else ``<project>/notebooks``."""
    env = os.environ.get(NOTEBOOKS_ENV)
    return Path(env) if env else project_dir() / "notebooks"
