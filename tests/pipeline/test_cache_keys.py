"""Cache keys: each stage's rows are keyed by the code found from its imports, not by a list."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pyarrow.parquet as pq
import pytest

import analysis
from analysis import config
from analysis.documents import Document
from analysis.pipeline import _codehash, annotate

STAGE_USERS = {"actors": {"sources", "timeline"}}  # they read the actors stage's mentions (READS)
UNCACHED_VERSIONS = annotate._code_versions.__wrapped__  # reads the files on each call
DOC = Document(doc_id="d1", outlet="Harbour Times", text='"We sail at dawn," the captain said on Monday.')


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """A copy of the ``analysis`` folder whose files a test may edit."""
    pkg = tmp_path_factory.mktemp("src") / "analysis"
    shutil.copytree(config.PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return pkg


@pytest.fixture(scope="module")
def ref():
    return annotate.Reference.load()


@contextmanager
def edited(path):
    """``path`` with a comment appended, restored afterwards."""
    original = path.read_bytes()
    path.write_bytes(original + b"\n# edited\n")
    try:
        yield path
    finally:
        path.write_bytes(original)


def _keys_with(monkeypatch, package_dir, ref) -> dict[str, str]:
    monkeypatch.setattr(annotate, "code_versions", lambda: UNCACHED_VERSIONS(package_dir, annotate.STAGES))
    return annotate.stage_keys(DOC, ref)


def test_the_files_of_a_stage_are_found_from_its_imports():
    files, libraries = _codehash.module_files("analysis.timeline.stage", config.PACKAGE_DIR)
    names = {str(p.relative_to(config.PACKAGE_DIR)) for p in files}
    assert {"timeline/stage.py", "timeline/_expressions.py", "timeline/_resolution.py", "timeline/charts.py"} <= names
    assert "text.py" in names  # a shared module the stage imports
    assert not any(n.startswith(("sources/", "sentiment/", "report/")) for n in names)
    assert "dateparser" in libraries and "os" not in libraries


@pytest.mark.parametrize("stage", annotate.STAGES)
def test_editing_any_file_of_a_stage_invalidates_that_stage_only(stage, package_copy, monkeypatch, ref):
    before = _keys_with(monkeypatch, package_copy, ref)
    for path in sorted((package_copy / stage).glob("*.py")):
        with edited(path):
            after = _keys_with(monkeypatch, package_copy, ref)
        changed = {name for name in after if after[name] != before[name]}
        assert changed == {stage} | STAGE_USERS.get(stage, set()), path.name


def test_editing_a_shared_module_invalidates_every_stage(package_copy, monkeypatch, ref):
    before = _keys_with(monkeypatch, package_copy, ref)
    with edited(package_copy / "text.py"):
        after = _keys_with(monkeypatch, package_copy, ref)
    assert all(after[name] != before[name] for name in before)


def test_a_changed_stage_is_reannotated_and_the_others_served_from_cache(tmp_path, package_copy, monkeypatch):
    cache = tmp_path / "cache"
    first = analysis.load_corpus(cache=cache)
    with edited(package_copy / "sentiment" / "tables.py"):
        monkeypatch.setattr(annotate, "code_versions", lambda: UNCACHED_VERSIONS(package_copy, annotate.STAGES))
        again = analysis.load_corpus(cache=cache)
    assert again.stats["annotated"] == 5
    newest = max((cache / "shards").iterdir(), key=lambda p: p.stat().st_mtime)
    assert pq.read_table(newest / "keys.parquet").num_rows == 5  # one new key per document: sentiment's
    written = {f.stem: pq.read_metadata(f).num_rows for f in newest.glob("*.parquet") if f.stem != "keys"}
    assert written["sentences.sentiment"] == len(first.sentences)
    assert {n for n, rows in written.items() if rows} == {"sentences.sentiment"}
    for name in first.frames:
        if name != "documents":
            assert again.frames[name].equals(first.frames[name]), name
