"""Tables of sentence tone for the sentiment notebook: per sentence, article, outlet and actor.

Sentences with outlet and tone, tone per article and per outlet, tone of the sentences naming
each actor (with bootstrap confidence intervals), the effect of the overrides, how often each
override word occurs, and the headline summary. The scores come from the ``sentiment`` stage
(:mod:`analysis.sentiment.stage`).

Aggregates leave page-furniture sentences out by default (they are scored all the same).
A sentence is positive when compound >= 0.05, negative when <= -0.05, else neutral
(the thresholds VADER's authors recommend).
"""

from __future__ import annotations

import math
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.sentiment.explain import drivers, explain_rows
from analysis.sentiment.stage import OVR, REFERENCE, SCORES, analyzer, tokens

POSITIVE_AT = 0.05  # compound >= this is positive
NEGATIVE_AT = -0.05  # compound <= this is negative
TONES = ("negative", "neutral", "positive")

MIN_ACTOR_SENTENCES = 5  # fewer sentences: counts only, no tone estimate
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 0
CI_LEVEL = 0.95
ACTOR_TONE_COLUMNS = [
    "actor",
    "actor_type",
    "outlet",
    "sentences",
    "mean_compound",
    "ci_low",
    "ci_high",
    "share_negative",
    "share_positive",
    "enough",
    "example",
]


# --- aggregates -----------------------------------------------------------------------------


def tone_of(compound: pd.Series) -> pd.Series:
    """negative / neutral / positive for compound scores (thresholds -0.05 / +0.05).

    Parameters
    ----------
    compound: compound scores.
    """
    values = np.select([compound >= POSITIVE_AT, compound <= NEGATIVE_AT], ["positive", "negative"], "neutral")
    return pd.Series(values, index=compound.index, dtype="object")


def scored_sentences(corpus, use_overrides: bool = False, include_furniture: bool = False) -> pd.DataFrame:
    """Sentences with outlet, relative position and the chosen tone columns.

    Returns doc_id, sent_id, outlet, text, is_furniture, order (0-based among the kept
    sentences of the article), position (order / (n - 1), 0 for one-sentence articles),
    neg, neu, pos, compound and tone. With ``use_overrides`` the override columns are
    returned under the plain names.

    Parameters
    ----------
    corpus: a Corpus whose sentences carry the sentiment columns.
    use_overrides: use the scores with the domain overrides applied.
    include_furniture: keep page-furniture sentences (default: left out).
    """
    sents = corpus.sentences
    if "compound" not in sents.columns:
        raise ValueError(
            "corpus.sentences has no sentiment columns: the 'sentiment' stage is not in "
            "analysis.pipeline.annotate.STAGES"
        )
    cols = {c + OVR: c for c in SCORES} if use_overrides else {c: c for c in SCORES}
    frame = sents[["doc_id", "sent_id", "text", "is_furniture", *cols]].rename(columns=cols)
    if not include_furniture:
        frame = frame[~frame["is_furniture"]]
    frame = frame.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    outlets = corpus.documents.set_index("doc_id")["outlet"]
    order = frame.groupby("doc_id").cumcount()
    size = frame.groupby("doc_id")["sent_id"].transform("size")
    frame.insert(2, "outlet", frame["doc_id"].map(outlets))
    frame["order"] = order.astype("int64")
    frame["position"] = (order / (size - 1).where(size > 1, 1)).astype("float64")
    frame["tone"] = tone_of(frame["compound"])
    return frame


