"""Corpus-level syndication frames built from plain frames (documents, paragraphs), and a plain
paragraphs frame for corpora that have none.

``documents`` needs doc_id and text; outlet, published, title and author are used when present.
``paragraphs`` needs doc_id, para_id, start, end and text (outlet and published are joined from
``documents`` when missing; rows with ``is_furniture`` True are skipped).
"""

from __future__ import annotations

import re

import pandas as pd

from ._agencies import AGENCIES
from ._lsh import JACCARD_MIN, MIN_WORDS
from ._shared import SharedCopy, find_shared
from ._wire import WIRE_COLUMNS, wire_marks

OUTLET_WIRE_COLUMNS = [
    "outlet",
    "documents",
    "wire_documents",
    "contribution_documents",
    "own_documents",
    "wire_share",
    "words",
    "wire_words",
    "wire_word_share",
    "agencies",
]
AGENCY_ORDER = {name: i for i, name in enumerate(AGENCIES)}
LINE_RE = re.compile(r"[^\n]*\S[^\n]*")
PARAGRAPH_COLUMNS = ["doc_id", "para_id", "start", "end", "text"]


def _ratio(part: float, whole: float) -> float:
    """``part / whole``, NaN when ``whole`` is 0."""
    return float(part) / float(whole) if whole else float("nan")


def wire_table(documents: pd.DataFrame) -> pd.DataFrame:
    """Each document's wire evidence, with its outlet and date when the frame has them.

    Parameters
    ----------
    documents: doc_id, text[, outlet, published, title, author].

    Returns
    -------
    One row per document in input order: doc_id[, outlet, published], wire (canonical agency or ""),
    wire_role ("wire", "contribution" or ""), wire_kind (dateline, credit, byline, contribution or ""),
    wire_field (text, author or title), wire_start, wire_end (str offsets of the evidence in that
    field, -1 when none), wire_evidence (the matched text), wire_cited (agencies only cited, "; "-joined).
    """
    marks = wire_marks(documents)
    extra = [c for c in ("outlet", "published") if c in documents.columns]
    if not extra:
        return marks
    parts = [marks[["doc_id"]], documents[extra].reset_index(drop=True), marks[WIRE_COLUMNS[1:]]]
    return pd.concat(parts, axis=1)


def outlet_wire_share(documents: pd.DataFrame, marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much of each outlet is wire copy, in documents and in words, with counts per agency.

    Parameters
    ----------
    documents: doc_id, text, outlet[, title, author].
    marks: a :func:`wire_table` of these documents, to avoid computing it again.

    Returns
    -------
    One row per outlet (sorted): outlet, documents, wire_documents, contribution_documents,
    own_documents (not wire; contributions count as own), wire_share (of documents), words,
    wire_words, wire_word_share (whitespace-separated words), agencies ("AP 31; UPI 18", most first).
    """
    marks = wire_table(documents) if marks is None else marks
    frame = documents[["doc_id", "outlet", "text"]].merge(marks[["doc_id", "wire", "wire_role"]], on="doc_id")
    frame["words"] = frame["text"].fillna("").astype(str).str.split().str.len()
    frame["is_wire"] = frame["wire_role"] == "wire"
    rows = []
    for outlet, g in frame.groupby("outlet", sort=True):
        wire = g[g["is_wire"]]
        counts = wire["wire"].value_counts()
        order = sorted(counts.index, key=lambda a: (-counts[a], AGENCY_ORDER.get(a, len(AGENCY_ORDER))))
        rows.append(
            {
                "outlet": outlet,
                "documents": len(g),
                "wire_documents": len(wire),
                "contribution_documents": int((g["wire_role"] == "contribution").sum()),
                "own_documents": len(g) - len(wire),
                "wire_share": len(wire) / len(g),
                "words": int(g["words"].sum()),
                "wire_words": int(wire["words"].sum()),
                "wire_word_share": _ratio(wire["words"].sum(), g["words"].sum()),
                "agencies": "; ".join(f"{a} {counts[a]}" for a in order),
            }
        )
    return pd.DataFrame(rows, columns=OUTLET_WIRE_COLUMNS)


def own_reporting_ids(documents: pd.DataFrame, marks: pd.DataFrame | None = None) -> list[str]:
    """The doc_ids that are not wire copy (an agency contribution or citation does not make wire copy).

    Parameters
    ----------
    documents: doc_id, text[, title, author].
    marks: a :func:`wire_table` of these documents, to avoid computing it again.

    Returns
    -------
    The doc_ids in input order.
    """
    marks = wire_table(documents) if marks is None else marks
    wire = set(marks.loc[marks["wire_role"] == "wire", "doc_id"])
    return [d for d in documents["doc_id"].tolist() if d not in wire]


def shared_copy(
    paragraphs: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    min_words: int = MIN_WORDS,
    threshold: float = JACCARD_MIN,
) -> SharedCopy:
    """Paragraphs (and articles) that outlets share, the earliest publisher of each, per-outlet shares.

    Parameters
    ----------
    paragraphs: doc_id, para_id, start, end, text[, outlet, published, is_furniture].
    documents: doc_id, outlet[, published]; joined on doc_id for whichever of outlet and published
        ``paragraphs`` lacks (needed when it lacks outlet).
    min_words: paragraphs with fewer words are never compared nor counted.
    threshold: minimum estimated Jaccard similarity of word 3-shingles for two paragraphs to join.

    Returns
    -------
    A :class:`SharedCopy` (members, clusters, outlets, articles); see
    :func:`analysis.syndication._shared.find_shared` for every column. Pieces shared only inside one
    outlet stay in members/clusters with ``cross_outlet`` False and are counted apart.
    """
    need = [c for c in ("outlet", "published") if c not in paragraphs.columns]
    if need and documents is not None:
        cols = ["doc_id"] + [c for c in need if c in documents.columns]
        paragraphs = paragraphs.merge(documents[cols], on="doc_id", how="left")
    return find_shared(paragraphs, min_words=min_words, threshold=threshold)


def paragraphs_frame(documents: pd.DataFrame) -> pd.DataFrame:
    """Every non-empty line of every document as one paragraph, with offsets into its text.

    Parameters
    ----------
    documents: doc_id and text (other columns are ignored; join them back on doc_id).

    Returns
    -------
    doc_id, para_id (0, 1, ... per document, in text order), start, end (str offsets of the line
    without its surrounding spaces), text (``text[start:end]``); documents without text give no rows.
    """
    rows: dict[str, list] = {c: [] for c in PARAGRAPH_COLUMNS}
    for doc_id, text in zip(documents["doc_id"].tolist(), documents["text"].fillna("").astype(str).tolist()):
        for pid, m in enumerate(LINE_RE.finditer(text)):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            end = m.end() - (len(m.group()) - len(m.group().rstrip()))
            rows["doc_id"].append(doc_id)
            rows["para_id"].append(pid)
            rows["start"].append(start)
            rows["end"].append(end)
            rows["text"].append(text[start:end])
    out = pd.DataFrame(rows)
    return out.astype({"para_id": "int64", "start": "int64", "end": "int64"})
