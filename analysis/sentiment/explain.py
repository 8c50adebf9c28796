"""Word-level explanations of VADER scores.

:func:`explain` traces NLTK's own rules token by token (lexicon or override valence, caps,
boosters, negation, idioms, "but", punctuation) so the changes add up to VADER's sum and the
compound; :func:`drivers` summarises that in one line; :func:`explain_rows` gives the raw steps.
:func:`analysis.sentiment.tables.extreme_sentences` and
:func:`analysis.sentiment.tables.word_drivers` use them over a corpus.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.sentiment._fastvader import first_positions
from analysis.sentiment.stage import Overrides, analyzer, analyzer_for, as_overrides

EXPLAIN_COLUMNS = ["position", "word", "context_position", "effect", "trigger", "change", "valence", "compound_share"]


# --- explanations ---------------------------------------------------------------------------


def _never_effect(words: list[str], start_i: int, i: int, before: float, after: float) -> tuple[str, str]:
    c = analyzer().constants
    if before and math.isclose(after / before, c.N_SCALAR):
        return "negation", words[i - (start_i + 1)]
    if start_i == 2 and words[i - 1] in ("so", "this"):
        return "emphasis", words[i - 1]
    return "emphasis", " ".join(words[i - start_i - 1 : i - start_i + 1])


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
                    steps.append(("idiom", " ".join(words[max(0, i - 3) : i + 3]), new - v, new))
                v = new
    new = an._least_check(v, words, i)
    if new != v:
        steps.append(("negation", "least", new - v, new))
    return new, steps


def explain_rows(text: str, ovr: Overrides | None) -> tuple[list[tuple], dict[str, float]]:
    """The rows and attrs of :func:`explain`, without building a frame."""
    from nltk.sentiment.vader import SentiText

    an = analyzer_for(ovr)
    c = an.constants
    st = SentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)
    words = st.words_and_emoticons
    first = first_positions(words)
    ovr_words = ovr.as_dict() if ovr else {}
    sentiments: list[float] = []
    rows: list[tuple] = []
    for k, item in enumerate(words):
        i = first[item]  # NLTK looks at the neighbours of a token's first occurrence
        if (
            i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of"
        ) or item.lower() in c.BOOSTER_DICT:
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
    rows, attrs = explain_rows(text, as_overrides(overrides))
    frame = pd.DataFrame.from_records(rows, columns=EXPLAIN_COLUMNS).astype(
        {
            "position": "int64",
            "word": "object",
            "context_position": "int64",
            "effect": "object",
            "trigger": "object",
            "change": "float64",
            "valence": "float64",
            "compound_share": "float64",
        }
    )
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
    rows, _ = explain_rows(text, as_overrides(overrides))
    by_word: dict[tuple[int, str], list[tuple]] = {}
    for r in rows:
        by_word.setdefault((r[0], r[1]), []).append(r)
    parts = []
    for (_, word), steps in by_word.items():
        net = sum(r[5] for r in steps)
        detail = ", ".join(
            f"{r[3]} {r[5]:+.2f}" + (f" [{r[4]}]" if r[4] != word and r[3] != "but" else "") for r in steps
        )
        shown = len(steps) > 1 or steps[0][3] not in ("lexicon", "punctuation")
        parts.append((abs(net), f"{word} {net:+.2f}" + (f" ({detail})" if shown else "")))
    parts.sort(key=lambda p: -p[0])
    return "; ".join(p for _, p in parts[:top]) or "no scored words"
