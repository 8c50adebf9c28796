"""Sentence tone with NLTK's VADER: the ``sentiment`` stage, overrides, aggregates, explanations.

The stage adds ``neg, neu, pos, compound`` to every sentence, computed by NLTK's
``nltk.sentiment.vader.SentimentIntensityAnalyzer`` on the lexicon that
:mod:`analysis.nltkdata` builds offline (so the scores equal NLTK's exactly), and the same
four with the domain overrides applied (``neg_ovr, neu_ovr, pos_ovr, compound_ovr``), so a
notebook switches with a parameter and nothing is re-annotated.

Overrides (``data/sentiment_overrides.yml``) map a word to a valence on VADER's scale
(-4 to 4) or to ``neutral``. ``neutral`` (or 0) takes the word out of the lexicon, so it
scores exactly like an unlisted word; a 0.0 left *inside* VADER's lexicon would not (a
booster before it would give it valence, and it would stop words before it from acting
as boosters of later words).

Aggregates leave page-furniture sentences out by default (they are scored all the same).
A sentence is positive when compound >= 0.05, negative when <= -0.05, else neutral
(the thresholds VADER's authors recommend).
"""
from __future__ import annotations

import copy
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd
import yaml

from . import nltkdata

FRAME = "sentences"
REFERENCE = "sentiment_overrides"
SCORES = ("neg", "neu", "pos", "compound")
OVR = "_ovr"
COLUMNS: dict[str, str] = {"sent_id": "int32", **{c: "float64" for c in SCORES},
                           **{c + OVR: "float64" for c in SCORES}}
POSITIVE_AT = 0.05   # compound >= this is positive
NEGATIVE_AT = -0.05  # compound <= this is negative
TONES = ("negative", "neutral", "positive")
NEUTRAL = "neutral"
VALENCE_RANGE = (-4.0, 4.0)
NORMALIZE_ALPHA = 15  # VADER: compound = S / sqrt(S^2 + alpha)
MIN_ACTOR_SENTENCES = 5  # fewer sentences: counts only, no tone estimate
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 0
CI_LEVEL = 0.95
ACTOR_TONE_COLUMNS = ["actor", "actor_type", "outlet", "sentences", "mean_compound", "ci_low", "ci_high",
                      "share_negative", "share_positive", "enough", "example"]
EXPLAIN_COLUMNS = ["position", "word", "context_position", "effect", "trigger", "change", "valence",
                   "compound_share"]


# --- reference data: the overrides file -------------------------------------------------

@dataclass(frozen=True)
class Overrides:
    """Word -> valence replacing VADER's lexicon entry; 0.0 means neutral (word removed).

    ``values`` is a sorted tuple of ``(word, valence)`` pairs (hashable, picklable);
    ``source`` names the file it came from.
    """

    values: tuple[tuple[str, float], ...] = ()
    source: str = ""

    def as_dict(self) -> dict[str, float]:
        """The overrides as a dict word -> valence (0.0 = neutral)."""
        return dict(self.values)

    def __len__(self) -> int:
        return len(self.values)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that rejects duplicate keys instead of keeping the last."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - yaml API
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)):
                continue  # unhashable keys are reported by the entry check
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _check_entries(data: Mapping[Any, Any]) -> tuple[dict[str, float], list[str]]:
    """Validate word -> valence entries; returns (values, problems)."""
    values: dict[str, float] = {}
    problems: list[str] = []
    lo, hi = VALENCE_RANGE
    for key, value in data.items():
        if not isinstance(key, str) or not key.strip():
            hint = " (quote words YAML reads as booleans or numbers: 'no', 'yes', 'on', 'off')" \
                if isinstance(key, (bool, int, float)) else ""
            problems.append(f"key {key!r} is not a word{hint}")
            continue
        if any(ch.isspace() for ch in key):
            problems.append(f"{key!r}: VADER scores single words, so a phrase can never match")
            continue
        if key != key.lower():
            problems.append(f"{key!r}: write it in lower case (VADER looks words up lower-cased)")
            continue
        if isinstance(value, str) and value.strip().lower() == NEUTRAL:
            values[key] = 0.0
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            problems.append(f"{key!r}: value {value!r} is neither a number from {lo:g} to {hi:g} nor {NEUTRAL!r}")
        elif not lo <= value <= hi:
            problems.append(f"{key!r}: valence {value} is outside VADER's scale {lo:g} to {hi:g}")
        else:
            values[key] = float(value)
    return values, problems


