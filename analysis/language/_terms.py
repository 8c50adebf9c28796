"""Terms of sentence text: lowercase unigrams and bigrams with character offsets.

Every occurrence keeps the sentence it came from and its offsets inside that sentence's text,
so a table of distinctive terms can point back to the sentences behind each term.

Rules (each a constant below)
-----------------------------
* A token is a run of letters, with inner apostrophes or hyphens ("don't", "well-known");
  a word that holds a digit or an underscore ("G7", "mp3", "19-year-old") is dropped whole,
  and so is punctuation ("covid-19" keeps "covid"). Tokens are lower-cased, a curly
  apostrophe (U+2019) becomes "'", and a possessive "'s" is cut ("Blair's" -> "blair").
* Unigrams in :data:`STOPWORDS`, or shorter than :data:`MIN_TOKEN_CHARS`, are dropped.
* A bigram is two tokens with only white space between them, in one sentence (a comma, a dash,
  a dropped number or a possessive breaks the pair). Bigrams made only of stopwords ("of the")
  are dropped; so are bigrams that start or end with one while :data:`BIGRAM_EDGE_STOPWORDS` is
  true: on the BBC set, "the company", "the film", "the best" otherwise fill top-20 slots that
  only repeat the unigram.
* A term is a *name* when more than :data:`NAME_SHARE` of its mid-sentence occurrences are
  capitalised (a bigram: both words), or of its occurrences overlap given actor-mention spans.
  Acronyms ("BBC", "TV") count as capitalised; months and weekdays (:data:`NOT_NAMES`) never
  are names. Sentence-initial occurrences do not vote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd

# Function words only (contractions in "'s" need no entry: the "'s" is cut first). Reporting verbs
# ("said", "says") and honorifics ("mr") are kept on purpose: how an outlet attributes and addresses
# people is part of its language.
STOPWORDS: frozenset[str] = frozenset(
    (
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "ago",
        "all",
        "almost",
        "along",
        "already",
        "also",
        "although",
        "always",
        "am",
        "among",
        "an",
        "and",
        "another",
        "any",
        "anyone",
        "anything",
        "are",
        "around",
        "as",
        "at",
        "be",
        "became",
        "because",
        "become",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "enough",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "many",
        "may",
        "me",
        "might",
        "mine",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "neither",
        "never",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "onto",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "quite",
        "rather",
        "same",
        "shall",
        "she",
        "should",
        "since",
        "so",
        "some",
        "somehow",
        "someone",
        "something",
        "soon",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "too",
        "toward",
        "towards",
        "under",
        "unless",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "whatever",
        "when",
        "whenever",
        "where",
        "whereas",
        "wherever",
        "whether",
        "which",
        "while",
        "who",
        "whoever",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "aren't",
        "can't",
        "couldn't",
        "didn't",
        "doesn't",
        "don't",
        "hadn't",
        "hasn't",
        "haven't",
        "he'd",
        "he'll",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "isn't",
        "it'd",
        "it'll",
        "she'd",
        "she'll",
        "shouldn't",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "wasn't",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "weren't",
        "won't",
        "wouldn't",
        "you'd",
        "you'll",
        "you're",
        "you've",
    )
)
MIN_TOKEN_CHARS = 2  # shorter tokens ("u" and "s" of "U.S.") are dropped
BIGRAM_EDGE_STOPWORDS = True  # drop bigrams with a stopword at either end, not only all-stopword ones
NAME_SHARE = 0.5  # above this share of capitalised mid-sentence (or mention) occurrences: a name
# Capitalised by convention, not names: months and weekdays stay with the words.
NOT_NAMES: frozenset[str] = frozenset(
    """january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split()
)

_APOSTROPHES = "'\u2019"
_WORD = rf"[^\W\d_]+(?:[{_APOSTROPHES}\-][^\W\d_]+)*"
# (text before the token)(the token)(white space after it): findall gives contiguous pieces,
# so offsets follow from the piece lengths without a Python call per match.
TOKEN_RE = re.compile(rf"([\s\S]*?)(?<![\w\-])({_WORD})(?!\w|[{_APOSTROPHES}]\w)(\s*)")
CHUNK_CHARS = 2_000_000  # characters tokenised per regex pass (bounds the memory of the raw tokens)
_SEPARATOR = "\x00"  # joins sentence texts: not white space, so no bigram crosses sentences


