"""A role phrase as the speaker ("the mayor"): resolved to the person it names, else kept as a
description (invented names and sentences)."""

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


def speakers(text: str, table) -> list[tuple[str, str, str]]:
    doc = Document(doc_id="t", outlet="X", text=text)
    frames = textmod.segment("t", text)
    frames["mentions"] = actors.annotate(doc, frames, table)
    rows = sources.annotate(doc, frames, table)
    return list(zip(rows["speaker"], rows["speaker_type"], rows["quote"]))


def test_the_name_after_a_role_in_apposition_is_the_speaker(table):
    got = speakers("The mayor, Tom Birch, said the plan would pass.", table)
    assert got == [("Tom Birch", "named", "the plan would pass")]


def test_a_role_with_no_one_to_refer_to_stays_a_description(table):
    got = speakers("The mayor said the plan would pass.", table)
    assert got == [("mayor", "anonymous", "the plan would pass")]


def test_a_role_after_a_named_person_is_that_person(table):
    got = speakers("Tom Birch spoke at the fair on Monday. The mayor said the plan would pass.", table)
    assert got == [("Tom Birch", "named", "the plan would pass")]
