"""A damaged cache shard is never served: it is detected, quarantined and annotated again (issue 15)."""

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
