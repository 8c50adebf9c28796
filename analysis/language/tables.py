"""Tables of the language that sets each group (outlet, period, ...) apart, with evidence.

:func:`distinctive_terms` ranks, for each group, the terms it over-uses against the rest of the
corpus by the z-score of a log-odds ratio with an informative Dirichlet prior
(:mod:`analysis.language._fightin`). :func:`term_evidence` links each listed term back to the
sentences behind it, with character offsets into the document text.

Inputs are plain frames: ``sentences`` (doc_id, sent_id, start, end, text, is_furniture) and
``documents`` (doc_id, outlet, published, ...). Furniture sentences are skipped; documents
without a group value (an undated article when grouping by month) are left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._fightin import ALPHA_0, fightin_words_z
from ._terms import TermIndex, index_terms, name_flags, overlaps_spans

TOP = 20  # terms listed per group (and per kind, words or names, when names are shown apart)
MIN_COUNT = 5  # a term is listed for a group only if the group uses it at least this often
MIN_DOCS = 2  # ... in at least this many documents (one article repeating a word is not a style)
PER_TERM = 5  # evidence sentences per listed term
# ``by`` values that are periods of ``published`` (pandas period codes), unless a column of that name exists.
PERIODS = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D"}
NAMES = ("apart", "out", "in")  # names ranked apart from other words, left out, or ranked with them
TERM_COLUMNS = ["group", "term", "count_group", "count_rest", "docs_group", "z", "rank", "is_name"]
EVIDENCE_COLUMNS = ["group", "term", "doc_id", "sent_id", "start", "end", "sentence"]


def group_labels(documents: pd.DataFrame, by: str = "outlet") -> pd.Series:
    """Each document's group label as text, indexed by doc_id (missing where it has none).

    Parameters
    ----------
    documents: the documents frame (doc_id plus the grouping column or ``published``).
    by: a column of ``documents``, or a period of ``published``: one of :data:`PERIODS`.

    Returns
    -------
    Series of str (or NA) indexed by doc_id; periods read like "2026-02".
    """
    if by in documents.columns:
        values = documents[by]
        labels = values.astype(str).where(values.notna())
    elif by in PERIODS:
        when = pd.to_datetime(documents["published"], utc=True, errors="coerce").dt.tz_localize(None)
        labels = when.dt.to_period(PERIODS[by]).astype(str).where(when.notna())
    else:
        raise ValueError(f"by={by!r} is neither a documents column nor one of {sorted(PERIODS)}")
    return pd.Series(labels.to_numpy(), index=documents["doc_id"].to_numpy(), name="group")


def _prepare(sentences: pd.DataFrame, documents: pd.DataFrame, by: str) -> tuple[pd.DataFrame, TermIndex]:
    """Reporting sentences of grouped documents in (doc_id, sent_id) order, and their terms.

    Parameters
    ----------
    sentences: the sentences frame.
    documents: the documents frame.
    by: the grouping (see :func:`group_labels`).

    Returns
    -------
    (frame with doc_id, sent_id, start, text, group, g (group code), d (document code), the index).
    """
    s = sentences
    if "is_furniture" in s.columns:
        s = s[~s["is_furniture"].astype(bool)]
    labels = group_labels(documents, by)
    labels = labels[~labels.index.duplicated()]
    s = s.assign(group=s["doc_id"].map(labels)).dropna(subset=["group"])
    s = s.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    groups = sorted(s["group"].unique())
    s["g"] = pd.Categorical(s["group"], categories=groups).codes.astype(np.int64)
    s["d"] = pd.factorize(s["doc_id"], sort=True)[0].astype(np.int64)
    return s, index_terms(s["text"].tolist())


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array (a plain sort: much faster here than ``np.unique``).

    Parameters
    ----------
    values: 1-d integer array.

    Returns
    -------
    its distinct values, ascending.
    """
    v = np.sort(values)
    return v[np.concatenate([[True], v[1:] != v[:-1]])] if len(v) else v


def _in_mentions(s: pd.DataFrame, ix: TermIndex, mentions: pd.DataFrame | None) -> np.ndarray | None:
    """Per term occurrence: does it overlap an actor mention?

    Parameters
    ----------
    s: the prepared sentences (from :func:`_prepare`).
    ix: their term occurrences.
    mentions: doc_id, start, end (document offsets), or None.

    Returns
    -------
    bool array per occurrence, or None without mentions.
    """
    if mentions is None:
        return None
    docs = pd.Index(pd.unique(s["doc_id"]))
    m = mentions[mentions["doc_id"].isin(docs)]
    base = s["start"].to_numpy(np.int64)[ix.row]
    return overlaps_spans(
        s["d"].to_numpy()[ix.row],
        base + ix.start,
        base + ix.end,
        docs.get_indexer(m["doc_id"]),
        m["start"].to_numpy(np.int64),
        m["end"].to_numpy(np.int64),
    )


