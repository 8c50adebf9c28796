"""Incremental re-annotation with actors found in the corpus (invented articles).

The found table belongs to the whole corpus, but each document's actors keys hash only the
part of it the document can read, so an edit re-annotates the edited article and the articles
whose names it changes, and a document with some keys cached reruns only the stages missing.
"""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.actors.found import observe
from analysis.actors.merge import found_data
from analysis.actors.overrides import to_table
from analysis.documents import Document
from analysis.pipeline import annotate

HARBOUR = (
    "Harbour officials met on Monday. Margaret Holloway, the harbour master, said the docks would reopen. "
    "Holloway added that repairs were slow."
)
BAKERY = (
    "Tobias Renfield opened the bakery in 1990. Renfield said the bread sold out by noon. "
    "Tobias Renfield plans a second shop."
)
WEATHER = "The weather stayed calm all week. Fishermen said the catch was good, and prices fell at the market."
SISTER = "\nClara Renfield, a dock worker, said she was relieved. Clara Renfield has worked there for years.\n"


def _write(path, harbour: str) -> None:
    texts = {"a": harbour, "b": BAKERY, "c": WEATHER}
    rows = [{"doc_id": k, "outlet": "Gazette", "published": "2026-03-02", "text": t} for k, t in texts.items()]
    pd.DataFrame(rows).to_csv(path, index=False)


@pytest.fixture
def spied(monkeypatch) -> dict[str, frozenset[str] | None]:
    """doc_id -> the stages run for it (None: all) while the fixture is active."""
    seen: dict[str, frozenset[str] | None] = {}
    real = annotate.annotate_document

    def spy(doc, ref, only=None):
        seen[doc.doc_id] = only
        return real(doc, ref, only)

    monkeypatch.setattr(annotate, "annotate_document", spy)
    return seen


def test_editing_one_article_reannotates_that_article_only(tmp_path, spied):
    path, cache = tmp_path / "c.csv", tmp_path / "cache"
    _write(path, HARBOUR)
    first = analysis.load_corpus(path, cache=cache, jobs=1)
    assert set(first.mentions["actor"]) == {"Margaret Holloway", "Tobias Renfield"}
    spied.clear()
    _write(path, HARBOUR.replace("slow", "quick"))
    again = analysis.load_corpus(path, cache=cache, jobs=1)
    assert set(spied) == {"a"} and again.stats["annotated"] == 1
    assert again.mentions.equals(first.mentions)


def test_a_table_change_that_touches_another_articles_names_reannotates_it(tmp_path, spied):
    path, cache = tmp_path / "c.csv", tmp_path / "cache"
    _write(path, HARBOUR)
    analysis.load_corpus(path, cache=cache, jobs=1)
    spied.clear()
    _write(path, HARBOUR + SISTER)  # a second Renfield: "Renfield" in the bakery article is now a reference
    again = analysis.load_corpus(path, cache=cache, jobs=1)
    assert set(spied) == {"a", "b"}  # not the weather article, which names no one
    assert spied["b"] == {"actors", "sources", "timeline"}  # syndication and sentiment stay cached
    assert "Clara Renfield" in set(again.mentions["actor"])
    fresh = analysis.load_corpus(path, cache=False)
    for name in fresh.frames:
        if name != "documents":
            pd.testing.assert_frame_equal(again.frames[name], fresh.frames[name], obj=name)


def test_a_documents_actors_key_reads_only_the_entries_its_text_holds():
    before = to_table(found_data([observe(t) for t in (HARBOUR, BAKERY)]), "before")
    after = to_table(found_data([observe(t) for t in (HARBOUR + SISTER, BAKERY)]), "after")
    harbour, bakery, weather = (
        Document(doc_id=k, outlet="Gazette", text=t) for k, t in zip("abc", (HARBOUR, BAKERY, WEATHER))
    )
    ref_before = annotate.Reference.load(actors=before)
    ref_after = annotate.Reference.load(actors=after)
    assert ref_before.per_document == {"actors"}
    keys = {
        d.doc_id: (annotate.stage_keys(d, ref_before), annotate.stage_keys(d, ref_after))
        for d in (harbour, bakery, weather)
    }
    assert keys["a"][0] == keys["a"][1]  # its own text did not change, nor did its names
    assert keys["c"][0] == keys["c"][1]
    changed = {name for name in keys["b"][0] if keys["b"][0][name] != keys["b"][1][name]}
    assert changed == {"actors", "sources", "timeline"}
    entries, _ = before.readable(WEATHER)
    assert not [key for key, kind, *_ in entries if kind == "alias"]


def test_a_missing_stage_reruns_with_the_stages_whose_frames_it_reads():
    assert annotate.needed_stages({"sentiment"}) == {"sentiment"}
    assert annotate.needed_stages({"sources"}) == {"actors", "sources"}
    assert annotate.needed_stages({"timeline", "segmentation"}) == {"actors", "timeline"}
    assert annotate.needed_stages(annotate.STAGES) == set(annotate.STAGES)
