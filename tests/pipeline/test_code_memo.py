"""A warm load: the code versions kept in the cache folder, and no rule module, NLTK or datasketch imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from analysis.pipeline import _codehash


def test_kept_versions_are_read_back_while_the_signature_holds(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"sources": "abc"}

    assert _codehash.remembered(tmp_path, "sig-1", compute) == {"sources": "abc"}
    assert _codehash.remembered(tmp_path, "sig-1", lambda: {"sources": "other"}) == {"sources": "abc"}
    assert len(calls) == 1


def test_another_signature_computes_again_and_replaces_the_file(tmp_path):
    _codehash.remembered(tmp_path, "sig-1", lambda: {"sources": "abc"})
    assert _codehash.remembered(tmp_path, "sig-2", lambda: {"sources": "new"}) == {"sources": "new"}
    assert json.loads((tmp_path / _codehash.MEMO_FILE).read_text())["signature"] == "sig-2"


def test_a_damaged_or_edited_file_is_never_trusted(tmp_path):
    _codehash.remembered(tmp_path, "sig-1", lambda: {"sources": "abc"})
    memo = tmp_path / _codehash.MEMO_FILE
    data = json.loads(memo.read_text())
    data["versions"]["sources"] = "old"  # valid JSON, wrong content: the checksum no longer fits
    memo.write_text(json.dumps(data))
    assert _codehash.remembered(tmp_path, "sig-1", lambda: {"sources": "abc"}) == {"sources": "abc"}
    memo.write_text('{"signature": "sig-1", "vers')  # cut short
    assert _codehash.remembered(tmp_path, "sig-1", lambda: {"sources": "xyz"}) == {"sources": "xyz"}


def test_no_folder_keeps_nothing(tmp_path):
    assert _codehash.remembered(None, "sig-1", lambda: {"a": "1"}) == {"a": "1"}
    assert not list(tmp_path.iterdir())


def test_the_signature_changes_when_a_file_is_edited(tmp_path):
    pkg = tmp_path / "analysis"
    pkg.mkdir()
    (pkg / "stage.py").write_text("X = 1\n")
    first = _codehash.stat_signature(pkg, "lexicon")
    assert _codehash.stat_signature(pkg, "lexicon") == first
    (pkg / "stage.py").write_text("X = 22\n")
    assert _codehash.stat_signature(pkg, "lexicon") != first
    assert _codehash.stat_signature(pkg, "another lexicon") != _codehash.stat_signature(pkg, "lexicon")


WARM = textwrap.dedent(
    """
    import sys
    import analysis

    corpus = analysis.load_corpus(cache=sys.argv[1], jobs=1, progress=False)
    heavy = ("analysis.sources._grammar", "analysis.sources._attribute", "nltk", "datasketch", "scipy")
    print(corpus.stats["annotated"], len(corpus.quotes), *[m for m in heavy if m in sys.modules])
    """
)


def _load(cache) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, "-c", WARM, str(cache)], capture_output=True, text=True, env=env, check=True)
    return out.stdout.split()


def test_a_warm_load_imports_no_rules_nltk_or_datasketch(tmp_path):
    cold = _load(tmp_path / "cache")
    assert cold[0] == "5" and "nltk" in cold  # the seeds annotated: the rules and Punkt were needed
    warm = _load(tmp_path / "cache")
    assert warm == ["0", cold[1]]  # nothing annotated, the same quotes, nothing heavy imported
    assert (tmp_path / "cache" / _codehash.MEMO_FILE).is_file()
