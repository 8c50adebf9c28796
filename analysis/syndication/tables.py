"""Corpus-level syndication frames built from plain frames (documents, paragraphs), and a plain
paragraphs frame for corpora that have none.

``documents`` needs doc_id and text; outlet, published, title and author are used when present.
``paragraphs`` needs doc_id, para_id, start, end and text (outlet and published are joined from
``documents`` when missing; rows with ``is_furniture`` True are skipped).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.text import one_line

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


def agency_counts(agencies: pd.Series) -> str:
    """The agencies of some wire articles with their counts, most first: "AP 31; UPI 18"."""
    counts = agencies.value_counts()
    order = sorted(counts.index, key=lambda a: (-counts[a], AGENCY_ORDER.get(a, len(AGENCY_ORDER))))
    return "; ".join(f"{a} {counts[a]}" for a in order)


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
                "agencies": agency_counts(wire["wire"]),
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


# --- corpus-level tables for the notebooks (a Corpus whose documents carry the wire marks) --------

WIRE_SHARE_COLUMNS = [
    "outlet",
    "articles",
    "wire_articles",
    "wire_share",
    "wire_word_share",
    "contribution_articles",
    "agency_own_articles",
    "agencies",
    "left_out",
]
EVIDENCE_COLUMNS = ["outlet", "doc_id", "published", "title", *WIRE_COLUMNS[1:]]
CLUSTER_TABLE_COLUMNS = [
    "cluster_id",
    "n_outlets",
    "outlets",
    "paragraphs",
    "first_outlet",
    "first_published",
    "first_tied",
    "first_doc_id",
    "start",
    "end",
    "excerpt",
]
EXCERPT_CHARS = 160
_SHARED_MEMO: dict[str, tuple] = {}  # the last corpus's SharedCopy (notebooks ask for it several times)


def _wire_rows(corpus) -> pd.DataFrame:
    """outlet, wire, wire_role, words of the corpus's documents plus those an own-reporting filter left out."""
    docs = corpus.documents
    if "wire_role" not in docs.columns:
        raise ValueError("the documents frame has no wire marks (load the corpus with analysis.load_corpus)")
    rows = docs[["outlet", "wire", "wire_role", "words"]].assign(left_out=False)
    gone = pd.DataFrame(corpus.stats.get("wire_left_out", []), columns=["outlet", "wire", "words"])
    if len(gone):
        rows = pd.concat([rows, gone.assign(wire_role="wire", left_out=True)], ignore_index=True)
    return rows


