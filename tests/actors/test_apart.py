"""The finding pass in a process of its own: same found data, errors raised again, no main guard needed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.actors import _apart, overrides
from analysis.documents import Document
from analysis.pipeline.local import PARALLEL_MIN_DOCS

TEXT = "Harbour master Ilse Tormund closed the quay on Friday. Tormund said the storm would pass ({})."


def docs(n: int) -> list[Document]:
    return [Document(doc_id=f"h{i}", outlet="Courier", text=TEXT.format(i)) for i in range(n)]


def test_the_process_apart_finds_what_this_process_finds(tmp_path):
    corpus = docs(PARALLEL_MIN_DOCS + 3)
    here = overrides.observed_found_data(corpus, None, 1)
    assert _apart.found_apart(corpus, None, 2) == here
    assert _apart.found_apart(corpus, tmp_path, 1) == here
    assert len(list(tmp_path.glob("observed-*.jsonl"))) == 1  # the child kept the observations


def test_a_text_held_twice_is_sent_once_and_both_documents_get_it():
    one = Document(doc_id="a", outlet="Courier", text="Ilse Tormund spoke.")
    two = Document(doc_id="b", outlet="Courier", text="Ilse Tormund spoke.")
    sent = _apart.payload([one, two], None)
    assert sent["texts"] == ["Ilse Tormund spoke."]
    got = _apart.documents(sent)
    assert [d.doc_id for d in got] == ["a", "b"] and got[0].text is got[1].text


def test_an_error_in_the_process_apart_is_raised_here_with_its_type(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError) as caught:
        _apart.found_apart(docs(3), blocker / "found", 1)
    assert any("in the finding process" in note for note in caught.value.__notes__)


def test_a_process_that_dies_without_an_answer_is_an_error(monkeypatch):
    monkeypatch.setattr(_apart.sys, "executable", "/bin/false")
    with pytest.raises(RuntimeError, match="exit code 1"):
        _apart.found_apart(docs(2), None, 1)


def test_a_script_without_a_main_guard_can_load_a_big_corpus(tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from analysis.actors import overrides\n"
        "from analysis.documents import Document\n"
        "overrides.APART_MIN_DOCS = 4\n"
        f"docs = [Document(doc_id=f'h{{i}}', outlet='Courier', text={TEXT!r}.format(i)) for i in range(20)]\n"
        "print('Ilse Tormund' in overrides.found_for(docs, None, jobs=2))\n",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(_apart.PACKAGE_ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