def load_reference(path: Path | str) -> Overrides:
    """Read and validate a sentiment overrides file (YAML: word -> valence or "neutral").

    Parameters
    ----------
    path: the YAML file. An empty file means no overrides.

    Raises ``ValueError`` naming the file and every problem found (not a mapping, a key
    that is not a single lower-case word, a value that is not a number in [-4, 4] or
    "neutral", duplicate keys, invalid YAML).
    """
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: sentiment overrides file is not UTF-8 ({err})") from err
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: sentiment overrides file is not valid YAML ({err})") from err
    if data is None:
        return Overrides((), str(path))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: sentiment overrides must be a mapping word -> valence (or 'neutral'), "
                         f"got a {type(data).__name__}")
    values, problems = _check_entries(data)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise ValueError(f"{path}: {len(problems)} problem(s) in the sentiment overrides\n{lines}")
    return Overrides(tuple(sorted(values.items())), str(path))


def as_overrides(overrides: Overrides | Mapping[str, Any] | None) -> Overrides | None:
    """An :class:`Overrides` from an Overrides, a dict word -> valence/"neutral", or None.

    Parameters
    ----------
    overrides: the overrides; a dict is validated like the file (``ValueError`` if bad).
    """
    if overrides is None or isinstance(overrides, Overrides):
        return overrides
    values, problems = _check_entries(overrides)
    if problems:
        raise ValueError("bad sentiment overrides: " + "; ".join(problems))
    return Overrides(tuple(sorted(values.items())), "(in code)")


# --- the analyzer -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def analyzer():
    """NLTK's VADER analyzer on the offline lexicon; one per process (cached)."""
    nltkdata.require()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()  # NLTK's default resource name, never a file path


@lru_cache(maxsize=8)
def _patched(values: tuple[tuple[str, float], ...]):
    base = analyzer()
    patched = copy.copy(base)
    lexicon = dict(base.lexicon)
    for word, valence in values:
        if valence == 0.0:
            lexicon.pop(word, None)
        else:
            lexicon[word] = valence
    patched.lexicon = lexicon
    return patched


def analyzer_for(overrides: Overrides | Mapping[str, Any] | None = None):
    """The analyzer with ``overrides`` applied to its lexicon (cached); plain VADER for None.

    Parameters
    ----------
    overrides: an :class:`Overrides`, a dict word -> valence/"neutral", or None.
    """
    ovr = as_overrides(overrides)
    return _patched(ovr.values) if ovr else analyzer()


def score(text: str, overrides: Overrides | Mapping[str, Any] | None = None) -> dict[str, float]:
    """VADER's ``neg, neu, pos, compound`` for one text (NLTK's ``polarity_scores``).

    Parameters
    ----------
    text: a sentence.
    overrides: optional overrides (see :func:`analyzer_for`).
    """
    return analyzer_for(overrides).polarity_scores(text)


