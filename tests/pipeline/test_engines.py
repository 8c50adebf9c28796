"""The Dask engine gives the local engine's frames; re-annotation touches only what changed."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SEED_DIR

import analysis
from analysis import pipeline
from analysis.documents import Document, read_documents
from analysis.pipeline import annotate


def replicated(k: int) -> list[Document]:
    return [
        Document(doc_id=f"{d.doc_id}-{i}", outlet=d.outlet, text=d.text, title=d.title, published=d.published)
        for i in range(k)
        for d in read_documents()
    ]


@pytest.mark.slow
def test_dask_local_cluster_matches_local_engine(tmp_path):
    pytest.importorskip("distributed")
    from analysis.pipeline import dask_engine

    docs = replicated(3)
    ref = pipeline.Reference.load()
    local = pipeline.run_local(docs, ref, jobs=1)
    dask = dask_engine.run_dask(docs, ref, partition_docs=4, out_dir=tmp_path / "parquet", workers=2)
    assert set(local) == set(dask)
    for name in local:
        pd.testing.assert_frame_equal(local[name], dask[name])
        written = pq.read_table(tmp_path / "parquet" / name).to_pandas()
        assert len(written) == len(local[name])
        assert set(written["_key"]) == set(local[name]["_key"])


@pytest.mark.slow
def test_load_corpus_dask_engine_equals_local(tmp_path):
    pytest.importorskip("distributed")
    local = analysis.load_corpus(cache=False)
    dask = analysis.load_corpus(cache=tmp_path / "c", engine="dask")
    for name in local.frames:
        pd.testing.assert_frame_equal(local.frames[name], dask.frames[name])


def test_incremental_reannotation_touches_only_the_changed_document(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(SEED_DIR, folder)
    cache = tmp_path / "cache"
    analysis.load_corpus(folder, cache=cache)
    seen: list[str] = []
    original = pipeline.annotate_document

    def spy(doc, ref, only=None):
        seen.append(doc.doc_id)
        return original(doc, ref, only)

    monkeypatch.setattr(annotate, "annotate_document", spy)
    path = folder / "003_9c0ad20c70d1b311.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("acrimonious", "bitter"), encoding="utf-8")
    edited = analysis.load_corpus(folder, cache=cache, jobs=1)
    assert seen == ["003_9c0ad20c70d1b311"]
    assert edited.stats["annotated"] == 1 and edited.stats["cached"] == 4
    assert edited.sentences["text"].str.contains("grown increasingly bitter").sum() == 1


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        analysis.load_corpus(cache=False, engine="spark")