def _shares(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    counts = pd.crosstab([frame[b] for b in by], frame["tone"]).reindex(columns=list(TONES), fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    return shares.rename(columns={t: f"share_{t}" for t in TONES}).reset_index()


def document_tone(corpus, use_overrides: bool = False, include_furniture: bool = False) -> pd.DataFrame:
    """One row per article: mean compound over its reporting sentences and tone shares.

    Columns: doc_id, outlet, sentences, mean_compound, share_negative, share_neutral,
    share_positive. Articles without reporting sentences get 0 and NaN.

    Parameters
    ----------
    corpus: the corpus.
    use_overrides: use the override scores.
    include_furniture: count page-furniture sentences too (default: no).
    """
    frame = scored_sentences(corpus, use_overrides, include_furniture)
    docs = corpus.documents[["doc_id", "outlet"]]
    stats = frame.groupby("doc_id", as_index=False).agg(
        sentences=("compound", "size"), mean_compound=("compound", "mean")
    )
    out = docs.merge(stats, on="doc_id", how="left")
    if len(frame):
        out = out.merge(_shares(frame, ["doc_id"]), on="doc_id", how="left")
    for t in TONES:
        out[f"share_{t}"] = out.get(f"share_{t}", pd.Series(np.nan, index=out.index)).astype("float64")
    out["sentences"] = out["sentences"].fillna(0).astype("int64")
    return out.sort_values(["outlet", "doc_id"], kind="stable").reset_index(drop=True)


def outlet_tone(corpus, use_overrides: bool = False, include_furniture: bool = False) -> pd.DataFrame:
    """One row per outlet: articles, sentences, mean sentence compound and tone shares.

    Parameters
    ----------
    corpus, use_overrides, include_furniture: as for :func:`document_tone`.
    """
    frame = scored_sentences(corpus, use_overrides, include_furniture)
    cols = ["outlet", "articles", "sentences", "mean_compound"] + [f"share_{t}" for t in TONES]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object" if c == "outlet" else "float64") for c in cols})
    stats = frame.groupby("outlet", as_index=False).agg(
        articles=("doc_id", "nunique"), sentences=("compound", "size"), mean_compound=("compound", "mean")
    )
    return stats.merge(_shares(frame, ["outlet"]), on="outlet")[cols].sort_values("outlet").reset_index(drop=True)


def bootstrap_ci(
    values: np.ndarray, key: str, samples: int = BOOTSTRAP_SAMPLES, level: float = CI_LEVEL, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean, seeded by ``seed`` and ``key``.

    The generator is seeded per group (``key``), so a group's interval does not change
    when other groups are filtered in or out.

    Parameters
    ----------
    values: the sample.
    key: a stable name for the group (e.g. "actor|outlet").
    samples: bootstrap resamples.
    level: interval coverage (0.95 = 95 %).
    seed: base seed.
    """
    values = np.asarray(values, dtype="float64")
    if len(values) == 0:
        return (math.nan, math.nan)
    rng = np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])
    means = values[rng.integers(0, len(values), size=(samples, len(values)))].mean(axis=1)
    lo, hi = np.quantile(means, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


def actor_tone(
    corpus,
    actors: list[str] | None = None,
    *,
    use_overrides: bool = False,
    min_count: int = MIN_ACTOR_SENTENCES,
    include_furniture: bool = False,
    samples: int = BOOTSTRAP_SAMPLES,
    level: float = CI_LEVEL,
    seed: int = BOOTSTRAP_SEED,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tone of the sentences that mention each actor, per outlet, with bootstrap intervals.

    A sentence mentioning an actor twice counts once. Groups with fewer than
    ``min_count`` sentences get counts but no estimate (mean and interval NaN,
    ``enough`` False). ``example`` is the sentence whose compound is nearest the mean.

    Parameters
    ----------
    corpus: the corpus.
    actors: actor names to keep (None: all); names absent from the data are skipped.
    use_overrides: use the override scores.
    min_count: fewest sentences for an estimate.
    include_furniture: count mentions in page furniture too (default: no).
    samples, level, seed: bootstrap resamples, interval coverage, base seed.
    mentions: a mentions frame to use instead of ``corpus.mentions`` (doc_id, sent_id,
        actor, actor_type, in_furniture).
    """
    if mentions is None:
        mentions = corpus.frames.get("mentions")
    empty = pd.DataFrame(
        {
            c: pd.Series(
                dtype="float64"
                if c in {"mean_compound", "ci_low", "ci_high", "share_negative", "share_positive"}
                else "int64"
                if c == "sentences"
                else "bool"
                if c == "enough"
                else "object"
            )
            for c in ACTOR_TONE_COLUMNS
        }
    )
    if mentions is None or mentions.empty:
        return empty
    m = mentions if include_furniture else mentions[~mentions["in_furniture"].astype(bool)]
    if actors:
        m = m[m["actor"].isin(actors)]
    m = m[["doc_id", "sent_id", "actor", "actor_type"]].drop_duplicates(["doc_id", "sent_id", "actor"])
    frame = scored_sentences(corpus, use_overrides, include_furniture).merge(m, on=["doc_id", "sent_id"])
    if frame.empty:
        return empty
    rows = []
    for (actor, atype, outlet), g in frame.groupby(["actor", "actor_type", "outlet"], sort=True):
        values = g["compound"].to_numpy()
        enough = len(values) >= min_count
        mean = float(values.mean())
        lo, hi = bootstrap_ci(values, f"{actor}|{outlet}", samples, level, seed) if enough else (math.nan,) * 2
        example = g["text"].iloc[int(np.argmin(np.abs(values - mean)))]
        rows.append(
            {
                "actor": actor,
                "actor_type": atype,
                "outlet": outlet,
                "sentences": len(values),
                "mean_compound": mean if enough else math.nan,
                "ci_low": lo,
                "ci_high": hi,
                "share_negative": float((values <= NEGATIVE_AT).mean()) if enough else math.nan,
                "share_positive": float((values >= POSITIVE_AT).mean()) if enough else math.nan,
                "enough": enough,
                "example": example,
            }
        )
    return pd.DataFrame(rows, columns=ACTOR_TONE_COLUMNS).astype(empty.dtypes.to_dict())


def override_effect(corpus, include_furniture: bool = False) -> pd.DataFrame:
    """Each outlet's tone without and with the overrides, side by side.

    Columns: outlet, sentences, sentences_changed, mean_compound, mean_compound_ovr,
    change (ovr - plain), and share_negative / share_positive with and without.

    Parameters
    ----------
    corpus: the corpus.
    include_furniture: count page-furniture sentences too (default: no).
    """
    plain = outlet_tone(corpus, False, include_furniture)
    ovr = outlet_tone(corpus, True, include_furniture)
    frame = scored_sentences(corpus, False, include_furniture)
    changed = (
        corpus.sentences.set_index(["doc_id", "sent_id"])
        .loc[pd.MultiIndex.from_frame(frame[["doc_id", "sent_id"]])]
        .pipe(lambda s: (s["compound"] != s["compound" + OVR]).to_numpy())
    )
    n_changed = pd.Series(changed, index=frame.index).groupby(frame["outlet"]).sum()
    out = plain[["outlet", "sentences"]].assign(
        sentences_changed=plain["outlet"].map(n_changed).fillna(0).astype("int64"),
        mean_compound=plain["mean_compound"],
        mean_compound_ovr=ovr["mean_compound"],
        change=ovr["mean_compound"] - plain["mean_compound"],
        share_negative=plain["share_negative"],
        share_negative_ovr=ovr["share_negative"],
        share_positive=plain["share_positive"],
        share_positive_ovr=ovr["share_positive"],
    )
    return out.reset_index(drop=True)


def override_words(corpus, include_furniture: bool = False) -> pd.DataFrame:
    """How often each override word occurs per outlet, with its VADER and override valence.

    Columns: word, vader_valence (NaN: not in VADER's lexicon), override_valence
    (0 = neutral), outlet, sentences (sentences containing it as a scored token).

    Parameters
    ----------
    corpus: the corpus (its reference data holds the overrides in use).
    include_furniture: count page-furniture sentences too (default: no).
    """
    ovr = corpus.reference.objects.get(REFERENCE) if corpus.reference is not None else None
    cols = ["word", "vader_valence", "override_valence", "outlet", "sentences"]
    if not ovr:
        return pd.DataFrame(columns=cols)
    values = ovr.as_dict()
    frame = scored_sentences(corpus, False, include_furniture)
    rows = []
    for outlet, text in zip(frame["outlet"], frame["text"]):
        for word in {t.lower() for t in tokens(text)} & values.keys():
            rows.append((word, outlet))
    hits = pd.DataFrame(rows, columns=["word", "outlet"]).value_counts().rename("sentences").reset_index()
    lexicon = analyzer().lexicon
    hits["vader_valence"] = hits["word"].map(lexicon).astype("float64")
    hits["override_valence"] = hits["word"].map(values).astype("float64")
    return hits[cols].sort_values(["word", "outlet"], kind="stable").reset_index(drop=True)


def show_summary(corpus, use_overrides: bool = False) -> None:
    """Headline figures: sentences scored, furniture left out, mean tone, shares; notes.

    Parameters
    ----------
    corpus: the corpus.
    use_overrides: report the override scores.
    """
    from analysis import display

    all_sents = scored_sentences(corpus, use_overrides, include_furniture=True)
    frame = all_sents[~all_sents["is_furniture"]]
    ovr = corpus.reference.objects.get(REFERENCE) if corpus.reference is not None else None
    which = (
        f"VADER with {len(ovr) if ovr else 0} override(s) from {Path(ovr.source).name if ovr else '-'}"
        if use_overrides
        else "VADER (NLTK), no overrides"
    )
    display.headline("Scores", which)
    display.headline(
        "Sentences scored",
        f"{len(all_sents):,}",
        f"{int(all_sents['is_furniture'].sum()):,} in page furniture, left out of the figures below",
    )
    if len(frame):
        display.headline("Mean sentence compound", f"{frame['compound'].mean():+.3f}", "-1 to +1")
        shares = frame["tone"].value_counts(normalize=True)
        display.headline(
            "Negative / neutral / positive sentences",
            " / ".join(f"{shares.get(t, 0):.0%}" for t in TONES),
            "compound thresholds ±0.05",
        )
    for note in corpus.notes:
        display.show_text(f"Note: {note}")


def extreme_sentences(corpus, n: int = 5, use_overrides: bool = False, include_furniture: bool = False) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences, with what drove each.

    Columns: tone ("most negative" / "most positive"), rank, outlet, doc_id, sent_id,
    compound, sentence, drivers (see :func:`drivers`).

    Parameters
    ----------
    corpus: the corpus.
    n: sentences per side.
    use_overrides: use the override scores (and explain with the overrides).
    include_furniture: consider page-furniture sentences too (default: no).
    """
    frame = scored_sentences(corpus, use_overrides, include_furniture)
    ovr = corpus.reference.objects.get(REFERENCE) if use_overrides and corpus.reference is not None else None
    neg = frame[frame["compound"] < 0].sort_values(["compound", "doc_id", "sent_id"], kind="stable").head(n)
    pos = (
        frame[frame["compound"] > 0]
        .sort_values(["compound", "doc_id", "sent_id"], ascending=[False, True, True], kind="stable")
        .head(n)
    )
    parts = [
        g.assign(tone=label, rank=range(1, len(g) + 1)) for label, g in (("most negative", neg), ("most positive", pos))
    ]
    out = pd.concat(parts, ignore_index=True).rename(columns={"text": "sentence"})
    out["drivers"] = [drivers(t, ovr) for t in out["sentence"]]
    return out[["tone", "rank", "outlet", "doc_id", "sent_id", "compound", "sentence", "drivers"]]


def word_drivers(corpus, use_overrides: bool = False, top: int = 10, include_furniture: bool = False) -> pd.DataFrame:
    """The words that move tone most in each outlet, summed over its sentences.

    Columns: outlet, word (lower case), occurrences (as a scored word), total (sum of
    its final valences after every rule, VADER units), mean (per occurrence), example.

    Parameters
    ----------
    corpus: the corpus.
    use_overrides: explain with the overrides applied.
    top: words per outlet (largest absolute total first).
    include_furniture: count page-furniture sentences too (default: no).
    """
    frame = scored_sentences(corpus, use_overrides, include_furniture)
    ovr = corpus.reference.objects.get(REFERENCE) if use_overrides and corpus.reference is not None else None
    rows = []
    for outlet, text in zip(frame["outlet"], frame["text"]):
        net: dict[int, list] = {}
        for r in explain_rows(text, ovr)[0]:
            if r[3] != "punctuation":
                net.setdefault(r[0], [r[1].lower(), 0.0])[1] += r[5]
        rows += [(outlet, word, change, text) for word, change in net.values() if change]
    cols = ["outlet", "word", "occurrences", "total", "mean", "example"]
    if not rows:
        return pd.DataFrame(columns=cols)
    hits = pd.DataFrame(rows, columns=["outlet", "word", "change", "text"])
    out = hits.groupby(["outlet", "word"], as_index=False).agg(
        occurrences=("text", "size"), total=("change", "sum"), mean=("change", "mean"), example=("text", "first")
    )
    out = out.assign(_abs=out["total"].abs()).sort_values(
        ["outlet", "_abs", "word"], ascending=[True, False, True], kind="stable"
    )
    return out.groupby("outlet").head(top)[cols].reset_index(drop=True)


def tone_over_time(
    corpus, freq: str | None = None, use_overrides: bool = False, include_furniture: bool = False
) -> pd.DataFrame:
    """Mean sentence tone per outlet and period, with a 95 % bootstrap interval.

    Cells with fewer than :data:`MIN_ACTOR_SENTENCES` sentences get no interval (``enough`` False).

    Parameters
    ----------
    corpus: the corpus.
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    use_overrides: use the override scores.
    include_furniture: count page-furniture sentences too (default: no).

    Returns
    -------
    One row per outlet and period: period, freq, outlet, articles, sentences, mean_compound,
    ci_low, ci_high, enough, example (the period's most extreme sentence in that outlet).
    """
    from analysis import periods

    cols = ["period", "freq", "outlet", "articles", "sentences", "mean_compound", "ci_low", "ci_high", "enough"]
    cols.append("example")
    frame = scored_sentences(corpus, use_overrides, include_furniture)
    published = corpus.documents.set_index("doc_id")["published"]
    frame = frame.assign(published=frame["doc_id"].map(published))
    frame = frame[frame["published"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    freq = periods.choose_freq(corpus.documents["published"], freq)
    frame = frame.assign(period=periods.period_start(frame["published"], freq), strength=frame["compound"].abs())
    rows = []
    for (period, outlet), g in frame.groupby(["period", "outlet"], sort=True):
        enough = len(g) >= MIN_ACTOR_SENTENCES
        lo, hi = bootstrap_ci(g["compound"].to_numpy(), f"{outlet}|{period:%Y-%m-%d}") if enough else (math.nan,) * 2
        ex = g.sort_values(["strength", "doc_id", "sent_id"], ascending=[False, True, True], kind="stable").iloc[0]
        rows.append(
            (
                period,
                freq,
                outlet,
                g["doc_id"].nunique(),
                len(g),
                float(g["compound"].mean()),
                lo,
                hi,
                enough,
                ex["text"],
            )
        )
    return pd.DataFrame(rows, columns=cols)
