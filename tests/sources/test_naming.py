"""What a speaker calls someone ("calling him a 'stiff'"), and who the caller is (invented sentences)."""

from __future__ import annotations

import pytest
from source_helpers import attributions as rows
from source_helpers import one_person_table


@pytest.fixture(scope="module")
def table():
    return one_person_table()


def test_the_name_a_speaker_gives_someone_is_quoted(table):
    got = rows('Tom Birch held his fire on Jane Roe, calling her a "nice guy" at the rally.', table)
    assert got == [("direct", "Tom Birch", "nice guy")]


def test_a_short_phrase_after_an_article_is_still_a_scare_quote(table):
    assert rows('Tom Birch said the town had become a "hub" for trade.', table) == [
        ("indirect", "Tom Birch", 'the town had become a "hub" for trade')
    ]


def test_the_object_before_the_participle_is_not_the_caller(table):
    text = 'Jane Roe spoke in Iowa on Monday. Then she cut into Tom Birch, calling him a "stiff" at the fair.'
    assert rows(text, table) == [("direct", "Jane Roe", "stiff")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Jane Roe spoke at the fair. The plan, which she described as “a dead end,” was shelved.", "Jane Roe"),
        ("Under what Mr. Birch called “the old pricing model,” the club lost members.", "Birch"),
    ],
)
def test_a_relative_clause_names_the_quotation(table, text, speaker):
    got = rows(text, table)
    assert [(k, s) for k, s, _ in got] == [("direct", speaker)]
