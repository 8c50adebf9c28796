"""Shared fixtures: the seed corpus, loaded once per session into a temporary cache."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "data" / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def seeds(seed_cache):
    """The embedded seed corpus, fully annotated (cached in a session temp folder)."""
    import analysis

    return analysis.load_corpus(cache=seed_cache)


@pytest.fixture(scope="session")
def seed_docs():
    """The seed Documents by doc_id prefix ("000" ... "004")."""
    from analysis.documents import read_documents

    return {d.doc_id[:3]: d for d in read_documents()}


def sentence_containing(corpus, needle: str):
    """The sentences row (a Series) whose text contains ``needle`` (exactly one)."""
    s = corpus.sentences
    hits = s[s["text"].str.contains(needle, regex=False)]
    assert len(hits) == 1, f"{len(hits)} sentences contain {needle!r}"
    return hits.iloc[0]


def run_notebook(name: str, tmp_path: Path, **parameters) -> list[dict]:
    """Execute ``notebooks/<name>.ipynb`` with papermill; returns its outputs (none may be an error).

    The kernel annotates into a private cache, ``tmp_path / "cache"``.

    Parameters
    ----------
    name: the notebook's name without ``.ipynb`` (``"02_actors"``).
    tmp_path: where the executed copy and the cache are written.
    **parameters: papermill parameters.
    """
    import nbformat
    import papermill

    out = tmp_path / f"{name}.out.ipynb"
    with mock.patch.dict(os.environ, {"NEWSCOV_CACHE": str(tmp_path / "cache")}):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / f"{name}.ipynb"),
            str(out),
            parameters=parameters,
            kernel_name="python3",
            cwd=str(ROOT),
            progress_bar=False,
        )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    return outputs


def file_error(path: Path, content: str, load, error: type[Exception] = ValueError) -> str:
    """Write ``content`` to ``path``, load it and return the error's message, which must name the file.

    Parameters
    ----------
    path: the file to write.
    content: its text (UTF-8).
    load: the loader that must refuse it.
    error: the exception it must raise.
    """
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error) as err:
        load(path)
    message = str(err.value)
    assert str(path) in message
    return message


def write_corpus_csv(path: Path, *articles: dict) -> Path:
    """Write a one-file corpus (CSV) of invented articles; returns its path.

    Parameters
    ----------
    path: the CSV file to write.
    *articles: one dict per article with ``doc_id``, ``outlet``, ``text`` and optionally
        ``title`` and ``published`` (empty when left out).
    """
    import pandas as pd

    rows = [{"doc_id": a["doc_id"], "outlet": a["outlet"], "published": "", "title": "", **a} for a in articles]
    pd.DataFrame(rows, columns=["doc_id", "outlet", "published", "title", "text"]).to_csv(path, index=False)
    return path
