"""The faster VADER gives NLTK's scores exactly: literal edge cases, the BBC set, Hutto & Gilbert."""

from __future__ import annotations

import pytest
from conftest import ROOT, SHARED

from analysis.sentiment import stage as sentiment
from analysis.text import segment

GROUND_TRUTH = SHARED / "data" / "vader_ground_truth"
BBC = SHARED / "data" / "bbc"
EDGE_CASES = [
    "The deal is good.",
    "The deal is GOOD, but the timing is terrible!!!",
    '"Great," he said... (not really).',
    "It was kind of a disaster, and sort of funny?!?",
    "Never so happy :) and never this sad :(",
    "At least it wasn't the worst; at least not the very least bad.",
    "!!!wow!!! ??? ,good, 'fine' \"awful\" --terrible-- ok.",
    "Don't stop. It isn't bad. NOT BAD AT ALL.",
    "The cut was the kiss of death for the yeah right plan.",
    "",
    "a",
    "!!",
    "good good good good good good but bad bad",
]


def nltk_scores(texts):
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    an = SentimentIntensityAnalyzer()
    return [an.polarity_scores(t) for t in texts]


def fast_scores(texts):
    an = sentiment.analyzer()
    return [an.polarity_scores(t) for t in texts]


def assert_same(texts):
    for text, want, got in zip(texts, nltk_scores(texts), fast_scores(texts)):
        assert want.keys() == got.keys(), text
        for k in want:
            assert abs(want[k] - got[k]) <= 1e-9, (text, k, want[k], got[k])


def test_the_stage_uses_the_linear_analyzer():
    assert type(sentiment.analyzer()).__name__ == "FastSentimentIntensityAnalyzer"


def test_edge_cases_score_as_nltk():
    assert_same(EDGE_CASES)


def test_overrides_apply_to_the_fast_analyzer_too():
    plain = sentiment.score("The war was a disaster.")["compound"]
    neutral_war = sentiment.score("The war was a disaster.", {"war": "neutral"})["compound"]
    assert plain < neutral_war < 0


@pytest.mark.slow
def test_hutto_gilbert_sets_score_as_nltk():
    if not GROUND_TRUTH.is_dir():
        pytest.skip(f"VADER ground truth not found at {GROUND_TRUTH}")
    import importlib.util

    spec = importlib.util.spec_from_file_location("vader_table", ROOT / "benchmarks" / "vader_table.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for file, _, _ in mod.SETS.values():
        texts, _ = mod.read_ground_truth(GROUND_TRUTH / file)
        assert_same(texts)


@pytest.mark.slow
def test_every_bbc_sentence_scores_as_nltk():
    if not (BBC / "tech").is_dir():
        pytest.skip(f"BBC set not found at {BBC}")
    texts = []
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        texts += segment(path.stem, text)["sentences"]["text"].tolist()
    assert len(texts) > 40_000
    assert_same(texts)
