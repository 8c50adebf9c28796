"""Tables of ``corpus.mentions`` for the actors notebook.

Mentions in reporting text, co-occurrence (tables and a networkx graph), the most-mentioned
actors, mention rates per 1,000 words, first mentions and prominence, the evidence sentences
for one actor, and the headline summary. The mentions come from the ``actors`` stage
(:mod:`analysis.actors.stage`); discovery of unknown names is in :mod:`analysis.actors.discovery`.
"""

from __future__ import annotations

import pandas as pd

from analysis.actors.discovery import discover as discover  # re-exported: the notebook calls tables.discover
from analysis.actors.stage import actor_table

EDGE_COLUMNS = ["actor_a", "actor_b", "level", "count", "example", "example_doc_id", "example_outlet"]
LEVELS = ("sentence", "document")


def reporting_mentions(corpus, include_furniture: bool = False) -> pd.DataFrame:
    """``corpus.mentions`` without page furniture (captions, boxes, methodology), with outlet.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` (with the ``mentions`` frame).
    include_furniture: keep mentions inside furniture too.
    """
    m = corpus.mentions
    if not include_furniture:
        m = m[~m["in_furniture"]]
    outlets = corpus.documents.set_index("doc_id")["outlet"]
    return m.assign(outlet=m["doc_id"].map(outlets)).reset_index(drop=True)


def _sentence_text(corpus) -> pd.Series:
    s = corpus.sentences
    return pd.Series(s["text"].to_numpy(), index=pd.MultiIndex.from_arrays([s["doc_id"], s["sent_id"]]))


