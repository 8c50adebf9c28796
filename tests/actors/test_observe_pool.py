"""The observe pass of the found actors: observations kept line by line, and its readers gone before the merge."""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter

from analysis.actors import merge, overrides
from analysis.actors.found import WordCounts, names_to_json, observe, runs_from_json
from analysis.documents import Document
from analysis.pipeline.local import PARALLEL_MIN_DOCS

TEXT = "Officials said on Monday that Orla Venmarck, the mayor, would speak. Venmarck said talks went well ({})."


def docs(n: int) -> list[Document]:
    return [Document(doc_id=f"d{i}", outlet="Gazette", text=TEXT.format(i)) for i in range(n)]


def test_observations_are_written_per_document_and_the_readers_shut_down(tmp_path):
    corpus = docs(PARALLEL_MIN_DOCS + 2)
    got, _ = overrides._observed(corpus, tmp_path, jobs=2)
    assert multiprocessing.active_children() == []  # the pool is shut down when the pass returns
    assert [g.runs for g in got] == [observe(d.text).runs for d in corpus]
    (file,) = tmp_path.glob("observed-*.jsonl")
    lines = file.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == [d.content_hash for d in corpus]
    assert not list(tmp_path.glob("*.tmp"))


def test_kept_observations_are_reused_and_only_an_edited_text_is_read_again(tmp_path, monkeypatch):
    corpus = docs(PARALLEL_MIN_DOCS + 2)
    overrides._observed(corpus, tmp_path, jobs=1)
    last = Document(doc_id=corpus[-1].doc_id, outlet="Gazette", text="Lena Quist spoke.")
    edited = [*corpus[:-1], last]
    read = []
    monkeypatch.setattr(overrides, "_observe_json", lambda text: read.append(text) or names_to_json(observe(text)))
    got, _ = overrides._observed(edited, tmp_path, jobs=1)
    assert read == ["Lena Quist spoke."]
    assert got[-1].runs == observe("Lena Quist spoke.").runs and got[0].runs == observe(corpus[0].text).runs
    (file,) = tmp_path.glob("observed-*.jsonl")
    assert len(file.read_text(encoding="utf-8").splitlines()) == len(edited)


def test_without_a_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got, _ = overrides._observed(docs(3), None, jobs=1)
    assert len(got) == 3 and list(tmp_path.iterdir()) == []


def test_a_finding_child_with_early_readers_finds_what_one_process_finds(monkeypatch):
    corpus = docs(PARALLEL_MIN_DOCS + 4)
    alone = overrides.found_for(corpus, None, jobs=1)
    monkeypatch.setattr(overrides, "APART_MIN_DOCS", 4)  # the child path, with its readers forked first
    assert overrides.found_for(corpus, None, jobs=2) == alone
    assert "Orla Venmarck" in alone and multiprocessing.active_children() == []
    assert overrides._READERS is None


def test_the_pass_holds_runs_and_sums_the_word_counts_of_every_document(tmp_path):
    corpus = [*docs(3), docs(1)[0]]  # the first text twice: its counts count twice
    whole = [observe(d.text) for d in corpus]
    for folder in (None, tmp_path, tmp_path):  # nothing kept, then written, then read back
        got, counts = overrides._observed(corpus, folder, jobs=1)
        assert [g.runs for g in got] == [w.runs for w in whole]
        assert all(not g.midcap and not g.lower for g in got)
        assert counts.midcap == sum((w.midcap for w in whole), Counter())
        assert counts.lower == sum((w.lower for w in whole), Counter())
        assert counts.lower["officials"] == 0 and counts.lower["said"] == 8
        assert merge.found_data(got, counts) == merge.found_data(whole)


def test_two_documents_naming_one_person_share_its_strings():
    totals = WordCounts()
    a, b = (runs_from_json(json.loads(json.dumps(names_to_json(observe(d.text)))), totals) for d in docs(2))
    assert a.runs[1].words == ("Orla", "Venmarck") and a.runs[1].words[0] is b.runs[1].words[0]
    assert totals.midcap["Venmarck"] == 2
