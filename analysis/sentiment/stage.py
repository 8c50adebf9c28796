"""Sentence tone with NLTK's VADER: the ``sentiment`` stage, its overrides and the analyzer.

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

Aggregates over the scores (tone per article, outlet and actor; the overrides' effect) are in
:mod:`analysis.sentiment.tables`; word-level explanations of a score in :mod:`analysis.sentiment.explain`.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import nltkdata
from analysis.columns import Columns, to_frame

FRAME = "sentences"
REFERENCE = "sentiment_overrides"
SCORES = ("neg", "neu", "pos", "compound")
OVR = "_ovr"
COLUMNS: dict[str, str] = {
    "sent_id": "int32",
    **dict.fromkeys(SCORES, "float64"),
    **{c + OVR: "float64" for c in SCORES},
}

NEUTRAL = "neutral"
VALENCE_RANGE = (-4.0, 4.0)
NORMALIZE_ALPHA = 15  # VADER: compound = S / sqrt(S^2 + alpha)


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
            hint = (
                " (quote words YAML reads as booleans or numbers: 'no', 'yes', 'on', 'off')"
                if isinstance(key, (bool, int, float))
                else ""
            )
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
        raise ValueError(
            f"{path}: sentiment overrides must be a mapping word -> valence (or 'neutral'), got a {type(data).__name__}"
        )
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
    """NLTK's VADER analyzer on the offline lexicon; one per process (cached).

    It is NLTK's ``SentimentIntensityAnalyzer`` with its tokenisation made linear
    (:mod:`analysis.sentiment._fastvader`): the same scores, about twice as fast.
    """
    nltkdata.require()
    from analysis.sentiment._fastvader import FastSentimentIntensityAnalyzer

    return FastSentimentIntensityAnalyzer()  # NLTK's default resource name, never a file path


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


@lru_cache(maxsize=8)
def _override_finder(values: tuple[tuple[str, float], ...]) -> re.Pattern[str] | None:
    """A case-insensitive whole-word pattern for the override words (None when none)."""
    words = sorted({w for w, _ in values}, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])", re.I) if words else None


def annotate_rows(doc, frames: dict, ref: Overrides | None) -> Columns:
    """Scores for every sentence of one document: sent_id plus plain and override columns.

    Parameters
    ----------
    doc: the document (unused beyond its sentences).
    frames: the document's frames; uses ``frames["sentences"]``.
    ref: the loaded overrides (None: the override columns repeat the plain scores).
    """
    base = analyzer()
    patched = analyzer_for(ref)
    finder = _override_finder(ref.values) if ref else None
    sents = frames["sentences"]
    ids = sents["sent_id"].tolist()
    rows = []
    for _sent_id, text in zip(ids, sents["text"].tolist()):
        plain = base.polarity_scores(text)
        # A sentence where no override word stands as a word scores the same either way
        # (VADER looks words up whole, so a word-boundary match is a superset of its hits).
        ovr = patched.polarity_scores(text) if finder is not None and finder.search(text) else plain
        rows.append((*(plain[c] for c in SCORES), *(ovr[c] for c in SCORES)))
    names = list(COLUMNS)[1:]
    scores = [list(c) for c in zip(*rows)] if rows else [[] for _ in names]
    return Columns({"sent_id": list(ids), **dict(zip(names, scores))})


def annotate(doc, frames: dict, ref: Overrides | None = None) -> pd.DataFrame:
    """The frame of :func:`annotate_rows` (same parameters): sent_id plus plain and override scores."""
    return to_frame(annotate_rows(doc, frames, ref), COLUMNS)


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
