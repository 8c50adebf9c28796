"""Chunk results joined as they arrive give the frames joined all at once."""

from __future__ import annotations

import pandas as pd

from analysis import pipeline
from analysis.documents import Document
from analysis.pipeline import annotate, local

TEXTS = [
    '"We will reopen the ferry on Monday," harbour master Ilse Tormund said.',
    "The gulls left the pier at noon.",  # no quote, no actor: empty frames for this chunk
    "Tormund said the storm had passed. On 4 March the quay opened again.",
    "Nothing was said.",
    '"Tickets are free," the council told residents on Tuesday.',
]


def chunks() -> list[dict[str, pd.DataFrame]]:
    ref = pipeline.Reference.load()
    docs = [Document(doc_id=f"t{i}", outlet="Courier", text=t) for i, t in enumerate(TEXTS)]
    return [annotate.annotate_chunk([d], ref) for d in docs]


def test_joined_a_few_at_a_time_equals_joined_at_once():
    parts = chunks()
    whole = annotate.merge_results(parts)
    assert len(whole["quotes"]) >= 2 and whole["quotes"]["doc_id"].tolist()[0] == "t0"
    for every in (1, 2, 3, 10):
        gathered = local.Gathered(every)
        for part in parts:
            gathered.add(part)
        got = gathered.merged()
        assert list(got) == list(whole)
        for name, frame in whole.items():
            pd.testing.assert_frame_equal(got[name], frame, check_exact=True)


def test_a_chunk_without_some_frames_is_joined_like_the_others():
    parts = chunks()
    parts[1] = {name: frame for name, frame in parts[1].items() if name != "quotes"}  # a stage not run there
    gathered = local.Gathered(2)
    for part in parts:
        gathered.add(part)
    got, whole = gathered.merged(), annotate.merge_results(parts)
    pd.testing.assert_frame_equal(got["quotes"], whole["quotes"], check_exact=True)
    assert set(got["quotes"]["doc_id"]) <= {"t0", "t2", "t3", "t4"}
