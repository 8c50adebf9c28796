"""Copy that outlets share: clusters of near-duplicate paragraphs, their first publisher, shared articles.

Paragraphs are grouped by :func:`analysis.syndication._lsh.near_duplicate_groups` (word 3-shingles,
MinHash LSH, estimated Jaccard at least 0.5, joined transitively). A cluster is **cross-outlet** when
its paragraphs come from two or more outlets; only those count as shared copy. Clusters inside one
outlet (its own reprints, updated versions, repeated boilerplate) are kept in the frames with
``cross_outlet`` False and counted apart (``within_outlet_paragraphs``), never as shared.

Deterministic: rows are sorted by (doc_id, para_id) before anything else, and clusters are numbered
in that order, so the same rows in any order give the same frames.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ._lsh import JACCARD_MIN, MIN_WORDS, near_duplicate_groups

PAIR_CLUSTER_MAX = 50  # larger clusters (boilerplate) are left out of article pairs
ARTICLE_SHARE_MIN = 0.5  # an article is a copy of another when this share of its paragraphs is shared
REQUIRED = ("doc_id", "para_id", "start", "end", "text", "outlet")
MEMBER_COLUMNS = [
    "cluster_id",
    "doc_id",
    "para_id",
    "start",
    "end",
    "outlet",
    "published",
    "words",
    "cross_outlet",
    "is_first",
]
CLUSTER_COLUMNS = [
    "cluster_id",
    "paragraphs",
    "documents",
    "n_outlets",
    "outlets",
    "cross_outlet",
    "first_outlet",
    "first_doc_id",
    "first_para_id",
    "first_published",
    "first_tied",
    "words",
]
OUTLET_COLUMNS = [
    "outlet",
    "paragraphs",
    "words",
    "shared_paragraphs",
    "shared_words",
    "paragraph_share",
    "word_share",
    "first_paragraphs",
    "within_outlet_paragraphs",
]
ARTICLE_COLUMNS = [
    "doc_id",
    "outlet",
    "published",
    "other_doc_id",
    "other_outlet",
    "other_published",
    "shared_paragraphs",
    "paragraphs",
    "share",
    "is_copy",
]
ARTICLE_DTYPES = {
    "doc_id": object,
    "outlet": object,
    "published": "datetime64[us]",
    "other_doc_id": object,
    "other_outlet": object,
    "other_published": "datetime64[us]",
    "shared_paragraphs": "int64",
    "paragraphs": "int64",
    "share": "float64",
    "is_copy": bool,
}


class SharedCopy(NamedTuple):
    """The frames of :func:`find_shared` (see its docstring for the columns)."""

    members: pd.DataFrame
    clusters: pd.DataFrame
    outlets: pd.DataFrame
    articles: pd.DataFrame


def prepare_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The paragraphs to compare: checked, furniture dropped, sorted by (doc_id, para_id).

    Parameters
    ----------
    paragraphs: doc_id, para_id, start, end, text, outlet and optionally published (ISO text or
        datetimes; parsed, time zones converted to UTC and dropped) and is_furniture (True rows skipped).

    Returns
    -------
    A new frame with a fresh RangeIndex and ``published`` as naive datetime64 (NaT when unknown).
    """
    missing = [c for c in REQUIRED if c not in paragraphs.columns]
    if missing:
        raise ValueError(f"paragraphs frame lacks columns {missing}")
    keep = list(REQUIRED) + [c for c in ("published", "is_furniture") if c in paragraphs.columns]
    paras = paragraphs[keep].copy()
    if "is_furniture" in paras.columns:
        paras = paras[~paras["is_furniture"].fillna(False).astype(bool)].drop(columns="is_furniture")
    published = paras["published"] if "published" in paras.columns else pd.Series(pd.NaT, index=paras.index)
    paras["published"] = pd.to_datetime(published, errors="coerce", utc=True).dt.tz_localize(None)
    paras["text"] = paras["text"].fillna("").astype(str)
    paras["outlet"] = paras["outlet"].fillna("").astype(str)
    return paras.sort_values(["doc_id", "para_id"], kind="stable").reset_index(drop=True)


def find_shared(paragraphs: pd.DataFrame, min_words: int = MIN_WORDS, threshold: float = JACCARD_MIN) -> SharedCopy:
    """Clusters of near-duplicate paragraphs across (and within) outlets, with summaries.

    Parameters
    ----------
    paragraphs: see :func:`prepare_paragraphs`.
    min_words: paragraphs with fewer words are never compared (nor counted in the outlet shares).
    threshold: minimum estimated Jaccard similarity of word 3-shingles for two paragraphs to join.

    Returns
    -------
    A :class:`SharedCopy` of four frames:

    * ``members``: one row per clustered paragraph: cluster_id, doc_id, para_id, start, end, outlet,
      published, words, cross_outlet, is_first (published on the cluster's earliest date).
    * ``clusters``: one row per cluster: cluster_id, paragraphs, documents, n_outlets, outlets
      ("; "-joined, sorted), cross_outlet, first_outlet / first_doc_id / first_para_id /
      first_published (the earliest dated member; ties broken by outlet, doc_id, para_id; empty when no
      member is dated), first_tied (another outlet has the same earliest date), words (of the first).
    * ``outlets``: per outlet, over its paragraphs of at least ``min_words`` words: paragraphs, words,
      shared_paragraphs / shared_words (in cross-outlet clusters), paragraph_share, word_share,
      first_paragraphs (shared paragraphs it published on the cluster's earliest date),
      within_outlet_paragraphs (clustered only with its own paragraphs).
    * ``articles``: per ordered pair of documents of different outlets sharing paragraphs (clusters
      of at most :data:`PAIR_CLUSTER_MAX` paragraphs): doc_id, outlet, published, other_doc_id,
      other_outlet, other_published, shared_paragraphs (of doc_id's), paragraphs (doc_id's eligible
      ones), share, is_copy (share at least :data:`ARTICLE_SHARE_MIN`).
    """
    paras = prepare_paragraphs(paragraphs)
    group, words = near_duplicate_groups(paras["text"].tolist(), min_words=min_words, threshold=threshold)
    paras["words"] = words
    paras["group"] = group
    eligible = paras[paras["words"] >= min_words]
    sizes = eligible.groupby("group")["group"].transform("size")
    members = eligible[sizes >= 2].copy()
    members["cluster_id"] = pd.factorize(members["group"], sort=True)[0].astype(np.int64)
    clusters = _clusters(members)
    members = members.merge(clusters[["cluster_id", "cross_outlet", "first_published"]], on="cluster_id")
    members["is_first"] = members["published"].notna() & (members["published"] == members["first_published"])
    members = members.sort_values(["cluster_id", "doc_id", "para_id"]).reset_index(drop=True)[MEMBER_COLUMNS]
    return SharedCopy(
        members=members,
        clusters=clusters,
        outlets=_outlets(paras, min_words, members),
        articles=_articles(eligible, members),
    )


