"""The found pass reads each distinct run once: memoised stripping gives the same names."""

from __future__ import annotations

from analysis.actors import merge
from analysis.actors.found import observe

TEXT = (
    "Senator Mara Quell spoke in Dunmore on Monday. Sen. Quell said the plan was late. "
    "Later, Sen. Quell met Governor Ilse Varno. Governor Ilse Varno said little."
)


def test_strip_matches_the_plain_function_and_runs_once(monkeypatch) -> None:
    docs = [observe(TEXT)]
    f = merge._Found(docs)
    run = next(r for r in docs[0].runs if "Quell" in r.words and len(r.words) == 2)
    expected = merge._strip(run.words, f.namelike, run.initial, f.common)
    assert f.strip(run.words, run.initial) == (expected[0], tuple(expected[1]))
    calls = []
    monkeypatch.setattr(merge, "_strip", lambda *a, **k: calls.append(a) or ((), []))
    assert f.strip(run.words, run.initial) == (expected[0], tuple(expected[1]))
    assert calls == []


def test_found_data_is_the_same_for_repeated_documents() -> None:
    once = merge.found_data([observe(TEXT)])
    names = {k for k in once if k != "not_actors"}
    assert {"Mara Quell", "Ilse Varno"} <= names
    twice = merge.found_data([observe(TEXT), observe(TEXT)])
    assert {k for k in twice if k != "not_actors"} == names