def wire_share(corpus) -> pd.DataFrame:
    """How much of each outlet is wire copy (articles and words), counting what a filter left out.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` (its documents carry the wire marks).

    Returns
    -------
    One row per outlet (most wire first, then by name): outlet, articles, wire_articles, wire_share,
    wire_word_share, contribution_articles (own stories with agency help), agency_own_articles (an
    agency's story in its own outlet), agencies ("AP 3; Reuters 1"), left_out (wire articles the
    ``own_reporting_only`` filter took out of this selection).
    """
    rows = _wire_rows(corpus)
    out = []
    for outlet, g in rows.groupby("outlet", sort=True):
        wire = g[g["wire_role"] == "wire"]
        out.append(
            {
                "outlet": outlet,
                "articles": len(g),
                "wire_articles": len(wire),
                "wire_share": len(wire) / len(g),
                "wire_word_share": _ratio(wire["words"].sum(), g["words"].sum()),
                "contribution_articles": int((g["wire_role"] == "contribution").sum()),
                "agency_own_articles": int((g["wire_role"] == "agency").sum()),
                "agencies": agency_counts(wire["wire"]),
                "left_out": int(g["left_out"].sum()),
            }
        )
    frame = pd.DataFrame(out, columns=WIRE_SHARE_COLUMNS)
    return frame.sort_values(["wire_share", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def wire_evidence(corpus) -> pd.DataFrame:
    """Every article with a wire or contribution mark, with the evidence and its offsets.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.

    Returns
    -------
    :data:`EVIDENCE_COLUMNS`, one row per marked article, by outlet then doc_id; ``wire_start`` /
    ``wire_end`` index ``wire_field`` (the text, the title or the author field).
    """
    docs = corpus.documents
    if "wire_role" not in docs.columns:
        raise ValueError("the documents frame has no wire marks (load the corpus with analysis.load_corpus)")
    marked = docs[docs["wire_role"] != ""]
    return marked.sort_values(["outlet", "doc_id"], kind="stable")[EVIDENCE_COLUMNS].reset_index(drop=True)


def show_wire_summary(corpus) -> None:
    """Headline figures on wire copy: overall share, per outlet share, and what a filter left out.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    """
    from analysis import display

    share = wire_share(corpus)
    articles, wire = int(share["articles"].sum()), int(share["wire_articles"].sum())
    display.headline("Wire copy", f"{wire / articles:.0%}" if articles else "n/a", f"{wire} of {articles} articles")
    for r in share[share["wire_articles"] > 0].itertuples():
        display.headline(
            f"Wire share, {r.outlet}", f"{r.wire_share:.0%}", f"{r.wire_articles} of {r.articles}: {r.agencies}"
        )
    left = int(share["left_out"].sum())
    if left:
        display.show_text(f"Own reporting only: {left} wire-copy article(s) are left out of every figure below.")
    elif wire:
        display.show_text("Wire copy is included in every figure below (own_reporting_only=True leaves it out).")
    else:
        display.show_text("No article carries a wire dateline, credit or byline: everything is the outlets' own.")


def corpus_shared_copy(corpus, min_words: int = MIN_WORDS, threshold: float = JACCARD_MIN) -> SharedCopy:
    """:func:`shared_copy` of a corpus's paragraphs (furniture skipped), remembered for the last corpus.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    min_words, threshold: as for :func:`shared_copy`.

    Returns
    -------
    A :class:`SharedCopy`.
    """
    paras, docs = corpus.paragraphs, corpus.documents
    hit = _SHARED_MEMO.get("last")
    if hit is not None and hit[0] is paras and hit[1] is docs and hit[2] == (min_words, threshold):
        return hit[3]
    result = shared_copy(paras, docs[["doc_id", "outlet", "published"]], min_words=min_words, threshold=threshold)
    _SHARED_MEMO["last"] = (paras, docs, (min_words, threshold), result)
    return result


def shared_clusters(corpus, threshold: float = JACCARD_MIN) -> pd.DataFrame:
    """Copy shared across outlets: one row per cross-outlet cluster, with its earliest publisher.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: estimated Jaccard of word 3-shingles for two paragraphs to join.

    Returns
    -------
    :data:`CLUSTER_TABLE_COLUMNS`, most outlets first: the earliest member's doc_id and offsets
    (``start``/``end`` into its text; the latest-numbered tie goes by outlet, doc_id) and an excerpt.
    """
    r = corpus_shared_copy(corpus, threshold=threshold)
    cl = r.clusters[r.clusters["cross_outlet"]] if len(r.clusters) else r.clusters
    if cl.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CLUSTER_TABLE_COLUMNS})
    first = cl[["cluster_id", "first_doc_id", "first_para_id"]].copy()
    members = r.members.set_index(["cluster_id", "doc_id", "para_id"])
    undated = first["first_doc_id"].eq("") | first["first_doc_id"].isna()
    lead = (
        r.members.sort_values(["cluster_id", "doc_id", "para_id"]).drop_duplicates("cluster_id").set_index("cluster_id")
    )
    doc_ids = first["first_doc_id"].where(~undated, first["cluster_id"].map(lead["doc_id"]))
    para_ids = first["first_para_id"].where(~undated, first["cluster_id"].map(lead["para_id"]))
    keys = list(zip(first["cluster_id"], doc_ids, para_ids.astype("int64")))
    spans = members.loc[keys, ["start", "end"]].to_numpy()
    texts = corpus.documents.set_index("doc_id")["text"]
    out = cl.assign(
        first_doc_id=doc_ids.to_numpy(),
        start=spans[:, 0].astype("int64"),
        end=spans[:, 1].astype("int64"),
        excerpt=[one_line(texts[d][s:e], EXCERPT_CHARS) for d, (s, e) in zip(doc_ids, spans)],
    )
    out = out.sort_values(["n_outlets", "paragraphs", "cluster_id"], ascending=[False, False, True], kind="stable")
    return out[CLUSTER_TABLE_COLUMNS].reset_index(drop=True)


def shared_by_outlet(corpus, threshold: float = JACCARD_MIN) -> pd.DataFrame:
    """Each outlet's share of shared copy: paragraphs and words it shares with another outlet.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: as for :func:`shared_clusters`.

    Returns
    -------
    The ``outlets`` frame of :func:`shared_copy` (paragraphs, words, shared_paragraphs, shared_words,
    paragraph_share, word_share, first_paragraphs, within_outlet_paragraphs), most shared first.
    """
    return _sorted(corpus_shared_copy(corpus, threshold=threshold).outlets, {"paragraph_share": False, "outlet": True})


def shared_articles(corpus, threshold: float = JACCARD_MIN) -> pd.DataFrame:
    """Article pairs of different outlets that share paragraphs (``is_copy``: half or more shared).

    Takes the parameters of :func:`shared_by_outlet`; returns the ``articles`` frame of
    :func:`shared_copy`, largest share first.
    """
    order = {"share": False, "doc_id": True, "other_doc_id": True}
    return _sorted(corpus_shared_copy(corpus, threshold=threshold).articles, order)


def _sorted(frame: pd.DataFrame, order: dict[str, bool]) -> pd.DataFrame:
    """``frame`` stably sorted by the columns of ``order`` (True: ascending), with a fresh index."""
    return frame.sort_values(list(order), ascending=list(order.values()), kind="stable").reset_index(drop=True)


def show_shared_summary(corpus, threshold: float = JACCARD_MIN) -> None:
    """Headline figures on shared copy: clusters across outlets and the outlet sharing the most.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: as for :func:`shared_clusters`.
    """
    from analysis import display

    clusters = shared_clusters(corpus, threshold)
    outlets = shared_by_outlet(corpus, threshold)
    display.headline("Shared pieces", f"{len(clusters):,}", "paragraph clusters found in two or more outlets")
    shared = outlets[outlets["shared_paragraphs"] > 0]
    if shared.empty:
        display.show_text("No paragraph of 12 or more words appears (nearly) verbatim in two outlets.")
        return
    top = shared.iloc[0]
    display.headline(
        f"Most shared copy, {top['outlet']}",
        f"{top['paragraph_share']:.0%}",
        f"{top['shared_paragraphs']} of {top['paragraphs']} paragraphs",
    )
    pairs = shared_articles(corpus, threshold)
    display.headline("Copied articles", f"{int(pairs['is_copy'].sum()):,}", "article pairs with half or more shared")
