"""A role phrase as the speaker ("the mayor"): resolved to the person it names, else kept as a
description (invented names and sentences)."""

from __future__ import annotations

import pytest
from source_helpers import one_person_table, quotes_of


@pytest.fixture(scope="module")
def table():
    return one_person_table()


def speakers(text: str, table) -> list[tuple[str, str, str]]:
    got = quotes_of(text, table)
    return list(zip(got["speaker"], got["speaker_type"], got["quote"]))


def test_the_name_after_a_role_in_apposition_is_the_speaker(table):
    got = speakers("The mayor, Tom Birch, said the plan would pass.", table)
    assert got == [("Tom Birch", "named", "the plan would pass")]


def test_a_role_with_no_one_to_refer_to_stays_a_description(table):
    got = speakers("The mayor said the plan would pass.", table)
    assert got == [("mayor", "anonymous", "the plan would pass")]


def test_a_role_after_a_named_person_is_that_person(table):
    got = speakers("Tom Birch spoke at the fair on Monday. The mayor said the plan would pass.", table)
    assert got == [("Tom Birch", "named", "the plan would pass")]