class TermIndex(NamedTuple):
    """Every counted term occurrence of a list of sentence texts (arrays of one length).

    ``vocab`` holds the term strings (unigrams, then bigrams); ``term`` indexes it. ``row`` is
    the sentence's position in the input; ``start``/``end`` are offsets in that sentence's text.
    ``mid`` says the occurrence does not start its sentence; ``cap`` that it is capitalised.
    """

    vocab: np.ndarray
    term: np.ndarray
    row: np.ndarray
    start: np.ndarray
    end: np.ndarray
    mid: np.ndarray
    cap: np.ndarray


def _lengths(pieces: Iterable[str]) -> np.ndarray:
    """Lengths of strings as an int64 array.

    Parameters
    ----------
    pieces: the strings (any iterable).

    Returns
    -------
    int64 array of their lengths.
    """
    return np.fromiter(map(len, pieces), dtype=np.int64)


def _chunks(lengths: np.ndarray, size: int) -> list[tuple[int, int]]:
    """(lo, hi) row ranges holding about ``size`` characters each (at least one row).

    Parameters
    ----------
    lengths: the length of each text.
    size: characters per chunk.

    Returns
    -------
    list of half-open (lo, hi) row ranges covering all rows, in order.
    """
    reach = np.cumsum(lengths + 1)  # characters up to the end of each text, separators included
    ends = np.searchsorted(reach, np.arange(size, int(reach[-1]) + size, size)) if len(reach) else reach
    bounds = np.unique(np.concatenate([[0], np.minimum(ends + 1, len(lengths)), [len(lengths)]]))
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))