def annotate(doc, frames: dict[str, pd.DataFrame], ref: Overrides | None) -> pd.DataFrame:
    """Scores for every sentence of one document: sent_id plus plain and override columns.

    Parameters
    ----------
    doc: the document (unused beyond its sentences).
    frames: the document's frames; uses ``frames["sentences"]``.
    ref: the loaded overrides (None: the override columns repeat the plain scores).
    """
    base = analyzer()
    patched = analyzer_for(ref)
    words = [w for w, _ in ref.values] if ref else []
    rows = []
    sents = frames["sentences"]
    for sent_id, text in zip(sents["sent_id"], sents["text"]):
        plain = base.polarity_scores(text)
        low = text.lower()
        # A sentence without any override word scores the same either way.
        ovr = patched.polarity_scores(text) if any(w in low for w in words) else plain
        rows.append((sent_id, *(plain[c] for c in SCORES), *(ovr[c] for c in SCORES)))
    return pd.DataFrame.from_records(rows, columns=list(COLUMNS)).astype(COLUMNS)


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
        raise ValueError("corpus.sentences has no sentiment columns: the 'sentiment' stage is not in "
                         "analysis.pipeline.STAGES")
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
    stats = frame.groupby("doc_id", as_index=False).agg(sentences=("compound", "size"),
                                                        mean_compound=("compound", "mean"))
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
    corpus: the corpus.
    use_overrides: use the override scores.
    include_furniture: count page-furniture sentences too (default: no).
    """
    frame = scored_sentences(corpus, use_overrides, include_furniture)
    cols = ["outlet", "articles", "sentences", "mean_compound"] + [f"share_{t}" for t in TONES]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object" if c == "outlet" else "float64") for c in cols})
    stats = frame.groupby("outlet", as_index=False).agg(articles=("doc_id", "nunique"),
                                                        sentences=("compound", "size"),
                                                        mean_compound=("compound", "mean"))
    return stats.merge(_shares(frame, ["outlet"]), on="outlet")[cols].sort_values("outlet").reset_index(drop=True)


def bootstrap_ci(values: np.ndarray, key: str, samples: int = BOOTSTRAP_SAMPLES, level: float = CI_LEVEL,
                 seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
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


def actor_tone(corpus, actors: list[str] | None = None, use_overrides: bool = False,
               min_count: int = MIN_ACTOR_SENTENCES, include_furniture: bool = False,
               samples: int = BOOTSTRAP_SAMPLES, level: float = CI_LEVEL, seed: int = BOOTSTRAP_SEED,
               mentions: pd.DataFrame | None = None) -> pd.DataFrame:
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
    empty = pd.DataFrame({c: pd.Series(dtype="float64" if c in {"mean_compound", "ci_low", "ci_high",
                                                                 "share_negative", "share_positive"}
                                       else "int64" if c == "sentences" else "bool" if c == "enough"
                                       else "object") for c in ACTOR_TONE_COLUMNS})
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
        rows.append({"actor": actor, "actor_type": atype, "outlet": outlet, "sentences": len(values),
                     "mean_compound": mean if enough else math.nan, "ci_low": lo, "ci_high": hi,
                     "share_negative": float((values <= NEGATIVE_AT).mean()) if enough else math.nan,
                     "share_positive": float((values >= POSITIVE_AT).mean()) if enough else math.nan,
                     "enough": enough, "example": example})
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
    changed = (corpus.sentences.set_index(["doc_id", "sent_id"])
               .loc[pd.MultiIndex.from_frame(frame[["doc_id", "sent_id"]])]
               .pipe(lambda s: (s["compound"] != s["compound" + OVR]).to_numpy()))
    n_changed = pd.Series(changed, index=frame.index).groupby(frame["outlet"]).sum()
    out = plain[["outlet", "sentences"]].assign(
        sentences_changed=plain["outlet"].map(n_changed).fillna(0).astype("int64"),
        mean_compound=plain["mean_compound"], mean_compound_ovr=ovr["mean_compound"],
        change=ovr["mean_compound"] - plain["mean_compound"],
        share_negative=plain["share_negative"], share_negative_ovr=ovr["share_negative"],
        share_positive=plain["share_positive"], share_positive_ovr=ovr["share_positive"])
    return out.reset_index(drop=True)


def tokens(text: str) -> list[str]:
    """The tokens VADER (NLTK) scores in ``text``: whitespace words, one edge punctuation
    mark stripped, one-character tokens dropped.

    Parameters
    ----------
    text: a sentence.
    """
    from nltk.sentiment.vader import SentiText

    c = analyzer().constants
    return SentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION).words_and_emoticons


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


# --- explanations ---------------------------------------------------------------------------

def _never_effect(words: list[str], start_i: int, i: int, before: float, after: float) -> tuple[str, str]:
    c = analyzer().constants
    if before and math.isclose(after / before, c.N_SCALAR):
        return "negation", words[i - (start_i + 1)]
    if start_i == 2 and words[i - 1] in ("so", "this"):
        return "emphasis", words[i - 1]
    return "emphasis", " ".join(words[i - start_i - 1:i - start_i + 1])


def _trace_valence(an, words: list[str], is_cap_diff: bool, item: str, i: int, effect: str):
    """NLTK's ``sentiment_valence`` for one token, recording each rule's change.

    Calls NLTK's own rule methods in NLTK's order, so the arithmetic is the same.
    """
    c = an.constants
    low = item.lower()
    if low not in an.lexicon:
        return 0, []
    v = an.lexicon[low]
    steps = [(effect, item, v, v)]
    if item.isupper() and is_cap_diff:
        new = v + c.C_INCR if v > 0 else v - c.C_INCR
        steps.append(("caps", item, new - v, new))
        v = new
    for start_i in range(3):
        if i > start_i and words[i - (start_i + 1)].lower() not in an.lexicon:
            prev = words[i - (start_i + 1)]
            s = c.scalar_inc_dec(prev, v, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            new = v + s
            if s:
                steps.append(("booster", prev, new - v, new))
            v = new
            new = an._never_check(v, words, start_i, i)
            if new != v:
                steps.append((*_never_effect(words, start_i, i, v, new), new - v, new))
            v = new
            if start_i == 2:
                new = an._idioms_check(v, words, i)
                if new != v:
                    steps.append(("idiom", " ".join(words[max(0, i - 3):i + 3]), new - v, new))
                v = new
    new = an._least_check(v, words, i)
    if new != v:
        steps.append(("negation", "least", new - v, new))
    return new, steps


def _explain_rows(text: str, ovr: Overrides | None) -> tuple[list[tuple], dict[str, float]]:
    """The rows and attrs of :func:`explain`, without building a frame."""
    from nltk.sentiment.vader import SentiText

    an = analyzer_for(ovr)
    c = an.constants
    st = SentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)
    words = st.words_and_emoticons
    first: dict[str, int] = {}
    for idx, tok in enumerate(words):
        first.setdefault(tok, idx)
    ovr_words = ovr.as_dict() if ovr else {}
    sentiments: list[float] = []
    rows: list[tuple] = []
    for k, item in enumerate(words):
        i = first[item]  # NLTK looks at the neighbours of a token's first occurrence
        if (i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of") \
                or item.lower() in c.BOOSTER_DICT:
            sentiments.append(0)
            continue
        effect = "override" if item.lower() in ovr_words else "lexicon"
        v, steps = _trace_valence(an, words, st.is_cap_diff, item, i, effect)
        sentiments.append(v)
        rows += [(k, item, i, *step) for step in steps]
    shifted = an._but_check(words, list(sentiments))
    for k, (old, new) in enumerate(zip(sentiments, shifted)):
        if new != old:
            rows.append((k, words[k], first[words[k]], "but", "but", new - old, new))
    rows.sort(key=lambda r: r[0])
    total = float(sum(shifted))
    amp = an._punctuation_emphasis(total, text) if shifted else 0.0
    if amp and total:
        signed = amp if total > 0 else -amp
        marks = "!" * min(text.count("!"), 4) + ("?" * min(text.count("?"), 3) if text.count("?") > 1 else "")
        rows.append((len(words), marks, len(words), "punctuation", marks, signed, signed))
        total += signed
    exact = c.normalize(total) if shifted else 0.0
    scale = exact / total if total else 0.0
    rows = [(*r, r[5] * scale) for r in rows]
    attrs = dict(an.score_valence(shifted, text) if shifted else {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0})
    attrs.update({"text": text, "sum": total, "compound_exact": exact})
    return rows, attrs


def explain(text: str, overrides: Overrides | Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Which words moved VADER's score for ``text``, and by how much: a tidy frame.

    One row per rule that changed a token's valence, in VADER's order: ``lexicon`` (the
    word's valence; ``override`` when it comes from the overrides), ``caps`` (ALL-CAPS
    emphasis), ``booster`` (a degree word up to three words before, e.g. "very",
    "slightly"), ``negation`` ("not", "never", "n't", "least" ... up to three words before:
    x -0.74), ``emphasis`` ("never so", "so", "this"), ``idiom``, ``but`` (before "but" x0.5,
    after x1.5), and a last ``punctuation`` row (exclamation / question marks, added with
    the sign of the sum).

    Columns: position (token index), word (the token as VADER sees it), context_position
    (the index NLTK uses for its neighbours: the *first* occurrence of a repeated token,
    as NLTK's code does), effect, trigger (the word that caused it), change (in VADER
    valence units), valence (the token's valence after the step), compound_share.

    Reconciliation: ``change.sum()`` is VADER's raw sum S (token valences after every
    rule, plus punctuation emphasis) and compound = S / sqrt(S^2 + 15), which rounded to 4
    decimals equals ``polarity_scores(text)["compound"]`` (kept in ``frame.attrs``, with
    ``sum``, ``compound_exact`` and neg/neu/pos). ``compound_share`` spreads the unrounded
    compound over the rows in proportion to ``change``, so it sums to ``compound_exact``.

    Parameters
    ----------
    text: a sentence.
    overrides: optional overrides applied to the lexicon (None: plain VADER).
    """
    rows, attrs = _explain_rows(text, as_overrides(overrides))
    frame = pd.DataFrame.from_records(rows, columns=EXPLAIN_COLUMNS).astype(
        {"position": "int64", "word": "object", "context_position": "int64", "effect": "object",
         "trigger": "object", "change": "float64", "valence": "float64", "compound_share": "float64"})
    frame.attrs.update(attrs)
    return frame


