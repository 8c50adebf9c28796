"""The faster forms of the found pass read what the plain ones read (invented lines and names)."""

from __future__ import annotations

import re

import pytest

from analysis.actors import found, merge
from analysis.actors import stage as actors_stage

# The patterns as first written: the lookbehind before the letter (capitals with accents, as found._CAP).
PLAIN_RUN = re.compile(
    rf"(?<![\w@#'’.])[{found._CAP}][\w&'’.\-]*(?:(?:[^\S\n]+(?:of|for|the|and|&|de|la|van|von)){{0,2}}[^\S\n]+"
    rf"[{found._CAP}][\w&'’.\-]*)*"
)
PLAIN_LOWER = re.compile(r"(?<![\w'’\-])[a-z][\w'’\-]*")

LINES = [
    "Mara Quell met the Board of Trade and the Dunmore Times on Monday.",
    "O'Brien and D'Arcy said it; @Telleck and #Varno did not, nor did x.Quell.",
    "’Tis Ilse Varno’s plan: U.S. Sen. Mara Quell-Varno (DPA) agreed.",
    "9to5 Was Here, e-Mail and re-Run and _Under and -Dash and 'Quote and ’Curly",
    "Éric Über met ǅemal and ßeta at the Café de la Paix.",
    "A",
    "",
    "  leading space Then Words",
    "the Zorvan Telleck Foundation for the Arts, van Dunmore and von Quell",
]

CREDIT_LINES = [  # more lines for the credit check; it also reads LINES
    "Photo: Mara Quell",
    "  by Zorvan Telleck, in Dunmore",
    "(AP Photo/Ilse Varno)",
    "Image copyright GETTY IMAGES",
    "The Dunmore mayor, seen here in a file picture (Quell / AFP), spoke.",
    "The Dunmore mayor spoke, x/Reuters said.",
    "The Dunmore mayor and/or the council spoke.",
    "Mara Quell spoke for an hour about the getty images case.",
    "Mara Quell spoke for an hour.",
    "Related: the Dunmore plan",
    "",
]


@pytest.mark.parametrize("line", LINES)
def test_run_and_lower_patterns_match_their_plain_forms(line: str) -> None:
    assert [(m.span(), m.group()) for m in found._RUN.finditer(line)] == [
        (m.span(), m.group()) for m in PLAIN_RUN.finditer(line)
    ]
    assert found._LOWER.findall(line) == PLAIN_LOWER.findall(line)


@pytest.mark.parametrize(
    "line",
    [*LINES, "Zorvan Telleck Wins The Vote", "Éric Über Ärger Öl", "ǅemal ǅoko Met", "9to5 Is Here", "A B", "a b"],
)
def test_title_case_is_the_stages(line: str) -> None:
    assert found._title_case(line, actors_stage.TITLE_CASE_SHARE) == actors_stage.title_case(line)


def test_title_case_words_are_the_stages() -> None:
    assert found._WORD_FIRST.pattern.replace("(", "", 1).replace(")", "", 1) == actors_stage._WORD.pattern


def test_memoised_pieces_keep_each_runs_own_sentence_start() -> None:
    text = "It rained. Mara Quell spoke; we met Mara Quell there.\nMara Quell left the town early."
    found._run_pieces.cache_clear()
    cold = found.observe(text)
    warm = found.observe(text)
    assert found.names_to_json(cold) == found.names_to_json(warm)
    assert [(r.words, r.initial) for r in cold.runs if r.words == ("Mara", "Quell")] == [
        (("Mara", "Quell"), True),
        (("Mara", "Quell"), False),
        (("Mara", "Quell"), True),
    ]
    assert cold.midcap["Mara"] == 1 and cold.midcap["Quell"] == 3


def test_a_run_read_once_per_corpus_reads_alike_in_every_document() -> None:
    texts = [
        "Yesterday Sen. Mara Quell met the Dunmore Board. Quell said the Dunmore Board agreed.",
        "Sen. Mara Quell spoke again. Quell and the Dunmore Board (DB) disagreed.",
    ]
    docs = [found.observe(t) for t in texts]
    once = merge.found_data(docs)
    again = merge.found_data([found.names_from_json(found.names_to_json(d)) for d in docs])
    assert once == again
    assert "Mara Quell" in once


@pytest.mark.parametrize("line", [*LINES, *CREDIT_LINES])
def test_credit_lines_are_those_the_plain_search_finds(line: str) -> None:
    assert found._credit(line) == bool(found._CREDIT.search(line))


def test_the_credit_shortcut_knows_the_lexicons_pattern() -> None:
    assert found._CREDIT_WORDS == ("getty", "ap photo", "/")
    assert found._credit_words("^a|getty images|new words") is None  # an unknown alternative: full search


def test_credit_words_hold_every_letter_the_pattern_matches_ignoring_case() -> None:
    # A line matching "getty images" or "ap photo" (ignoring case) holds "getty" or "ap photo" once
    # lower-cased: no other character matches one of their letters.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter in sorted(set("".join(found._CREDIT_WORDS))):
        matched = set(re.compile(re.escape(letter), re.IGNORECASE).findall(every))
        assert {c.lower() for c in matched} == {letter}


def test_top_level_alternatives() -> None:
    assert found._top_alternatives(r"^a(b|c)|[|)]d|\|e|[]|]f|[^]|]g") == ["^a(b|c)", "[|)]d", r"\|e", "[]|]f", "[^]|]g"]
