"""Helpers shared by the sources tests on literal texts: a small actors table and the quotes of one text."""

from __future__ import annotations

import pandas as pd

from analysis import text as textmod
from analysis.actors import stage as actors
from analysis.actors.reference import ActorTable, parse_actors
from analysis.documents import Document
from analysis.sources import stage as sources


def one_person_table() -> ActorTable:
    """An actors table that knows one invented person, Walter Pennock ("Pennock")."""
    return parse_actors({"Walter Pennock": {"type": "person", "aliases": ["Pennock"]}})


def quotes_of(text: str, table: ActorTable) -> pd.DataFrame:
    """The quotes rows of a one-document corpus holding ``text`` (segmented, mentions found with ``table``)."""
    doc = Document(doc_id="t", outlet="X", text=text)
    frames = textmod.segment("t", text)
    frames["mentions"] = actors.annotate(doc, frames, table)
    return sources.annotate(doc, frames, table)


def attributions(text: str, table: ActorTable) -> list[tuple[str, str, str]]:
    """(kind, speaker, quote) of every quotes row of ``text`` (:func:`quotes_of`)."""
    got = quotes_of(text, table)
    return list(zip(got["kind"], got["speaker"], got["quote"]))
