"""Shared fixtures: the seed corpus, loaded once per session into a temporary cache."""

from __future__ import annotations

from pathlib import Path

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

    Parameters
    ----------
    name: the notebook's name without ``.ipynb`` (``"02_actors"``).
    tmp_path: where the executed copy is written.
    **parameters: papermill parameters.
    """
    import nbformat
    import papermill

    out = tmp_path / f"{name}.out.ipynb"
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
