"""A full name right after a title a person holds is a person's, whatever its given name (invented names)."""

from __future__ import annotations

from found_helpers import found, people


def test_a_full_name_after_a_title_is_a_person_with_an_unlisted_given_name():
    data = found(
        "On a visit to the region, Prime Minister Rangi Tauroa said the talks would go on. Later Tauroa told "
        "reporters that the plan was sound.",
        "The crowd cheered as Rangi Tauroa spoke in the square. Aides to Tauroa said little about the visit.",
    )
    assert "Rangi Tauroa" in people(data)
    assert "Tauroa" in data["Rangi Tauroa"]["aliases"]


def test_a_seat_after_a_members_title_is_no_person():
    data = found(
        "The Labour MP for Upper Hallam said the vote was close, and the count went on into the night in the hall.",
        "Later the MP for Upper Hallam spoke again, and the count went on into the morning in the hall.",
    )
    assert "Upper Hallam" not in people(data)


def test_a_double_surname_after_a_title_is_the_full_names_surname():
    data = found(
        "Linda Vander Okonkwo said the bill was dead, and the vote went on into the night in the hall.",
        "Later Rep. Vander Okonkwo spoke again, and Linda Vander Okonkwo left the hall with her aides.",
    )
    assert "Vander Okonkwo" not in people(data)
    assert "Linda Vander Okonkwo" in people(data)