def _scan(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Tokens of all texts: normalised token code, row, offsets, flags; plus ``tokens`` strings.

    The texts are read :data:`CHUNK_CHARS` characters at a time, so memory stays bounded.

    Parameters
    ----------
    texts: the sentence texts.

    Returns
    -------
    dict of arrays (one entry per token) and ``tokens``: the normalised token strings.
    """
    texts = [str(t) for t in texts]
    text_len = _lengths(texts)
    bases = np.concatenate([[0], np.cumsum(text_len + 1)[:-1]]).astype(np.int64)
    seen: dict[str, int] = {}  # raw token -> code
    parts: dict[str, list[np.ndarray]] = {"code": [], "start": [], "length": [], "before": [], "space": []}
    for lo, hi in _chunks(text_len, CHUNK_CHARS):
        found = TOKEN_RE.findall(_SEPARATOR.join(texts[lo:hi]))
        raw = list(map(itemgetter(1), found))
        before, length, space = (
            _lengths(map(itemgetter(0), found)),
            _lengths(raw),
            _lengths(map(itemgetter(2), found)),
        )
        codes, uniq = pd.factorize(pd.Series(raw, dtype=object))
        ids = np.array([seen.setdefault(u, len(seen)) for u in uniq], dtype=np.int64)
        parts["code"].append(ids[codes] if len(codes) else codes.astype(np.int64))
        parts["start"].append(bases[lo] + np.cumsum(before + length + space) - space - length)
        for name, values in (("length", length), ("before", before), ("space", space)):
            parts[name].append(values)
    code, gstart, length, before, space = (
        np.concatenate(parts[n]) if parts[n] else np.zeros(0, np.int64)
        for n in ("code", "start", "length", "before", "space")
    )
    row = np.searchsorted(bases, gstart, side="right") - 1
    uniq = list(seen)
    norm = [u.lower().replace("\u2019", "'") for u in uniq]
    possessive = np.array([n.endswith("'s") for n in norm], dtype=bool)
    norm = [n[:-2] if p else n for n, p in zip(norm, possessive, strict=True)]
    capital = np.array([u[:1].isupper() for u in uniq], dtype=bool)
    tcodes, tokens = pd.factorize(pd.Series(norm, dtype=object))
    start = gstart - bases[row]
    first = np.ones(len(code), dtype=bool)
    first[1:] = row[1:] != row[:-1]
    adjacent = np.zeros(len(code), dtype=bool)  # token k and k+1 form a bigram candidate
    adjacent[:-1] = (space[:-1] > 0) & (before[1:] == 0) & ~first[1:] & ~possessive[code[:-1]]
    return {
        "token": tcodes[code],
        "row": row,
        "start": start,
        "end": start + length - 2 * possessive[code],
        "first": first,
        "cap": capital[code],
        "adjacent": adjacent,
        "tokens": np.asarray(tokens, dtype=object),
    }


def index_terms(texts: Sequence[str]) -> TermIndex:
    """Unigram and bigram occurrences of sentence texts, stopwords and numbers left out.

    Parameters
    ----------
    texts: the sentence texts, in order (``row`` in the result is a position in this list).

    Returns
    -------
    TermIndex: unigram occurrences first (in text order), then bigram occurrences.
    """
    t = _scan(texts)
    tokens = t["tokens"]
    stop = np.array([w in STOPWORDS or len(w) < MIN_TOKEN_CHARS for w in tokens], dtype=bool)
    tok = t["token"]
    uni = ~stop[tok]
    k = np.flatnonzero(t["adjacent"])
    left, right = tok[k], tok[k + 1]
    drop = (stop[left] | stop[right]) if BIGRAM_EDGE_STOPWORDS else (stop[left] & stop[right])
    k, left, right = k[~drop], left[~drop], right[~drop]
    pair_codes, pairs = pd.factorize(left.astype(np.int64) * len(tokens) + right)
    pairs = np.asarray(pairs, dtype=np.int64)
    bigram_vocab = [f"{tokens[p // len(tokens)]} {tokens[p % len(tokens)]}" for p in pairs]
    vocab = np.asarray(list(tokens) + bigram_vocab, dtype=object)
    return TermIndex(
        vocab=vocab,
        term=np.concatenate([tok[uni], len(tokens) + pair_codes]).astype(np.int64),
        row=np.concatenate([t["row"][uni], t["row"][k]]).astype(np.int64),
        start=np.concatenate([t["start"][uni], t["start"][k]]).astype(np.int64),
        end=np.concatenate([t["end"][uni], t["end"][k + 1]]).astype(np.int64),
        mid=np.concatenate([~t["first"][uni], ~t["first"][k]]),
        cap=np.concatenate([t["cap"][uni], t["cap"][k] & t["cap"][k + 1]]),
    )


def text_terms(text: str) -> list[tuple[str, int, int]]:
    """The terms of one text as (term, start, end), in order of start (unigram before bigram).

    Parameters
    ----------
    text: one sentence.

    Returns
    -------
    list of (term, start offset, end offset) into ``text``.
    """
    ix = index_terms([text])
    order = np.lexsort((ix.end, ix.start))
    return [(str(ix.vocab[ix.term[i]]), int(ix.start[i]), int(ix.end[i])) for i in order]


def overlaps_spans(
    keys: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    span_keys: np.ndarray,
    span_starts: np.ndarray,
    span_ends: np.ndarray,
) -> np.ndarray:
    """Whether each interval [start, end) overlaps any span with the same key (vectorised).

    Parameters
    ----------
    keys, starts, ends: the intervals to test (integer document key, offsets).
    span_keys, span_starts, span_ends: the spans (for instance actor mentions).

    Returns
    -------
    bool array, one per interval.
    """
    if len(span_keys) == 0 or len(keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    width = int(max(np.max(ends), np.max(span_ends))) + 1
    s = np.asarray(span_keys, dtype=np.int64) * width + np.asarray(span_starts, dtype=np.int64)
    e = np.asarray(span_keys, dtype=np.int64) * width + np.asarray(span_ends, dtype=np.int64)
    order = np.argsort(s, kind="stable")
    s, e = s[order], np.maximum.accumulate(e[order])  # running max: the union's reach so far
    q_start = np.asarray(keys, dtype=np.int64) * width + np.asarray(starts, dtype=np.int64)
    q_end = np.asarray(keys, dtype=np.int64) * width + np.asarray(ends, dtype=np.int64)
    i = np.searchsorted(s, q_end, side="left") - 1
    return (i >= 0) & (e[np.maximum(i, 0)] > q_start)


def name_flags(index: TermIndex, in_mention: np.ndarray | None = None) -> np.ndarray:
    """Per vocabulary term: whether it is a name (see the module notes).

    Parameters
    ----------
    index: the term occurrences.
    in_mention: optional bool per occurrence, true where it overlaps an actor mention.

    Returns
    -------
    bool array over ``index.vocab``.
    """
    n = len(index.vocab)
    mid = np.bincount(index.term, weights=index.mid, minlength=n)
    cap_mid = np.bincount(index.term, weights=index.mid & index.cap, minlength=n)
    flag = cap_mid > NAME_SHARE * mid
    flag &= mid > 0
    if in_mention is not None:
        total = np.bincount(index.term, minlength=n)
        flag |= np.bincount(index.term, weights=in_mention, minlength=n) > NAME_SHARE * np.maximum(total, 1)
    return flag & ~np.isin(index.vocab, list(NOT_NAMES))
