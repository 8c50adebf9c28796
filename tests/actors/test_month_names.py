"""Months that are names: "April Ryan", "June Carter", "Theresa May" (invented sentences)."""

from __future__ import annotations

from found_helpers import found, people

from analysis.actors.found import observe


def test_a_month_that_is_a_given_name_opens_a_persons_name():
    data = found(
        "April Pardee, a reporter, asked about the budget. Later April Pardee wrote about it.",
        "On Tuesday June Holloway said she was tired. June Holloway was later seen at a hotel.",
    )
    assert {"April Pardee", "June Holloway"} <= people(data)


def test_may_after_a_given_name_is_a_surname_and_mrs_may_is_her_alias():
    data = found(
        "Prime Minister Theresa May said the deal was done. Theresa May added that talks would go on.",
        "Mrs May said she was pleased. In May, the talks began again.",
    )
    assert data["Theresa May"]["type"] == "person"
    assert "Mrs May" in data["Theresa May"]["aliases"]
    assert "May" in data["not_actors"]  # the month alone stays no actor


def test_a_month_after_a_date_word_is_no_part_of_the_name_after_it():
    text = "In a speech in May Pennock said the wall was built. Since June Halvorsen has led."
    runs = [r.words for r in observe(text).runs]
    assert ("Pennock",) in runs and ("Halvorsen",) in runs
    assert not any(w[0] in ("May", "June") for w in runs)


def test_a_dated_month_makes_no_person():
    data = found(
        "Walter Pennock said in May Pennock would run. Walter Pennock was tired in the end in the west.",
        "Since June Pennock has led in the polls in the state. Walter Pennock won in the end.",
    )
    assert people(data) == {"Walter Pennock"}
