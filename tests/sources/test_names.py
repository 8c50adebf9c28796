"""Names the speaker rules read: accents, generational suffixes, a title before the name, a family
name written first (invented names and sentences)."""

from __future__ import annotations

import pytest
from source_helpers import one_person_table, quotes_of


@pytest.fixture(scope="module")
def table():
    return one_person_table()


def speakers(text: str, table) -> list[tuple[str, str]]:
    got = quotes_of(text, table)
    return list(zip(got["speaker"], got["speaker_text"]))


def test_an_accented_name_is_a_pronouns_antecedent(table):
    text = 'Joaquín Ibáñez, a former ambassador, spoke at the forum on Monday. "We must act now," he said.'
    assert speakers(text, table) == [("Joaquín Ibáñez", "he")]


def test_an_accented_surname_alone_is_the_person_named_in_full(table):
    text = 'Dalia Muñoz, a voter, waited in line. "They hold the power," Muñoz said.'
    assert speakers(text, table) == [("Dalia Muñoz", "Muñoz")]


def test_a_generational_suffix_stays_in_the_name(table):
    text = 'Adm. Corwin T. Halley Jr. spoke at the forum on Monday. "We will stay," he said.'
    assert speakers(text, table) == [("Corwin T. Halley Jr.", "he")]


def test_a_title_before_the_name_is_not_a_given_name(table):
    text = "In Dover, state Representative Karis Wendle, a Democrat, spoke at the plant. The plant matters, she said."
    assert speakers(text, table) == [("Karis Wendle", "she")]


def test_a_family_name_written_first_before_a_hyphenated_given_name(table):
    text = 'Pak Sun-hee spoke at the summit on Monday. "That was a hard day," Pak recalled.'
    assert speakers(text, table) == [("Pak Sun-hee", "Pak")]
