"""The corpus reader, the loader's frames, bad input, and the annotation cache."""

from __future__ import annotations

import json
import multiprocessing as mp
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SEED_DIR, SHARED

import analysis
from analysis.documents import CorpusError, decode_bytes, read_documents

SEED_MANIFEST = SEED_DIR / "manifest.csv"


def copy_seeds(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(SEED_DIR, dest)
    return dest


def write_manifest(folder: Path, rows: list[str]) -> None:
    header = "doc_id,file,outlet,title,published\n"
    (folder / "manifest.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")


# --- the embedded corpus -------------------------------------------------------------


def test_seed_documents(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert len(docs) == 5
    assert docs.loc["003_9c0ad20c70d1b311", "outlet"] == "NPR"
    assert docs.loc["004_42c640b55f535b62", "published"] == pd.Timestamp("2026-02-24")
    assert docs.loc["002_fa55d91c84da661e", "title"].startswith("Anthropic Defies Pentagon")
    assert set(docs["date_basis"]) == {"stated", "inferred"}
    assert str(docs["published"].dtype).startswith("datetime64")
    assert docs["words"].between(400, 1300).all()


def test_seed_text_is_the_raw_file(seeds):
    for row in seeds.documents.itertuples():
        raw = (SEED_DIR / f"{row.doc_id}.txt").read_text(encoding="utf-8")
        assert row.text == raw


def test_seed_files_are_verbatim_copies():
    shared = SHARED / "corpus"
    if not shared.is_dir():
        pytest.skip(f"{shared} not present: cannot compare with the shared seed articles")
    for f in shared.glob("*.txt"):
        assert (SEED_DIR / f.name).read_bytes() == f.read_bytes()


def test_frames_and_dtypes(seeds):
    for name in ("documents", "paragraphs", "sentences"):
        assert not getattr(seeds, name).empty
    s = seeds.sentences
    assert list(s.columns[:7]) == ["doc_id", "sent_id", "para_id", "start", "end", "text", "is_furniture"]
    assert s.groupby("doc_id")["sent_id"].apply(lambda x: list(x) == list(range(len(x)))).all()
    assert s["is_furniture"].dtype == bool


def test_filter_by_outlet_and_date(seeds):
    nbc = seeds.filter(outlets=["NBC News"])
    assert set(nbc.documents["outlet"]) == {"NBC News"}
    assert set(nbc.sentences["doc_id"]) == {"000_8fbafad317a1b6c1"}
    late = seeds.filter(date_from="2026-02-25", date_to="2026-02-25")
    assert sorted(late.documents["outlet"]) == ["Cybersecurity news site (unnamed)", "TechSpot"]
    with pytest.raises(ValueError, match="unknown outlet"):
        seeds.filter(outlets=["Fox"])


def test_table_corpus_csv_and_jsonl(tmp_path):
    rows = [
        {
            "doc_id": "a",
            "outlet": "X",
            "published": "2026-01-05",
            "title": "T",
            "text": "Hegseth met Amodei on Tuesday. The U.S. Army said nothing.",
        },
        {"doc_id": "b", "outlet": "Y", "published": "", "title": "", "text": "No date here."},
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    with open(tmp_path / "c.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet")
    for name in ("c.csv", "c.jsonl", "c.parquet"):
        c = analysis.load_corpus(tmp_path / name, cache=tmp_path / "cache")
        assert list(c.documents["doc_id"]) == ["a", "b"]
        assert pd.isna(c.documents.set_index("doc_id").loc["b", "published"])
        assert len(c.sentences[c.sentences["doc_id"] == "a"]) == 2


# --- bad input -----------------------------------------------------------------------


def test_missing_path():
    with pytest.raises(CorpusError, match="no such file or folder"):
        read_documents("/nonexistent/corpus")


def test_missing_manifest(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    with pytest.raises(CorpusError, match="manifest not found"):
        read_documents(tmp_path)


def test_missing_file_and_unlisted_file(tmp_path):
    folder = copy_seeds(tmp_path)
    (folder / "004_42c640b55f535b62.txt").unlink()
    (folder / "extra.txt").write_text("An article nobody listed.", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        read_documents(folder)
    msg = str(err.value)
    assert "'004_42c640b55f535b62.txt' not found" in msg
    assert "extra.txt: text file has no manifest row" in msg


def test_manifest_path_leaving_the_folder(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    write_manifest(folder, ["a,../secret.txt,X,,2026-01-01", "b,../../../../etc/passwd,X,,"])
    with pytest.raises(CorpusError) as err:
        read_documents(folder)
    assert "'../secret.txt' leaves the corpus folder" in str(err.value)
    assert "'../../../../etc/passwd' leaves the corpus folder" in str(err.value)


def test_duplicate_doc_id_bad_date_empty_text(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in {"a.txt": "One.", "b.txt": "Two.", "c.txt": "  \n", "d.txt": "Four."}.items():
        (folder / name).write_text(text, encoding="utf-8")
    write_manifest(folder, ["a,a.txt,X,,2026-01-01", "a,b.txt,X,,2026-01-02", "c,c.txt,X,,", "d,d.txt,X,,last Tuesday"])
    with pytest.raises(CorpusError) as err:
        read_documents(folder)
    msg = str(err.value)
    assert "duplicate doc_id 'a'" in msg
    assert "(c.txt): empty text" in msg
    assert "unparseable published date 'last Tuesday'" in msg
    assert "4 problem(s)" not in msg and "3 problem(s)" in msg


def test_binary_file(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write_manifest(folder, ["a,a.txt,X,,"])
    with pytest.raises(CorpusError, match="a.txt: binary file"):
        read_documents(folder)


def test_broken_manifest(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "manifest.csv").write_text("doc_id,outlet\nx,y\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing column"):
        read_documents(folder)


def test_non_utf8_bytes_fall_back_with_a_note(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_bytes("Caf\xe9 society \x96 a report.".encode("latin-1"))
    write_manifest(folder, ["a,a.txt,X,,"])
    doc = read_documents(folder)[0]
    assert doc.text == "Café society – a report."
    assert doc.encoding.startswith("cp1252 (fallback: invalid UTF-8 at byte 3")


def test_bbc_latin1_byte_does_not_crash():
    path = SHARED / "data" / "bbc" / "sport" / "199.txt"
    if not path.is_file():
        pytest.skip(f"{path} not present (BBC set absent)")
    text, note = decode_bytes(path.read_bytes())
    assert note.startswith("cp1252 (fallback") and text


def test_validate_cli(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "analysis", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "OK, 5 document(s)" in ok.stdout
    folder = copy_seeds(tmp_path)
    (folder / "manifest.csv").write_text(
        SEED_MANIFEST.read_text(encoding="utf-8").replace("2026-02-26", "26/02/2026?"), encoding="utf-8"
    )
    bad = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(folder)], capture_output=True, text=True, cwd=ROOT
    )
    assert bad.returncode == 1
    assert "manifest.csv:5 (003_9c0ad20c70d1b311.txt): unparseable published date '26/02/2026?'" in bad.stderr


# --- cache ---------------------------------------------------------------------------


def test_cache_hit_miss_and_edit(tmp_path):
    folder = copy_seeds(tmp_path)
    cache = tmp_path / "cache"
    cold = analysis.load_corpus(folder, cache=cache)
    assert cold.stats["annotated"] == 5
    warm = analysis.load_corpus(folder, cache=cache)
    assert warm.stats["annotated"] == 0 and warm.stats["cached"] == 5
    for name in cold.frames:
        pd.testing.assert_frame_equal(cold.frames[name], warm.frames[name])
    path = folder / "001_a89c88756b1cc340.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph was added.\n", encoding="utf-8")
    edited = analysis.load_corpus(folder, cache=cache)
    assert edited.stats["annotated"] == 1
    assert edited.sentences["text"].str.contains("A new paragraph was added.").sum() == 1


def test_changed_reference_file_invalidates(tmp_path):
    from analysis import pipeline

    keys = [k for k, v in pipeline.DEFAULT_REFERENCE.items() if k in {m.REFERENCE for m in pipeline.stage_modules()}]
    if not keys:
        pytest.skip("no stage uses a reference file yet")
    cache = tmp_path / "cache"
    analysis.load_corpus(cache=cache)
    key = keys[0]
    changed = tmp_path / pipeline.DEFAULT_REFERENCE[key].name
    changed.write_text(pipeline.DEFAULT_REFERENCE[key].read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = analysis.load_corpus(cache=cache, **{key: changed})
    assert again.stats["annotated"] == 5


def test_no_cache(tmp_path):
    c = analysis.load_corpus(cache=False)
    assert c.stats["annotated"] == 5 and len(c.sentences) > 100


def _load_in_process(cache: str, out: mp.Queue) -> None:
    c = analysis.load_corpus(cache=cache)
    out.put(len(c.sentences))


def test_concurrent_loads_share_the_cache(tmp_path):
    cache = str(tmp_path / "cache")
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    procs = [ctx.Process(target=_load_in_process, args=(cache, q)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    counts = [q.get(timeout=5) for _ in procs]
    assert all(p.exitcode == 0 for p in procs)
    assert len(set(counts)) == 1
    shards = list((tmp_path / "cache" / "shards").iterdir())
    assert not [p for p in shards if p.name.startswith(".")], "a temporary shard was left behind"
    warm = analysis.load_corpus(cache=cache)
    assert warm.stats["annotated"] == 0 and len(warm.sentences) == counts[0]


def test_parallel_annotation_equals_serial(tmp_path):
    from analysis import pipeline
    from analysis.documents import Document

    base = read_documents()
    docs = [
        Document(doc_id=f"{d.doc_id}-{i}", outlet=d.outlet, text=d.text, title=d.title, published=d.published)
        for i in range(4)
        for d in base
    ]
    ref = pipeline.Reference.load()
    serial = pipeline.run_local(docs, ref, jobs=1)
    parallel = pipeline.run_local(docs, ref, jobs=2)
    for name in serial:
        pd.testing.assert_frame_equal(serial[name], parallel[name])
