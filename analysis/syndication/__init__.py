"""Wire copy and syndication: which articles are agency copy, and which paragraphs outlets share.

Modules: :mod:`.stage` (the per-document ``syndication`` stage: wire marks joined onto ``documents``),
:mod:`.tables` (frame-level functions below, and corpus-level tables for the notebooks), :mod:`.charts`
(figures, imported on first use). Pure functions over plain frames (numpy, pandas and datasketch):

* :func:`detect_wire` / :func:`wire_marks` / :func:`wire_table`: agency, role (wire / contribution)
  and evidence offsets per document;
* :func:`outlet_wire_share`, :func:`own_reporting_ids`: corpus summaries of those marks;
* :func:`shared_copy`: near-duplicate paragraph clusters across outlets, earliest publisher,
  per-outlet shared shares and shared article pairs (a :class:`SharedCopy`);
* :func:`paragraphs_frame`: one paragraph per non-empty line, for corpora without a paragraphs frame.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

from ._agencies import AGENCIES, canonical_agency
from ._lsh import JACCARD_MIN, MIN_WORDS
from ._shared import SharedCopy, find_shared
from ._wire import WireMark, cited_agencies, detect_wire, wire_marks
from .tables import outlet_wire_share, own_reporting_ids, paragraphs_frame, shared_copy, wire_table

__getattr__ = lazy_getattr(__name__, {"charts", "stage"})

__all__ = [
    "AGENCIES",
    "JACCARD_MIN",
    "MIN_WORDS",
    "SharedCopy",
    "WireMark",
    "canonical_agency",
    "cited_agencies",
    "detect_wire",
    "find_shared",
    "outlet_wire_share",
    "own_reporting_ids",
    "paragraphs_frame",
    "shared_copy",
    "wire_marks",
    "wire_table",
]
