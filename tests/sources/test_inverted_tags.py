"""A participle after an inverted tag (", said Roe at the time, adding that ..."): invented sentences."""

from __future__ import annotations

import pytest

from analysis import text as textmod
from analysis.actors import stage as actors
from analysis.actors.reference import parse_actors
from analysis.documents import Document
from analysis.sources import stage as sources


@pytest.fixture(scope="module")
def table():
    return parse_actors({"Walter Pennock": {"type": "person", "aliases": ["Pennock"]}})


def rows(text: str, table) -> list[tuple[str, str, str]]:
    doc = Document(doc_id="t", outlet="X", text=text)
    frames = textmod.segment("t", text)
    frames["mentions"] = actors.annotate(doc, frames, table)
    got = sources.annotate(doc, frames, table)
    return list(zip(got["kind"], got["speaker"], got["quote"]))


@pytest.mark.parametrize(
    "tag",
    [
        "said Nell Hartigan,",
        "said Nell Hartigan at the time,",
        "said Rep. Nell Hartigan (D-Va.),",
        "said Rep. Nell Hartigan (D-Va.) on Tuesday,",
    ],
)
def test_adding_after_an_inverted_tag_is_the_tags_speaker(table, tag):
    got = rows(f'"The pier is safe," {tag} adding that the ferry would run.', table)
    assert got == [
        ("direct", "Nell Hartigan", "The pier is safe,"),
        ("indirect", "Nell Hartigan", "the ferry would run"),
    ]
