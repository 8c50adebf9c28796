"""Every notebook has the same shape: a parameters cell, one load call, one call per section."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SHARED_PARAMETERS = ("corpus_path", "actors_file", "outlets", "date_from", "date_to", "own_reporting_only")
CALL = re.compile(r"^analysis\.[a-z_]+\.(charts|tables|display)\.[a-z_]+\(|^analysis\.display\.show_table\(")


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell) -> str:
    return "".join(cell["source"])


def _opening(path) -> tuple[list[str], str]:
    cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    params = [
        line
        for line in _source(cells[0]).splitlines()
        if line.split(":")[0].strip() in SHARED_PARAMETERS or line.startswith("#")
    ]
    return params, _source(cells[1])


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_opening_is_the_same_in_every_notebook(path):
    assert _opening(path) == _opening(NOTEBOOKS[0])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_is_tagged_parameters_and_typed(path):
    first = next(c for c in _cells(path) if c["cell_type"] == "code")
    assert "parameters" in first["metadata"].get("tags", [])
    for line in _source(first).splitlines():
        if line and not line.startswith("#"):
            assert re.match(r"^[a-z_]+: [^=]+ = .+  # .+", line), line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_section_is_a_heading_then_short_calls_into_analysis(path):
    cells = _cells(path)
    code = [c for c in cells if c["cell_type"] == "code"][2:]
    assert code, "no sections"
    for cell in cells:
        assert not cell.get("outputs") and not cell.get("execution_count")
    for cell in code:
        lines = _source(cell).splitlines()
        assert 1 <= len(lines) <= 2, lines
        for line in lines:
            assert CALL.match(line), line
    headings = [c for c in cells if c["cell_type"] == "markdown" and _source(c).startswith("## ")]
    assert all(len(_source(h).splitlines()) >= 2 for h in headings), "a heading without a how-to-read sentence"
    text = "".join(_source(c) for c in cells if c["cell_type"] == "code")
    assert "def " not in text and "sys.path" not in text and "import sys" not in text
