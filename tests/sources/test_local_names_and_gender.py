"""Speakers named by a surname another person of the document holds, and the gender a document gives
a surname (invented names and sentences)."""

from __future__ import annotations

import pytest
from source_helpers import one_person_table, quotes_of

from analysis.sources._pronouns import document_genders


@pytest.fixture(scope="module")
def table():
    return one_person_table()


def speakers(text: str, table) -> list[tuple[str, str]]:
    rows = quotes_of(text, table)
    return list(zip(rows["speaker"], rows["quote"]))


def test_a_lone_surname_is_the_person_the_document_named_in_full(table):
    text = (
        "The defense secretary, Orrin Pennock, spoke at the harbour on a cold morning. "
        "Pennock said the fleet would stay."
    )
    assert speakers(text, table)[-1] == ("Orrin Pennock", "the fleet would stay")


def test_the_tables_person_keeps_the_surname_when_the_document_names_him(table):
    text = "Walter Pennock spoke at the harbour on a cold morning, and Pennock said the fleet would stay."
    assert speakers(text, table) == [("Walter Pennock", "the fleet would stay")]


def test_a_surname_takes_its_gender_from_honorifics_and_said_he():
    text = (
        "Mr. Quillan left early. Vane said her plan held. Orme himself agreed. "
        "Lee said he would, and Lee said she would."
    )
    assert document_genders(text) == {"Quillan": "male", "Vane": "female", "Orme": "male"}


def test_she_skips_a_man_whose_given_name_the_list_leaves_open(table):
    text = (
        "Governor Hillary Marsh met voters in Troy on Monday. Later, Senator Bernie Quillan spoke in Dover, "
        'and Quillan said he would stay in the race. "We will win this state," she said.'
    )
    assert speakers(text, table)[-1] == ("Hillary Marsh", "We will win this state,")


def test_without_the_documents_word_she_still_takes_the_nearest_open_name(table):
    text = (
        "Governor Hillary Marsh met voters in Troy on Monday. Later, Senator Bernie Quillan spoke in Dover. "
        '"We will win this state," she said.'
    )
    assert speakers(text, table)[-1] == ("Bernie Quillan", "We will win this state,")


def test_a_question_opening_the_sentence_holds_no_antecedent(table):
    text = (
        'Kim Sun-hee, the agency\'s head since 2010, has made the climate her cause. "It was a hard year," '
        "Kim recalled. Asked whether she feared that Mara Quell, the likely nominee, could win, Kim demurred. "
        '"There is just one science," she said.'
    )
    assert speakers(text, table)[-1] == ("Kim Sun-hee", "There is just one science,")


def test_a_name_before_a_role_and_another_name_is_no_antecedent(table):
    text = 'Walter Pennock consultant Orrin Vashti spoke at the fair on Monday. "Voters want a change," he said.'
    assert speakers(text, table) == [("Orrin Vashti", "Voters want a change,")]
