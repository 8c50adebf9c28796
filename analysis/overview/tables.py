"""Corpus-level summaries for the overview notebook and the report index."""

from __future__ import annotations

import textwrap

import pandas as pd

from analysis import display


def outlet_summary(corpus) -> pd.DataFrame:
    """One row per outlet: articles, words, undated articles, first and last publication date.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    """
    docs = corpus.documents
    return (
        docs.groupby("outlet", as_index=False)
        .agg(
            articles=("doc_id", "size"),
            words=("words", "sum"),
            undated=("published", lambda s: int(s.isna().sum())),
            first_published=("published", "min"),
            last_published=("published", "max"),
        )
        .sort_values(["articles", "outlet"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def documents_table(corpus) -> pd.DataFrame:
    """The documents frame without the text, for display and download."""
    cols = [c for c in corpus.documents.columns if c not in {"text", "_key", "source"}]
    return corpus.documents[cols].reset_index(drop=True)


def fingerprint(corpus) -> dict:
    """Corpus identity for a report: hash, documents, outlets, date range."""
    docs = corpus.documents
    dated = docs["published"].dropna()
    return {
        "fingerprint": corpus.fingerprint,
        "documents": int(len(docs)),
        "outlets": sorted(docs["outlet"].unique().tolist()),
        "date_from": dated.min().date().isoformat() if len(dated) else None,
        "date_to": dated.max().date().isoformat() if len(dated) else None,
        "undated": int(docs["published"].isna().sum()),
    }


def show_summary(corpus) -> None:
    """Show the outlet summary table, headline figures, and the corpus notes."""
    docs = corpus.documents
    display.headline("Articles", f"{len(docs):,}")
    display.headline("Outlets", f"{docs['outlet'].nunique():,}")
    display.headline("Words", f"{int(docs['words'].sum()):,}")
    for note in corpus.notes:
        display.show_text(f"Note: {note}")
    display.show_table(outlet_summary(corpus), name="outlets", caption="Articles and words per outlet.")


def furniture_table(corpus) -> pd.DataFrame:
    """Paragraphs flagged as page furniture (or otherwise not plain body), with reasons."""
    paras = corpus.paragraphs
    docs = corpus.documents.set_index("doc_id")
    flagged = paras[paras["kind"] != "body"]
    return flagged.assign(
        outlet=flagged["doc_id"].map(docs["outlet"]),
        excerpt=flagged["text"].map(lambda t: textwrap.shorten(" ".join(t.split()), 120) or "(blank)"),
    )[["outlet", "doc_id", "para_id", "kind", "is_furniture", "reason", "excerpt"]].reset_index(drop=True)


def coverage_over_time(corpus, freq: str | None = None) -> pd.DataFrame:
    """Articles and words per outlet and period (day, week or month; see :mod:`analysis.periods`).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    freq: "day", "week", "month" or None (chosen from the corpus's span).

    Returns
    -------
    One row per period and outlet with articles: period (its first day), freq, outlet,
    articles, words, example (the title or first sentence of the period's longest article).
    Undated articles are left out.
    """
    from analysis import periods

    cols = ["period", "freq", "outlet", "articles", "words", "example"]
    docs = corpus.documents[corpus.documents["published"].notna()]
    if docs.empty:
        return pd.DataFrame(columns=cols)
    freq = periods.choose_freq(docs["published"], freq)
    first = corpus.sentences.groupby("doc_id")["text"].first()
    docs = docs.assign(
        period=periods.period_start(docs["published"], freq),
        example=[t or first.get(d, "") for d, t in zip(docs["doc_id"], docs["title"].fillna(""))],
    )
    longest = docs.sort_values(["words", "doc_id"], ascending=[False, True], kind="stable")
    out = docs.groupby(["period", "outlet"], as_index=False).agg(articles=("doc_id", "size"), words=("words", "sum"))
    example = longest.drop_duplicates(["period", "outlet"]).set_index(["period", "outlet"])["example"]
    out["example"] = [example.get((p, o), "") for p, o in zip(out["period"], out["outlet"])]
    return out.assign(freq=freq)[cols].sort_values(["period", "outlet"], kind="stable").reset_index(drop=True)
