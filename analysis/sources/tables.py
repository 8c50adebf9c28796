"""Corpus-level tables of ``corpus.quotes`` for the sources notebook.

Attributions with outlet, date and sentence; the sourcing mix per outlet; who is quoted;
the anonymous share per outlet; quotes reused across outlets (fuzzy matching with
rapidfuzz); and the headline summary. The quotes themselves come from the ``sources`` stage
(:mod:`analysis.sources.stage`).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.config import UNDATED
from analysis.sources.stage import SPEAKER_TYPES

# --- corpus-level tables (for the notebook) ------------------------------------------------------
REUSE_THRESHOLD = 90  # rapidfuzz partial_ratio (0-100) for "the same quote"
REUSE_MIN_WORDS = 3
SHINGLE = 3  # words per shingle in the candidate index
MAX_POSTINGS = 200  # a shingle shared by more quotes than this is too common to index
_PUNCT = re.compile(r"[^\w\s]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


EVIDENCE_COLUMNS = [
    "outlet",
    "published",
    "speaker",
    "type",
    "affiliation",
    "kind",
    "verb",
    "quote",
    "sentence",
    "relayed_by",
    "doc_id",
]


def attributions(corpus, include_relayed: bool = True) -> pd.DataFrame:
    """The quotes frame with outlet, publication date and the sentence each attribution starts in.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    include_relayed: keep second-hand attributions (rows with ``relayed_by``); False keeps only
        the sources the outlet itself cites.
    """
    q = corpus.quotes
    if not include_relayed:
        q = q[q["relayed_by"].isna()]
    docs = corpus.documents.set_index("doc_id")
    sents = corpus.sentences.set_index(["doc_id", "sent_id"])["text"]
    keys = list(zip(q["doc_id"], q["sent_id"]))
    return q.assign(
        outlet=q["doc_id"].map(docs["outlet"]),
        published=q["doc_id"].map(docs["published"]),
        sentence=[sents.get(k, "") for k in keys],
    ).reset_index(drop=True)


def sourcing_mix(corpus, include_relayed: bool = True) -> pd.DataFrame:
    """Attributions per outlet and speaker type, with each type's share of the outlet's attributions.

    One row per outlet x speaker_type (every type listed, zero when absent; outlets with no
    attribution keep their rows with zeros): outlet, speaker_type, attributions, share,
    outlet_attributions, articles.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    include_relayed: count second-hand attributions too (see :func:`attributions`).
    """
    q = attributions(corpus, include_relayed)
    outlets = sorted(corpus.documents["outlet"].unique())
    grid = pd.MultiIndex.from_product([outlets, list(SPEAKER_TYPES)], names=["outlet", "speaker_type"])
    counts = q.groupby(["outlet", "speaker_type"]).size().reindex(grid, fill_value=0).rename("attributions")
    frame = counts.reset_index()
    totals = frame.groupby("outlet")["attributions"].transform("sum")
    articles = frame["outlet"].map(corpus.documents.groupby("outlet").size())
    return frame.assign(
        share=(frame["attributions"] / totals.where(totals > 0)).fillna(0.0).round(4),
        outlet_attributions=totals.astype("int64"),
        articles=articles.astype("int64"),
    )


def who_is_quoted(corpus, top_n: int = 15, include_relayed: bool = True) -> pd.DataFrame:
    """The most-cited speakers and how often each outlet cites them.

    One row per outlet x speaker for the ``top_n`` speakers overall: outlet, speaker,
    speaker_type, affiliation, attributions, direct, indirect, example (a quote), example_sentence.
    Unresolved pronoun speakers (empty ``speaker``) are left out.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    top_n: how many speakers (by attributions across the selection; ties by name).
    include_relayed: count second-hand attributions too.
    """
    q = attributions(corpus, include_relayed)
    cols = [
        "outlet",
        "speaker",
        "speaker_type",
        "affiliation",
        "attributions",
        "direct",
        "indirect",
        "example",
        "example_sentence",
    ]
    if q.empty:
        return pd.DataFrame(columns=cols)
    q = q[q["speaker"] != ""]  # a pronoun left unresolved is nobody to rank
    totals = q.groupby("speaker").size().reset_index(name="n").sort_values(["n", "speaker"], ascending=[False, True])
    top = totals["speaker"].head(top_n).tolist()
    q = q[q["speaker"].isin(top)]
    out = (
        q.groupby(["outlet", "speaker"], sort=False)
        .agg(
            speaker_type=("speaker_type", "first"),
            affiliation=("affiliation", "first"),
            attributions=("quote", "size"),
            direct=("kind", lambda k: int((k == "direct").sum())),
            indirect=("kind", lambda k: int((k == "indirect").sum())),
            example=("quote", "first"),
            example_sentence=("sentence", "first"),
        )
        .reset_index()
    )
    out["_rank"] = out["speaker"].map({s: i for i, s in enumerate(top)})
    return out.sort_values(["_rank", "outlet"], kind="stable").drop(columns="_rank")[cols].reset_index(drop=True)


def anonymous_share(corpus, include_relayed: bool = True) -> pd.DataFrame:
    """Per outlet: attributions, how many rest on anonymous sources, their share and descriptors.

    Columns: outlet, articles, attributions, anonymous, share (0-1; NaN when the outlet has no
    attribution), descriptors ("senior pentagon official (9); ..." most used first).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    include_relayed: count second-hand attributions too.
    """
    q = attributions(corpus, include_relayed)
    rows = []
    for outlet in sorted(corpus.documents["outlet"].unique()):
        part = q[q["outlet"] == outlet]
        anon = part[part["speaker_type"] == "anonymous"]
        counts = anon["speaker"].value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        rows.append(
            {
                "outlet": outlet,
                "articles": int((corpus.documents["outlet"] == outlet).sum()),
                "attributions": len(part),
                "anonymous": len(anon),
                "share": round(len(anon) / len(part), 4) if len(part) else float("nan"),
                "descriptors": "; ".join(f"{k} ({v})" for k, v in counts.items()),
            }
        )
    return pd.DataFrame(rows, columns=["outlet", "articles", "attributions", "anonymous", "share", "descriptors"])


def _norm_quote(text: str) -> str:
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", text.translate(_APOSTROPHES).lower())).strip()


def shared_quotes(corpus, threshold: int = REUSE_THRESHOLD, min_words: int = REUSE_MIN_WORDS) -> pd.DataFrame:
    """Direct quotes that appear in more than one outlet (fuzzy: outlets trim and re-punctuate).

    Candidates share a run of :data:`SHINGLE` words (an inverted index, so the cost grows with the
    number of quotes, not its square); a pair is the same quote when rapidfuzz's ``partial_ratio``
    of the normalised texts (lower case, no punctuation) reaches ``threshold``, which also matches
    a trimmed quote inside a longer one. Pairs are joined into groups. Returns one row per quote
    occurrence of a group quoted by at least two outlets: group, outlet, doc_id, published, speaker,
    speaker_type, quote, sentence, is_earliest (first publication in the group; ties all True,
    undated never earliest unless nothing is dated).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: the rapidfuzz ``partial_ratio`` (0-100) two quotes must reach.
    min_words: shorter quotes are left out (too common to mean reuse).
    """
    from rapidfuzz import fuzz

    cols = ["group", "outlet", "doc_id", "published", "speaker", "speaker_type", "quote", "sentence", "is_earliest"]
    q = attributions(corpus)
    q = q[q["kind"] == "direct"].reset_index(drop=True)
    norms = [_norm_quote(t) for t in q["quote"]]
    keep = [i for i, n in enumerate(norms) if len(n.split()) >= min_words]
    postings: dict[str, list[int]] = {}
    for i in keep:
        words = norms[i].split()
        for sh in {" ".join(words[k : k + SHINGLE]) for k in range(max(1, len(words) - SHINGLE + 1))}:
            postings.setdefault(sh, []).append(i)
    parent = list(range(len(q)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    outlets = q["outlet"].tolist()
    seen: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > MAX_POSTINGS:
            continue
        for a_pos, a in enumerate(ids):
            for b in ids[a_pos + 1 :]:
                if outlets[a] == outlets[b] or (a, b) in seen:
                    continue
                seen.add((a, b))
                if fuzz.partial_ratio(norms[a], norms[b]) >= threshold:
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in keep:
        groups.setdefault(find(i), []).append(i)
    rows = []
    for members in groups.values():
        if len({outlets[i] for i in members}) < 2:
            continue
        part = q.loc[sorted(members)]
        dated = part["published"].dropna()
        first = dated.min() if len(dated) else None
        gid = _norm_quote(max(part["quote"], key=len))[:80]
        for r in part.itertuples():
            rows.append(
                {
                    "group": gid,
                    "outlet": r.outlet,
                    "doc_id": r.doc_id,
                    "published": r.published,
                    "speaker": r.speaker,
                    "speaker_type": r.speaker_type,
                    "quote": r.quote,
                    "sentence": r.sentence,
                    "is_earliest": bool(first is not None and r.published == first) or first is None,
                }
            )
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["group", "published", "outlet"], kind="stable", na_position="last").reset_index(drop=True)


def shared_quote_summary(corpus, threshold: int = REUSE_THRESHOLD, min_words: int = REUSE_MIN_WORDS) -> pd.DataFrame:
    """One row per quote shared across outlets: quote (longest variant), outlets, n_outlets,
    earliest_outlet, earliest_published, variants (distinct wordings), speakers.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold, min_words: as for :func:`shared_quotes`.
    """
    occ = shared_quotes(corpus, threshold, min_words)
    cols = ["quote", "outlets", "n_outlets", "earliest_outlet", "earliest_published", "variants", "speakers"]
    rows = []
    for _, part in occ.groupby("group", sort=True):
        first = part[part["is_earliest"]]
        rows.append(
            {
                "quote": max(part["quote"], key=len),
                "outlets": ", ".join(sorted(part["outlet"].unique())),
                "n_outlets": part["outlet"].nunique(),
                "earliest_outlet": ", ".join(sorted(first["outlet"].unique())) or "(unknown)",
                "earliest_published": first["published"].min() if len(first) else pd.NaT,
                "variants": " | ".join(dict.fromkeys(part["quote"])),
                "speakers": ", ".join(dict.fromkeys(part["speaker"])),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def show_summary(corpus, include_relayed: bool = True) -> None:
    """Headline figures: attributions, direct share, anonymous share (overall and per outlet).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    include_relayed: count second-hand attributions too.
    """
    from analysis import display

    q = attributions(corpus, include_relayed)
    display.headline(
        "Attributions", f"{len(q):,}", f"in {q['doc_id'].nunique():,} of {len(corpus.documents):,} articles"
    )
    if q.empty:
        display.show_text("No attributed quote or reported speech was found in this selection.")
        return
    display.headline(
        "Direct quotes", f"{(q['kind'] == 'direct').mean():.0%}", "share of attributions in quotation marks"
    )
    display.headline("Anonymous sources", f"{(q['speaker_type'] == 'anonymous').mean():.0%}", "share of attributions")
    for r in anonymous_share(corpus, include_relayed).itertuples():
        if r.attributions:
            display.headline(f"Anonymous share, {r.outlet}", f"{r.share:.0%}", f"{r.anonymous} of {r.attributions}")


def date_label(value) -> str:
    """A publication date as ``YYYY-MM-DD``, or ``(undated)``."""
    return UNDATED if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def evidence_table(corpus, include_relayed: bool = True) -> pd.DataFrame:
    """Every attribution with its outlet, speaker, type, quote and sentence, for show_table.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    include_relayed: keep second-hand attributions (their ``relayed_by`` says who relays them).
    """
    q = attributions(corpus, include_relayed)
    if q.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    q = q.sort_values(["outlet", "doc_id", "start"], kind="stable")
    return q.assign(published=q["published"].map(date_label), type=q["speaker_type"])[EVIDENCE_COLUMNS].reset_index(
        drop=True
    )


def sourcing_over_time(corpus, freq: str | None = None, include_relayed: bool = True) -> pd.DataFrame:
    """Attributions per period and speaker type, each type's share, and the anonymous share.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    include_relayed: count second-hand attributions too (see :func:`attributions`).

    Returns
    -------
    One row per period and speaker type: period, freq, speaker_type, attributions, share (of
    the period's attributions), period_attributions, example (an attributed quote and its
    speaker). Undated articles are left out.
    """
    from analysis import periods

    cols = ["period", "freq", "speaker_type", "attributions", "share", "period_attributions", "example"]
    q = attributions(corpus, include_relayed)
    q = q[q["published"].notna()]
    if q.empty:
        return pd.DataFrame(columns=cols)
    freq = periods.choose_freq(corpus.documents["published"], freq)
    q = q.assign(period=periods.period_start(q["published"], freq))
    grid = pd.MultiIndex.from_product(
        [sorted(q["period"].unique()), list(SPEAKER_TYPES)], names=["period", "speaker_type"]
    )
    counts = q.groupby(["period", "speaker_type"]).size().reindex(grid, fill_value=0).rename("attributions")
    frame = counts.reset_index()
    totals = frame.groupby("period")["attributions"].transform("sum")
    first = q.drop_duplicates(["period", "speaker_type"]).set_index(["period", "speaker_type"])
    frame["example"] = [
        f"{first.at[k, 'speaker']}: “{first.at[k, 'quote']}”" if k in first.index else ""
        for k in zip(frame["period"], frame["speaker_type"])
    ]
    return frame.assign(
        freq=freq,
        share=(frame["attributions"] / totals.where(totals > 0)).fillna(0.0).round(4),
        period_attributions=totals,
    )[cols]
