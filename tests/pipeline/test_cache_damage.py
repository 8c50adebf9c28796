"""A damaged cache shard is never served: it is detected, quarantined and annotated again (issue 15).

Each load here also keeps the assembled corpus (``corpora/``); a shard damaged under an intact copy
is found all the same, since the copy is served only while its shards pass their checksums."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cache import QUARANTINE, SHARDS

HEADER = "doc_id,outlet,published,title,text\n"
ROW_A = (
    'a1,Daily,2026-02-24,T,"Officials at the Pentagon said on Tuesday that talks would resume. '
    '""It is fine,"" said Ann Lee."\n'
)
ROW_B = "b1,Weekly,2026-02-25,T,The Pentagon review began on Friday and will end next week.\n"


def corpus_file(folder: Path, *rows: str) -> Path:
    path = folder / f"corpus{len(list(folder.glob('corpus*.csv')))}.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def only_shard(cache: Path) -> Path:
    (shard,) = [p for p in (cache / SHARDS).iterdir() if not p.name.startswith(".")]
    return shard


def fresh_sentences(path: Path) -> pd.DataFrame:
    return analysis.load_corpus(path, cache=False, jobs=1).sentences


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(b"Pentagon")
    at = at if at >= 0 else len(data) // 2
    data[at] ^= 0x01  # "Pentagon" -> "Qentagon"
    path.write_bytes(bytes(data))


@pytest.fixture
def cached(tmp_path) -> tuple[Path, Path]:
    path = corpus_file(tmp_path, ROW_A)
    cache = tmp_path / "cache"
    analysis.load_corpus(path, cache=cache, jobs=1)
    return path, cache


def reload(path: Path, cache: Path, capsys) -> analysis.Corpus:
    corpus = analysis.load_corpus(path, cache=cache, jobs=1)
    assert corpus.stats["damaged_shards"] == 1 and corpus.stats["annotated"] == 1
    assert len(corpus.notes) == 1 and "is damaged" in corpus.notes[0] and "annotated again" in corpus.notes[0]
    assert "is damaged" in capsys.readouterr().err
    assert len(list((cache / QUARANTINE).iterdir())) == 1
    again = analysis.load_corpus(path, cache=cache, jobs=1)  # the re-annotated shard is clean
    assert again.stats["damaged_shards"] == 0 and again.stats["annotated"] == 0
    return corpus


def test_flipped_byte_in_a_frame_is_not_served(cached, capsys):
    path, cache = cached
    flip_byte(only_shard(cache) / "sentences.parquet")
    corpus = reload(path, cache, capsys)
    pd.testing.assert_frame_equal(corpus.sentences, fresh_sentences(path))
    text = corpus.documents["text"].iloc[0]
    assert all(text[r.start : r.end] == r.text for r in corpus.sentences.itertuples())


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("keys.parquet", lambda f: f.write_bytes(f.read_bytes()[:40])),  # truncated
        ("events.parquet", lambda f: f.write_bytes(b"")),  # zero bytes
        ("mentions.parquet", lambda f: f.unlink()),  # missing
        ("checksums.json", lambda f: f.unlink()),  # an unverifiable shard
    ],
)
def test_unreadable_shard_is_annotated_again(cached, capsys, name, damage):
    path, cache = cached
    damage(only_shard(cache) / name)
    corpus = reload(path, cache, capsys)
    pd.testing.assert_frame_equal(corpus.sentences, fresh_sentences(path))


def test_frame_file_swapped_from_another_shard_is_detected(tmp_path, capsys):
    cache = tmp_path / "cache"
    first, second = corpus_file(tmp_path, ROW_A), corpus_file(tmp_path, ROW_B)
    analysis.load_corpus(first, cache=cache, jobs=1)
    (shard_a,) = list((cache / SHARDS).iterdir())
    analysis.load_corpus(second, cache=cache, jobs=1)
    (shard_b,) = [p for p in (cache / SHARDS).iterdir() if p != shard_a]
    shutil.copyfile(shard_b / "events.parquet", shard_a / "events.parquet")
    corpus = reload(first, cache, capsys)
    expected = analysis.load_corpus(first, cache=False, jobs=1).events
    assert len(corpus.events) == len(expected) > 0


# --- a document that takes too long --------------------------------------------------------


def test_document_past_the_time_budget_fails_alone(tmp_path, monkeypatch, capsys):
    from analysis.pipeline import annotate as annotate_mod

    real = annotate_mod.annotate_document

    def slow_for_b1(doc, ref, only=None):
        if doc.doc_id == "b1":
            import time

            time.sleep(5)
        return real(doc, ref, only)

    monkeypatch.setenv("NEWSCOV_DOC_BUDGET", "0.5")
    monkeypatch.setattr(annotate_mod, "annotate_document", slow_for_b1)
    path = corpus_file(tmp_path, ROW_A, ROW_B)
    corpus = analysis.load_corpus(path, cache=tmp_path / "cache", jobs=1)
    assert list(corpus.documents["doc_id"]) == ["a1"] and set(corpus.sentences["doc_id"]) == {"a1"}
    assert corpus.stats["failed"] == 1
    (note,) = corpus.notes
    assert note.startswith(f"document b1 ({path}:3 (doc_id b1)): annotation took longer than 0.5 s")
    assert "left out" in capsys.readouterr().err
    monkeypatch.setattr(annotate_mod, "annotate_document", real)  # the failure was not cached
    again = analysis.load_corpus(path, cache=tmp_path / "cache", jobs=1)
    assert list(again.documents["doc_id"]) == ["a1", "b1"] and again.stats["annotated"] == 1


def test_progress_is_reported_after_every_document(tmp_path, capsys):
    path = corpus_file(tmp_path, ROW_A, ROW_B)
    analysis.load_corpus(path, cache=False, jobs=1, progress=True)
    err = capsys.readouterr().err
    assert "annotating: 1/2 documents" in err and "annotating: 2/2 documents" in err


def test_long_articles_are_chunks_of_their_own():
    from analysis.documents import Document
    from analysis.pipeline import local

    docs = [Document(doc_id=str(i), outlet="D", text="w " * n) for i, n in enumerate([10, 300_000, 10, 10])]
    assert [[d.doc_id for d in c] for c in local.chunked(docs)] == [["0"], ["1"], ["2", "3"]]
