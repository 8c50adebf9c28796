"""The ``syndication`` stage: each document's wire-copy marks, one row per document.

A pure function of the document (its text, title and an ``author`` field when the corpus has one),
so it is cached per document like every stage. ``load_corpus`` joins the row onto ``documents``
(columns :data:`COLUMNS` but ``doc_id``): ``wire`` (agency or ""), ``wire_role`` (wire /
contribution / ""), ``wire_kind``, ``wire_field`` and ``wire_start`` / ``wire_end`` (offsets of the
evidence in that field, -1 when none), ``wire_evidence`` and ``wire_cited``. See
:mod:`analysis.syndication._wire` for the rules.

An agency's own story in its own outlet (a ``(Reuters) -`` dateline in an article of the outlet
"Reuters") is that outlet's own reporting: its marks are kept but its role is :data:`OWN_AGENCY`,
so leaving wire copy out keeps it.
"""

from __future__ import annotations

import pandas as pd

from analysis.columns import Columns, to_frame
from analysis.documents import Document

from ._agencies import canonical_agency
from ._wire import WireMark, detect_wire

OWN_AGENCY = "agency"  # wire_role of an agency's story in the agency's own outlet
FRAME = "wire"
REFERENCE = None
COLUMNS: dict[str, str] = {  # doc_id, then the fields of WireMark: offsets (default -1) int64, the rest str
    "doc_id": "str",
    **{f: "int64" if isinstance(d, int) else "str" for f, d in WireMark._field_defaults.items()},
}


def annotate_rows(doc: Document, frames: dict, ref: object = None) -> Columns:
    """The wire marks of one document, as columns (the pipeline's form of :func:`annotate`).

    Parameters
    ----------
    doc: the document (``doc.meta["author"]`` is read when present).
    frames: the rows computed so far for it (unused: the marks read the raw text).
    ref: unused (no reference file).

    Returns
    -------
    One row with :data:`COLUMNS`.
    """
    mark: WireMark = detect_wire(doc.text, doc.title, doc.meta.get("author", ""))
    if mark.wire_role == "wire" and canonical_agency(doc.outlet) == mark.wire:
        mark = mark._replace(wire_role=OWN_AGENCY)
    return Columns({"doc_id": [doc.doc_id], **{f: [v] for f, v in mark._asdict().items()}})


def annotate(doc: Document, frames: dict, ref: object = None) -> pd.DataFrame:
    """The frame of :func:`annotate_rows` (same parameters): one row with :data:`COLUMNS`."""
    return to_frame(annotate_rows(doc, frames, ref), COLUMNS)
