"""Helpers shared by the found-actors tests: found data and a small corpus from literal texts."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.actors.found import observe
from analysis.actors.merge import found_data


def found(*texts: str) -> dict:
    """The found data (actors-file mapping) of documents made of ``texts``."""
    return found_data([observe(t) for t in texts])


def people(data: dict) -> set[str]:
    """The names of the found data's people."""
    return {n for n, e in data.items() if n != "not_actors" and e["type"] == "person"}


def corpus(tmp_path, *texts: str, actors=None):
    """A corpus of ``texts`` (doc_ids d0, d1, ...; one outlet) loaded with its own cache under ``tmp_path``."""
    rows = [{"doc_id": f"d{i}", "outlet": "Gazette", "text": t} for i, t in enumerate(texts)]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    return analysis.load_corpus(tmp_path / "c.csv", actors=actors, cache=tmp_path / "cache")
