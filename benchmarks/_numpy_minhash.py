"""The hand-rolled numpy MinHash LSH that ``analysis.syndication`` used before datasketch, kept as a
benchmark reference row (``benchmarks/syndication_libs.py``), plus 64-bit shingle keys for the exact
inverted-index method.

Texts' word tokens come from ``analysis.syndication`` (``words_of``); each distinct word gets a stable
64-bit hash, each run of ``k`` consecutive words one 64-bit shingle key; signatures are 128 affine
hashes modulo 2**64 with a fixed seed; LSH buckets are chained (m - 1 candidates per bucket).
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.syndication._lsh import counted_pairs

BANDS = 32
MINHASH_SEED = 20160630
MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
MIX_2 = np.uint64(0x94D049BB133111EB)


class Shingled(NamedTuple):
    """Shingle keys of a batch of texts, one row per (text, shingle).

    ``text_of[i]`` is the position (0-based) of the text that holds ``keys[i]``; rows are grouped by
    text in text order. ``sizes[t]`` is the number of shingle rows of text ``t`` and ``words[t]`` its
    word count.
    """

    text_of: np.ndarray
    keys: np.ndarray
    sizes: np.ndarray
    words: np.ndarray


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a fixed bijective scramble of uint64 values."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * MIX_1
        x = (x ^ (x >> np.uint64(27))) * MIX_2
        return x ^ (x >> np.uint64(31))


def word_hashes(words: list[str] | np.ndarray) -> np.ndarray:
    """A stable 64-bit hash of each word (BLAKE2b), independent of the corpus and of the process.

    Parameters
    ----------
    words: distinct words.

    Returns
    -------
    A uint64 array, one hash per word.
    """
    digest = (hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest() for w in words)
    if not len(words):
        return np.zeros(0, np.uint64)
    return np.frombuffer(b"".join(digest), dtype="<u8").astype(np.uint64)


def shingle(token_lists: list[list[str]], k: int = 3, distinct: bool = True) -> Shingled:
    """The distinct word ``k``-shingles of each token list, as 64-bit keys.

    Parameters
    ----------
    token_lists: one token list per text (e.g. from :func:`words_of`).
    k: words per shingle; a text shorter than ``k`` words gets one shingle of all its words.
    distinct: sort each text's keys and drop repeats (needed for set sizes and exact overlaps; MinHash
        does not need it, and skipping it saves the costliest step).

    Returns
    -------
    A :class:`Shingled` batch (with ``distinct`` False, rows are in text order and ``sizes`` count
    repeats). A key depends only on the ``k`` words in order (stable word hashes folded
    with SplitMix64), so the same shingle has the same key in any corpus.
    """
    n = len(token_lists)
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=n)
    flat = [w for toks in token_lists for w in toks]
    codes, uniques = pd.factorize(pd.Series(flat, dtype=object), sort=False)
    hashed = word_hashes(list(uniques))[codes] if len(flat) else np.zeros(0, np.uint64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    span = np.maximum(lengths - k + 1, np.minimum(lengths, 1))  # shingles per text (short text: one)
    text_of = np.repeat(np.arange(n, dtype=np.int64), span)
    first = np.repeat(starts, span) + (np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span))
    limit = np.repeat(ends, span)
    keys = np.full(len(first), np.uint64(k), dtype=np.uint64)
    for j in range(k):
        pos = first + j
        inside = pos < limit
        part = hashed[np.minimum(pos, len(hashed) - 1)] if len(hashed) else np.zeros(0, np.uint64)
        keys = np.where(inside, mix64(keys ^ part), keys)
    if distinct:
        order = np.lexsort((keys, text_of))
        text_of, keys = text_of[order], keys[order]
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = (text_of[1:] != text_of[:-1]) | (keys[1:] != keys[:-1])
        text_of, keys = text_of[keep], keys[keep]
    sizes = np.bincount(text_of, minlength=n).astype(np.int64)
    return Shingled(text_of=text_of, keys=keys, sizes=sizes, words=lengths)


def minhash(batch: Shingled, num_perm: int = 64, chunk: int = 65_536) -> np.ndarray:
    """MinHash signatures of every text in a shingled batch.

    Parameters
    ----------
    batch: the output of :func:`shingle`.
    num_perm: number of hash functions (signature length); hash ``i`` is ``a_i * x + b_i`` modulo 2**64
        on the scrambled key ``x``, with fixed random odd ``a_i`` and any ``b_i``.
    chunk: shingles processed at once (bounds memory to about ``chunk * num_perm * 8`` bytes).

    Returns
    -------
    A ``(texts, num_perm)`` uint64 array; a text with no shingles gets the all-max row. The
    fraction of equal columns between two rows estimates the Jaccard similarity of their shingle sets.
    """
    rng = np.random.default_rng(MINHASH_SEED)
    a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    x = mix64(batch.keys)
    n = len(batch.sizes)
    sig = np.full((n, num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
    starts = np.cumsum(batch.sizes) - batch.sizes
    present = np.flatnonzero(batch.sizes > 0)
    buf = np.empty((num_perm, chunk), dtype=np.uint64)  # reused: fresh pages cost more than the maths
    lo = 0
    while lo < len(present):
        # as many whole texts as fit in one chunk (at least one)
        ends = starts[present] + batch.sizes[present]
        room = np.searchsorted(ends, starts[present[lo]] + chunk, side="right")
        hi = max(lo + 1, int(room))
        texts = present[lo:hi]
        first, last = starts[texts[0]], starts[texts[-1]] + batch.sizes[texts[-1]]
        width = last - first
        if width > buf.shape[1]:
            buf = np.empty((num_perm, width), dtype=np.uint64)
        h = buf[:, :width]
        with np.errstate(over="ignore"):
            np.multiply(a[:, None], x[None, first:last], out=h)
            h += b[:, None]
        sig[texts] = np.minimum.reduceat(h, starts[texts] - first, axis=1).T
        lo = hi
    return sig


def lsh_pairs(sig: np.ndarray, bands: int = BANDS, usable: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs from banded MinHash signatures, chained within each bucket.

    Parameters
    ----------
    sig: ``(n, num_perm)`` signatures; ``num_perm`` must be a multiple of ``bands``.
    bands: number of bands (rows per band = ``num_perm // bands``).
    usable: optional boolean mask of rows that may pair (e.g. texts with at least one shingle).

    Returns
    -------
    ``(left, right)`` int64 arrays of distinct pairs with ``left < right``, sorted.
    """
    n, num_perm = sig.shape
    rows = num_perm // bands
    idx = np.arange(n, dtype=np.int64) if usable is None else np.flatnonzero(usable)
    lefts, rights = [], []
    for b in range(bands):
        key = np.full(len(idx), np.uint64(b), dtype=np.uint64)
        for c in range(b * rows, (b + 1) * rows):
            key = mix64(key ^ sig[idx, c])
        order = np.lexsort((idx, key))
        k, members = key[order], idx[order]
        same = k[1:] == k[:-1]
        lefts.append(members[:-1][same])
        rights.append(members[1:][same])
    return _unique_pairs(
        np.concatenate(lefts or [np.zeros(0, np.int64)]), np.concatenate(rights or [np.zeros(0, np.int64)])
    )


def _unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct unordered pairs as sorted (left < right) arrays, self-pairs dropped."""
    left, right, _ = counted_pairs(a, b)
    return left, right
