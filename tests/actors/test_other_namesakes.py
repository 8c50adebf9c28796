"""A one-word name of the table written as part of someone else's name (invented names and sentences)."""

from __future__ import annotations

import pytest

from analysis import text as textmod
from analysis.actors import stage
from analysis.actors.reference import parse_actors
from analysis.documents import Document


@pytest.fixture(scope="module")
def table():
    return parse_actors(
        {
            "Walter Pennock": {"type": "person", "aliases": ["Pennock"]},
            "Greta Ashby": {"type": "person", "aliases": ["Ashby"]},
        }
    )


def mentions(text: str, table) -> list[tuple[str, str]]:
    """(surface, actor) of every mention in a one-document corpus holding ``text``."""
    frames = textmod.segment("t", text)
    rows = stage.annotate(Document(doc_id="t", outlet="X", text=text), frames, table)
    return list(zip(rows["surface"], rows["actor"]))


def test_a_surname_after_another_given_name_is_not_the_tables_person_later(table):
    text = (
        "The defense secretary, Orrin Pennock, spoke at the harbour on a cold morning. "
        "Pennock said the fleet would stay."
    )
    assert mentions(text, table) == []


def test_the_tables_person_named_first_keeps_the_surname(table):
    text = "Walter Pennock spoke first. His cousin Orrin Pennock came later. Pennock said the fleet would stay."
    assert mentions(text, table) == [("Walter Pennock", "Walter Pennock"), ("Pennock", "Walter Pennock")]


def test_a_word_glued_after_the_surname_shadows_nothing(table):
    text = "Fans boarded the Pennock Express at dawn. Pennock said the rally would start at noon."
    assert mentions(text, table) == [("Pennock", "Walter Pennock")]


def test_a_title_before_the_surname_shadows_nothing(table):
    text = "It was Pres. Pennock who spoke. Pennock said the rally would start at noon."
    assert mentions(text, table)[-1] == ("Pennock", "Walter Pennock")


def test_two_one_word_names_side_by_side_are_a_third_person(table):
    text = "Ashby Pennock, a local farmer, spoke at the fair. Pennock said the harvest was late."
    assert mentions(text, table) == []


def test_a_given_name_before_an_initial_is_someone_elses_full_name():
    table = parse_actors({"Greta Marsh": {"type": "person", "aliases": ["Greta", "Marsh"]}})
    text = "However, Greta A. Vantongeren, a vice president of the firm, said the claims had no merit."
    assert mentions(text, table) == []
    assert mentions("Greta Marsh spoke on Monday, and later Greta said the claims had no merit.", table) == [
        ("Greta Marsh", "Greta Marsh"),
        ("Greta", "Greta Marsh"),
    ]


def test_a_short_given_name_of_the_actor_in_a_long_alias_shadows_nothing():
    table = parse_actors(
        {
            "William Pennock": {"type": "person", "aliases": ["Pennock"]},
            "Chairman Bill Pennock": {"type": "person", "aliases": []},
        }
    )
    text = "Chairman Bill Pennock opened the fair on a cold morning. Pennock said the rides would run."
    assert mentions(text, table)[-1] == ("Pennock", "William Pennock")
