"""Paragraphs that outlets share: near-duplicate clusters by word shingles and MinHash LSH.

Method (near-linear in the number of paragraphs):

1. Paragraphs of fewer than :data:`MIN_WORDS` words are left out.
2. Each paragraph becomes its set of word :data:`SHINGLE_K`-shingles (lower-cased words, punctuation,
   quote style and case ignored) and a MinHash signature of :data:`NUM_PERM` hashes.
3. LSH: the signature is cut into :data:`BANDS` bands; within a band, paragraphs with an equal band are
   sorted by position and each is paired with the next one (a chain, so a band shared by ``m``
   paragraphs costs ``m - 1`` candidates, never ``m**2``).
4. A candidate pair is kept when its estimated Jaccard similarity is at least :data:`JACCARD_MIN`;
   kept pairs are joined transitively (union-find) into clusters.

Everything is deterministic: rows are sorted by (doc_id, para_id) first, hashes are seeded constants.
"""
from __future__ import annotations

import numpy as np

from . import _shingles as sh

MIN_WORDS = 12
SHINGLE_K = 3
NUM_PERM = 128
BANDS = 32
JACCARD_MIN = 0.5
DF_MAX = 64  # exact-index variant only: shingles in more paragraphs than this are not used
MEMBER_COLUMNS = ["cluster_id", "doc_id", "para_id", "start", "end", "outlet", "published", "words",
                  "cross_outlet", "is_first"]


def lsh_pairs(sig: np.ndarray, bands: int = BANDS,
              usable: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
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
            key = sh._mix64(key ^ sig[idx, c])
        order = np.lexsort((idx, key))
        k, members = key[order], idx[order]
        same = k[1:] == k[:-1]
        lefts.append(members[:-1][same])
        rights.append(members[1:][same])
    return _unique_pairs(np.concatenate(lefts or [np.zeros(0, np.int64)]),
                         np.concatenate(rights or [np.zeros(0, np.int64)]))


def _unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct unordered pairs as sorted (left < right) arrays, self-pairs dropped."""
    left, right, _ = _counted_pairs(a, b)
    return left, right


def _counted_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct unordered pairs (left < right) with how often each occurs, self-pairs dropped."""
    left, right = np.minimum(a, b), np.maximum(a, b)
    keep = left != right
    code, counts = np.unique(left[keep].astype(np.int64) * (1 << 31) + right[keep], return_counts=True)
    return code >> 31, code & ((1 << 31) - 1), counts


def estimated_jaccard(sig: np.ndarray, left: np.ndarray, right: np.ndarray,
                      chunk: int = 100_000) -> np.ndarray:
    """The fraction of equal MinHash columns for each pair (an estimate of the Jaccard similarity).

    Parameters
    ----------
    sig: signatures from :func:`analysis.syndication._shingles.minhash`.
    left, right: row indices of the pairs.
    chunk: pairs compared at once.

    Returns
    -------
    A float array, one value per pair.
    """
    out = np.empty(len(left), dtype=np.float64)
    for lo in range(0, len(left), chunk):
        sl = slice(lo, lo + chunk)
        out[sl] = (sig[left[sl]] == sig[right[sl]]).mean(axis=1)
    return out


def candidate_pairs(batch: sh.Shingled, df_max: int = DF_MAX) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs sharing at least one shingle held by at most ``df_max`` texts (the exact-index variant).

    Parameters
    ----------
    batch: shingled texts.
    df_max: shingles in more texts than this are skipped (they would make the pair count quadratic).

    Returns
    -------
    ``(left, right, shared)``: distinct pairs, ``left < right``, and how many of the usable shingles
    each pair has in common (a lower bound of its true intersection).
    """
    order = np.lexsort((batch.text_of, batch.keys))
    keys, texts = batch.keys[order], batch.text_of[order]
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
    starts, sizes = bounds[:-1], np.diff(bounds)
    lefts, rights = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for d in range(2, df_max + 1):
        s = starts[sizes == d]
        if not len(s):
            continue
        block = texts[s[:, None] + np.arange(d)[None, :]]
        i, j = np.triu_indices(d, k=1)
        lefts.append(block[:, i].ravel())
        rights.append(block[:, j].ravel())
    return _counted_pairs(np.concatenate(lefts), np.concatenate(rights))


def jaccard_pairs(batch: sh.Shingled, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Exact Jaccard similarity of the shingle sets of each pair.

    Parameters
    ----------
    batch: shingled texts.
    left, right: pairs of text positions.

    Returns
    -------
    A float array, one value per pair.
    """
    starts = np.cumsum(batch.sizes) - batch.sizes
    out = np.empty(len(left), dtype=np.float64)
    for n, (a, b) in enumerate(zip(left.tolist(), right.tolist())):
        ka = batch.keys[starts[a]:starts[a] + batch.sizes[a]]
        kb = batch.keys[starts[b]:starts[b] + batch.sizes[b]]
        inter = len(np.intersect1d(ka, kb, assume_unique=True))
        out[n] = inter / (len(ka) + len(kb) - inter)
    return out


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of a graph on ``n`` nodes, labelled by their smallest node.

    Parameters
    ----------
    n: number of nodes.
    left, right: edges.

    Returns
    -------
    An int64 array: for each node, the smallest node of its component.
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(left.tolist(), right.tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.fromiter((find(i) for i in range(n)), dtype=np.int64, count=n)


def near_duplicate_groups(texts: list[str], min_words: int = MIN_WORDS, threshold: float = JACCARD_MIN,
                          num_perm: int = NUM_PERM, bands: int = BANDS) -> tuple[np.ndarray, np.ndarray]:
    """Group texts that are near-duplicates of one another.

    Parameters
    ----------
    texts: the texts, in a fixed order.
    min_words: texts with fewer words are never grouped.
    threshold: minimum estimated Jaccard similarity of word shingles for a pair to join.
    num_perm, bands: MinHash length and LSH bands.

    Returns
    -------
    ``(group, words)``: for each text, the position of the first text of its group (its own
    position when it is alone) and its word count.
    """
    tokens = [sh.words_of(t) for t in texts]
    batch = sh.shingle(tokens, k=SHINGLE_K)
    usable = batch.words >= min_words
    sig = sh.minhash(batch, num_perm=num_perm)
    left, right = lsh_pairs(sig, bands=bands, usable=usable)
    keep = estimated_jaccard(sig, left, right) >= threshold
    return components(len(texts), left[keep], right[keep]), batch.words