def drivers(text: str, overrides: Overrides | Mapping[str, Any] | None = None, top: int = 5) -> str:
    """A one-line summary of :func:`explain`: the words that moved the score most.

    E.g. ``risk -1.65 (lexicon -1.10, but -0.55); ! +0.29``.

    Parameters
    ----------
    text: a sentence.
    overrides: optional overrides.
    top: how many words to list (largest absolute final valence first).
    """
    rows, _ = _explain_rows(text, as_overrides(overrides))
    by_word: dict[tuple[int, str], list[tuple]] = {}
    for r in rows:
        by_word.setdefault((r[0], r[1]), []).append(r)
    parts = []
    for (_, word), steps in by_word.items():
        net = sum(r[5] for r in steps)
        detail = ", ".join(f"{r[3]} {r[5]:+.2f}" + (f" [{r[4]}]" if r[4] != word and r[3] != "but" else "")
                           for r in steps)
        shown = len(steps) > 1 or steps[0][3] not in ("lexicon", "punctuation")
        parts.append((abs(net), f"{word} {net:+.2f}" + (f" ({detail})" if shown else "")))
    parts.sort(key=lambda p: -p[0])
    return "; ".join(p for _, p in parts[:top]) or "no scored words"


def extreme_sentences(corpus, n: int = 5, use_overrides: bool = False,
                      include_furniture: bool = False) -> pd.DataFrame:
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
    pos = frame[frame["compound"] > 0].sort_values(["compound", "doc_id", "sent_id"],
                                                    ascending=[False, True, True], kind="stable").head(n)
    parts = [g.assign(tone=label, rank=range(1, len(g) + 1)) for label, g in
             (("most negative", neg), ("most positive", pos))]
    out = pd.concat(parts, ignore_index=True).rename(columns={"text": "sentence"})
    out["drivers"] = [drivers(t, ovr) for t in out["sentence"]]
    return out[["tone", "rank", "outlet", "doc_id", "sent_id", "compound", "sentence", "drivers"]]


