"""Speakers whose names are months ("April Roe", "Theresa May"), and months that are dates (invented sentences)."""

from __future__ import annotations

from source_helpers import attributions, quotes_of

from analysis.actors.reference import parse_actors


def _table():
    return parse_actors(
        {
            "April Roe": {"type": "person", "aliases": ["Roe"]},
            "Theresa May": {"type": "person", "aliases": ["Mrs May"]},
            "Walter Pennock": {"type": "person", "aliases": ["Pennock"]},
        }
    )


def test_a_given_name_that_is_a_month_is_part_of_the_speakers_name():
    got = quotes_of("April Roe, a spokeswoman for the party, said that the plan was sound.", _table())
    assert list(got["speaker"]) == ["April Roe"]
    assert got["speaker_text"].iloc[0].startswith("April Roe")


def test_an_inverted_tag_with_a_month_given_name():
    assert attributions("“We will win,” said April Roe, a spokeswoman.", _table()) == [
        ("direct", "April Roe", "We will win,")
    ]


def test_may_as_a_surname_names_the_speaker():
    got = attributions("“We won,” said Theresa May. Mrs May said she was pleased.", _table())
    assert [(k, s) for k, s, _ in got] == [("direct", "Theresa May"), ("indirect", "Theresa May")]


def test_a_month_after_a_date_word_is_not_the_speakers_given_name():
    got = quotes_of("In April Walter Pennock said the plan was sound. Pennock said in May that he had won.", _table())
    assert list(got["speaker"]) == ["Walter Pennock", "Walter Pennock"]
    assert list(got["speaker_text"]) == ["Walter Pennock", "Pennock"]
