"""Sentence splitting and paragraph classification on literal seed text."""

from __future__ import annotations

import pytest

from analysis.text import sentence_spans, split_paragraphs, split_sentences, word_count


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "first_ends"),
    [
        pytest.param(
            "As part of those negotiations, the officials discussed how Anthropic’s systems might be used "
            "if an adversary launched an intercontinental ballistic missile at the U.S. According to the "
            "Pentagon source, the officials discussed whether Anthropic’s guardrails might somehow block a "
            "U.S. response to the launch.",
            "missile at the U.S.",
            id="U.S. at a sentence end",
        ),
        pytest.param(
            "According to reports, Hegseth has given Amodei until 5:01 p.m. on Friday to reach an agreement. "
            "A senior Pentagon official said Anthropic had until 5:00 p.m. on February 27 to respond.",
            "until 5:01 p.m. on Friday to reach an agreement.",
            id="p.m. and a time",
        ),
        pytest.param(
            '"They have until 5:01 PM ET on Friday to decide. Otherwise, we will terminate our partnership."',
            "on Friday to decide.",
            id="PM ET",
        ),
        pytest.param(
            "Hegseth sent a memo to senior Pentagon officers Jan. 9 announcing the Pentagon’s drive toward an "
            "“AI-first warfighting force.” He outlined a push to use AI models.",
            "warfighting force.”",
            id="month abbreviation",
        ),
    ],
)
def test_two_sentences_break_after_the_first(text, first_ends):
    got = sentences(text)
    assert len(got) == 2
    assert got[0].endswith(first_ends)
    assert got[0] + " " + got[1] == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "In December, the company agreed to allow the U.S. government to use its AI systems "
            "for missile and cyber defense purposes, a person familiar with the matter said.",
            id="U.S. mid-sentence",
        ),
        pytest.param(
            "The meeting between Anthropic CEO Dario Amodei and U.S. Defense Secretary Pete Hegseth was "
            "scheduled to hash out a months-long dispute.",
            id="U.S. before a title",
        ),
        *(
            pytest.param(f"The plan was backed by {abbr} Smith, who spoke on Tuesday.", id=abbr)
            for abbr in ["Gen.", "Sen.", "Dr.", "Lt. Col."]
        ),
        pytest.param("The act was signed by Harry S. Truman in 1950, the lawyer said.", id="initials"),
    ],
)
def test_abbreviations_do_not_break(text):
    assert sentences(text) == [text]


def test_closing_quotes_stay_with_their_sentence():
    text = (
        "“Additionally, the Secretary of War will also label Anthropic a supply chain risk,” the official "
        'said. "I suspect we\'ll see more legal fights." Gertz said so.'
    )
    got = sentences(text)
    assert got[0].endswith("the official said.")
    assert got[1] == '"I suspect we\'ll see more legal fights."'


def test_headline_without_period_is_its_own_paragraph_and_sentence():
    text = (
        "Anthropic Defies Pentagon Ultimatum Over Military AI Usage Restrictions\n"
        "The high-stakes confrontation has reached a critical inflection point."
    )
    paras = split_paragraphs("x", text)
    assert list(paras["kind"]) == ["headline", "body"]
    sents = split_sentences("x", text, paras)
    assert list(sents["text"]) == text.split("\n")


def test_offsets_index_the_document(seeds):
    docs = seeds.documents.set_index("doc_id")["text"]
    for row in seeds.sentences.itertuples():
        assert docs[row.doc_id][row.start : row.end] == row.text
    for row in seeds.paragraphs.itertuples():
        assert docs[row.doc_id][row.start : row.end] == row.text


def test_no_sentence_broken_at_us_or_pm(seeds):
    ends = seeds.sentences["text"].str.strip()
    # a sentence may end with "U.S." only where the next one starts a new sentence
    broken = seeds.sentences[ends.str.endswith(("p.m.", "a.m."))]
    assert broken.empty
    us_end = seeds.sentences[ends.str.endswith("U.S.")]
    assert list(us_end["doc_id"]) == ["000_8fbafad317a1b6c1"]


def test_furniture_in_002(seeds):
    p = seeds.paragraphs[seeds.paragraphs["doc_id"].str.startswith("002")]
    kinds = dict(zip(p["text"].str.strip(), p["kind"]))
    assert kinds["Anthropic Defies Pentagon Ultimatum Over Military AI Usage Restrictions"] == "headline"
    assert kinds["Key Takeaways"] == "box_heading"
    assert kinds["How we covered this story"] == "methodology"
    assert kinds["|---|---|"] == "table"
    takeaways = p[p["text"].str.startswith("- Anthropic is locked")]
    assert takeaways["is_furniture"].all() and (takeaways["kind"] == "box").all()
    timeline_item = p[p["text"].str.startswith("The Pentagon announces a deal with xAI")]
    assert timeline_item["is_furniture"].all()
    body = p[p["text"].str.startswith("The high-stakes confrontation")]
    assert list(body["kind"]) == ["body"]
    assert p[p["is_furniture"]]["reason"].str.len().gt(0).all()


def test_furniture_in_003(seeds):
    p = seeds.paragraphs[seeds.paragraphs["doc_id"].str.startswith("003")]
    by_kind = p.groupby("kind")["text"].apply(list)
    assert [t.strip() for t in by_kind["metadata"]] == ["date 2026-02-26"]
    assert len(by_kind["caption"]) == 2
    assert by_kind["caption"][0].startswith("Markus Schreiber / Associated Press")
    assert len(by_kind["embedded_post"]) == 1 and "@SeanParnellASW" in by_kind["embedded_post"][0]
    assert by_kind["credit"] == ["NPR's Bobby Allyn contributed to this report."]
    post = p[p["kind"] == "embedded_post"]
    assert not post["is_furniture"].any()
    first_body = p[p["kind"] == "body"].iloc[0]
    assert first_body["text"].startswith("The Pentagon is headed for a showdown")


def test_trailing_blank_lines_in_004_are_flagged(seeds):
    p = seeds.paragraphs[seeds.paragraphs["doc_id"].str.startswith("004")]
    blank = p[p["kind"] == "blank"]
    assert len(blank) == 1 and blank["is_furniture"].all()
    assert "trailing blank lines" in blank["reason"].iloc[0]
    assert p.iloc[0]["kind"] == "dateline"


def test_word_count():
    assert word_count("Anthropic’s CEO, Dario Amodei — met Hegseth on Feb. 24.") == 9


@pytest.mark.parametrize(
    "text", ["  Harbour votes by lantern  ", "Who counts the ballots?", "Ferry sales lift profit", " "]
)
def test_a_paragraph_with_no_break_before_its_end_is_one_sentence_as_punkt_gives_it(text):
    from analysis.text import tokenizer

    expected = [(s, e) for s, e in tokenizer().span_tokenize(text) if text[s:e].strip()]
    assert sentence_spans(text) == expected
    assert len(expected) == (1 if text.strip() else 0)
