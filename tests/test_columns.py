"""Rows as plain columns (analysis.columns), typed into frames once per chunk."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.columns import Columns, empty_frame, to_frame

SCHEMA = {"doc_id": "str", "sent_id": "int32", "score": "float64", "flag": "bool", "when": "datetime64[ns]"}


def rows(doc_id: str, n: int) -> Columns:
    return Columns(
        {
            "doc_id": [doc_id] * n,
            "sent_id": list(range(n)),
            "score": [0.5 * i for i in range(n)],
            "flag": [i % 2 == 0 for i in range(n)],
            "when": [pd.Timestamp("2026-02-24"), None][:n],
        }
    )


def test_columns_read_as_a_frame_does():
    one = rows("a", 2)
    assert len(one) == 2 and not one.empty and "score" in one and one.columns == list(SCHEMA)
    assert one["sent_id"].tolist() == [0, 1] and one["score"].to_numpy().tolist() == [0.0, 0.5]


def test_columns_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="different lengths"):
        Columns({"a": [1, 2], "b": [1]})


def test_to_frame_concatenates_parts_with_exact_dtypes():
    frame = to_frame([rows("a", 2), rows("b", 1)], SCHEMA)
    assert frame["doc_id"].tolist() == ["a", "a", "b"] and frame["sent_id"].tolist() == [0, 1, 0]
    assert {c: str(t) for c, t in frame.dtypes.items()} == SCHEMA
    assert frame["when"].isna().tolist() == [False, True, False]


def test_a_chunk_frame_equals_the_per_document_frames_concatenated():
    parts = [rows("a", 2), rows("b", 1)]
    alone = pd.concat([to_frame(p, SCHEMA) for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(to_frame(parts, SCHEMA), alone)


def test_join_adds_columns_only_to_the_same_rows():
    base = Columns({"sent_id": [0, 1], "text": ["A.", "B."]})
    joined = base.join(Columns({"sent_id": [0, 1], "score": [0.1, 0.2]}), on="sent_id")
    assert joined.columns == ["sent_id", "text", "score"]
    with pytest.raises(ValueError, match="not this frame's"):
        base.join(Columns({"sent_id": [1, 0], "score": [0.1, 0.2]}), on="sent_id")


def test_empty_frame_keeps_the_schema():
    frame = empty_frame(SCHEMA)
    assert frame.empty and {c: str(t) for c, t in frame.dtypes.items()} == SCHEMA
