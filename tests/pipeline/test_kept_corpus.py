"""The assembled corpus kept in the cache: served on a warm load exactly as assembled, never when damaged
or out of date (issue 17: warm loads read one copy instead of every shard)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cache import CHECKSUMS_FILE, CORPORA, CORPORA_KEPT, QUARANTINE, ShardCache

HEADER = "doc_id,outlet,published,title,text\n"
ROWS = (
    'a1,Daily,2026-02-24,Talks,"Officials at the Pentagon said on Tuesday that talks would resume. '
    '""It is fine,"" said Ann Lee, a spokeswoman."\n',
    'b1,Weekly,,Review,"The Pentagon review began on Friday and will end next week, Ann Lee said."\n',
)


def corpus_file(folder: Path, *rows: str, name: str = "corpus.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def copies(cache: Path) -> list[Path]:
    folder = cache / CORPORA
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def assert_same_frames(got: analysis.Corpus, want: analysis.Corpus) -> None:
    assert list(got.frames) == list(want.frames)
    for name in want.frames:
        pd.testing.assert_frame_equal(got.frames[name], want.frames[name], check_exact=True, obj=name)


def test_a_warm_load_serves_the_kept_copy_exactly_as_assembled(tmp_path):
    path, cache = corpus_file(tmp_path, *ROWS), tmp_path / "cache"
    fresh = analysis.load_corpus(path, cache=False, jobs=1)
    cold = analysis.load_corpus(path, cache=cache, jobs=1)
    assert len(copies(cache)) == 1
    warm = analysis.load_corpus(path, cache=cache, jobs=1)
    assert warm.stats["annotated"] == 0 and warm.stats["annotate_s"] == 0.0
    for loaded in (cold, warm):
        assert_same_frames(loaded, fresh)
    assert warm.documents["published"].dtype == "datetime64[ns]"  # also where a date is missing


def test_an_undated_corpus_keeps_nanosecond_dates(tmp_path):
    path = corpus_file(tmp_path, ROWS[1].replace("b1", "c1"), ROWS[1])
    corpus = analysis.load_corpus(path, cache=tmp_path / "cache", jobs=1)
    assert corpus.documents["published"].dtype == "datetime64[ns]" and corpus.documents["published"].isna().all()
    assert len(copies(tmp_path / "cache")) == 1  # the all-NaT column reads back as it was written


def test_an_edited_article_is_not_served_from_the_old_copy(tmp_path):
    cache = tmp_path / "cache"
    path = corpus_file(tmp_path, *ROWS)
    analysis.load_corpus(path, cache=cache, jobs=1)
    corpus_file(tmp_path, ROWS[0], ROWS[1].replace("next week", "in March"))
    edited = analysis.load_corpus(path, cache=cache, jobs=1)
    assert edited.stats["annotated"] == 1
    assert "in March" in edited.documents["text"].iloc[1]
    assert any("in March" in t for t in edited.sentences["text"])
    assert len(copies(cache)) == 2


def test_the_same_articles_under_another_path_get_their_own_copy(tmp_path):
    cache = tmp_path / "cache"
    one = analysis.load_corpus(corpus_file(tmp_path, *ROWS, name="one.csv"), cache=cache, jobs=1)
    two = analysis.load_corpus(corpus_file(tmp_path, *ROWS, name="two.csv"), cache=cache, jobs=1)
    assert set(one.documents["source"]) != set(two.documents["source"])
    assert all("two.csv:" in s for s in two.documents["source"])


def test_only_the_most_recent_copies_are_kept(tmp_path):
    cache = tmp_path / "cache"
    for k in range(CORPORA_KEPT + 2):
        path = corpus_file(tmp_path, ROWS[0].replace("Tuesday", f"day {k}"), name=f"c{k}.csv")
        analysis.load_corpus(path, cache=cache, jobs=1)
    assert len(copies(cache)) == CORPORA_KEPT


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(b"Pentagon")
    data[at if at >= 0 else len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("documents.parquet", flip_byte),  # "Pentagon" -> "Qentagon" in the text
        ("sentences.parquet", lambda f: f.write_bytes(f.read_bytes()[:40])),  # truncated
        ("quotes.parquet", lambda f: f.unlink()),  # missing
        ("frames.json", lambda f: f.write_text(json.dumps(["documents"]))),  # a frame left out of the list
        (CHECKSUMS_FILE, lambda f: f.unlink()),  # unverifiable
    ],
)
def test_a_damaged_copy_is_not_served(tmp_path, capsys, name, damage):
    path, cache = corpus_file(tmp_path, *ROWS), tmp_path / "cache"
    fresh = analysis.load_corpus(path, cache=False, jobs=1)
    analysis.load_corpus(path, cache=cache, jobs=1)
    (copy,) = copies(cache)
    damage(copy / name)
    again = analysis.load_corpus(path, cache=cache, jobs=1)
    assert_same_frames(again, fresh)
    assert len(again.notes) == 1 and "assembled corpus copy" in again.notes[0] and "is damaged" in again.notes[0]
    assert "assembled again from the shards" in capsys.readouterr().err
    assert again.stats["annotated"] == 0  # the shards were sound: nothing annotated again
    assert len(list((cache / QUARANTINE).iterdir())) == 1
    clean = analysis.load_corpus(path, cache=cache, jobs=1)  # kept again, whole
    assert clean.notes == [] and len(copies(cache)) == 1
    assert_same_frames(clean, fresh)


@pytest.mark.parametrize(
    "column",
    [
        [1, "two"],  # mixed types: Arrow refuses them
        [["a", "b"], ["c"]],  # lists: they read back as arrays, not equal to what was written
    ],
)
def test_a_frame_parquet_cannot_hold_exactly_keeps_no_copy(tmp_path, column):
    store = ShardCache(tmp_path / "cache")
    frames = {"documents": pd.DataFrame({"doc_id": ["a1", "b1"], "extra": column})}
    assert store.write_corpus("d" * 32, frames) is False
    assert copies(tmp_path / "cache") == [] and store.read_corpus("d" * 32) is None
    assert store.write_corpus("e" * 32, {"documents": frames["documents"][["doc_id"]]}) is True
    pd.testing.assert_frame_equal(store.read_corpus("e" * 32)["documents"], frames["documents"][["doc_id"]])


def test_the_seed_corpus_reads_back_from_its_copy_as_assembled(tmp_path):
    fresh = analysis.load_corpus(None, cache=False)
    analysis.load_corpus(None, cache=tmp_path / "cache")
    warm = analysis.load_corpus(None, cache=tmp_path / "cache")
    assert warm.stats["annotate_s"] == 0.0 and len(copies(tmp_path / "cache")) == 1
    assert_same_frames(warm, fresh)


def test_a_long_frame_is_checked_with_its_columns_types(tmp_path):
    store = ShardCache(tmp_path / "cache")
    n = 6_000  # longer than the rows read back
    plain = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "start": range(n), "score": [i / 7 for i in range(n)]})
    assert store.write_corpus("a" * 32, {"sentences": plain}) is True
    pd.testing.assert_frame_equal(store.read_corpus("a" * 32)["sentences"], plain, check_exact=True)
    seconds = plain.assign(published=pd.Series(pd.NaT, index=plain.index).astype("datetime64[s]"))
    assert store.write_corpus("b" * 32, {"documents": seconds}) is False  # Parquet gives milliseconds back
