"""Speakers whose names hold particles or the Arabic article (invented sentences)."""

from __future__ import annotations

from source_helpers import attributions

from analysis.actors.reference import parse_actors


def _table():
    return parse_actors(
        {
            "Greta von der Marwitz": {"type": "person", "aliases": ["von der Marwitz"]},
            "Karim al-Hadithi": {"type": "person", "aliases": ["Hadithi"]},
            "Walter de Vries": {"type": "person", "aliases": ["de Vries"]},
        }
    )


def test_a_full_name_with_particles_before_the_verb():
    got = attributions("Greta von der Marwitz said the plan was sound.", _table())
    assert got == [("indirect", "Greta von der Marwitz", "the plan was sound")]


def test_a_surname_opening_with_particles_before_the_verb():
    got = attributions("Greta von der Marwitz met the press. Later von der Marwitz said she was leaving.", _table())
    assert got == [("indirect", "Greta von der Marwitz", "she was leaving")]


def test_a_surname_with_the_arabic_article():
    got = attributions("Karim al-Hadithi spoke in the capital. After that al-Hadithi said he was tired.", _table())
    assert got == [("indirect", "Karim al-Hadithi", "he was tired")]


def test_an_inverted_tag_with_a_particle():
    got = attributions("“We are ready,” said Walter de Vries.", _table())
    assert got == [("direct", "Walter de Vries", "We are ready,")]
