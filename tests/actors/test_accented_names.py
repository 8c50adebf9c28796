"""Found actors whose names carry accented letters (invented names and sentences)."""

from __future__ import annotations

from found_helpers import found


def test_a_name_opening_with_an_accented_capital_is_found():
    data = found(
        "On the stage, Álvaro Quintero spoke for an hour. Later, Quintero said the plan was sound.",
        "Yesterday Álvaro Quintero was in town, and Quintero said little about the vote.",
    )
    assert data["Álvaro Quintero"]["type"] == "person"
    assert "Quintero" in data["Álvaro Quintero"]["aliases"]


def test_a_surname_with_accents_inside_is_a_persons():
    data = found(
        "On the stage, Miguel Basáñez spoke for an hour. Later, Basáñez said the plan was sound.",
        "Yesterday Miguel Basáñez was in town, and Basáñez said little about the vote.",
    )
    assert data["Miguel Basáñez"]["type"] == "person"


def test_a_name_written_with_and_without_its_accents_is_one_person():
    data = found(
        "On the stage, Álvaro Quintero spoke for an hour. Later, Quintero said the plan was sound.",
        "Yesterday Álvaro Quintero was in town, and Quintero said little about the vote.",
        "In the capital, Alvaro Quintero met the press.",
    )
    people = [n for n in data if n != "not_actors" and "Quintero" in n]
    assert people == ["Álvaro Quintero"] and "Alvaro Quintero" in data["Álvaro Quintero"]["aliases"]
