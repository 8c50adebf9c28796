"""The PolNeAR scorer's name and source rules (``benchmarks/polnear_sources.py``), on invented text.

The scorer itself needs PolNeAR to run; these rules do not, so they are checked here.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))  # the script imports its neighbour ``common``
_spec = importlib.util.spec_from_file_location("polnear_sources", ROOT / "benchmarks" / "polnear_sources.py")
ps = sys.modules["polnear_sources"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up
_spec.loader.exec_module(ps)


def kind_of(text: str, source: str) -> tuple[str, str]:
    start = text.index(source)
    att = ps.Attribution("t", "E1", source=[(start, start + len(source))])
    return ps.source_kind(ps.Text(text), att)


@pytest.mark.parametrize(
    "gold, predicted, right",
    [
        ("associated|press", "AP", True),
        ("national rifle|association", "NRA", True),
        ("ted|cruz", "Ted Cruz", True),
        ("eric|trump", "Donald Trump", False),
        ("associated|press", "Reuters", False),
    ],
)
def test_names_match_by_acronym_and_family_name(gold, predicted, right):
    given, _, family = gold.partition("|")
    assert ps.names_match([family], given.split(), False, predicted) is right


def test_a_place_before_a_person_noun_is_a_description():
    text = "Title line.\nThe Ohio senator said the plan would fail, and the Becker campaign agreed."
    assert kind_of(text, "The Ohio senator") == ("descriptive", "the:senator")
    assert kind_of(text, "the Becker campaign") == ("named", "|becker")