def _clusters(members: pd.DataFrame) -> pd.DataFrame:
    """One summary row per cluster (see :func:`find_shared`)."""
    order = ["cluster_id", "published", "outlet", "doc_id", "para_id"]
    ordered = members.sort_values(order, na_position="last")
    first = ordered.groupby("cluster_id", sort=True).head(1).set_index("cluster_id")
    g = members.groupby("cluster_id", sort=True)
    out = pd.DataFrame({"paragraphs": g.size(), "documents": g["doc_id"].nunique(), "n_outlets": g["outlet"].nunique()})
    names = members[["cluster_id", "outlet"]].drop_duplicates().sort_values(["cluster_id", "outlet"])
    out["outlets"] = names.groupby("cluster_id", sort=True)["outlet"].agg("; ".join)
    out["cross_outlet"] = out["n_outlets"] > 1
    dated = first["published"].notna()
    out["first_outlet"] = first["outlet"].where(dated, "")
    out["first_doc_id"] = first["doc_id"].where(dated, "")
    out["first_para_id"] = first["para_id"].where(dated, -1).astype(np.int64)
    out["first_published"] = first["published"]
    at_first = members.join(first["published"].rename("first_published"), on="cluster_id")
    at_first = at_first[at_first["published"] == at_first["first_published"]]
    out["first_tied"] = at_first.groupby("cluster_id")["outlet"].nunique().reindex(out.index).fillna(0) > 1
    out["words"] = first["words"].astype(np.int64)
    return out.reset_index()[CLUSTER_COLUMNS]


def _outlets(paras: pd.DataFrame, min_words: int, members: pd.DataFrame) -> pd.DataFrame:
    """Per-outlet totals and shared shares (see :func:`find_shared`); every outlet gets a row."""
    counted = paras.assign(n=(paras["words"] >= min_words).astype(np.int64))
    counted["words"] = counted["words"] * counted["n"]
    base = counted.groupby("outlet", sort=True).agg(paragraphs=("n", "sum"), words=("words", "sum"))
    cross = members[members["cross_outlet"]]
    shared = cross.groupby("outlet").agg(shared_paragraphs=("words", "size"), shared_words=("words", "sum"))
    first = cross[cross["is_first"]].groupby("outlet").size().rename("first_paragraphs")
    within = members[~members["cross_outlet"]].groupby("outlet").size().rename("within_outlet_paragraphs")
    out = base.join(shared).join(first).join(within).fillna(0)
    for col in (
        "paragraphs",
        "words",
        "shared_paragraphs",
        "shared_words",
        "first_paragraphs",
        "within_outlet_paragraphs",
    ):
        out[col] = out[col].astype(np.int64)
    out["paragraph_share"] = out["shared_paragraphs"] / out["paragraphs"].where(out["paragraphs"] > 0)
    out["word_share"] = out["shared_words"] / out["words"].where(out["words"] > 0)
    return out.reset_index()[OUTLET_COLUMNS]


def _articles(eligible: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Document pairs of different outlets that share paragraphs (see :func:`find_shared`)."""
    size = members.groupby("cluster_id")["cluster_id"].transform("size")
    cross = members[members["cross_outlet"] & (size <= PAIR_CLUSTER_MAX)]
    per_doc = cross.groupby(["cluster_id", "doc_id", "outlet"], sort=True).size().rename("n").reset_index()
    pairs = per_doc.merge(per_doc, on="cluster_id", suffixes=("", "_other"))
    pairs = pairs[pairs["outlet"] != pairs["outlet_other"]]
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype=ARTICLE_DTYPES[c]) for c in ARTICLE_COLUMNS})
    out = pairs.groupby(["doc_id", "doc_id_other"], sort=True)["n"].sum()
    out = out.rename("shared_paragraphs").reset_index()
    out = out.rename(columns={"doc_id_other": "other_doc_id"})
    docs = eligible.groupby("doc_id").agg(
        outlet=("outlet", "first"), published=("published", "first"), paragraphs=("words", "size")
    )
    out = out.join(docs, on="doc_id")
    other = docs[["outlet", "published"]].add_prefix("other_")
    out = out.join(other, on="other_doc_id")
    out["share"] = out["shared_paragraphs"] / out["paragraphs"]
    out["is_copy"] = out["share"] >= ARTICLE_SHARE_MIN
    return out.sort_values(["doc_id", "other_doc_id"]).reset_index(drop=True)[ARTICLE_COLUMNS]
