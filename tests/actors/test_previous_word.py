"""The word before a capitalised run, read from the run's last 60 characters."""

from __future__ import annotations

import pytest

from analysis.actors.found import _PREV, _previous_word


@pytest.mark.parametrize(
    ("head", "word"),
    [
        ("a long talk with the senator ", "senator"),
        ("as reported by former ", "former"),
        ("meeting in Dayton", None),  # no space before the run: no previous word
        ("before U.S. Sen. ", None),  # "Sen." ends in a period, not a word
        ("the pro-business ", "pro-business"),
        ("9to5 ", "to5"),  # the word starts at its first letter
        ("   ", None),
        ("", None),
    ],
)
def test_previous_word(head: str, word: str | None) -> None:
    got = _previous_word(head)
    assert (got.group(1) if got else None) == word
    plain = _PREV.search(head)
    assert (plain.group(1) if plain else None) == word