def distinctive_terms(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    by: str = "outlet",
    top: int = TOP,
    min_count: int = MIN_COUNT,
    min_docs: int = MIN_DOCS,
    names: str = "apart",
    mentions: pd.DataFrame | None = None,
    alpha_0: float = ALPHA_0,
) -> pd.DataFrame:
    """The terms each group over-uses against the rest of the corpus, ranked by z-score.

    Parameters
    ----------
    sentences: doc_id, sent_id, start, end, text, is_furniture (furniture is skipped).
    documents: doc_id plus the grouping column (or ``published`` for a period).
    by: "outlet", a period of ``published`` ("month", ...: :data:`PERIODS`) or any documents column.
    top: terms per group (per group and kind when ``names="apart"``).
    min_count: least uses in the group for a term to be listed (:data:`MIN_COUNT`).
    min_docs: least documents of the group using it (:data:`MIN_DOCS`).
    names: "apart" (words and names ranked separately), "out" (names dropped) or "in".
    mentions: optional actor mentions (doc_id, start, end; document offsets); a term mostly inside
        mentions is a name.
    alpha_0: the prior's total pseudo-count (:data:`~analysis.language._fightin.ALPHA_0`).

    Returns
    -------
    DataFrame with :data:`TERM_COLUMNS`, sorted by group, is_name (when apart) and rank; only
    over-used terms (z > 0); rank 1 is the highest z, ties broken by term. Empty when there are
    fewer than two groups. ``attrs["by"]`` records the grouping.
    """
    if names not in NAMES:
        raise ValueError(f"names={names!r}: want one of {NAMES}")
    s, ix = _prepare(sentences, documents, by)
    groups = sorted(s["group"].unique())
    dtypes = [object, object, "int64", "int64", "int64", float, "int64", bool]
    out = pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(TERM_COLUMNS, dtypes, strict=True)})
    out.attrs["by"] = by
    if len(groups) < 2 or len(ix.term) == 0:
        return out
    n_groups = len(groups)
    g = s["g"].to_numpy()[ix.row]
    totals = np.bincount(g, minlength=n_groups)
    keep = np.flatnonzero(np.bincount(ix.term, minlength=len(ix.vocab)) >= min_count)
    compact = np.full(len(ix.vocab), -1, dtype=np.int64)
    compact[keep] = np.arange(len(keep))
    sel = compact[ix.term] >= 0
    cell = compact[ix.term[sel]] * n_groups + g[sel]
    counts = np.bincount(cell, minlength=len(keep) * n_groups).reshape(len(keep), n_groups)
    n_docs = int(s["d"].max()) + 1
    doc_cells = _distinct(cell * n_docs + s["d"].to_numpy()[ix.row[sel]]) // n_docs  # (term, group) per doc
    docs = np.bincount(doc_cells, minlength=len(keep) * n_groups).reshape(len(keep), n_groups)
    z = fightin_words_z(counts, totals, alpha_0)
    is_name = name_flags(ix, _in_mentions(s, ix, mentions))[keep]
    t_idx, g_idx = np.nonzero((counts >= min_count) & (docs >= min_docs) & (z > 0))
    frame = pd.DataFrame(
        {
            "group": np.asarray(groups, dtype=object)[g_idx],
            "term": ix.vocab[keep[t_idx]].astype(str),
            "count_group": counts[t_idx, g_idx].astype(np.int64),
            "count_rest": (counts.sum(axis=1)[t_idx] - counts[t_idx, g_idx]).astype(np.int64),
            "docs_group": docs[t_idx, g_idx].astype(np.int64),
            "z": z[t_idx, g_idx],
            "is_name": is_name[t_idx],
        }
    )
    if names == "out":
        frame = frame[~frame["is_name"]]
    keys = ["group", "is_name"] if names == "apart" else ["group"]
    ascending = [True] * len(keys) + [False, True]
    frame = frame.sort_values([*keys, "z", "term"], ascending=ascending, kind="stable")
    frame["rank"] = frame.groupby(keys, sort=False).cumcount().astype(np.int64) + 1
    frame = frame[frame["rank"] <= top].sort_values([*keys, "rank"], kind="stable")
    frame = frame[TERM_COLUMNS].reset_index(drop=True)
    frame.attrs["by"] = by
    return frame


