"""The frames built once per chunk equal those the stages' per-document ``annotate`` functions give.

The pipeline passes a document's rows between stages as plain columns and types them into one
frame per chunk (:mod:`analysis.columns`); each stage's public ``annotate`` returns a typed frame
for one document. Both must give the same frames, value for value and dtype for dtype: on the
seeds, and on a sample of the BBC set when ``../shared/data/bbc`` is present.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SHARED

from analysis import pipeline
from analysis import text as textmod
from analysis.documents import Document, decode_bytes, read_documents
from analysis.pipeline import annotate

BBC = SHARED / "data" / "bbc"


def per_document_frames(docs: list[Document], ref: pipeline.Reference) -> dict[str, pd.DataFrame]:
    """The corpus frames made the slow way: a typed frame per document and stage, then concatenated."""
    parts: dict[str, list[pd.DataFrame]] = {}
    for doc in docs:
        frames = textmod.segment(doc.doc_id, doc.text, doc.title)
        for mod in pipeline.stage_modules():
            key = getattr(mod, "REFERENCE", None)
            rows = mod.annotate(doc, frames, ref.objects.get(key) if key else None)
            if mod.FRAME in frames:
                frames[mod.FRAME] = frames[mod.FRAME].merge(rows, on="sent_id", how="left", validate="1:1")
            else:
                frames[mod.FRAME] = rows
        for name, frame in frames.items():
            parts.setdefault(name, []).append(frame)
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}


def chunk_frames(docs: list[Document], ref: pipeline.Reference) -> dict[str, pd.DataFrame]:
    """The corpus frames as the pipeline makes them: one typed frame per chunk."""
    stored = annotate.annotate_chunk(docs, ref)
    return annotate.join_added({name: frame.drop(columns=[annotate.KEY_COLUMN]) for name, frame in stored.items()})


def assert_same_frames(docs: list[Document]) -> None:
    ref = pipeline.Reference.load()
    slow, fast = per_document_frames(docs, ref), chunk_frames(docs, ref)
    assert set(slow) == set(fast)
    for name in slow:
        assert len(fast[name]) > 0, name
        pd.testing.assert_frame_equal(fast[name], slow[name], check_index_type=False, obj=name)


def test_chunk_frames_equal_per_document_frames_on_the_seeds():
    assert_same_frames(list(read_documents()))


@pytest.mark.skipif(not BBC.is_dir(), reason=f"the BBC set is not at {BBC}")
def test_chunk_frames_equal_per_document_frames_on_a_bbc_sample():
    docs = []
    for f in sorted(BBC.glob("*/*.txt"))[::40]:
        text, _ = decode_bytes(f.read_bytes())
        docs.append(Document(doc_id=f"{f.parent.name}/{f.stem}", outlet="BBC", text=text, title=text.split("\n")[0]))
    assert len(docs) > 40
    assert_same_frames(docs)
