"""The over-time tables on a small invented corpus spanning three months."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis

TEXTS = {
    "a": 'Hegseth met Amodei in Washington. "We made progress," Hegseth said.',
    "b": "Amodei said the talks were a failure. A senior official said the deal was dead.",
    "c": "Hegseth spoke again. Officials said nothing, and two officials who asked not to be named said it was over.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("over-time")
    rows = [
        {"doc_id": "a", "outlet": "One", "published": "2026-01-05", "title": "A", "text": TEXTS["a"]},
        {"doc_id": "b", "outlet": "Two", "published": "2026-02-10", "title": "B", "text": TEXTS["b"]},
        {"doc_id": "c", "outlet": "One", "published": "2026-03-20", "title": "C", "text": TEXTS["c"]},
        {"doc_id": "d", "outlet": "Two", "published": "", "title": "D", "text": "Undated text, said nobody."},
    ]
    pd.DataFrame(rows).to_csv(folder / "c.csv", index=False)
    # The seed story's actors file: these texts name "Hegseth" only, which found actors leave a bare surname.
    actors = analysis.config.default_reference()["actors"]
    return analysis.load_corpus(folder / "c.csv", actors=actors, cache=folder / "cache")


def test_coverage_counts_articles_per_outlet_and_month_without_the_undated(corpus):
    table = analysis.overview.tables.coverage_over_time(corpus, freq="month")
    assert table["freq"].unique().tolist() == ["month"]
    got = [(f"{p:%Y-%m}", o, a) for p, o, a in zip(table["period"], table["outlet"], table["articles"])]
    assert got == [("2026-01", "One", 1), ("2026-02", "Two", 1), ("2026-03", "One", 1)]
    assert table["example"].tolist() == ["A", "B", "C"]


def test_attention_is_mentions_per_1000_words_per_period(corpus):
    table = analysis.actors.tables.attention_over_time(corpus, top_n=2)
    hegseth = table[table["actor"] == "Pete Hegseth"].set_index(
        table["period"].dt.month[table["actor"] == "Pete Hegseth"]
    )
    assert hegseth["mentions"].tolist() == [2, 0, 1]
    words = hegseth.loc[1, "words"]
    assert hegseth.loc[1, "per_1000"] == round(2000 / words, 2)


def test_tone_per_outlet_and_period_has_no_interval_under_five_sentences(corpus):
    table = analysis.sentiment.tables.tone_over_time(corpus)
    assert len(table) == 3 and not table["enough"].any() and table["ci_low"].isna().all()


def test_sourcing_counts_anonymous_attributions_per_period(corpus):
    table = analysis.sources.tables.sourcing_over_time(corpus)
    anon = table[table["speaker_type"] == "anonymous"].set_index("period")["attributions"]
    assert anon.sum() >= 2 and anon.iloc[0] == 0


def test_a_charts_too_short_corpus_says_so(corpus):
    short = corpus.filter(date_from="2026-01-01", date_to="2026-01-31")
    fig = analysis.overview.charts.coverage_over_time(short)
    assert "No trend drawn" in fig.layout.annotations[0].text