def term_evidence(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    terms_frame: pd.DataFrame,
    per_term: int = PER_TERM,
    by: str | None = None,
) -> pd.DataFrame:
    """Sentences behind each listed term of each group, with the term's document offsets.

    Up to ``per_term`` sentences per (group, term), from different documents where there are
    enough, spread evenly over the group's documents in doc_id order (deterministic).

    Parameters
    ----------
    sentences: the sentences frame (as for :func:`distinctive_terms`).
    documents: the documents frame.
    terms_frame: the output of :func:`distinctive_terms` (group and term columns).
    per_term: sentences per term (:data:`PER_TERM`).
    by: the grouping; default ``terms_frame.attrs["by"]``, else "outlet".

    Returns
    -------
    DataFrame with :data:`EVIDENCE_COLUMNS`, in terms_frame row order then doc_id, sent_id;
    ``start``/``end`` are the term's character offsets in the document text.
    """
    by = by or terms_frame.attrs.get("by", "outlet")
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in EVIDENCE_COLUMNS})
    if terms_frame.empty:
        return empty
    s, ix = _prepare(sentences, documents, by)
    groups = sorted(s["group"].unique())
    wanted = terms_frame[["group", "term"]].drop_duplicates().reset_index(drop=True)
    term_id = pd.Series(np.arange(len(ix.vocab)), index=ix.vocab.astype(str))
    key = (
        (wanted["term"].map(term_id) * len(groups) + wanted["group"].map({grp: i for i, grp in enumerate(groups)}))
        .dropna()
        .astype(np.int64)
    )
    occ_key = ix.term * len(groups) + s["g"].to_numpy()[ix.row]
    hit = np.flatnonzero(np.isin(occ_key, key.to_numpy()))
    if len(hit) == 0:
        return empty
    rows = ix.row[hit]
    base = s["start"].to_numpy(np.int64)[rows]
    ev = pd.DataFrame(
        {
            "order": key.index.to_numpy()[pd.Index(key.to_numpy()).get_indexer(occ_key[hit])],
            "row": rows,
            "start": base + ix.start[hit],
            "end": base + ix.end[hit],
        }
    )
    ev = ev.sort_values(["order", "row", "start"], kind="stable").drop_duplicates(["order", "row"])
    doc = s["d"].to_numpy()[ev["row"].to_numpy()]
    ev["first"] = ~pd.DataFrame({"o": ev["order"].to_numpy(), "d": doc}).duplicated().to_numpy()
    ev = ev.sort_values(["order", "first", "row"], ascending=[True, False, True], kind="stable")
    pos = ev.groupby("order").cumcount().to_numpy()
    n_first = ev.groupby("order")["first"].transform("sum").to_numpy()
    bucket = (pos * per_term) // np.maximum(n_first, 1)
    prev = (np.maximum(pos - 1, 0) * per_term) // np.maximum(n_first, 1)
    spread = (pos < n_first) & ((pos == 0) | (bucket != prev))
    ev = ev[np.where(n_first >= per_term, spread, pos < per_term)]
    ev = ev.sort_values(["order", "row", "start"], kind="stable")
    r = ev["row"].to_numpy()
    return pd.DataFrame(
        {
            "group": wanted["group"].to_numpy()[ev["order"]],
            "term": wanted["term"].to_numpy()[ev["order"]],
            "doc_id": s["doc_id"].to_numpy()[r],
            "sent_id": s["sent_id"].to_numpy()[r],
            "start": ev["start"].to_numpy(),
            "end": ev["end"].to_numpy(),
            "sentence": s["text"].to_numpy()[r],
        }
    )[EVIDENCE_COLUMNS]


# --- corpus-level tables for the notebooks ---------------------------------------------------------

ACTOR = "actor"  # ``by`` value: group the sentences that mention each actor (its context), not documents
TOP_ACTORS = 10  # actors compared when ``by="actor"`` (the most mentioned)
_MEMO: dict[str, tuple] = {}  # the last corpus's terms (a notebook asks for them several times)


