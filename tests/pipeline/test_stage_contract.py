"""Every stage keeps its contract on one document: exactly its declared columns, with their dtypes."""

from __future__ import annotations

import pytest

from analysis import pipeline
from analysis import text as textmod
from analysis.documents import Document
from analysis.pipeline import annotate

WIRE_STORY = Document(
    doc_id="w1",
    outlet="Harbour Gazette",
    title="Ferry strike ends",
    text='OSLO (Reuters) - The ferry strike ended on Monday, the union said. "We are back," Ana Berg said.',
)


@pytest.mark.parametrize("mod", pipeline.stage_modules(), ids=annotate.stage_name)
def test_stage_rows_have_exactly_the_declared_columns_and_dtypes(mod, seed_docs):
    ref = pipeline.Reference.load()
    for doc in [WIRE_STORY, seed_docs["000"]]:
        frames = textmod.segment(doc.doc_id, doc.text, doc.title)
        for earlier in pipeline.stage_modules()[: pipeline.stage_modules().index(mod)]:
            key = getattr(earlier, "REFERENCE", None)
            frames.setdefault(earlier.FRAME, earlier.annotate(doc, frames, ref.objects.get(key) if key else None))
        key = getattr(mod, "REFERENCE", None)
        rows = mod.annotate(doc, frames, ref.objects.get(key) if key else None)
        assert len(rows) > 0 or doc is WIRE_STORY  # the seed actors file knows nobody in the wire story
        assert {c: str(t) for c, t in rows.dtypes.items()} == mod.COLUMNS
