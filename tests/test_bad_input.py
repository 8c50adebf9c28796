"""Hostile and malformed input to the reader and the date filter: an error naming file, line
and problem, or the documented reading; never a silent wrong result (issue 15)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus import Corpus
from analysis.documents import CorpusError, read_documents

HEADER = "doc_id,outlet,published,title,text\n"


def write(path: Path, body: str | bytes, encoding: str = "utf-8") -> Path:
    path.write_bytes(body if isinstance(body, bytes) else body.encode(encoding))
    return path


def problems(path: Path) -> str:
    with pytest.raises(CorpusError) as err:
        read_documents(path)
    return str(err.value)


def one_doc_folder(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes(data)
    (folder / "manifest.csv").write_text("doc_id,file,outlet,title,published\na,a.txt,Daily,T,2026-02-24\n")
    return folder


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["12/02/2026", "13/02/2026", "Feb 24", "now", "yesterday", "2026-02-30"])
def test_non_iso_or_impossible_dates_are_rejected_with_the_line(tmp_path, date):
    msg = problems(write(tmp_path / "c.csv", HEADER + "x1,Daily,2026-02-24,T,Fine.\n" + f"x2,Daily,{date},T,Words.\n"))
    assert "c.csv:3 (doc_id x2)" in msg and repr(date) in msg


def test_far_future_date_is_rejected_not_overflowed(tmp_path):
    msg = problems(write(tmp_path / "c.csv", HEADER + "x1,Daily,9999-12-31,T,Words.\n"))
    assert "outside the supported range 1800-01-01 to 2200-12-31" in msg


def test_last_supported_date_annotates_without_overflow(tmp_path):
    import analysis

    text = "The deal ends on December 31. Talks began last year and resume next year on Friday."
    corpus = analysis.load_corpus(write(tmp_path / "c.csv", HEADER + f"x1,Daily,2200-12-31,T,{text}\n"), cache=False)
    events = corpus.events
    assert (events["anchor"] == pd.Timestamp("2200-12-31")).all()
    assert events["date"].dropna().between(pd.Timestamp("2199-01-01"), pd.Timestamp("2201-12-31")).all()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-24", "2026-02-24 00:00"),
        ("2026-02-24T09:30", "2026-02-24 09:30"),
        ("2026-02-24 09:30:15", "2026-02-24 09:30:15"),
        ("2026-02-24T09:30:00+05:00", "2026-02-24 09:30"),
        ("2026-02-24T09:30:00Z", "2026-02-24 09:30"),
    ],
)
def test_documented_iso_forms_are_read(tmp_path, value, expected):
    (doc,) = read_documents(write(tmp_path / "c.csv", HEADER + f"x1,Daily,{value},T,Words.\n"))
    assert doc.published == pd.Timestamp(expected)


def _dated() -> Corpus:
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "outlet": "Daily",
            "published": pd.to_datetime(["2026-02-24 09:00", "2026-02-24 09:01", "2026-02-25 08:00"]),
        }
    )
    return Corpus(frames={"documents": docs}, source="x", reference=None)


def test_date_to_with_a_time_is_that_instant_and_a_date_its_whole_day():
    assert list(_dated().filter(date_to="2026-02-24T09:00").documents["doc_id"]) == ["a"]
    assert list(_dated().filter(date_to="2026-02-24").documents["doc_id"]) == ["a", "b"]
    assert list(_dated().filter(date_from="2026-02-24T09:01").documents["doc_id"]) == ["b", "c"]


@pytest.mark.parametrize("word", ["now", "today", "24/02/2026"])
def test_relative_or_non_iso_filter_dates_are_rejected(word):
    with pytest.raises(ValueError, match=f"date_to: unparseable date '{word}'"):
        _dated().filter(date_to=word)


# --- CSV and manifest ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            'x1,Daily,2026-02-24,T,"Opening words.\nx2,Daily,2026-02-24,T,Second.\nx3,Daily,2026-02-24,T,End."\n',
            "c.csv:2 (doc_id x1): text holds what looks like another row",
            id="unclosed quote swallowing rows",
        ),
        pytest.param(
            'x1,Daily,2026-02-24,T,"Opening words.\nx2,Daily,2026-02-24,T,A "quoted" word.\n',
            "c.csv:2: malformed CSV",
            id="stray quote",
        ),
        pytest.param(
            'x1,Daily,2026-02-24,T,"Opening words.\nx2,Daily,2026-02-24,T,Second.\n',
            "unexpected end of data",
            id="quote left open at the end",
        ),
        pytest.param(
            "x1,Daily,2026-02-24,T,Words,and more\nx2,Daily,2026-02-24,T,Fine.\n",
            "c.csv:2: 6 fields, the header has 5",
            id="extra fields, not shifted",
        ),
        pytest.param("x1,Daily\x00News,2026-02-24,T,Words.\n", "c.csv:2 (doc_id x1): NUL byte in outlet", id="NUL"),
    ],
)
def test_malformed_csv_row_is_reported_with_its_line(tmp_path, rows, expected):
    assert expected in problems(write(tmp_path / "c.csv", HEADER + rows))


def test_manifest_field_spanning_lines_is_reported(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Words.")
    (folder / "b.txt").write_text("More words.")
    (folder / "manifest.csv").write_text(
        'doc_id,file,outlet,title,published\na,a.txt,Daily,"Open title,2026-02-24\nb,b.txt,Daily,T",2026-02-24\n'
    )
    assert "manifest.csv:2: field title spans lines" in problems(folder)


def test_upper_case_suffix_is_read_as_csv(tmp_path):
    (doc,) = read_documents(write(tmp_path / "x.CSV", HEADER + "x1,Daily,2026-02-24,T,Words.\n"))
    assert doc.text == "Words."


# --- wrong types ---------------------------------------------------------------------


@pytest.mark.parametrize(("value", "typ"), [(12345, "int64"), (["a", "b"], "list<element: string>"), (b"w", "binary")])
def test_parquet_text_column_of_another_type_is_rejected(tmp_path, value, typ):
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["x1"], "outlet": ["Daily"], "text": [value]}), path)
    assert f"column text is {typ}, not a string column" in problems(path)


@pytest.mark.parametrize(("value", "typ"), [(7, "int"), (["a"], "list"), ({"a": 1}, "dict")])
def test_jsonl_text_of_another_type_is_rejected(tmp_path, value, typ):
    line = json.dumps({"doc_id": "x1", "outlet": "Daily", "text": value})
    assert f"c.jsonl:1 (doc_id x1): text is {typ}, not a string" in problems(write(tmp_path / "c.jsonl", line + "\n"))


def test_jsonl_bad_line_is_named(tmp_path):
    good = json.dumps({"doc_id": "x1", "outlet": "Daily", "text": "Words."})
    assert "c.jsonl:2: not valid JSON" in problems(write(tmp_path / "c.jsonl", good + '\n{"doc_id": x2}\n'))


# --- text that is not text -----------------------------------------------------------


def test_zero_width_only_text_is_empty(tmp_path):
    body = HEADER + "x1,Daily,2026-02-24,T,\u200b\u200c\u2060\ufeff\n"
    assert "empty text (only invisible characters" in problems(write(tmp_path / "c.csv", body))


def test_utf16_with_bom_is_read(tmp_path):
    (doc,) = read_documents(one_doc_folder(tmp_path, "Caf\u00e9 words.".encode("utf-16")))
    assert (doc.text, doc.encoding) == ("Caf\u00e9 words.", "utf-16")
    (row,) = read_documents(write(tmp_path / "c.csv", HEADER + "x1,Daily,,T,Caf\u00e9.\n", encoding="utf-16"))
    assert row.text == "Caf\u00e9."


def test_random_binary_without_nul_is_rejected(tmp_path):
    rng = random.Random(1)
    blob = bytes(rng.randrange(1, 256) for _ in range(4000))
    assert "binary data, not article text" in problems(one_doc_folder(tmp_path, blob))


def test_text_over_the_size_limit_is_rejected(tmp_path, monkeypatch):
    from analysis import documents

    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 100)
    msg = problems(write(tmp_path / "c.csv", HEADER + "x1,Daily,,T," + "word " * 30 + "\n"))
    assert "text is 150 characters, over the limit of 100" in msg


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("filed 2016-02-03 at noon", True),
        ("12-2016-02-03", True),
        ("2016-1-2016-02-03", True),
        ("x-2016-02-3", False),  # a one-digit day
        ("2016-0x-11", False),
        ("20160203, a well-known date", False),
    ],
)
def test_the_date_scan_behind_the_swallowed_row_check(text, holds):
    from analysis.documents import _holds_date

    assert _holds_date(text) is holds
