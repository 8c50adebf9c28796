"""Quotations in British style: straight single marks, punctuation outside the marks (invented sentences)."""

from __future__ import annotations

from source_helpers import attributions, one_person_table


def test_straight_single_marks_quote_in_a_text_that_quotes_with_them():
    got = attributions("Walter Pennock met the press. 'We will win this fight,' Pennock said.", one_person_table())
    assert got == [("direct", "Walter Pennock", "We will win this fight,")]


def test_a_plural_possessive_inside_single_marks_does_not_close_them():
    got = attributions("Walter Pennock met the press. 'Our members' jobs are safe,' Pennock said.", one_person_table())
    assert got == [("direct", "Walter Pennock", "Our members' jobs are safe,")]


def test_a_comma_after_the_closing_mark_still_tags_the_quote_before_and_after():
    text = "Walter Pennock met the press. “We love the harbour”, Pennock said, “and we always will”."
    assert attributions(text, one_person_table()) == [
        ("direct", "Walter Pennock", "We love the harbour"),
        ("direct", "Walter Pennock", "and we always will"),
    ]


def test_a_quote_tagged_after_an_outside_comma_is_one_direct_row():
    got = attributions("Walter Pennock met the press. “We love the harbour”, said Pennock.", one_person_table())
    assert got == [("direct", "Walter Pennock", "We love the harbour")]


def test_a_single_quoted_subhead_in_a_text_quoting_with_double_marks_is_nobodys():
    text = "Walter Pennock met the press. \"We will win,\" Pennock said.\n\n'A tough decision.'\n\nThe plant closed."
    assert attributions(text, one_person_table()) == [("direct", "Walter Pennock", "We will win,")]
