"""Tokenisation, stopwords, bigrams, offsets and the name flag, on short invented texts."""

from __future__ import annotations

import numpy as np

from analysis.language import STOPWORDS, text_terms
from analysis.language._terms import index_terms, name_flags, overlaps_spans


def terms(text: str) -> list[str]:
    return [t for t, _, _ in text_terms(text)]


def test_lowercase_unigrams_and_bigrams_with_offsets():
    text = "Rising tariffs hurt farmers."
    assert text_terms(text) == [
        ("rising", 0, 6),
        ("rising tariffs", 0, 14),
        ("tariffs", 7, 14),
        ("tariffs hurt", 7, 19),
        ("hurt", 15, 19),
        ("hurt farmers", 15, 27),
        ("farmers", 20, 27),
    ]
    for term, s, e in text_terms(text):
        assert text[s:e].lower() == term


def test_stopwords_dropped_alone_and_at_bigram_edges():
    assert {"the", "of", "on", "was"} <= STOPWORDS
    assert terms("The mayor of the town was on leave") == ["mayor", "town", "leave"]


def test_numbers_and_punctuation_dropped_and_break_bigrams():
    got = terms("In 2024, G7 leaders met; 19-year-old fans cheered!")
    assert got == ["leaders", "leaders met", "met", "fans", "fans cheered", "cheered"]
    assert terms("tariffs, wages") == ["tariffs", "wages"]
    assert terms("covid-19 cases") == ["covid", "cases"]  # the dropped number breaks the pair


def test_inner_apostrophes_hyphens_possessives_and_curly_quotes():
    got = terms("well-known rock\u2019n\u2019roll")
    assert got == ["well-known", "well-known rock'n'roll", "rock'n'roll"]
    assert text_terms("Okafor's plan") == [("okafor", 0, 6), ("plan", 9, 13)]  # no "okafor plan"
    assert terms("They don\u2019t know") == ["know"]


def test_no_bigram_across_sentences():
    ix = index_terms(["Prices rose", "Wages fell"])
    got = sorted(ix.vocab[ix.term].tolist())
    assert got == ["fell", "prices", "prices rose", "rose", "wages", "wages fell"]
    assert ix.row.tolist() == [0, 0, 1, 1, 0, 1]


def test_name_flag_from_mid_sentence_capitals():
    ix = index_terms(
        [
            "Officials met Okafor on Monday.",  # Okafor: capital mid-sentence
            "Reporters asked Okafor again.",
            "Okafor declined.",  # sentence-initial: does not vote
            "The okafor variety grows here.",  # lowercase mid-sentence
        ]
    )
    flag = dict(zip(ix.vocab.tolist(), name_flags(ix).tolist(), strict=True))
    assert flag["okafor"] is True  # 2 of 3 mid-sentence uses capitalised
    assert flag["officials"] is False  # only sentence-initial
    assert flag["monday"] is False  # calendar words are not names
    assert flag["reporters asked"] is False


def test_name_flag_from_mention_spans():
    ix = index_terms(["The river board met", "The river flooded"])
    # a mention covering "river board" in sentence 0 and "river" in sentence 1 (same key per row here)
    hit = overlaps_spans(ix.row, ix.start, ix.end, np.array([0, 1]), np.array([4, 4]), np.array([15, 9]))
    flag = dict(zip(ix.vocab.tolist(), name_flags(ix, hit).tolist(), strict=True))
    assert flag["river"] is True and flag["river board"] is True
    assert flag["flooded"] is False and flag["met"] is False


def test_overlaps_spans_is_per_key_and_half_open():
    keys, starts, ends = np.array([0, 0, 1, 1]), np.array([0, 10, 0, 5]), np.array([5, 12, 5, 9])
    spans = np.array([0, 1, 1]), np.array([5, 1, 20]), np.array([11, 3, 30])
    got = overlaps_spans(keys, starts, ends, *spans)
    assert got.tolist() == [False, True, True, False]
    none = np.array([], dtype=np.int64)
    assert overlaps_spans(keys, starts, ends, none, none, none).tolist() == [False] * 4


def test_reading_in_chunks_changes_nothing(monkeypatch):
    import analysis.language._terms as terms_module

    texts = ["Rising tariffs hurt farmers.", "", "Okafor's plan, well-known", "Wages fell again"] * 3
    whole = index_terms(texts)
    monkeypatch.setattr(terms_module, "CHUNK_CHARS", 10)
    chunked = index_terms(texts)
    for a, b in zip(whole, chunked, strict=True):
        assert a.tolist() == b.tolist()


def test_no_tokens_at_all():
    ix = index_terms(["2024 - 17", ""])
    assert len(ix.term) == 0 and len(ix.vocab) == 0
    assert index_terms([]).term.tolist() == []