def _pairs(marks: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Actor pairs (a < b) sharing ``keys``, one row per shared unit, in corpus order."""
    marks = marks.drop_duplicates(keys + ["actor"])
    pairs = marks.merge(marks, on=keys, suffixes=("_a", "_b"))
    return pairs[pairs["actor_a"] < pairs["actor_b"]]


def cooccurrence(corpus, include_furniture: bool = False) -> pd.DataFrame:
    """Actors named together: one edge per pair and level (sentence | document).

    ``count`` is the number of sentences (documents) naming both; ``example`` is the first
    sentence naming both (at document level, when no single sentence does, the first
    sentence naming each, joined by " … ").

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    include_furniture: count mentions in captions and boxes too.

    Returns a frame with :data:`EDGE_COLUMNS`, sorted by level, count (descending), names.
    """
    m = reporting_mentions(corpus, include_furniture)
    if m.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"count": "int64"})
    m = m.assign(_order=range(len(m)))
    texts = _sentence_text(corpus)
    sent = _pairs(m[["doc_id", "sent_id", "actor", "outlet", "_order"]], ["doc_id", "sent_id", "outlet"])
    sent = sent.assign(_o=sent[["_order_a", "_order_b"]].max(axis=1)).sort_values("_o", kind="stable")
    sent_edges = sent.groupby(["actor_a", "actor_b"], as_index=False).agg(
        count=("sent_id", "size"),
        example_doc_id=("doc_id", "first"),
        example_sent=("sent_id", "first"),
        example_outlet=("outlet", "first"),
    )
    sent_edges["example"] = [
        texts.get((d, s), "") for d, s in zip(sent_edges["example_doc_id"], sent_edges["example_sent"])
    ]
    first = m.drop_duplicates(["doc_id", "actor"])
    doc = _pairs(
        first[["doc_id", "actor", "outlet", "sent_id", "_order"]].rename(columns={"sent_id": "sid"}),
        ["doc_id", "outlet"],
    )
    doc = doc.assign(_o=doc[["_order_a", "_order_b"]].max(axis=1)).sort_values("_o", kind="stable")
    doc_edges = doc.groupby(["actor_a", "actor_b"], as_index=False).agg(
        count=("doc_id", "size"),
        example_doc_id=("doc_id", "first"),
        example_outlet=("outlet", "first"),
        sid_a=("sid_a", "first"),
        sid_b=("sid_b", "first"),
    )
    together = sent.drop_duplicates(["actor_a", "actor_b", "doc_id"]).set_index(["actor_a", "actor_b", "doc_id"])
    examples = []
    for a, b, d, sa, sb in zip(
        doc_edges["actor_a"], doc_edges["actor_b"], doc_edges["example_doc_id"], doc_edges["sid_a"], doc_edges["sid_b"]
    ):
        if (a, b, d) in together.index:
            examples.append(texts.get((d, together.loc[(a, b, d), "sent_id"]), ""))
        else:
            examples.append(" … ".join(texts.get((d, s), "") for s in sorted({sa, sb})))
    doc_edges["example"] = examples
    edges = pd.concat([sent_edges.assign(level="sentence"), doc_edges.assign(level="document")], ignore_index=True)
    edges["level"] = pd.Categorical(edges["level"], categories=LEVELS)
    return (
        edges.sort_values(["level", "count", "actor_a", "actor_b"], ascending=[True, False, True, True], kind="stable")
        .assign(level=lambda f: f["level"].astype(str))[EDGE_COLUMNS]
        .reset_index(drop=True)
    )


def cooccurrence_graph(
    corpus, level: str = "sentence", actors: list[str] | None = None, include_furniture: bool = False
):
    """A networkx graph: nodes are actors (``mentions``, ``actor_type``), edges co-occurrences.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    level: "sentence" or "document".
    actors: keep only these actors (default: all that are mentioned).
    include_furniture: count mentions in captions and boxes too.
    """
    import networkx as nx

    if level not in LEVELS:
        raise ValueError(f"unknown co-occurrence level {level!r}; use one of {', '.join(LEVELS)}")
    m = reporting_mentions(corpus, include_furniture)
    counts = m.groupby("actor").agg(mentions=("actor", "size"), actor_type=("actor_type", "first"))
    keep = set(counts.index) if actors is None else set(actors) & set(counts.index)
    graph = nx.Graph()
    for name in sorted(keep):
        graph.add_node(name, mentions=int(counts.at[name, "mentions"]), actor_type=counts.at[name, "actor_type"])
    edges = cooccurrence(corpus, include_furniture)
    for e in edges[edges["level"] == level].itertuples(index=False):
        if e.actor_a in keep and e.actor_b in keep:
            graph.add_edge(
                e.actor_a,
                e.actor_b,
                count=int(e.count),
                weight=int(e.count),
                example=e.example,
                example_outlet=e.example_outlet,
            )
    return graph


def top_actors(corpus, top_n: int = 15) -> list[str]:
    """The ``top_n`` actors with the most mentions in reporting text (ties by name).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: how many.
    """
    counts = reporting_mentions(corpus)["actor"].value_counts()
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, _ in order[: max(0, top_n)]]


def reporting_words(corpus) -> pd.Series:
    """Words of reporting text (sentences outside page furniture) per document.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    """
    from analysis.text import word_count

    s = corpus.sentences[~corpus.sentences["is_furniture"]]
    words = s["text"].map(word_count).groupby(s["doc_id"]).sum()
    return words.reindex(corpus.documents["doc_id"], fill_value=0)


def mention_rates(corpus, top_n: int = 15) -> pd.DataFrame:
    """Mentions per 1,000 words of reporting text, by actor and outlet (top actors, every outlet).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: the actors with the most mentions to keep.

    Returns actor, actor_type, outlet, mentions, articles (of the outlet), words, per_1000,
    example (the first sentence naming the actor in that outlet, "" when none).
    """
    cols = ["actor", "actor_type", "outlet", "mentions", "articles", "words", "per_1000", "example"]
    m = reporting_mentions(corpus)
    actors = top_actors(corpus, top_n)
    if not actors:
        return pd.DataFrame(columns=cols)
    docs = corpus.documents.assign(rwords=reporting_words(corpus).to_numpy())
    by_outlet = docs.groupby("outlet").agg(articles=("doc_id", "size"), words=("rwords", "sum"))
    m = m[m["actor"].isin(actors)]
    texts = _sentence_text(corpus)
    first = m.drop_duplicates(["actor", "outlet"])
    example = {
        (a, o): texts.get((d, s), "")
        for a, o, d, s in zip(first["actor"], first["outlet"], first["doc_id"], first["sent_id"])
    }
    counts = m.groupby(["actor", "outlet"]).size()
    types = m.groupby("actor")["actor_type"].first()
    rows = []
    for actor in actors:
        for outlet in sorted(by_outlet.index):
            n = int(counts.get((actor, outlet), 0))
            words = int(by_outlet.at[outlet, "words"])
            rows.append(
                (
                    actor,
                    types[actor],
                    outlet,
                    n,
                    int(by_outlet.at[outlet, "articles"]),
                    words,
                    round(1000 * n / words, 2) if words else 0.0,
                    example.get((actor, outlet), ""),
                )
            )
    return pd.DataFrame(rows, columns=cols)


def first_mentions(corpus) -> pd.DataFrame:
    """One row per article and actor: mentions, where the first one falls, headline and lede.

    ``first_position`` is the first mentioning sentence's rank among the article's reporting
    sentences, scaled 0 (first sentence) to 1 (last). The lede is the first body paragraph.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    """
    cols = [
        "doc_id",
        "outlet",
        "published",
        "actor",
        "actor_type",
        "mentions",
        "first_position",
        "in_headline",
        "in_lede",
        "first_sentence",
    ]
    m = reporting_mentions(corpus)
    if m.empty:
        return pd.DataFrame(columns=cols)
    s = corpus.sentences[~corpus.sentences["is_furniture"]]
    rank = s.groupby("doc_id").cumcount()
    size = s.groupby("doc_id")["sent_id"].transform("size")
    pos = pd.Series(
        (rank / (size - 1).clip(lower=1)).to_numpy(), index=pd.MultiIndex.from_arrays([s["doc_id"], s["sent_id"]])
    )
    paras = corpus.paragraphs
    kinds = paras.set_index(["doc_id", "para_id"])["kind"]
    lede = paras[paras["kind"] == "body"].groupby("doc_id")["para_id"].first()
    para_of = pd.Series(s["para_id"].to_numpy(), index=pos.index)
    keys = list(zip(m["doc_id"], m["sent_id"]))
    m = m.assign(_pos=[pos.get(k, 0.0) for k in keys], _para=[para_of.get(k, -1) for k in keys])
    m = m.assign(
        _head=[kinds.get((d, p), "") == "headline" for d, p in zip(m["doc_id"], m["_para"])],
        _lede=[lede.get(d, -2) == p for d, p in zip(m["doc_id"], m["_para"])],
    )
    texts = _sentence_text(corpus)
    out = (
        m.groupby(["doc_id", "actor"], sort=False)
        .agg(
            outlet=("outlet", "first"),
            actor_type=("actor_type", "first"),
            mentions=("actor", "size"),
            first_position=("_pos", "min"),
            in_headline=("_head", "any"),
            in_lede=("_lede", "any"),
            first_sent=("sent_id", "min"),
        )
        .reset_index()
    )
    out["first_sentence"] = [texts.get((d, si), "") for d, si in zip(out["doc_id"], out["first_sent"])]
    out["published"] = out["doc_id"].map(corpus.documents.set_index("doc_id")["published"])
    return out[cols].sort_values(["doc_id", "first_position", "actor"], kind="stable").reset_index(drop=True)


def prominence(corpus, top_n: int = 15) -> pd.DataFrame:
    """How prominent each actor is: share of mentions, articles, first position, headline, lede.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: the actors with the most mentions to keep.

    Returns actor, actor_type, mentions, share (of all reporting mentions), articles,
    article_share, median_first_position (0 = first sentence, 1 = last), headline_articles,
    lede_articles.
    """
    cols = [
        "actor",
        "actor_type",
        "mentions",
        "share",
        "articles",
        "article_share",
        "median_first_position",
        "headline_articles",
        "lede_articles",
    ]
    per_doc = first_mentions(corpus)
    actors = top_actors(corpus, top_n)
    if per_doc.empty or not actors:
        return pd.DataFrame(columns=cols)
    total = per_doc["mentions"].sum()
    n_docs = len(corpus.documents)
    out = (
        per_doc[per_doc["actor"].isin(actors)]
        .groupby("actor")
        .agg(
            actor_type=("actor_type", "first"),
            mentions=("mentions", "sum"),
            articles=("doc_id", "nunique"),
            median_first_position=("first_position", "median"),
            headline_articles=("in_headline", "sum"),
            lede_articles=("in_lede", "sum"),
        )
        .reindex(actors)
        .reset_index()
    )
    out["share"] = (out["mentions"] / total).round(4)
    out["article_share"] = (out["articles"] / n_docs).round(4)
    out["median_first_position"] = out["median_first_position"].round(3)
    return out[cols]


def resolve_actor(corpus, name: str | None) -> str | None:
    """The canonical actor for a user's name ("" or None: the most-mentioned actor).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    name: a canonical name or alias, any case.
    """
    if not name or not str(name).strip():
        top = top_actors(corpus, 1)
        return top[0] if top else None
    table = actor_table(corpus)
    if name in table.actors:
        return name
    found = table.lookup(name)
    if found is not None:
        return found.name
    lowered = {a.lower(): a for a in table.actors}
    return lowered.get(str(name).strip().lower())


def actor_sentences(corpus, actor: str | None) -> pd.DataFrame:
    """Every sentence naming ``actor``: the evidence for what the coverage says about it.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    actor: a canonical actor name (see :func:`resolve_actor`).

    Returns outlet, published (ISO date or "(undated)"), doc_id, sent_id, names (the
    surfaces used, "; "-joined), in_furniture, sentence; ordered by date, article, sentence.
    """
    cols = ["outlet", "published", "doc_id", "sent_id", "names", "in_furniture", "sentence"]
    m = corpus.mentions
    m = m[m["actor"] == actor]
    if m.empty:
        return pd.DataFrame(columns=cols)
    docs = corpus.documents.set_index("doc_id")
    texts = _sentence_text(corpus)
    out = (
        m.groupby(["doc_id", "sent_id"], sort=False)
        .agg(
            names=("surface", lambda s: "; ".join(dict.fromkeys(" ".join(x.split()) for x in s))),
            in_furniture=("in_furniture", "all"),
        )
        .reset_index()
    )
    out["outlet"] = out["doc_id"].map(docs["outlet"])
    dates = out["doc_id"].map(docs["published"])
    out["published"] = dates.dt.strftime("%Y-%m-%d").fillna("(undated)")
    out["sentence"] = [texts.get((d, s), "") for d, s in zip(out["doc_id"], out["sent_id"])]
    out = out.assign(_date=dates).sort_values(["_date", "doc_id", "sent_id"], kind="stable", na_position="last")
    return out[cols].reset_index(drop=True)


def show_summary(corpus, focus_actor: str | None = None) -> None:
    """Headline figures: actors found, mentions, the most-mentioned actor, the focus actor.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    focus_actor: the notebook's focus actor ("" for the most-mentioned one).
    """
    from analysis import display

    m = reporting_mentions(corpus)
    display.headline(
        "Actors named in reporting text",
        f"{m['actor'].nunique():,}",
        f"of {len(actor_table(corpus).actors):,} in the actors file",
    )
    display.headline("Mentions in reporting text", f"{len(m):,}", "captions, boxes and methodology left out")
    top = top_actors(corpus, 1)
    if top:
        display.headline("Most mentioned", top[0], f"{int((m['actor'] == top[0]).sum()):,} mentions")
    focus = resolve_actor(corpus, focus_actor)
    if focus is None:
        display.show_text(
            f"Focus actor {focus_actor!r} is not in the actors file and no actor is mentioned; "
            "the evidence table below is empty."
        )
    else:
        n = m[m["actor"] == focus]
        display.headline("Focus actor", focus, f"{len(n):,} mentions in {n['doc_id'].nunique():,} article(s)")
    for note in corpus.notes:
        display.show_text(f"Note: {note}")


def focus_evidence(corpus, focus_actor: str = "") -> pd.DataFrame:
    """The focus actor's sentences as an evidence table (outlet, date, names used, sentence).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    focus_actor: a canonical name or alias; "" means the most-mentioned actor.
    """
    actor = resolve_actor(corpus, focus_actor)
    return actor_sentences(corpus, actor).assign(actor=actor or "")[
        ["actor", "outlet", "published", "doc_id", "sent_id", "names", "in_furniture", "sentence"]
    ]


def attention_over_time(corpus, top_n: int = 6, freq: str | None = None, outlet: str | None = None) -> pd.DataFrame:
    """Mentions per 1,000 words of reporting text, per top actor and period (overall or one outlet).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: the most-mentioned actors to follow.
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    outlet: one outlet's articles only (None: every outlet together).

    Returns
    -------
    One row per period and actor: period, freq, actor, mentions, articles and words (of the
    period's reporting text), per_1000, example (the first sentence naming the actor then).
    Undated articles are left out.
    """
    from analysis import periods

    cols = ["period", "freq", "actor", "mentions", "articles", "words", "per_1000", "example"]
    docs = corpus.documents.assign(rwords=reporting_words(corpus).to_numpy())
    docs = docs[docs["published"].notna() & ((docs["outlet"] == outlet) if outlet is not None else True)]
    actors = top_actors(corpus, top_n)
    if docs.empty or not actors:
        return pd.DataFrame(columns=cols)
    freq = periods.choose_freq(corpus.documents["published"], freq)
    docs = docs.assign(period=periods.period_start(docs["published"], freq))
    per = docs.groupby("period").agg(articles=("doc_id", "size"), words=("rwords", "sum"))
    m = reporting_mentions(corpus)
    m = m[m["actor"].isin(actors) & m["doc_id"].isin(docs["doc_id"])]
    m = m.assign(period=m["doc_id"].map(docs.set_index("doc_id")["period"]))
    counts = m.groupby(["period", "actor"]).size()
    texts = _sentence_text(corpus)
    first = m.sort_values(["period", "doc_id", "start"], kind="stable").drop_duplicates(["period", "actor"])
    example = {
        (p, a): texts.get((d, s), "")
        for p, a, d, s in zip(first["period"], first["actor"], first["doc_id"], first["sent_id"])
    }
    rows = []
    for period, row in per.iterrows():
        for actor in actors:
            n = int(counts.get((period, actor), 0))
            words = int(row["words"])
            per_1000 = round(1000 * n / words, 2) if words else 0.0
            rows.append(
                (period, freq, actor, n, int(row["articles"]), words, per_1000, example.get((period, actor), ""))
            )
    return pd.DataFrame(rows, columns=cols)