def _actor_frames(corpus, top_actors: int = TOP_ACTORS) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Sentences mentioning each of the most mentioned actors, as one pseudo-document per (article, actor).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    top_actors: actors kept (most mentioned in reporting sentences first, ties by name).

    Returns
    -------
    (sentences with doc_id "doc|actor", documents with doc_id and actor, pseudo doc_id -> doc_id).
    """
    m = corpus.mentions
    if "in_furniture" in m.columns:
        m = m[~m["in_furniture"].astype(bool)]
    counts = m.groupby("actor").size().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    actors = counts.index[:top_actors].tolist()
    pairs = m[m["actor"].isin(actors)][["doc_id", "sent_id", "actor"]].drop_duplicates()
    s = corpus.sentences.merge(pairs, on=["doc_id", "sent_id"])
    pseudo = s["doc_id"] + "|" + s["actor"]
    back = dict(zip(pseudo, s["doc_id"]))
    docs = pd.DataFrame({"doc_id": pseudo, "actor": s["actor"]}).drop_duplicates("doc_id")
    return s.assign(doc_id=pseudo).drop(columns="actor"), docs, back


def corpus_terms(
    corpus, by: str = "outlet", top: int = TOP, min_count: int = MIN_COUNT, names: str = "apart"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`distinctive_terms` and :func:`term_evidence` of a corpus, remembered for the last corpus.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    by: "outlet", a period of ``published`` (:data:`PERIODS`), "actor" (the sentences mentioning
        each of the :data:`TOP_ACTORS` most mentioned actors) or any documents column.
    top: terms per group (and kind).
    min_count: least uses in the group.
    names: "apart", "out" or "in" (see :func:`distinctive_terms`).

    Returns
    -------
    (terms, evidence); evidence doc_ids and offsets always refer to the real documents.
    """
    key = (id(corpus.sentences), id(corpus.documents), by, top, min_count, names)
    hit = _MEMO.get("last")
    if hit is not None and hit[0] == key and hit[1] is corpus.sentences:
        return hit[2], hit[3]
    if by == ACTOR and ACTOR not in corpus.documents.columns:
        sentences, documents, back = _actor_frames(corpus)
        mentions = None
    else:
        sentences, documents, back = corpus.sentences, corpus.documents, None
        mentions = corpus.mentions
    terms = distinctive_terms(sentences, documents, by=by, top=top, min_count=min_count, names=names, mentions=mentions)
    evidence = term_evidence(sentences, documents, terms, by=by)
    if back is not None:
        evidence = evidence.assign(doc_id=evidence["doc_id"].map(back))
    _MEMO["last"] = (key, corpus.sentences, terms, evidence)
    return terms, evidence


def terms_table(corpus, by: str = "outlet", top: int = TOP, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """The distinctive terms of each group, with their counts, z-scores and an example sentence.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    by, top, min_count: as for :func:`corpus_terms`.

    Returns
    -------
    :data:`TERM_COLUMNS` plus ``example`` (the first evidence sentence) and its ``doc_id``.
    """
    terms, evidence = corpus_terms(corpus, by, top, min_count)
    first = evidence.drop_duplicates(["group", "term"])[["group", "term", "doc_id", "sentence"]]
    out = terms.merge(first.rename(columns={"sentence": "example"}), on=["group", "term"], how="left")
    return out.assign(z=out["z"].round(2))


def evidence_table(corpus, by: str = "outlet", top: int = TOP, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """Every listed term's evidence sentences, with the term's offsets in the document text.

    Takes the parameters of :func:`corpus_terms` and returns :data:`EVIDENCE_COLUMNS` (group, term,
    doc_id, sent_id, start, end, sentence): the second frame of that function.
    """
    return corpus_terms(corpus, by, top, min_count)[1]


def show_summary(corpus, by: str = "outlet", min_count: int = MIN_COUNT) -> None:
    """Headline figures: groups compared and each group's most distinctive word.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    by, min_count: as for :func:`corpus_terms`.
    """
    from analysis import display

    terms, _ = corpus_terms(corpus, by, TOP, min_count)
    groups = terms["group"].nunique()
    display.headline(f"Groups compared (by {by})", f"{groups:,}", f"terms used at least {min_count} times")
    if terms.empty:
        display.show_text("Too little text, or fewer than two groups: no distinctive terms to show.")
        return
    words = terms[~terms["is_name"].astype(bool) & (terms["rank"] == 1)]
    for r in words.head(12).itertuples():
        display.headline(f"Most distinctive word, {r.group}", r.term, f"z = {r.z:.1f}, {r.count_group} uses")
