"""A participle after an inverted tag (", said Roe at the time, adding that ..."): invented sentences."""

from __future__ import annotations

import pytest
from source_helpers import attributions as rows
from source_helpers import one_person_table


@pytest.fixture(scope="module")
def table():
    return one_person_table()


@pytest.mark.parametrize(
    "tag",
    [
        "said Nell Hartigan,",
        "said Nell Hartigan at the time,",
        "said Rep. Nell Hartigan (D-Va.),",
        "said Rep. Nell Hartigan (D-Va.) on Tuesday,",
    ],
)
def test_adding_after_an_inverted_tag_is_the_tags_speaker(table, tag):
    got = rows(f'"The pier is safe," {tag} adding that the ferry would run.', table)
    assert got == [
        ("direct", "Nell Hartigan", "The pier is safe,"),
        ("indirect", "Nell Hartigan", "the ferry would run"),
    ]