def word_drivers(corpus, use_overrides: bool = False, top: int = 10,
                 include_furniture: bool = False) -> pd.DataFrame:
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
        for r in _explain_rows(text, ovr)[0]:
            if r[3] != "punctuation":
                net.setdefault(r[0], [r[1].lower(), 0.0])[1] += r[5]
        rows += [(outlet, word, change, text) for word, change in net.values() if change]
    cols = ["outlet", "word", "occurrences", "total", "mean", "example"]
    if not rows:
        return pd.DataFrame(columns=cols)
    hits = pd.DataFrame(rows, columns=["outlet", "word", "change", "text"])
    out = hits.groupby(["outlet", "word"], as_index=False).agg(
        occurrences=("text", "size"), total=("change", "sum"), mean=("change", "mean"), example=("text", "first"))
    out = out.assign(_abs=out["total"].abs()).sort_values(["outlet", "_abs", "word"], ascending=[True, False, True],
                                                          kind="stable")
    return out.groupby("outlet").head(top)[cols].reset_index(drop=True)


def show_summary(corpus, use_overrides: bool = False) -> None:
    """Headline figures: sentences scored, furniture left out, mean tone, shares; notes.

    Parameters
    ----------
    corpus: the corpus.
    use_overrides: report the override scores.
    """
    from . import display

    all_sents = scored_sentences(corpus, use_overrides, include_furniture=True)
    frame = all_sents[~all_sents["is_furniture"]]
    ovr = corpus.reference.objects.get(REFERENCE) if corpus.reference is not None else None
    which = (f"VADER with {len(ovr) if ovr else 0} override(s) from {Path(ovr.source).name if ovr else '-'}"
             if use_overrides else "VADER (NLTK), no overrides")
    display.headline("Scores", which)
    display.headline("Sentences scored", f"{len(all_sents):,}",
                     f"{int(all_sents['is_furniture'].sum()):,} in page furniture, left out of the figures below")
    if len(frame):
        display.headline("Mean sentence compound", f"{frame['compound'].mean():+.3f}", "-1 to +1")
        shares = frame["tone"].value_counts(normalize=True)
        display.headline("Negative / neutral / positive sentences",
                         " / ".join(f"{shares.get(t, 0):.0%}" for t in TONES), "compound thresholds ±0.05")
    for note in corpus.notes:
        display.show_text(f"Note: {note}")
